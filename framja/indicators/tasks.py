"""Background tasks of the indicators, run by the task worker (``framja db_worker``)."""

from django.tasks import task

from framja.indicators import services
from framja.indicators.models import ImportJob


@task
def run_import_job(job_id: int) -> dict[str, int | str]:
    """Import an uploaded file of values, or fetch values from Kolada or a PxWeb table; the
    job records progress and the outcome."""
    job = ImportJob.objects.get(pk=job_id)
    if job.kolada:
        job = services.kolada_job_run(job_id=job_id)
    elif job.pxweb:
        job = services.pxweb_job_run(job_id=job_id)
    else:
        job = services.import_job_run(job_id=job_id)
    return {"job": job.pk, "state": job.state, "created": job.created, "updated": job.updated}
