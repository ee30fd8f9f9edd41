"""The PxWeb v1 and v2 clients and the JSON-stat 2.0 reader, on hand-written answers."""

import copy
import json
import re
from typing import Any

import pytest

from framja.indicators.http import JsonClient, OpenDataError
from framja.indicators.pxweb import (
    ALL,
    DimensionMapping,
    FolderItem,
    PxWebV1Client,
    PxWebV2Client,
    Selection,
    TableInfo,
    TableMetadata,
    Variable,
    bottom,
    build_v1_query,
    dataset_records,
    from_value,
    guess_mapping,
    normalise_period,
    normalise_region,
    normalise_sex,
    parse_json_stat2,
    range_values,
    to_value,
    top,
)
from framja.indicators.records import ValueRecord

from .fakes import FakeTransport, load

V1 = "https://px.example.se/api/v1/sv/Halsodata"
TABLE = f"{V1}/Levnadsvanor/fysisk_aktivitet.px"
V2 = "https://statistikdatabasen.scb.se/api/v2"


def v1(fake: FakeTransport) -> PxWebV1Client:
    return PxWebV1Client(V1, http=JsonClient(transport=fake))


def v2(fake: FakeTransport) -> PxWebV2Client:
    return PxWebV2Client(V2, http=JsonClient(transport=fake))


# v1


def test_v1_lists_a_folder():
    fake = FakeTransport({f"{V1}/Levnadsvanor": "pxweb_v1_folder.json"})

    items = v1(fake).list_folder("/Levnadsvanor/")

    assert items == [
        FolderItem(id="Levnadsvanor", type="l", text="Levnadsvanor"),
        FolderItem(id="Rubrik", type="h", text="Tabeller"),
        FolderItem(
            id="fysisk_aktivitet.px",
            type="t",
            text="Tillräckligt fysiskt aktiva efter region, kön och år",
        ),
    ]


def test_v1_reads_table_metadata():
    fake = FakeTransport({TABLE: "pxweb_v1_metadata.json"})

    metadata = v1(fake).table_metadata("Levnadsvanor/fysisk_aktivitet.px")

    assert metadata.title == "Tillräckligt fysiskt aktiva efter region, kön och år"
    assert [variable.code for variable in metadata.variables] == [
        "Region",
        "Kön",
        "ContentsCode",
        "År",
    ]
    assert metadata.variable("Region") == Variable(
        code="Region",
        text="region",
        values=("00", "21", "2180"),
        value_texts=("Riket", "21 Gävleborgs län", "2180 Gävle"),
    )
    assert [(v.code, v.elimination, v.time) for v in metadata.variables] == [
        ("Region", False, False),
        ("Kön", True, False),
        ("ContentsCode", False, False),
        ("År", False, True),
    ]
    assert metadata.variable("Saknas") is None


def test_v1_builds_every_kind_of_filter():
    query = build_v1_query(
        [
            Selection.item("Region", "00", "21"),
            Selection.all("Kön"),
            Selection.top("År", 2),
            Selection.agg("Region", "RegionLän", "01", "21"),
            Selection.vs("Region", "RegionKommun07", "2180"),
            Selection.all("Alder", "6*"),
        ]
    )

    assert query == {
        "query": [
            {"code": "Region", "selection": {"filter": "item", "values": ["00", "21"]}},
            {"code": "Kön", "selection": {"filter": "all", "values": ["*"]}},
            {"code": "År", "selection": {"filter": "top", "values": ["2"]}},
            {"code": "Region", "selection": {"filter": "agg:RegionLän", "values": ["01", "21"]}},
            {"code": "Region", "selection": {"filter": "vs:RegionKommun07", "values": ["2180"]}},
            {"code": "Alder", "selection": {"filter": "all", "values": ["6*"]}},
        ],
        "response": {"format": "json-stat2"},
    }
    with pytest.raises(ValueError, match="minst ett värde för Region"):
        Selection.item("Region")
    with pytest.raises(ValueError, match="minst 1"):
        Selection.top("År", 0)


