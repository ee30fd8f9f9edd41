"""An organisation's named answers never reach another organisation without its consent.

RAG Test answers without consenting, RAG B consents, RAG C looks through every door: the
results page, its own benchmark report (page, Word, PDF), the API and the Excel export.
"""

import io
import json
import zipfile

import pytest
from django.test import Client
from openpyxl import load_workbook

from framja.surveys import services

SECRET = "Hemligt svar från RAG Test"
SHARED = "Delat svar från RAG B"


@pytest.fixture
def answered(survey_world):
    q = survey_world["q"]
    r = survey_world["responses"]
    services.response_save(
        actor=None,
        response=r["rag-test"],
        answers={q["works"].pk: True, q["how"].pk: SECRET, q["count"].pk: 17},
        submit=True,
        share_named=False,
    )
    services.response_save(
        actor=None,
        response=r["rag-b"],
        answers={q["works"].pk: True, q["how"].pk: SHARED, q["count"].pk: 5},
        submit=True,
        share_named=True,
    )
    services.response_save(
        actor=None,
        response=r["rag-c"],
        answers={q["works"].pk: False, q["count"].pk: 3},
        submit=True,
    )
    return survey_world


def _json(content: bytes) -> str:
    return json.dumps(json.loads(content), ensure_ascii=False)


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def _everything_c_can_read(client: Client, survey_id: int) -> dict[str, str]:
    base = f"/enkater/{survey_id}"
    api = f"/api/surveys/{survey_id}"
    texts = {
        "results": client.get(f"{base}/resultat/").content.decode(),
        "detail": client.get(f"{base}/").content.decode(),
        "benchmark": client.get(f"{base}/rag-c/jamforelse/").content.decode(),
        "benchmark.docx": _docx_text(client.get(f"{base}/rag-c/jamforelse.docx").content),
        "export": _xlsx_text(client.get(f"{base}/svar.xlsx").content),
        "api results": _json(client.get(f"{api}/results").content),
        "api responses": _json(client.get(f"{api}/responses").content),
        "api survey": _json(client.get(f"{api}").content),
    }
    pdf = client.get(f"{base}/rag-c/jamforelse.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    return texts


def test_named_answers_never_reach_another_organisation_without_consent(answered):
    # given RAG C's editor
    client = Client()
    client.force_login(answered["editors"][2])
    survey = answered["survey"]

    # when they read everything they may
    texts = _everything_c_can_read(client, survey.pk)

    # then RAG Test's answer and name are nowhere; RAG B's shared answer is there
    for door, text in texts.items():
        assert SECRET not in text, door
        assert "RAG Test" not in text, door
    assert SHARED in texts["results"]
    assert SHARED in texts["benchmark"]
    assert SHARED in texts["benchmark.docx"]
    assert SHARED in texts["export"]
    assert SHARED in texts["api responses"]
    # and RAG Test's own response is closed to them
    assert client.get(f"/enkater/{survey.pk}/rag-test/").status_code == 403
    assert client.get(f"/api/surveys/{survey.pk}/responses/rag-test").status_code == 404
    assert client.get(f"/enkater/{survey.pk}/rag-test/jamforelse/").status_code == 403


def test_the_aggregate_still_counts_the_hidden_answer(answered):
    client = Client()
    client.force_login(answered["editors"][2])
    survey = answered["survey"]

    results = client.get(f"/api/surveys/{survey.pk}/results").json()

    works = results["questions"][0]
    assert works["answered"] == 3
    assert [(o["value"], o["count"]) for o in works["options"]] == [("yes", 2), ("no", 1)]
    how = results["questions"][1]
    assert how["named"] == [{"organisation": "RAG b", "text": SHARED}]
    assert how["hidden"] == 1


def test_consent_opens_the_named_answers(answered):
    services.response_set_sharing(
        actor=None, response=answered["responses"]["rag-test"], share_named=True
    )
    client = Client()
    client.force_login(answered["editors"][2])

    texts = _everything_c_can_read(client, answered["survey"].pk)

    for door in ("results", "benchmark", "benchmark.docx", "export", "api responses"):
        assert SECRET in texts[door], door


def test_the_coordinator_sees_every_named_answer(answered):
    client = Client()
    client.force_login(answered["rita"])

    export = _xlsx_text(client.get(f"/enkater/{answered['survey'].pk}/svar.xlsx").content)

    assert SECRET in export
    assert SHARED in export


def test_aggregates_over_too_few_organisations_are_suppressed(answered):
    survey = answered["survey"]
    survey.min_group = 4
    survey.save()
    client = Client()
    client.force_login(answered["editors"][2])

    results = client.get(f"/api/surveys/{survey.pk}/results").json()
    page = client.get(f"/enkater/{survey.pk}/rag-c/jamforelse/").content.decode()

    assert results["questions"][0]["suppressed"] is True
    assert results["questions"][0]["options"] == []
    assert "färre än 4 organisationer har svarat" in page
    coordinator = Client()
    coordinator.force_login(answered["alice"])
    full = coordinator.get(f"/api/surveys/{survey.pk}/results").json()
    assert full["questions"][0]["suppressed"] is False


def test_the_export_neutralises_formulas(survey_world):
    q = survey_world["q"]
    services.response_save(
        actor=None,
        response=survey_world["responses"]["rag-test"],
        answers={q["works"].pk: True, q["how"].pk: '=HYPERLINK("http://x","klicka")'},
        submit=True,
        respondent_names="@SUM(A1)",
    )
    client = Client()
    client.force_login(survey_world["alice"])

    content = client.get(f"/enkater/{survey_world['survey'].pk}/svar.xlsx").content
    sheet = load_workbook(io.BytesIO(content))["Svar"]

    cells = [c for row in sheet.iter_rows() for c in row if c.value]
    formula = next(c for c in cells if "HYPERLINK" in str(c.value))
    assert formula.value == '\'=HYPERLINK("http://x","klicka")'
    assert formula.data_type == "s"
    assert "'@SUM(A1)" in [c.value for c in cells]
    assert all(c.data_type != "f" for c in cells)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1"])
def test_neutralise_escapes_every_formula_start(text):
    from framja.documents.survey_xlsx import neutralise

    assert neutralise(text) == f"'{text}"
    assert neutralise("Vanlig text") == "Vanlig text"
