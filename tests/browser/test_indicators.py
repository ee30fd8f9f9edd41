"""The indicator pages in Chromium: axe-core finds no WCAG violation, and an upload is
followed through to its result."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from playwright.sync_api import Page, expect

from framja.accounts.models import User
from framja.indicators.models import (
    DataSource,
    ImportJob,
    Indicator,
    IndicatorValue,
    JobState,
    Level,
    Place,
)
from tests.browser.conftest import assert_accessible, login


def test_indicator_pages_are_accessible(page: Page, demo):
    # given the catalogue administrator
    login(page, "admin@framja.example")
    for path in [
        "/indikatorer/",
        "/indikatorer/?kalla=1",
        "/indikatorer/?q=vård&sida=1",
        "/indikatorer/?q=finns-inte",
        "/indikatorer/paverkbar-slutenvard/",
        "/indikatorer/ny/",
        "/indikatorer/paverkbar-slutenvard/andra/",
        "/indikatorer/importera/",
        "/indikatorer/paverkbar-slutenvard/kolada/",
        "/indikatorer/paverkbar-slutenvard/pxweb/",
    ]:
        # when
        page.goto(path)
        # then
        assert_accessible(page)


def test_a_reader_sees_the_catalogue(page: Page, demo):
    login(page, "lasare@framja.example")
    page.get_by_role("link", name="Indikatorer", exact=True).first.click()

    expect(page.get_by_role("heading", name="Indikatorer", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Care Need Index (CNI)")).to_be_visible()
    expect(page.get_by_role("link", name="Ny indikator")).to_have_count(0)
    assert_accessible(page)


def test_an_upload_ends_in_its_result(page: Page, demo, tmp_path: Path):
    # given values for 2025 (the demo's example values end in 2024)
    good = tmp_path / "varden.csv"
    good.write_text(
        "indikator;plats;period;kön;värde;status\n"
        "paverkbar-slutenvard;0012;2025;T;123,4;\n"
        "paverkbar-slutenvard;0000;2025;T;;..\n",
        encoding="utf-8-sig",
    )
    bad = tmp_path / "fel.csv"
    bad.write_text("indikator;plats;period;värde\nokand;0012;2024;1\n", encoding="utf-8")
    login(page, "admin@framja.example")

    # when
    page.goto("/indikatorer/importera/")
    page.get_by_label("Fil med värden").set_input_files(str(good))
    page.get_by_role("button", name="Importera").click()

    # then
    expect(page.get_by_text("2 nya värden och 0 ersatta.")).to_be_visible()
    assert_accessible(page)
    assert IndicatorValue.objects.filter(period="2025").count() == 2

    # and a broken file shows its errors
    page.goto("/indikatorer/importera/")
    page.get_by_label("Fil med värden").set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_text("Importen misslyckades. Inget sparades.")).to_be_visible()
    expect(page.get_by_text("fel.csv, rad 2, fältet indikator: ”okand” finns inte")).to_be_visible()
    assert_accessible(page)


def test_the_progress_page_follows_the_job_until_it_is_done(page: Page, demo):
    # given a job the worker is reading
    admin = User.objects.get(email="admin@framja.example")
    job = ImportJob.objects.create(
        created_by=admin, file_name="stor.csv", state=JobState.READING, done=100, total=1000
    )
    login(page, "admin@framja.example")
    page.goto(job.get_absolute_url())
    expect(page.get_by_text("100 av 1 000 rader lästa")).to_be_visible()
    assert_accessible(page)

    # when the worker gets further, and then finishes
    ImportJob.objects.filter(pk=job.pk).update(done=600, state=JobState.WRITING)
    expect(page.get_by_text("600 av 1 000 rader lästa")).to_be_visible()
    expect(page.locator("#import-state")).to_have_text("Sparar värdena")
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.DONE, created=1000, done=1000)

    # then the page shows the result by itself
    expect(page.get_by_text("1000 nya värden och 0 ersatta.")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)


def test_an_import_in_the_background_is_followed_to_its_chart(
    page: Page, demo, tmp_path: Path, settings
):
    # given a file of every municipality's and Riket's falls 2005–2024, and a real queue: the
    # upload waits for the task worker instead of running inside the request
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    places = [
        "0000",
        *Place.objects.filter(level=Level.MUNICIPALITY).values_list("code", flat=True),
    ]
    lines = ["indikator;plats;period;kön;värde"]
    for year in range(2005, 2025):
        for number, code in enumerate(places):
            value = 30 + (year - 2005) * 0.5 + number % 7 if code != "0000" else 20 + year - 2005
            lines.append(
                f"fallskador-sarskilt-boende;{code};{year};T;{value:.1f}".replace(".", ",")
            )
    upload = tmp_path / "fallskador.csv"
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")
    login(page, "admin@framja.example")

    # when the administrator uploads it
    page.goto("/indikatorer/importera/")
    page.get_by_label("Fil med värden").set_input_files(str(upload))
    page.get_by_role("button", name="Importera").click()

    # then the job waits in the queue, with its progress bar
    expect(page.get_by_role("heading", name="Import av fallskador.csv")).to_be_visible()
    expect(page.get_by_label("Hur långt importen har kommit")).to_be_visible()
    assert_accessible(page)
    assert IndicatorValue.objects.filter(indicator__code="fallskador-sarskilt-boende").count() == 0

    # when the task worker takes the job, the page follows it by itself to the end
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--verbosity",
        "0",
        stdout=StringIO(),
    )
    expect(page.get_by_text(f"{len(lines) - 1} nya värden och 0 ersatta.")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)
    assert_accessible(page)

    # and the result links to the indicator's charts: Riket over time, with its data table
    page.get_by_role("link", name="Tidsserie – Fallskador, särskilt boende").click()
    figure = page.locator("figure.chart")
    expect(figure.locator("svg[role=img]")).to_be_visible()
    expect(figure.locator("figcaption")).to_contain_text("2005")
    figure.get_by_text("Visa siffrorna i en tabell").click()
    table = figure.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(21)  # a header row and 20 years
    expect(table.get_by_role("row", name="2024")).to_contain_text("39,0")
    assert_accessible(page)


def test_a_reader_pages_through_a_search(page: Page, demo):
    # given 60 indicators about smoking beside the demo's
    kolada = DataSource.objects.get(name="Kolada")
    Indicator.objects.bulk_create(
        Indicator(code=f"rokning-{n:02}", name=f"Rökning {n:02}", source=kolada) for n in range(60)
    )
    login(page, "lasare@framja.example")
    page.goto("/indikatorer/")

    # when the reader searches for them
    page.get_by_label("Sök på namn eller kod").fill("rökning")
    page.get_by_role("button", name="Visa", exact=True).click()

    # then the first 50 are listed, with a pager to the rest
    caption = page.locator("#main caption")
    expect(caption).to_have_text("60 indikatorer som matchar ”rökning”, nummer 1–50 visas")
    pager = page.get_by_role("navigation", name="Sidor")
    expect(pager.locator("[aria-current=page]")).to_have_text("Sida 1")
    assert_accessible(page)

    # and the next page keeps the search
    pager.get_by_role("link", name="Nästa sida").click()
    expect(caption).to_have_text("60 indikatorer som matchar ”rökning”, nummer 51–60 visas")
    expect(page.locator("#main tbody tr")).to_have_count(10)
    expect(pager.locator("[aria-current=page]")).to_have_text("Sida 2")
    expect(page.get_by_label("Sök på namn eller kod")).to_have_value("rökning")
    assert_accessible(page)