def test_v1_posts_the_query_and_reads_the_answer_into_records():
    # given
    fake = FakeTransport({TABLE: "pxweb_v1_data.json"})

    # when
    dataset = v1(fake).query(
        "Levnadsvanor/fysisk_aktivitet.px",
        [
            Selection.item("Region", "00", "21"),
            Selection.all("Kön"),
            Selection.item("ContentsCode", "Andel"),
            Selection.top("År", 2),
        ],
    )
    records = list(dataset_records(dataset))

    # then the exact query went out by POST
    assert [request.method for request in fake.requests] == ["POST"]
    assert fake.bodies() == [
        {
            "query": [
                {"code": "Region", "selection": {"filter": "item", "values": ["00", "21"]}},
                {"code": "Kön", "selection": {"filter": "all", "values": ["*"]}},
                {"code": "ContentsCode", "selection": {"filter": "item", "values": ["Andel"]}},
                {"code": "År", "selection": {"filter": "top", "values": ["2"]}},
            ],
            "response": {"format": "json-stat2"},
        }
    ]
    # and without roles the Swedish codes tell region, sex, period and content apart
    assert dataset.roles == {}
    assert guess_mapping(dataset) == DimensionMapping(
        region="Region", time="År", sex="Kön", content="ContentsCode"
    )
    assert records == [
        ValueRecord("Andel", "0000", "2023", "T", 64.1),
        ValueRecord("Andel", "0000", "2024", "T", 65.0),
        ValueRecord("Andel", "0000", "2023", "M", 62.3),
        ValueRecord("Andel", "0000", "2024", "M", 63.0),
        ValueRecord("Andel", "0000", "2023", "K", 65.9),
        ValueRecord("Andel", "0000", "2024", "K", 66.8),
        ValueRecord("Andel", "0021", "2023", "T", 58.2),
        ValueRecord("Andel", "0021", "2024", "T", None, status=".."),
        ValueRecord("Andel", "0021", "2023", "M", 55.0),
        ValueRecord("Andel", "0021", "2024", "M", None, status=".."),
        ValueRecord("Andel", "0021", "2023", "K", 61.4, status="*"),
        ValueRecord("Andel", "0021", "2024", "K", None, status=".."),
    ]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"title": "T"}, "fältet ”variables” saknas"),
        (
            {"variables": [{"code": "Kön", "values": ["1", "2"], "valueTexts": ["män"]}]},
            "fältet ”variables[0].valueTexts” ska vara en lista med 2 texter, lika många som "
            "”values” men är en lista med 1",
        ),
        (
            {"variables": [{"code": "År", "values": [2024], "valueTexts": ["2024"]}]},
            "fältet ”variables[0].values[0]” ska vara en text men är talet 2024",
        ),
        (
            {"variables": [{"values": [], "valueTexts": []}]},
            "fältet ”variables[0].code” saknas",
        ),
    ],
)
def test_v1_names_the_field_of_malformed_metadata(answer, message):
    fake = FakeTransport({TABLE: json.dumps(answer).encode()})

    with pytest.raises(OpenDataError) as caught:
        v1(fake).table_metadata("Levnadsvanor/fysisk_aktivitet.px")

    assert str(caught.value) == f"Svaret från {TABLE} har oväntad form: {message}."


def test_v1_names_an_unknown_folder_item_type():
    fake = FakeTransport({V1: b'[{"id": "x", "type": "q", "text": "X"}]'})

    with pytest.raises(OpenDataError, match=re.escape("fältet ”[0].type” ska vara l, t eller h")):
        v1(fake).list_folder()


# v2


def test_v2_searches_tables_across_pages():
    first = f"{V2}/tables?lang=sv&query=folkm%C3%A4ngd&pageSize=1"
    second = f"{V2}/tables?lang=sv&query=folkm%C3%A4ngd&pageSize=1&pageNumber=2"
    fake = FakeTransport(
        {first: "pxweb_v2_tables_page1.json", second: "pxweb_v2_tables_page2.json"}
    )

    tables = v2(fake).search_tables("folkmängd", page_size=1)

    assert fake.urls == [first, second]
    assert tables == [
        TableInfo(
            id="TAB9001",
            label="Exempeltabell: folkmängd efter region, kön och kvartal",
            updated="2025-11-12T07:00:00Z",
            first_period="2000K1",
            last_period="2025K3",
            variable_names=("region", "kön", "tabellinnehåll", "kvartal"),
        ),
        TableInfo(
            id="TAB9002",
            label="Exempeltabell: folkmängd efter region och år",
            description="Årsvärden.",
            updated="2025-02-20T07:00:00Z",
            first_period="1968",
            last_period="2024",
            variable_names=("region", "tabellinnehåll", "år"),
        ),
    ]


