"""Files of values: the documented layout, its variants, and errors that name row and field."""

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from framja.indicators.importer import ValueImportError, read_bytes, read_file
from framja.indicators.models import IndicatorValue, Place
from framja.indicators.services import import_values_file
from framja.organisations.models import Organisation

HEADER = "indikator;plats;period;kön;värde;status\n"


def values() -> list[tuple[str, str, str, float | None, str]]:
    return sorted(
        IndicatorValue.objects.values_list("place__code", "period", "sex", "value", "status")
    )


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_it_imports_the_documented_layout(indicator, tmp_path):
    # given
    path = write(
        tmp_path,
        "varden.csv",
        HEADER + "paverkbar-slutenvard;0012;2024;T;123,4;\n"
        "paverkbar-slutenvard;1280;2024H1;K;;..\n"
        "paverkbar-slutenvard;0000;2024Q3;M;-0,5;\n"
        "paverkbar-slutenvard;0580;2024M05;T;7;\n",
    )

    # when
    result = import_values_file(path=path, file_name="varden.csv", user=None)

    # then
    assert (result.rows, result.created, result.updated, result.deleted) == (4, 4, 0, 0)
    assert values() == [
        ("0000", "2024Q3", "M", -0.5, ""),
        ("0012", "2024", "T", 123.4, ""),
        ("0580", "2024M05", "T", 7.0, ""),
        ("1280", "2024H1", "K", None, ".."),
    ]
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {"Fil: varden.csv"}


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("\ufeffindikator;plats;period;kön;värde;status\r\nU79133;12;2024;t;1 234,5;\r\n", "utf-8"),
        (
            'indikator,plats,period,kön,värde\n"paverkbar-slutenvard",0012,2024,T,"1234,5"\n',
            "utf-8",
        ),
        ("indikator\tplats\tperiod\tvärde\npaverkbar-slutenvard\t0012\t2024\t1234.5\n", "utf-8"),
        (
            "Indikator;Plats;Period;Kön;Värde\nPAVERKBAR-SLUTENVARD;0012;2024;;1\u00a0234,50\n",
            "utf-8",
        ),
    ],
    ids=["bom-crlf-kolada-id-padding", "comma-quoted", "tab-no-sex", "capitals-nbsp"],
)
def test_it_accepts_the_usual_variants(indicator, tmp_path, text, encoding):
    path = write(tmp_path, "varden.csv", text, encoding)

    import_values_file(path=path, file_name="varden.csv", user=None)

    assert values() == [("0012", "2024", "T", 1234.5, "")]


def test_it_reads_an_excel_file(indicator, tmp_path):
    # given numbers and codes as Excel keeps them: 12 for 0012, 2024 as a number
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indikator", "plats", "period", "kön", "värde", "status"])
    sheet.append(["paverkbar-slutenvard", 12, 2024, "K", 12.25, None])
    sheet.append(["paverkbar-slutenvard", "1280", "2024H2", "M", None, ".."])
    sheet.append([None, None, None, None, None, None])
    path = tmp_path / "varden.xlsx"
    workbook.save(path)

    # when
    result = import_values_file(path=path, file_name="varden.xlsx", user=None)

    # then
    assert result.created == 2
    assert values() == [("0012", "2024", "K", 12.25, ""), ("1280", "2024H2", "M", None, "..")]


def test_a_place_can_be_an_organisation_slug(indicator, tmp_path, world):
    # given an organisation that has no place yet
    path = write(tmp_path, "v.csv", HEADER + "paverkbar-slutenvard;rpo-test;2024;T;5;\n")

    # when
    import_values_file(path=path, file_name="v.csv", user=None)

    # then the organisation got its place, named as it is
    place = Place.objects.get(organisation=world["rpo"])
    assert (place.code, place.name, place.level) == ("rpo-test", "RPO Test", "unit")
    assert values() == [("rpo-test", "2024", "T", 5.0, "")]


def ten_thousand_rows(broken_at: int | None = None) -> str:
    """A file with 10,000 data rows (rows 2 to 10,001), one broken at the given row."""
    places = list(Organisation.objects.exclude(code="").values_list("code", flat=True)[:100])
    lines = [HEADER]
    row = 1
    for place in places:
        for year in range(1925, 2025):
            row += 1
            value = "abc" if row == broken_at else f"{year % 97},5"
            lines.append(f"paverkbar-slutenvard;{place};{year};T;{value};\n")
    assert row == 10_001
    return "".join(lines)


