"""The Kolada v3 client against hand-written answers in the documented shapes; no network."""

import datetime
import json
import re
from typing import Any

import pytest

from framja.indicators.http import JsonClient, OpenDataError, Request, Response
from framja.indicators.kolada import KoladaClient, Kpi, Municipality, OrganisationalUnit, chunked
from framja.indicators.records import ValueRecord

from .fakes import FakeTransport

BASE = "https://api.kolada.se/v3"
EMPTY_PAGE = json.dumps({"values": [], "count": 0, "next_url": None}).encode()


def kolada(fake: FakeTransport, **kwargs) -> KoladaClient:
    return KoladaClient(base_url=BASE, http=JsonClient(transport=fake), **kwargs)


def test_it_searches_kpis_and_follows_next_url_until_it_is_absent():
    # given
    fake = FakeTransport(
        {
            f"{BASE}/kpi?title=fall&per_page=2": "kolada_kpi_page1.json",
            f"{BASE}/kpi?title=fall&per_page=2&page=2": "kolada_kpi_page2.json",
        }
    )
    pages: list[int] = []

    # when
    kpis = kolada(fake, per_page=2).search_kpis("fall", progress=pages.append)

    # then
    assert fake.urls == [
        f"{BASE}/kpi?title=fall&per_page=2",
        f"{BASE}/kpi?title=fall&per_page=2&page=2",
    ]
    assert pages == [1, 2]
    assert [kpi.id for kpi in kpis] == ["U21432", "N20500", "U79133"]
    assert kpis[0] == Kpi(
        id="U21432",
        title="Åtgärder mot fall m.m. i hemsjukvård (Senior Alert), andel (%)",
        description="Exempeltext för test.",
        is_divided_by_gender=True,
        municipality_type="K",
        auspice="E",
        operating_area="Hälso- och sjukvård",
        perspective="Kvalitet",
        publication_date="2025-05-20",
        publ_period="2024",
        has_ou_data=False,
    )
    # 0/1 flags, null texts and a number where text is usual are all read.
    assert (kpis[1].is_divided_by_gender, kpis[1].auspice, kpis[1].publ_period) == (
        False,
        "",
        "2024",
    )
    assert kpis[1].has_ou_data is True
    assert kpis[2].municipality_type == "L"


def test_it_quotes_search_words():
    fake = FakeTransport(default=EMPTY_PAGE)

    assert kolada(fake).search_kpis("strategi för hälsa") == []

    assert fake.urls == [f"{BASE}/kpi?title=strategi%20f%C3%B6r%20h%C3%A4lsa&per_page=5000"]


def test_it_takes_the_base_url_from_the_setting(settings):
    # given
    settings.KOLADA_BASE_URL = "https://kolada.example/v3/"
    fake = FakeTransport(
        {"https://kolada.example/v3/municipality?per_page=5000": "kolada_municipality.json"}
    )

    # when
    places = KoladaClient(http=JsonClient(transport=fake)).municipalities()

    # then
    assert places == [
        Municipality(id="0000", title="Riket", type="L"),
        Municipality(id="0012", title="Region Skåne", type="L"),
        Municipality(id="1280", title="Malmö", type="K"),
    ]


def test_it_asks_for_kpis_25_ids_at_a_time_without_repeats():
    # given
    ids = [f"N{number:05d}" for number in range(60)] + ["N00003"]

    def answer(request: Request) -> Response:
        asked = request.url.removeprefix(f"{BASE}/kpi/").split("?")[0].split(",")
        values = [{"id": kpi, "title": f"Titel {kpi}"} for kpi in asked]
        return Response(200, json.dumps({"values": values, "count": len(values)}).encode())

    fake = FakeTransport(default=answer)

    # when
    kpis = kolada(fake).kpis(ids)

    # then
    assert fake.urls == [
        f"{BASE}/kpi/{','.join(ids[0:25])}?per_page=5000",
        f"{BASE}/kpi/{','.join(ids[25:50])}?per_page=5000",
        f"{BASE}/kpi/{','.join(ids[50:60])}?per_page=5000",
    ]
    assert [kpi.id for kpi in kpis] == ids[:60]


def test_chunked_splits_and_rejects_empty_codes():
    assert chunked([1280, "0180", "1280"], size=1) == [["1280"], ["0180"]]
    with pytest.raises(ValueError, match="tom kod"):
        chunked(["N00945", " "])