def test_v2_reads_metadata_from_json_stat():
    fake = FakeTransport({f"{V2}/tables/TAB9001/metadata?lang=sv": "pxweb_v2_metadata.json"})

    metadata = v2(fake).table_metadata("TAB9001")

    assert metadata == TableMetadata(
        title="Exempeltabell: folkmängd efter region, kön och kvartal",
        variables=(
            Variable("Region", "region", ("00", "0180", "1280"), ("Riket", "Stockholm", "Malmö")),
            Variable(
                "Kon", "kön", ("1", "2", "1+2"), ("män", "kvinnor", "totalt"), elimination=True
            ),
            Variable("ContentsCode", "tabellinnehåll", ("BE0101N1",), ("Folkmängd",)),
            Variable(
                "Tid",
                "kvartal",
                ("2025K1", "2025K2", "2025K3"),
                ("2025K1", "2025K2", "2025K3"),
                time=True,
            ),
        ),
    )


def test_v2_gets_data_with_value_codes_and_reads_an_index_given_as_object():
    # given
    url = (
        f"{V2}/tables/TAB9001/data?lang=sv&outputFormat=json-stat2"
        "&valueCodes[Region]=1280,00&valueCodes[Kon]=*&valueCodes[ContentsCode]=BE0101N1"
        "&valueCodes[Tid]=top(2)"
    )
    fake = FakeTransport({url: "pxweb_v2_data.json"})

    # when
    dataset = v2(fake).data(
        "TAB9001",
        {"Region": ["1280", "00"], "Kon": [ALL], "ContentsCode": ["BE0101N1"], "Tid": [top(2)]},
    )

    # then
    assert fake.urls == [url]
    assert dataset.dimensions["Kon"].codes == ("1", "2")
    assert dataset.dimensions["Tid"].codes == ("2025K2", "2025K3")
    assert list(dataset_records(dataset)) == [
        ValueRecord("BE0101N1", "1280", "2025Q2", "M", 180512.0),
        ValueRecord("BE0101N1", "1280", "2025Q3", "M", 180950.0),
        ValueRecord("BE0101N1", "1280", "2025Q2", "K", 183020.0),
        ValueRecord("BE0101N1", "1280", "2025Q3", "K", 183455.0, status="p"),
        ValueRecord("BE0101N1", "0000", "2025Q2", "M", 5301245.0),
        ValueRecord("BE0101N1", "0000", "2025Q3", "M", 5303019.0),
        ValueRecord("BE0101N1", "0000", "2025Q2", "K", 5289311.0),
        ValueRecord("BE0101N1", "0000", "2025Q3", "K", None, status=".."),
    ]


def test_v2_posts_a_selection_with_expressions_and_codelists():
    url = f"{V2}/tables/TAB9001/data?lang=sv&outputFormat=json-stat2"
    fake = FakeTransport({url: "pxweb_v2_data.json"})

    v2(fake).query(
        "TAB9001",
        {
            "Region": ["1280", "00"],
            "Kon": ["*"],
            "Tid": [from_value("2020K1"), to_value("2025K3")],
            "Alder": [range_values("0", "17"), bottom(1)],
        },
        codelists={"Region": "vs_RegionKommun07"},
    )

    assert [request.method for request in fake.requests] == ["POST"]
    assert fake.bodies() == [
        {
            "selection": [
                {
                    "variableCode": "Region",
                    "valueCodes": ["1280", "00"],
                    "codelist": "vs_RegionKommun07",
                },
                {"variableCode": "Kon", "valueCodes": ["*"]},
                {"variableCode": "Tid", "valueCodes": ["from(2020K1)", "to(2025K3)"]},
                {"variableCode": "Alder", "valueCodes": ["range(0,17)", "bottom(1)"]},
            ]
        }
    ]


def test_v2_brackets_codes_that_hold_a_comma_in_a_url():
    fake = FakeTransport(default="pxweb_v2_data.json")

    v2(fake).data(
        "TAB9001", {"Alder": ["3", "1,2", range_values("0", "17")]}, codelists={"Alder": "agg_5"}
    )

    assert fake.urls == [
        f"{V2}/tables/TAB9001/data?lang=sv&outputFormat=json-stat2"
        "&valueCodes[Alder]=3,[1,2],range(0,17)&codelist[Alder]=agg_5"
    ]


# JSON-stat 2.0


