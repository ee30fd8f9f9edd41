"""Turn the keys a source uses for indicators, places, periods and sexes into ours.

Indicators and places are resolved in bulk: ``IndicatorKeys`` and ``PlaceKeys`` read the
whole (small) catalogue and place list in one query each, and then answer from memory,
however many rows mention them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping

from framja.indicators.models import Indicator, Level, Place
from framja.organisations.models import Organisation, OrganisationKind

# Take distinct keys, return the indicator id of each key known; leave the others out.
IndicatorResolver = Callable[[Collection[str]], Mapping[str, int]]

PERIOD = re.compile(r"^\d{4}(?:H[12]|Q[1-4]|M(?:0[1-9]|1[0-2]))?$")
SEXES = {"T": "T", "K": "K", "M": "M", "": "T"}
LEVEL_OF_KIND = {
    OrganisationKind.REGION: Level.REGION,
    OrganisationKind.MUNICIPALITY: Level.MUNICIPALITY,
    OrganisationKind.HEALTHCARE_REGION: Level.AREA,
    OrganisationKind.SUBREGIONAL_COLLABORATION: Level.AREA,
    OrganisationKind.LOCAL_COLLABORATION: Level.AREA,
}


def normalise_period(raw: str) -> str | None:
    """Return the period in our form ("2024", "2024H1", "2024Q3", "2024M05") or None.

    Lower case, "2024K3" (kvartal) and "2024M5" are accepted too.
    """
    text = raw.strip().upper().replace("-", "").replace(" ", "")
    if len(text) == 6 and text[4] == "K":
        text = f"{text[:4]}Q{text[5]}"
    if len(text) == 6 and text[4] == "M":
        text = f"{text[:5]}0{text[5]}"
    return text if PERIOD.match(text) else None


def normalise_sex(raw: str) -> str | None:
    """Return "T", "K" or "M"; an empty sex means the total. None if it is none of them."""
    return SEXES.get(raw.strip().upper())


def normalise_place(raw: str) -> str:
    """Return the key in the form places are stored: codes padded to Kolada's four digits.

    A spreadsheet turns "0580" into 580 and "0000" into 0; the padding brings them back.
    """
    key = raw.strip()
    if key.isdigit() and len(key) < 4:
        return key.zfill(4)
    return key


class IndicatorKeys:
    """Our own keys for indicators: the code, the Kolada id, or the number."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}
        rows = Indicator.objects.values_list("pk", "code", "kolada_kpi_id")
        for pk, _code, kolada in rows:
            self.keys[str(pk)] = pk
            if kolada:
                self.keys[kolada] = pk
        for pk, code, _kolada in rows:
            self.keys[code] = pk

    def get(self, raw: str) -> int | None:
        key = raw.strip()
        return self.keys.get(key) or self.keys.get(key.lower())

    def resolve(self, keys: Collection[str]) -> dict[str, int]:
        """Resolve many keys at once: an ``IndicatorResolver``."""
        found = {key: self.get(key) for key in keys}
        return {key: pk for key, pk in found.items() if pk is not None}


def indicators_by_code(keys: Collection[str]) -> dict[str, int]:
    """Resolve the keys a file uses: code, Kolada id or number."""
    return IndicatorKeys().resolve(keys)


def indicators_by_kolada_id(keys: Collection[str]) -> dict[str, int]:
    """Resolve Kolada KPI ids (what the Kolada client's records carry)."""
    found = Indicator.objects.filter(kolada_kpi_id__in=set(keys)).values_list("kolada_kpi_id", "pk")
    return dict(found)


def one_indicator(indicator: Indicator) -> IndicatorResolver:
    """Return a resolver that files every key under one indicator (a PxWeb table's)."""

    def resolve(keys: Collection[str]) -> Mapping[str, int]:
        return dict.fromkeys(keys, indicator.pk)

    return resolve


class PlaceKeys:
    """Every place's code and every organisation's slug and code, from two queries.

    ``get`` answers a place's id, or minus the id of an organisation that has no place
    yet: ``places_make`` makes those places when the values are written.
    """

    def __init__(self) -> None:
        self.keys: dict[str, int] = dict(Place.objects.values_list("code", "pk"))
        organisations = Organisation.objects.values_list("pk", "slug", "code", "place__pk")
        for pk, slug, code, place in organisations:
            value = place if place is not None else -pk
            if code:
                self.keys.setdefault(code, value)
            self.keys.setdefault(slug, value)

    def get(self, raw: str) -> int | None:
        return self.keys.get(normalise_place(raw))


def places_make(pending: Iterable[int]) -> dict[int, int]:
    """Make places for organisations (given as minus their ids); return old → new id.

    Writes: call inside the import's transaction.
    """
    wanted = sorted({-value for value in pending if value < 0})
    if not wanted:
        return {}
    taken = set(Place.objects.values_list("code", flat=True))
    made = {}
    for organisation in Organisation.objects.filter(pk__in=wanted):
        code = organisation.code if organisation.code and organisation.code not in taken else ""
        place = Place.objects.create(
            code=code or organisation.slug,
            name=organisation.name,
            level=LEVEL_OF_KIND.get(OrganisationKind(organisation.kind), Level.UNIT),
            organisation=organisation,
        )
        taken.add(place.code)
        made[-organisation.pk] = place.pk
    return made
