"""Kolada and PxWeb values into the database: the services and ``framja indicators``.

The clients read the response files in the documented shapes, through the fake transport
or a server on 127.0.0.1; nothing touches the network.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from framja.accounts.models import User
from framja.indicators.http import JsonClient, Response
from framja.indicators.importer import ValueImportError
from framja.indicators.keys import indicators_by_kolada_id
from framja.indicators.kolada import KoladaClient
from framja.indicators.models import (
    DataSource,
    ImportJob,
    Indicator,
    IndicatorValue,
    JobState,
    Place,
)
from framja.indicators.records import ValueRecord
from framja.indicators.services import (
    kolada_import,
    kolada_job_create,
    kolada_job_run,
    kolada_job_start,
    pxweb_import,
    pxweb_job_create,
    pxweb_job_run,
    store_values,
)

from .fakes import FIXTURES, FakeTransport
from .test_local_server import ROUTES, server  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

BASE = "https://api.kolada.se/v3"
DATA = f"{BASE}/data/kpi/N00945,U21432/municipality/0180,1280/year/2000,2024"
PXWEB_TABLE = "https://fohm.example/api/v1/sv/Halsodata/Levnadsvanor/fysisk_aktivitet.px"


def make(code: str, kolada: str = "", pxweb: str = "") -> Indicator:
    return Indicator.objects.create(
        code=code,
        name=code,
        source=DataSource.objects.get(name="Kolada"),
        kolada_kpi_id=kolada,
        pxweb_url=pxweb,
    )


def stored() -> list[tuple[str, str, str, str, float | None, str]]:
    return sorted(
        IndicatorValue.objects.values_list(
            "indicator__code", "place__code", "period", "sex", "value", "status"
        )
    )


def kolada(fake: FakeTransport) -> KoladaClient:
    return KoladaClient(base_url=BASE, http=JsonClient(transport=fake))


@pytest.fixture
def kolada_indicators() -> None:
    make("invanare", kolada="N00945")
    make("fall-hemsjukvard", kolada="U21432")


def test_kolada_values_are_fetched_page_by_page_and_stored_under_the_kpis_indicators(
    kolada_indicators,
):
    # given two pages of answers
    fake = FakeTransport(
        {DATA: "kolada_data_page1.json", f"{DATA}?page=2": "kolada_data_page2.json"}
    )
    progress: list[tuple[int, int]] = []

    # when
    result = kolada_import(
        kpis=["N00945", "U21432"],
        places=["0180", "1280"],
        years=[2000, 2024],
        user=None,
        client=kolada(fake),
        progress=lambda pages, records: progress.append((pages, records)),
    )

    # then both pages are stored, nulls and status flags kept
    assert (result.created, result.updated, result.deleted) == (6, 0, 0)
    assert stored() == [
        ("fall-hemsjukvard", "0180", "2024", "K", 0.0, ""),
        ("fall-hemsjukvard", "0180", "2024", "T", 58.0, ""),
        ("fall-hemsjukvard", "1280", "2024", "K", 64.0, ""),
        ("fall-hemsjukvard", "1280", "2024", "M", None, "X"),
        ("fall-hemsjukvard", "1280", "2024", "T", 62.5, ""),
        ("invanare", "0180", "2000", "T", 31.32959689, ""),
    ]
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {"Kolada"}
    assert progress == [(1, 4), (2, 6)]


def test_from_date_updates_remove_the_values_kolada_deleted(kolada_indicators):
    # given values that Kolada has since deleted (1280 T, 0580 K) and one it has not
    make("cni", kolada="N00992")
    store_values(
        [
            ValueRecord("N00992", "1280", "2024", "T", 1.3),
            ValueRecord("N00992", "0580", "2024", "K", 0.9),
            ValueRecord("N00992", "0580", "2024", "M", 0.8),
        ],
        source="Kolada",
        indicator_resolver=indicators_by_kolada_id,
        user=None,
    )
    fake = FakeTransport(
        {
            f"{BASE}/data/kpi/N00992/municipality/0180,1280,0580/year/2024"
            "?from_date=2025-01-01": "kolada_updates.json"
        }
    )

    # when
    result = kolada_import(
        kpis=["N00992"],
        places=["0180", "1280", "580"],
        years=["2024"],
        from_date="2025-01-01",
        user=None,
        client=kolada(fake),
    )

    # then
    assert (result.created, result.updated, result.deleted) == (1, 1, 2)
    assert stored() == [
        ("cni", "0180", "2024", "T", 1.12, ""),
        ("cni", "0580", "2024", "M", 0.95, ""),
    ]


def test_an_unknown_kpi_is_named_and_nothing_is_fetched_or_changed(kolada_indicators):
    # given a stored value
    store_values(
        [ValueRecord("U21432", "1280", "2024", "T", 50.0)],
        source="Kolada",
        indicator_resolver=indicators_by_kolada_id,
        user=None,
    )
    fake = FakeTransport()

    # when
    with pytest.raises(ValueImportError) as caught:
        kolada_import(
            kpis=["U21432", "X99999"],
            places=["1280"],
            years=[2024],
            user=None,
            client=kolada(fake),
        )

    # then
    assert caught.value.errors == [
        "Nyckeltalet X99999 finns inte i indikatorkatalogen: ingen indikator har det som "
        "Kolada-id. Lägg in Kolada-id:t på indikatorn först."
    ]
    assert fake.requests == []
    assert stored() == [("fall-hemsjukvard", "1280", "2024", "T", 50.0, "")]


def test_a_broken_second_page_stores_nothing(kolada_indicators):
    fake = FakeTransport({DATA: "kolada_data_page1.json", f"{DATA}?page=2": b'{"values": 3}'})

    with pytest.raises(Exception, match="fältet ”values” ska vara en lista"):
        kolada_import(
            kpis=["N00945", "U21432"],
            places=["0180", "1280"],
            years=[2000, 2024],
            user=None,
            client=kolada(fake),
        )

    assert IndicatorValue.objects.count() == 0


def test_an_unknown_place_is_named_before_anything_is_fetched(kolada_indicators):
    fake = FakeTransport()

    with pytest.raises(ValueImportError, match="”9999” är ingen känd plats"):
        kolada_import(
            kpis=["U21432"], places=["1280", "9999"], years=[2024], user=None, client=kolada(fake)
        )

    assert fake.requests == []


@pytest.fixture
def kolada_pages(monkeypatch) -> None:
    path = "/v3/data/kpi/N00945,U21432/municipality/0180,1280/year/2000,2024"
    monkeypatch.setitem(ROUTES, ("GET", path), "kolada_data_page1.json")
    monkeypatch.setitem(ROUTES, ("GET", f"{path}?page=2"), "kolada_data_page2.json")


def test_the_command_fetches_from_kolada_and_prints_progress_and_a_summary(
    server,  # noqa: F811
    kolada_pages,
    kolada_indicators,
):
    stdout = StringIO()

    with override_settings(KOLADA_BASE_URL=f"{server.base}/v3"):
        call_command(
            "indicators",
            "kolada",
            "--kpi",
            "N00945,U21432",
            "--places",
            "0180,1280",
            "--years",
            "2000,2024",
            stdout=stdout,
        )

    lines = stdout.getvalue().splitlines()
    assert lines[:2] == [
        "Hämtat 4 värden från 1 sida …",
        "Hämtat 6 värden från 2 sidor …",
    ]
    assert "Sparar 6 av 6 värden …" in lines
    assert lines[-1] == "Klart: 6 nya värden, 0 ersatta och 0 borttagna."
    assert [seen.path for seen in server.seen] == [
        "/v3/data/kpi/N00945,U21432/municipality/0180,1280/year/2000,2024",
        "/v3/data/kpi/N00945,U21432/municipality/0180,1280/year/2000,2024?page=2",
    ]
    assert IndicatorValue.objects.count() == 6


def test_the_command_names_an_unknown_kpi_in_swedish(kolada_indicators):
    with pytest.raises(CommandError, match=re.escape("Nyckeltalet N00992 finns inte")):
        call_command(
            "indicators", "kolada", "--kpi", "N00992", "--places", "1280", "--years", "2024"
        )


def test_the_command_refuses_bad_years_and_dates(kolada_indicators):
    with pytest.raises(CommandError, match="--years ska vara årtal"):
        call_command("indicators", "kolada", "--kpi", "U21432", "--places", "1280", "--years", "x")
    with pytest.raises(CommandError, match="--from-date ska vara ett datum"):
        call_command(
            "indicators",
            "kolada",
            "--kpi",
            "U21432",
            "--places",
            "1280",
            "--years",
            "2024",
            "--from-date",
            "igår",
        )


def test_the_command_reports_a_server_error_and_stores_nothing(server, kolada_indicators):  # noqa: F811
    with (
        override_settings(KOLADA_BASE_URL=f"{server.base}/saknas"),
        pytest.raises(CommandError, match=r"^Inget sparades\. .*HTTP-status 404"),
    ):
        call_command(
            "indicators", "kolada", "--kpi", "U21432", "--places", "1280", "--years", "2024"
        )
    assert IndicatorValue.objects.count() == 0


def test_a_pxweb_v1_query_file_gives_values_of_the_tables_indicator():
    # given an indicator that names the table
    make("fysiskt-aktiva", pxweb=PXWEB_TABLE)
    fake = FakeTransport({PXWEB_TABLE: "pxweb_v1_data.json"})
    query = json.loads((FIXTURES / "pxweb_v1_query.json").read_text(encoding="utf-8"))

    # when
    result = pxweb_import(url=PXWEB_TABLE, query=query, user=None, http=JsonClient(transport=fake))

    # then the query went as written, and every cell is a value
    assert fake.bodies() == [query]
    assert result.created == 12
    values = stored()
    assert values[0] == ("fysiskt-aktiva", "0000", "2023", "K", 65.9, "")
    assert ("fysiskt-aktiva", "0021", "2023", "K", 61.4, "*") in values
    assert ("fysiskt-aktiva", "0021", "2024", "K", None, "..") in values
    assert {place for _i, place, *_rest in values} == {"0000", "0021"}
    assert IndicatorValue.objects.first().source == f"PxWeb: {PXWEB_TABLE}"  # type: ignore[union-attr]


def test_the_pxweb_command_posts_the_query_file_to_a_local_server(server):  # noqa: F811
    make("fysiskt-aktiva")
    stdout = StringIO()

    call_command(
        "indicators",
        "pxweb",
        f"{server.base}/api/v1/sv/Halsodata/Levnadsvanor/fysisk_aktivitet.px",
        "--query",
        str(FIXTURES / "pxweb_v1_query.json"),
        "--indicator",
        "fysiskt-aktiva",
        stdout=stdout,
    )

    assert stdout.getvalue().splitlines()[-1] == "Klart: 12 nya värden, 0 ersatta och 0 borttagna."
    assert json.loads(server.seen[0].body)["query"][0]["selection"]["values"] == ["00", "21"]
    assert Place.objects.filter(values__isnull=False).distinct().count() == 2


def test_pxweb_without_an_indicator_for_the_table_asks_for_one():
    with pytest.raises(CommandError, match=re.escape("ange vilken indikator värdena gäller")):
        call_command(
            "indicators", "pxweb", PXWEB_TABLE, "--query", str(FIXTURES / "pxweb_v1_query.json")
        )


def test_a_query_file_of_the_wrong_shape_is_named(tmp_path):
    make("fysiskt-aktiva", pxweb=PXWEB_TABLE)
    wrong = tmp_path / "fraga.json"
    wrong.write_text('{"query": [{"code": "Region", "selection": {"values": ["00"]}}]}')

    with pytest.raises(
        CommandError,
        match=re.escape("fraga.json: fältet ”query[0].selection.filter” ska vara en text."),
    ):
        call_command("indicators", "pxweb", PXWEB_TABLE, "--query", str(wrong))


@pytest.fixture
def catalogue_admin() -> User:
    return User.objects.create_user(
        "karin@example.org", "x", full_name="Karin", is_catalogue_admin=True
    )


def test_a_catalogue_admin_fetches_from_kolada_in_the_background_from_the_indicator_page(
    server,  # noqa: F811
    kolada_pages,
    kolada_indicators,
    catalogue_admin,
    monkeypatch,
):
    # given a Kolada whose first page for U21432 leads on to the second page of the files
    path = "/v3/data/kpi/U21432/municipality/0180,1280/year/2000,2024"
    monkeypatch.setitem(ROUTES, ("GET", path), "kolada_data_page1.json")
    client = Client()
    client.force_login(catalogue_admin)
    page = client.get(reverse("indicators:detail", kwargs={"code": "fall-hemsjukvard"}))
    url = reverse("indicators:kolada_import", kwargs={"code": "fall-hemsjukvard"})
    assert url in page.content.decode()

    # when the form is sent (the tests run tasks at once)
    with override_settings(KOLADA_BASE_URL=f"{server.base}/v3"):
        response = client.post(url, {"places": "0180, 1280", "years": "2000, 2024"})

    # then the job fetched U21432 for the places and years, and its page shows the result
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.state, job.created, job.error) == (JobState.DONE, 6, "")
    assert job.kolada == {"kpis": ["U21432"], "places": ["0180", "1280"], "years": [2000, 2024]}
    assert server.seen[0].path == "/v3/data/kpi/U21432/municipality/0180,1280/year/2000,2024"
    assert "6 nya värden" in client.get(job.get_absolute_url()).content.decode()


def test_the_kolada_form_names_unknown_places_and_bad_years(kolada_indicators, catalogue_admin):
    client = Client()
    client.force_login(catalogue_admin)
    url = reverse("indicators:kolada_import", kwargs={"code": "fall-hemsjukvard"})

    page = client.post(url, {"places": "1280, 9999", "years": "2019-2024, sist"}).content.decode()

    assert "Okända platser: 9999." in page
    assert "”sist” är inget år eller intervall" in page
    assert ImportJob.objects.count() == 0


def test_a_failed_kolada_job_keeps_the_error_and_stores_nothing(
    server,  # noqa: F811
    kolada_indicators,
    catalogue_admin,
):
    indicator = Indicator.objects.get(code="fall-hemsjukvard")

    with override_settings(KOLADA_BASE_URL=f"{server.base}/saknas"):
        job = kolada_job_start(
            actor=catalogue_admin, indicator=indicator, places=["1280"], years=[2024]
        )

    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "HTTP-status 404" in job.error
    assert IndicatorValue.objects.count() == 0


def test_a_kolada_job_shows_progress_while_it_fetches(kolada_indicators, catalogue_admin):
    # given a queued job and a Kolada that answers from the files
    indicator = Indicator.objects.get(code="invanare")
    job = kolada_job_create(
        actor=catalogue_admin, indicator=indicator, places=["0180", "1280"], years=[2000, 2024]
    )
    data = f"{BASE}/data/kpi/N00945/municipality/0180,1280/year/2000,2024"
    seen: list[tuple[str, int, int]] = []

    def answer(name: str):
        def respond(request):
            current = ImportJob.objects.get(pk=job.pk)
            seen.append((current.state, current.done, current.total))
            return Response(200, (FIXTURES / name).read_bytes())

        return respond

    fake = FakeTransport(
        {data: answer("kolada_data_page1.json"), f"{DATA}?page=2": answer("kolada_data_page2.json")}
    )

    # when (the records name U21432 too, which the catalogue knows)
    done = kolada_job_run(job_id=job.pk, client=kolada(fake))

    # then
    assert seen[0] == (JobState.FETCHING, 0, 0)
    assert (done.state, done.created, done.done, done.total) == (JobState.DONE, 6, 6, 6)
    assert done.indicators == ["invanare"]  # the KPI asked for, whose charts the page links


# The worker closes and reopens its database connection between tasks, as in production;
# that only works outside a test's wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_kolada_job(
    server,  # noqa: F811
    kolada_pages,
    kolada_indicators,
    catalogue_admin,
    settings,
    monkeypatch,
):
    # given a Kolada job waiting in the database queue
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KOLADA_BASE_URL = f"{server.base}/v3"
    path = "/v3/data/kpi/U21432/municipality/0180,1280/year/2000,2024"
    monkeypatch.setitem(ROUTES, ("GET", path), "kolada_data_page1.json")
    job = kolada_job_start(
        actor=catalogue_admin,
        indicator=Indicator.objects.get(code="fall-hemsjukvard"),
        places=["0180", "1280"],
        years=[2000, 2024],
    )
    assert job.state == JobState.QUEUED

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
    assert (job.state, job.created, job.error) == (JobState.DONE, 6, "")
    assert job.finished_at is not None
    assert IndicatorValue.objects.count() == 6


def test_a_pxweb_v2_selection_is_posted_to_the_tables_data():
    # given
    make("folkmangd")
    table = "https://scb.example/api/v2/tables/TAB9001"
    data = f"{table}/data?lang=sv&outputFormat=json-stat2"
    fake = FakeTransport({data: "pxweb_v2_data.json"})
    selection = {"selection": [{"variableCode": "Tid", "valueCodes": ["top(2)"]}]}

    # when
    result = pxweb_import(
        url=table,
        query=selection,
        version=2,
        indicator_code="folkmangd",
        user=None,
        http=JsonClient(transport=fake),
    )

    # then
    assert fake.bodies() == [selection]
    assert result.created == 8
    assert ("folkmangd", "0000", "2025Q3", "K", None, "..") in stored()


# PxWeb in the background ------------------------------------------------------------------


def test_a_pxweb_job_is_queued_from_the_form_and_run_with_the_query(catalogue_admin):
    # given an indicator that names its table and its selection
    query = json.loads((FIXTURES / "pxweb_v1_query.json").read_text(encoding="utf-8"))
    indicator = make("fysiskt-aktiva", pxweb=PXWEB_TABLE)
    indicator.pxweb_selection = query
    indicator.save()
    client = Client()
    client.force_login(catalogue_admin)
    url = reverse("indicators:pxweb_import", args=["fysiskt-aktiva"])

    # the form offers the indicator's table and query
    page = client.get(url).content.decode()
    assert PXWEB_TABLE in page
    assert "&quot;ContentsCode&quot;" in page

    # when the administrator sends it, to a real queue
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        response = client.post(
            url, {"url": PXWEB_TABLE, "version": "1", "query": json.dumps(query)}
        )

    # then a queued job with the request, which the worker runs against the table
    job = ImportJob.objects.get()
    assert response.headers["Location"] == job.get_absolute_url()
    assert job.state == JobState.QUEUED
    assert job.pxweb == {
        "url": PXWEB_TABLE,
        "version": 1,
        "indicator": "fysiskt-aktiva",
        "query": query,
    }
    fake = FakeTransport({PXWEB_TABLE: "pxweb_v1_data.json"})
    done = pxweb_job_run(job_id=job.pk, http=JsonClient(transport=fake))
    assert fake.bodies() == [query]
    assert (done.state, done.created, done.error) == (JobState.DONE, 12, "")
    assert done.indicators == ["fysiskt-aktiva"]
    assert len(stored()) == 12
    page = client.get(job.get_absolute_url()).content.decode()
    assert "12 nya värden och 0 ersatta." in page
    assert reverse("indicators:chart", args=["fysiskt-aktiva", "tidsserie"]) in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"query": "{inte json"}, "Frågan är ingen giltig JSON"),
        ({"query": '{"query": [{"code": "Region"}]}'}, "fältet ”query[0].selection.filter”"),
        ({"version": "2"}, "är ingen v2-tabell"),
        ({"url": "ftp://fohm.example/tabell"}, "som börjar med https://"),
    ],
)
def test_a_wrong_pxweb_request_is_refused_with_the_reason(catalogue_admin, fields, message):
    make("fysiskt-aktiva", pxweb=PXWEB_TABLE)
    client = Client()
    client.force_login(catalogue_admin)
    query = (FIXTURES / "pxweb_v1_query.json").read_text(encoding="utf-8")

    response = client.post(
        reverse("indicators:pxweb_import", args=["fysiskt-aktiva"]),
        {"url": PXWEB_TABLE, "version": "1", "query": query, **fields},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_pxweb_job_that_fails_stores_nothing_and_says_why(catalogue_admin):
    make("fysiskt-aktiva", pxweb=PXWEB_TABLE)
    query = json.loads((FIXTURES / "pxweb_v1_query.json").read_text(encoding="utf-8"))
    job = pxweb_job_create(
        actor=catalogue_admin,
        indicator=Indicator.objects.get(code="fysiskt-aktiva"),
        url=PXWEB_TABLE,
        version=1,
        query=query,
    )

    missing = FakeTransport(default=Response(404, b"Not found"))
    done = pxweb_job_run(job_id=job.pk, http=JsonClient(transport=missing))

    assert done.state == JobState.FAILED
    assert "HTTP-status 404" in done.error
    assert IndicatorValue.objects.count() == 0