def dataset(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(load("pxweb_v2_data.json"))
    assert isinstance(data, dict)
    data.update(changes)
    return data


def test_json_stat_fills_a_sparse_value_object_and_reads_status_as_list_or_text():
    data = dataset(value={"0": 1, "7": 2.5}, status=[None, "e", None, None, None, None, None, ""])
    parsed = parse_json_stat2(data, url="u")

    assert parsed.values == (1.0, None, None, None, None, None, None, 2.5)
    assert parsed.status == {1: "e"}
    assert parse_json_stat2(dataset(status="p"), url="u").status == dict.fromkeys(range(8), "p")


def test_json_stat_keeps_a_symbol_given_in_place_of_a_value():
    parsed = parse_json_stat2(
        dataset(value=[1, "2,5", "..", 4, 5, 6, 7, None], status=None), url="u"
    )

    assert parsed.values == (1.0, 2.5, None, 4.0, 5.0, 6.0, 7.0, None)
    assert parsed.status == {2: ".."}


def test_json_stat_takes_the_only_category_when_the_index_is_left_out():
    data = dataset()
    del data["dimension"]["ContentsCode"]["category"]["index"]

    assert parse_json_stat2(data, url="u").dimensions["ContentsCode"].codes == ("BE0101N1",)


def broken(path: str, value: Any) -> dict[str, Any]:
    data = dataset()
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            broken("value", [1, 2, 3]),
            "fältet ”value” ska vara en lista med 8 värden (produkten av ”size”) "
            "men är en lista med 3 värden",
        ),
        (broken("value", KeyError), "fältet ”value” saknas"),
        (
            broken("size", [2, 2, 1]),
            "fältet ”size” ska vara en lista med ett antal per dimension (4 stycken) "
            "men är en lista med 3 värden",
        ),
        (broken("id", "Region"), "fältet ”id” ska vara en lista men är texten ”Region”"),
        (broken("dimension.Kon", KeyError), "fältet ”dimension.Kon” saknas"),
        (
            broken("dimension.Kon.category.index", {"1": 0, "2": 2}),
            "fältet ”dimension.Kon.category.index” ska vara ett objekt med positionerna 0, 1, 2 … "
            "men är ett objekt med positionerna 0, 2",
        ),
        (
            broken("dimension.Kon.category.index", {"1": "0", "2": 1}),
            "fältet ”dimension.Kon.category.index” ska vara ett objekt med positionerna 0, 1, 2 … "
            "men är ett objekt med positionerna 0, 1",
        ),
        (
            broken("dimension.Kon.category.index", ["1", "2", "1+2"]),
            "fältet ”dimension.Kon.category.index” ska vara 2 kategorier, som i ”size” "
            "men är 3 kategorier",
        ),
        (
            broken("dimension.Kon.category.index", "1"),
            "fältet ”dimension.Kon.category.index” ska vara ett objekt eller en lista "
            "men är texten ”1”",
        ),
        (
            broken("dimension.Kon.category.label", {"1": ["män"]}),
            "fältet ”dimension.Kon.category.label.1” ska vara en text men är en lista",
        ),
        (
            broken("status", {"8": "p"}),
            "fältet ”status” ska vara ett objekt med positioner under 8 "
            "men är ett objekt med positionen ”8”",
        ),
        (
            broken("value", {"x": 1}),
            "fältet ”value” ska vara ett objekt med positioner under 8 "
            "men är ett objekt med positionen ”x”",
        ),
        (
            broken("value", [1, 2, 3, 4, 5, 6, 7, True]),
            "fältet ”value[7]” ska vara ett tal eller null men är true",
        ),
        (
            broken("class", "collection"),
            "fältet ”class” ska vara ”dataset” men är texten ”collection”",
        ),
    ],
)
def test_json_stat_names_the_field_of_a_malformed_dataset(data, message):
    with pytest.raises(OpenDataError) as caught:
        parse_json_stat2(data, url="https://x.example/data")

    assert str(caught.value) == (f"Svaret från https://x.example/data har oväntad form: {message}.")


# From datasets to records


@pytest.mark.parametrize(
    ("code", "label", "expected"),
    [
        ("00", "Riket", "0000"),
        ("0", "", "0000"),
        ("SE", "Riket", "0000"),
        ("0000", "", "0000"),
        ("21", "Gävleborgs län", "0021"),
        ("01", "Stockholms län", "0001"),
        ("R21", "21 Gävleborgs län", "0021"),
        ("1280", "Malmö", "1280"),
        ("0114", "Upplands Väsby", "0114"),
        ("x", "2180 Gävle", "2180"),
        ("1280_FA", "Malmö FA", "1280_FA"),
    ],
)
def test_normalise_region(code, label, expected):
    assert normalise_region(code, label) == expected