def test_it_combines_the_chunks_of_every_part_of_a_data_request():
    # given
    kpis = [f"U{number:05d}" for number in range(26)]
    places = [f"{number:04d}" for number in range(100, 127)]
    fake = FakeTransport(default=EMPTY_PAGE)

    # when
    records = list(kolada(fake).data(kpis=kpis, municipalities=places, years=[2023, "2024"]))

    # then
    years = "year/2023,2024"
    assert records == []
    assert fake.urls == [
        f"{BASE}/data/kpi/{','.join(kpis[:25])}/municipality/{','.join(places[:25])}/{years}",
        f"{BASE}/data/kpi/{','.join(kpis[:25])}/municipality/{','.join(places[25:])}/{years}",
        f"{BASE}/data/kpi/{kpis[25]}/municipality/{','.join(places[:25])}/{years}",
        f"{BASE}/data/kpi/{kpis[25]}/municipality/{','.join(places[25:])}/{years}",
    ]


def test_it_leaves_out_the_part_not_given():
    fake = FakeTransport(default=EMPTY_PAGE)

    list(kolada(fake).data(kpis=["N00945"], years=[2024]))
    list(kolada(fake).data(municipalities=["1280"], years=[2024]))
    list(kolada(fake).data(kpis=["N00945"], municipalities=["1280"]))

    assert fake.urls == [
        f"{BASE}/data/kpi/N00945/year/2024",
        f"{BASE}/data/municipality/1280/year/2024",
        f"{BASE}/data/kpi/N00945/municipality/1280",
    ]


def test_it_needs_two_of_kpis_places_and_years():
    fake = FakeTransport(default=EMPTY_PAGE)

    with pytest.raises(ValueError, match="minst två av nyckeltal, kommuner eller regioner och år"):
        list(kolada(fake).data(kpis=["N00945"]))
    assert fake.requests == []


def test_it_reads_values_with_nulls_statuses_and_both_period_forms():
    # given
    first = f"{BASE}/data/kpi/N00945,U21432/municipality/0180,1280/year/2000,2024"
    fake = FakeTransport(
        {first: "kolada_data_page1.json", f"{first}?page=2": "kolada_data_page2.json"}
    )
    pages: list[int] = []

    # when
    records = list(
        kolada(fake).data(
            kpis=["N00945", "U21432"],
            municipalities=["0180", "1280"],
            years=[2000, 2024],
            progress=pages.append,
        )
    )

    # then
    assert fake.urls == [first, f"{first}?page=2"]
    assert pages == [1, 2]
    assert records == [
        ValueRecord("N00945", "0180", "2000", "T", 31.32959689),
        ValueRecord("U21432", "1280", "2024", "T", 62.5),
        ValueRecord("U21432", "1280", "2024", "K", 64.0),
        ValueRecord("U21432", "1280", "2024", "M", None, status="X"),
        ValueRecord("U21432", "0180", "2024", "T", 58.0),
        ValueRecord("U21432", "0180", "2024", "K", 0.0),
    ]
    assert all(record.deleted is False for record in records)


def test_it_yields_deletions_from_updates_in_both_spellings():
    # given
    fake = FakeTransport(
        {f"{BASE}/data/kpi/N00992/year/2024?from_date=2025-01-01": "kolada_updates.json"}
    )

    # when
    records = list(
        kolada(fake).data(kpis=["N00992"], years=[2024], from_date=datetime.date(2025, 1, 1))
    )

    # then
    assert records == [
        ValueRecord("N00992", "0180", "2024", "T", 1.12, deleted=False),
        ValueRecord("N00992", "1280", "2024", "T", None, deleted=True),
        ValueRecord("N00992", "0580", "2024", "K", 0.91, deleted=True),
        ValueRecord("N00992", "0580", "2024", "M", 0.95, deleted=False),
    ]


def test_it_reads_units_and_their_values():
    fake = FakeTransport(
        {
            f"{BASE}/ou?per_page=5000&municipality=1280": "kolada_ou.json",
            f"{BASE}/oudata/kpi/N20500/ou/V21E128000101/year/2024": "kolada_oudata.json",
        }
    )
    client = kolada(fake)

    units = client.organisational_units(municipality="1280")
    records = list(client.ou_data(kpis=["N20500"], units=[units[0].id], years=["2024"]))

    assert units == [
        OrganisationalUnit(
            id="V21E128000101", title="Exempelboendet (särskilt boende)", municipality="1280"
        )
    ]
    assert records == [ValueRecord("N20500", "V21E128000101", "2024", "T", 87.5)]


