"""Indicator pages: read by everyone logged in, kept and imported by catalogue administrators."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from framja.core.models import AuditAction, AuditEvent
from framja.indicators.keys import indicators_by_code
from framja.indicators.models import DataSource, ImportJob, Indicator, IndicatorValue, JobState
from framja.indicators.records import ValueRecord
from framja.indicators.services import store_values


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def indicator_post(source: DataSource, **overrides: str) -> dict[str, str]:
    return {
        "name": "Andel som röker dagligen",
        "code": "rokare",
        "description": "",
        "source": str(source.pk),
        "unit": "procent",
        "direction": "lower",
        "level": "municipality",
        "periodicity": "year",
        "kolada_kpi_id": "",
        "pxweb_url": "",
        "pxweb_selection": "",
        **overrides,
    }


def test_the_list_shows_the_catalogue_and_filters_by_source(world, indicator, other_indicator):
    # given
    egen = DataSource.objects.get(name="Egen mätning")
    Indicator.objects.create(code="egen", name="Egen indikator", source=egen)
    client = client_for(world["rita"])

    # when
    everything = client.get(reverse("indicators:list"))
    filtered = client.get(reverse("indicators:list"), {"kalla": egen.pk})

    # then
    assert [i.code for i in everything.context["indicators"]] == [
        "cni",
        "egen",
        "paverkbar-slutenvard",
    ]
    assert [i.code for i in filtered.context["indicators"]] == ["egen"]
    assert "1 indikator från Egen mätning" in filtered.content.decode()
    assert "Ny indikator" not in everything.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(db, indicator):
    response = Client().get(reverse("indicators:detail", kwargs={"code": indicator.code}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_detail_page_shows_the_latest_values(world, indicator):
    # given
    store_values(
        [
            ValueRecord(indicator.code, "0012", "2023", "T", 100.0),
            ValueRecord(indicator.code, "0012", "2024", "T", 95.25),
            ValueRecord(indicator.code, "0000", "2024", "T", None, status=".."),
        ],
        source="Test",
        indicator_resolver=indicators_by_code,
        user=None,
    )

    # when
    response = client_for(world["rita"]).get(indicator.get_absolute_url())

    # then
    summary = response.context["summary"]
    assert (summary.count, summary.first_period, summary.last_period) == (3, "2023", "2024")
    assert [(v.place_code, v.value) for v in summary.latest] == [("0000", None), ("0012", 95.25)]
    page = response.content.decode()
    assert "3 värden, från 2023 till 2024." in page
    assert "95,25" in page
    assert response.context["events"] == []


def test_a_catalogue_admin_creates_an_indicator_and_it_is_audited(catalogue_admin, source):
    # when
    response = client_for(catalogue_admin).post(
        reverse("indicators:create"), indicator_post(source, pxweb_selection='{"query": []}')
    )

    # then
    indicator = Indicator.objects.get(code="rokare")
    assert response.status_code == 302
    assert response["Location"] == indicator.get_absolute_url()
    assert (indicator.direction, indicator.level, indicator.pxweb_selection) == (
        "lower",
        "municipality",
        {"query": []},
    )
    event = AuditEvent.objects.get(object_type="indicators.indicator")
    assert (event.action, event.actor, event.changes["name"]) == (
        AuditAction.CREATE,
        catalogue_admin,
        [None, "Andel som röker dagligen"],
    )


def test_editing_records_what_changed(catalogue_admin, indicator, source):
    # when
    client = client_for(catalogue_admin)
    client.post(
        reverse("indicators:edit", kwargs={"code": indicator.code}),
        indicator_post(source, name="Påverkbar slutenvård", code=indicator.code),
    )

    # then
    indicator.refresh_from_db()
    assert indicator.name == "Påverkbar slutenvård"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE)
    assert event.changes["name"] == [
        "Påverkbar slutenvård vid kronisk sjukdom",
        "Påverkbar slutenvård",
    ]
    detail = client.get(indicator.get_absolute_url())
    assert [e.pk for e in detail.context["events"]] == [event.pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"code": "ny"}, "code", "Koden ny är reserverad. Välj en annan."),
        ({"code": "paverkbar-slutenvard"}, "code", "Det finns redan en indikator med den koden."),
        ({"pxweb_selection": "{inte json"}, "pxweb_selection", "Fyll i ett giltigt JSON."),
    ],
)
def test_the_form_explains_what_is_wrong(
    catalogue_admin, indicator, source, overrides, field, message
):
    response = client_for(catalogue_admin).post(
        reverse("indicators:create"), indicator_post(source, **overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Indicator.objects.count() == 1


def test_an_organisation_administrator_may_not_edit_the_catalogue(world, indicator, source):
    client = client_for(world["alice"])

    assert client.get(reverse("indicators:create")).status_code == 403
    response = client.post(
        reverse("indicators:edit", kwargs={"code": indicator.code}),
        indicator_post(source, name="Annat", code=indicator.code),
    )
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.name == "Påverkbar slutenvård vid kronisk sjukdom"


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_an_upload_is_imported_by_the_task_and_the_job_shows_the_result(catalogue_admin, indicator):
    # given
    client = client_for(catalogue_admin)
    text = "indikator;plats;period;kön;värde\npaverkbar-slutenvard;0012;2024;T;12,5\n"

    # when (the tests run tasks at once; the worker does it in production)
    response = client.post(reverse("indicators:import"), {"file": upload("v.csv", text)})

    # then
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.state, job.created, job.updated, job.done, job.total) == (JobState.DONE, 1, 0, 1, 1)
    assert job.created_by == catalogue_admin
    assert job.task_id
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [12.5]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1 nya värden och 0 ersatta." in page
    assert "<progress" not in page
    state = client.get(reverse("indicators:import_job_state", kwargs={"pk": job.pk})).json()
    assert state == {
        "state": "done",
        "label": "klar",
        "done": 1,
        "total": 1,
        "text": "",
        "finished": True,
    }
    assert AuditEvent.objects.filter(object_type="indicators.importjob").count() == 1


def test_a_failed_import_shows_every_error_and_stores_nothing(catalogue_admin, indicator):
    client = client_for(catalogue_admin)
    text = (
        "indikator;plats;period;värde\n"
        "paverkbar-slutenvard;0012;2024;1\n"
        "paverkbar-slutenvard;0012;2025;x\n"
    )

    client.post(reverse("indicators:import"), {"file": upload("fel.csv", text)})

    job = ImportJob.objects.get()
    assert job.state == JobState.FAILED
    assert job.error == "fel.csv, rad 3, fältet värde: ”x” är inget tal."
    assert IndicatorValue.objects.count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Importen misslyckades. Inget sparades." in page
    assert "fel.csv, rad 3, fältet värde: ”x” är inget tal." in page


def test_a_queued_job_shows_progress_with_a_refresh_link(catalogue_admin, indicator):
    # given a job the worker has not finished
    job = ImportJob.objects.create(
        created_by=catalogue_admin,
        file_name="stor.csv",
        state=JobState.READING,
        done=500,
        total=2000,
    )

    # when
    response = client_for(catalogue_admin).get(job.get_absolute_url())

    # then
    page = response.content.decode()
    assert '<progress id="import-bar" max="2000" value="500">' in page
    assert "500 av 2\xa0000 rader lästa" in page
    assert f'href="{job.get_absolute_url()}">Uppdatera</a>' in page
    assert "framja/import-progress.js" in page
    assert "<script>" not in page


def test_the_upload_form_refuses_other_files(catalogue_admin, indicator):
    response = client_for(catalogue_admin).post(
        reverse("indicators:import"), {"file": upload("plan.docx", "x")}
    )

    assert response.context["form"].errors["file"] == [
        "Filen ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)."
    ]
    assert ImportJob.objects.count() == 0


def test_others_cannot_follow_or_start_imports(world, catalogue_admin, indicator):
    job = ImportJob.objects.create(created_by=catalogue_admin, file_name="v.csv")
    client = client_for(world["alice"])

    assert client.get(job.get_absolute_url()).status_code == 403
    assert (
        client.get(reverse("indicators:import_job_state", kwargs={"pk": job.pk})).status_code == 403
    )
    assert (
        client.post(reverse("indicators:import"), {"file": upload("v.csv", "x")}).status_code == 403
    )
