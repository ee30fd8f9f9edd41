"""The import runs as a task: queued in the database, run by the worker (``db_worker``)."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from framja.indicators.models import ImportJob, IndicatorValue, JobState
from framja.indicators.services import import_job_run, import_job_start


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def csv_upload() -> SimpleUploadedFile:
    text = "indikator;plats;period;värde\npaverkbar-slutenvard;0012;2024;7,5\n"
    return SimpleUploadedFile("v.csv", text.encode())


# The worker closes and reopens its database connection between tasks, as in production;
# that only works outside a test's wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_import(database_tasks, catalogue_admin, indicator):
    # given an upload that waits in the queue
    job = import_job_start(actor=catalogue_admin, upload=csv_upload())
    assert job.state == JobState.QUEUED
    assert IndicatorValue.objects.count() == 0

    # when the worker takes what is queued
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--verbosity",
        "0",
        stdout=StringIO(),
    )

    # then
    job.refresh_from_db()
    assert (job.state, job.created, job.error) == (JobState.DONE, 1, "")
    assert job.indicators == ["paverkbar-slutenvard"]  # the result page links to its charts
    assert job.started_at is not None
    assert job.finished_at is not None
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [7.5]


def test_a_job_runs_only_once(catalogue_admin, indicator):
    # given a job that is done (the tests run tasks at once)
    job = import_job_start(actor=catalogue_admin, upload=csv_upload())
    IndicatorValue.objects.all().delete()

    # when the task is run again, as a retried task would be
    again = import_job_run(job_id=job.pk)

    # then it does nothing
    assert again.state == JobState.DONE
    assert IndicatorValue.objects.count() == 0


def test_an_importer_who_lost_the_right_gets_a_failed_job(
    database_tasks, catalogue_admin, indicator
):
    job = import_job_start(actor=catalogue_admin, upload=csv_upload())
    catalogue_admin.is_catalogue_admin = False
    catalogue_admin.save()

    import_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.state, job.error) == (
        JobState.FAILED,
        "Du får inte längre importera indikatorvärden.",
    )
    assert IndicatorValue.objects.count() == 0


def test_an_unexpected_error_fails_the_job_and_the_task(database_tasks, catalogue_admin, indicator):
    job = import_job_start(actor=catalogue_admin, upload=csv_upload())
    job.file.delete(save=False)

    with pytest.raises(FileNotFoundError):
        import_job_run(job_id=job.pk)

    job = ImportJob.objects.get(pk=job.pk)
    assert job.state == JobState.FAILED
    assert job.error == "Ett oväntat fel inträffade. Inget sparades. Kontakta förvaltningen."


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"state": JobState.QUEUED}, ""),
        (
            {"state": JobState.READING, "done": 50_000, "total": 1_007_640},
            "50 000 av 1 007 640 rader lästa",
        ),
        ({"state": JobState.FETCHING, "done": 0, "kolada": {"kpis": ["N00945"]}}, ""),
        (
            {"state": JobState.FETCHING, "done": 4_000, "kolada": {"kpis": ["N00945"]}},
            "4 000 värden hämtade hittills",
        ),
        (
            {"state": JobState.WRITING, "done": 10, "total": 20, "pxweb": {"url": "https://x"}},
            "10 av 20 värden sparade",
        ),
        ({"state": JobState.DONE, "done": 20, "total": 20}, ""),
    ],
)
def test_the_progress_is_worded_for_what_the_job_does(fields, text):
    job = ImportJob(file_name="v.csv", **fields)

    assert job.progress_text().replace("\xa0", " ") == text
