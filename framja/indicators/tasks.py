"""Background tasks of the indicators, run by the task worker (``framja db_worker``)."""

from django.tasks import task

from framja.indicators import services


@task
def run_import_job(job_id: int) -> dict[str, int | str]:
    """Import an uploaded file of values; the job records progress and the outcome."""
    job = services.import_job_run(job_id=job_id)
    return {"job": job.pk, "state": job.state, "created": job.created, "updated": job.updated}