def page(*items: Any, **envelope: Any) -> bytes:
    return json.dumps({"values": list(items), "count": len(items), **envelope}).encode()


def item(**overrides: Any) -> dict[str, Any]:
    entry = {"gender": "T", "count": 1, "status": "", "value": 1.5}
    values = overrides.pop("values", [entry])
    return {"kpi": "N00945", "municipality": "1280", "period": 2024, "values": values, **overrides}


URL = f"{BASE}/data/kpi/N00945/year/2024"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"count": 0}', "fältet ”values” saknas"),
        (b'[{"kpi": "N00945"}]', "fältet ”(hela svaret)” ska vara ett objekt men är en lista"),
        (
            page(item(values=[{"gender": "X", "value": 1}])),
            "”values[0].values[0].gender” ska vara T, K eller M men är texten ”X”",
        ),
        (
            page(item(values=[{"gender": "T", "value": "12,5"}])),
            "”values[0].values[0].value” ska vara ett tal eller null men är texten ”12,5”",
        ),
        (page(item(values=[{"gender": "T"}])), "fältet ”values[0].values[0].value” saknas"),
        (page(item(period=True)), "fältet ”values[0].period” ska vara ett årtal men är true"),
        (page({"kpi": "N00945", "period": 2024, "values": []}), "”values[0].municipality” saknas"),
        (
            page(item(values={"gender": "T"})),
            "”values[0].values” ska vara en lista men är ett objekt",
        ),
        (
            page(item(values=[{"gender": "T", "value": 1, "isdeleted": "ja"}])),
            "”values[0].values[0].isdeleted” ska vara true, false, 0 eller 1",
        ),
        (page(next_url=5), "fältet ”next_url” ska vara en webbadress eller null men är talet 5"),
        (b"<html>Fel</html>", "är inte JSON (fel på rad 1, kolumn 1). Svaret: ”<html>Fel</html>”"),
    ],
)
def test_it_names_the_field_of_a_malformed_answer(body, message):
    fake = FakeTransport({URL: body})

    with pytest.raises(OpenDataError) as caught:
        list(kolada(fake).data(kpis=["N00945"], years=[2024]))

    assert caught.value.url == URL
    assert str(caught.value).startswith(f"Svaret från {URL} ")
    assert message in str(caught.value)


def test_it_stops_when_next_url_points_back():
    fake = FakeTransport({URL: page(item(), next_url=URL)})

    with pytest.raises(OpenDataError, match="pekar i next_url tillbaka på en sida som redan lästs"):
        list(kolada(fake).data(kpis=["N00945"], years=[2024]))
    assert fake.urls == [URL]


def test_it_follows_a_relative_next_url():
    fake = FakeTransport(
        {
            URL: page(item(), next_url="/v3/data/kpi/N00945/year/2024?page=2"),
            f"{URL}?page=2": page(),
        }
    )

    records = list(kolada(fake).data(kpis=["N00945"], years=[2024]))

    assert records == [ValueRecord("N00945", "1280", "2024", "T", 1.5)]
    assert fake.urls == [URL, f"{URL}?page=2"]


def test_it_reports_a_server_error_in_swedish():
    fake = FakeTransport({URL: Response(500, b"Internal Server Error")})

    with pytest.raises(OpenDataError) as caught:
        list(kolada(fake).data(kpis=["N00945"], years=[2024]))

    assert str(caught.value) == (
        f"Anropet till {URL} misslyckades: servern svarade med HTTP-status 500. "
        "Svaret: ”Internal Server Error”"
    )


def test_the_records_of_a_page_come_only_when_the_whole_page_is_read():
    fake = FakeTransport({URL: page(item(), item(values=[{"gender": "?", "value": 1}]))})
    records: list[ValueRecord] = []

    with pytest.raises(OpenDataError, match=re.escape("values[1].values[0].gender")):
        records.extend(kolada(fake).data(kpis=["N00945"], years=[2024]))
    assert records == []