def test_a_file_broken_at_row_5000_leaves_the_database_unchanged(indicator, tmp_path):
    # given values already stored, and a file that replaces them but breaks at row 5,000
    good = write(tmp_path, "bra.csv", ten_thousand_rows())
    import_values_file(path=good, file_name="bra.csv", user=None)
    before = values()
    broken = write(tmp_path, "trasig.csv", ten_thousand_rows(broken_at=5000).replace(";5", ";6"))

    # when
    with pytest.raises(ValueImportError) as failure:
        import_values_file(path=broken, file_name="trasig.csv", user=None)

    # then
    assert failure.value.errors == ["trasig.csv, rad 5000, fältet värde: ”abc” är inget tal."]
    assert values() == before
    assert len(before) == 10_000


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            "okand;0012;2024;T;1;",
            "f.csv, rad 3, fältet indikator: ”okand” finns inte i indikatorkatalogen "
            "(ange indikatorns kod).",
        ),
        (
            "paverkbar-slutenvard;9999;2024;T;1;",
            "f.csv, rad 3, fältet plats: ”9999” är ingen känd plats (ange kommun- eller "
            "regionkod som 0580 eller 0005, 0000 för riket, eller en organisations kortadress).",
        ),
        (
            "paverkbar-slutenvard;0012;24;T;1;",
            "f.csv, rad 3, fältet period: ”24” är ingen period (skriv t.ex. 2024, 2024H1, "
            "2024Q3 eller 2024M05).",
        ),
        (
            "paverkbar-slutenvard;0012;2024M13;T;1;",
            "f.csv, rad 3, fältet period: ”2024M13” är ingen period (skriv t.ex. 2024, 2024H1, "
            "2024Q3 eller 2024M05).",
        ),
        (
            "paverkbar-slutenvard;0012;2024;X;1;",
            "f.csv, rad 3, fältet kön: ”X” är inget kön (skriv T, K eller M).",
        ),
        (
            "paverkbar-slutenvard;0012;2024;T;nan;",
            "f.csv, rad 3, fältet värde: ”nan” är inget tal.",
        ),
        (
            "paverkbar-slutenvard;0012;2024;T;1_000;",
            "f.csv, rad 3, fältet värde: ”1_000” är inget tal.",
        ),
        (
            "paverkbar-slutenvard;0012;2024;T;1,2,3;",
            "f.csv, rad 3, fältet värde: ”1,2,3” är inget tal.",
        ),
        (
            "paverkbar-slutenvard;0012;2024;T;1;för lång status",
            "f.csv, rad 3, fältet status: ”för lång status” är ingen status (högst 10 tecken, "
            "t.ex. .. eller -).",
        ),
        (";0012;2024;T;1;", "f.csv, rad 3, fältet indikator: indikatorn saknas."),
        (
            "paverkbar-slutenvard;0012;2023;T;2;",
            "f.csv, rad 3, fältet indikator: samma indikator, plats, period och kön som på rad 2.",
        ),
    ],
)
def test_an_error_names_file_row_and_field(indicator, line, error):
    data = (HEADER + "paverkbar-slutenvard;0012;2023;T;1;\n" + line + "\n").encode()

    with pytest.raises(ValueImportError) as failure:
        read_bytes(data, file_name="f.csv")

    assert failure.value.errors == [error]


def test_two_spellings_of_one_key_are_a_duplicate(indicator):
    # given Region Skåne as 0012, as 12 and by its slug, and the indicator by its Kolada id
    data = (
        HEADER + "paverkbar-slutenvard;0012;2024;T;1;\n"
        "U79133;12;2024;T;2;\n"
        "paverkbar-slutenvard;region-skane;2024;T;3;\n"
    ).encode()

    with pytest.raises(ValueImportError) as failure:
        read_bytes(data, file_name="f.csv")

    assert failure.value.errors == [
        "f.csv, rad 3, fältet indikator: samma indikator, plats, period och kön som på rad 2.",
        "f.csv, rad 4, fältet indikator: samma indikator, plats, period och kön som på rad 2.",
    ]


def test_it_lists_at_most_twenty_errors_in_row_order(indicator):
    data = HEADER + "".join(f"paverkbar-slutenvard;0012;{y};T;x;\n" for y in range(1990, 2030))

    with pytest.raises(ValueImportError) as failure:
        read_bytes(data.encode(), file_name="f.csv")

    errors = failure.value.errors
    assert len(errors) == 21
    assert errors[0] == "f.csv, rad 2, fältet värde: ”x” är inget tal."
    assert errors[19] == "f.csv, rad 21, fältet värde: ”x” är inget tal."
    assert errors[20] == "Läsningen avbröts efter 20 fel."


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "f.csv", "f.csv: filen är tom."),
        (HEADER.encode(), "f.csv", "f.csv: filen har inga värden under rubrikraden."),
        (
            b"indikator;plats;ar;belopp\n",
            "f.csv",
            "f.csv: rad 1 ska ha rubrikerna indikator, plats, period, kön, värde och status. "
            "Det saknas: period, värde. Rubrikerna i filen är: ”indikator”, ”plats”, ”ar”, "
            "”belopp”.",
        ),
        (
            HEADER.encode("latin-1") + "paverkbar-slutenvard;0012;2024;T;1,5;\n".encode("latin-1"),
            "f.csv",
            "f.csv: filen är inte kodad i UTF-8. Spara den som ”CSV UTF-8” och försök igen.",
        ),
        (
            b"PK\x03\x04 not really",
            "f.xlsx",
            "f.xlsx: filen går inte att öppna som Excel-fil (.xlsx).",
        ),
    ],
    ids=["empty", "header-only", "missing-columns", "latin-1", "broken-xlsx"],
)
def test_a_file_that_is_not_a_table_of_values_is_refused(indicator, data, name, error):
    with pytest.raises(ValueImportError) as failure:
        read_bytes(data, file_name=name)

    assert failure.value.errors == [error]


def test_another_file_type_is_refused(indicator, tmp_path):
    path = write(tmp_path, "f.docx", "x")

    with pytest.raises(ValueImportError) as failure:
        read_file(path, file_name="f.docx")

    assert failure.value.errors == [
        "f.docx: filen ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)."
    ]


def test_the_reader_reports_progress(indicator, tmp_path):
    # given
    path = write(tmp_path, "v.csv", ten_thousand_rows())
    seen: list[tuple[int, int]] = []

    # when
    read_file(path, file_name="v.csv", progress=lambda done, total: seen.append((done, total)))

    # then the last report is the whole file
    assert seen[-1] == (10_000, 10_000)


def test_quoted_csv_with_a_delimiter_inside_a_field(indicator):
    data = io.BytesIO()
    data.write(
        b'indikator;plats;period;v\xc3\xa4rde;status\n"paverkbar-slutenvard";"0012";2024;"1;5";\n'
    )

    with pytest.raises(ValueImportError) as failure:
        read_bytes(data.getvalue(), file_name="f.csv")

    assert failure.value.errors == ["f.csv, rad 2, fältet värde: ”1;5” är inget tal."]