@pytest.mark.parametrize(
    ("code", "label", "expected"),
    [
        ("1", "", "M"),
        ("2", "", "K"),
        ("1+2", "", "T"),
        ("01", "", "M"),
        ("02", "", "K"),
        ("T", "", "T"),
        ("totalt", "", "T"),
        ("K", "", "K"),
        ("M", "", "M"),
        ("1", "män", "M"),
        ("2", "kvinnor", "K"),
        ("1+2", "totalt", "T"),
        # a table whose codes differ from Statistics Sweden's is read by its labels
        ("01", "Kvinnor", "K"),
        ("02", "Män", "M"),
        ("03", "Totalt", "T"),
        ("0", "Båda könen", "T"),
        ("9", "Okänt", None),
    ],
)
def test_normalise_sex(code, label, expected):
    assert normalise_sex(code, label) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2024", "2024"),
        ("2024K3", "2024Q3"),
        ("2024k1", "2024Q1"),
        ("2024Q2", "2024Q2"),
        ("2024M05", "2024M05"),
        ("2024M5", "2024M05"),
        ("2024H1", "2024H1"),
        ("2024M13", "2024M13"),
        ("2021-2024", "2021-2024"),
    ],
)
def test_normalise_period(code, expected):
    assert normalise_period(code) == expected


def test_records_follow_an_explicit_mapping_and_defaults():
    data = dataset(role=None)
    data["id"] = ["Omrade", "Kon", "Matt", "Period"]
    data["dimension"] = {
        "Omrade": data["dimension"]["Region"],
        "Kon": data["dimension"]["Kon"],
        "Matt": data["dimension"]["ContentsCode"],
        "Period": data["dimension"]["Tid"],
    }
    parsed = parse_json_stat2(data, url="u")
    mapping = DimensionMapping(region="Omrade", time="Period", content="Matt")

    records = list(dataset_records(parsed, mapping))

    assert records[0] == ValueRecord("BE0101N1", "1280", "2025Q2", "M", 180512.0)
    assert len(records) == 8


def test_records_take_indicator_and_place_when_the_table_has_no_such_dimension():
    data = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Tid"],
        "size": [2],
        "dimension": {"Tid": {"label": "år", "category": {"index": ["2023", "2024"]}}},
        "value": [39.3, None],
        "status": {"1": "X"},
    }
    parsed = parse_json_stat2(data, url="u")

    records = list(dataset_records(parsed, indicator="hälsa-42", place="rpo-test"))

    assert records == [
        ValueRecord("hälsa-42", "rpo-test", "2023", "T", 39.3),
        ValueRecord("hälsa-42", "rpo-test", "2024", "T", None, status="X"),
    ]
    with pytest.raises(OpenDataError, match="ingen regiondimension"):
        list(dataset_records(parsed, indicator="hälsa-42"))
    with pytest.raises(OpenDataError, match="ingen innehållsdimension"):
        list(dataset_records(parsed, place="rpo-test"))


def test_records_refuse_a_dimension_with_several_values_outside_the_mapping():
    data = dataset()
    data["id"] = ["Region", "Kon", "ContentsCode", "Tid", "Alder"]
    data["size"] = [2, 2, 1, 2, 2]
    data["dimension"]["Alder"] = {"label": "ålder", "category": {"index": ["0-17", "18+"]}}
    data["value"] = [1] * 16
    data["status"] = None
    parsed = parse_json_stat2(data, url="https://x.example/d")

    with pytest.raises(OpenDataError) as caught:
        list(dataset_records(parsed))

    assert str(caught.value) == (
        "Tabellen från https://x.example/d har 2 värden i dimensionen ”Alder”, som inte är "
        "region, tid, kön eller innehåll; välj ett enda värde för den i frågan."
    )


def test_records_refuse_an_unknown_sex_and_an_unknown_dimension_name():
    data = dataset()
    data["dimension"]["Kon"]["category"]["index"] = {"1": 0, "3": 1}
    data["dimension"]["Kon"]["category"]["label"] = {"1": "män", "3": "okänt"}
    parsed = parse_json_stat2(data, url="https://x.example/d")

    with pytest.raises(OpenDataError) as caught:
        list(dataset_records(parsed))
    assert str(caught.value) == (
        "Tabellen från https://x.example/d har ett okänt värde ”3” (okänt) i dimensionen ”Kon”; "
        "väntade kvinnor, män eller totalt."
    )
    with pytest.raises(OpenDataError, match="har ingen dimension ”Kön”; den har Region, Kon"):
        list(dataset_records(parsed, DimensionMapping(sex="Kön")))
