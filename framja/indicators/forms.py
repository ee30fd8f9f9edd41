"""Forms for the indicator catalogue and for uploading values."""

import json
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from framja.core.forms import FastSelect, Form, ModelForm
from framja.core.uploads import check_office_file, check_text_file
from framja.indicators.importer import CSV_SUFFIXES, XLSX_SUFFIXES
from framja.indicators.keys import PlaceKeys
from framja.indicators.models import DataSource, Indicator, IndicatorSelection
from framja.indicators.services import MAX_KOLADA_YEARS

RESERVED_CODES = {"ny", "importera"}


class IndicatorForm(ModelForm):
    pxweb_selection = forms.JSONField(
        label=_("PxWeb-urval"),
        required=False,
        help_text=_("Urvalet som skickas till tabellen, som JSON."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Indicator
        fields = (
            "name",
            "code",
            "description",
            "source",
            "unit",
            "direction",
            "level",
            "periodicity",
            "by_sex",
            "kolada_kpi_id",
            "pxweb_url",
            "pxweb_selection",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if code in RESERVED_CODES:
            raise ValidationError(
                _("Koden %(code)s är reserverad. Välj en annan."), params={"code": code}
            )
        return code

    def clean_pxweb_selection(self) -> Any:
        return self.cleaned_data.get("pxweb_selection") or {}


class IndicatorFilterForm(Form):
    """The indicator list's search and data-source filter, read from the query string."""

    q = forms.CharField(label=_("Sök på namn eller kod"), max_length=100, required=False)
    kalla: forms.ModelChoiceField[DataSource] = forms.ModelChoiceField(
        label=_("Datakälla"),
        queryset=DataSource.objects.none(),
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args: Any, sources: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kalla"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sources
        field.empty_label = _("Alla datakällor")


class ImportForm(Form):
    file = forms.FileField(
        label=_("Fil med värden"),
        help_text=_(
            "CSV (semikolon eller komma, UTF-8) eller Excel (.xlsx) med kolumnerna indikator, "
            "plats, period, kön, värde och status."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in (*CSV_SUFFIXES, *XLSX_SUFFIXES):
            raise ValidationError(_("Filen ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)."))
        limit = settings.INDICATOR_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("Filen är för stor (högst %(megabytes)d MB)."),
                params={"megabytes": limit // (1024 * 1024)},
            )
        if suffix in XLSX_SUFFIXES:
            check_office_file(upload, part="xl/workbook.xml", max_unpacked=20 * limit)
        else:
            check_text_file(upload)
        return upload


CHART_FIELDS = {
    "tidsserie": ("plats", "kon"),
    "jamforelse": ("period", "niva", "region", "kon", "plats"),
    "kon": ("plats", "period"),
    "behov": ("period", "niva", "region"),
}
ALL_SEXES = "alla"


class ChartForm(Form):
    """What a chart or the targeting shows, chosen with a plain GET form.

    Only the fields the page uses are kept; an empty or unknown choice falls back to the
    page's default.
    """

    plats = forms.ChoiceField(label=_("Plats"), required=False, widget=FastSelect)
    period = forms.ChoiceField(label=_("Period"), required=False, widget=FastSelect)
    niva = forms.ChoiceField(
        label=_("Jämför"),
        required=False,
        choices=[("municipality", _("kommuner")), ("region", _("regioner"))],
        widget=FastSelect,
    )
    region = forms.ChoiceField(label=_("Bara kommunerna i"), required=False, widget=FastSelect)
    kon = forms.ChoiceField(label=_("Kön"), required=False, widget=FastSelect)

    def __init__(
        self,
        *args: Any,
        kind: str,
        places: list[tuple[str, str]],
        regions: list[tuple[str, str]],
        periods: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in CHART_FIELDS[kind]:
                del self.fields[name]
        choices: dict[str, list[tuple[str, Any]]] = {
            "plats": list(places),
            "period": [(p, p) for p in reversed(periods)],
            "region": [("", _("Hela landet")), *regions],
            "kon": [("T", _("totalt")), ("K", _("kvinnor")), ("M", _("män"))],
        }
        if kind == "kon":
            choices["period"] = [("", _("De senaste fem perioderna")), *choices["period"]]
        if kind == "tidsserie":
            choices["kon"].append((ALL_SEXES, _("kvinnor, män och totalt")))
        if kind == "jamforelse":
            choices["plats"] = [("", _("Ingen")), *places]
            self.fields["plats"].label = _("Markera")
        for name, field in self.fields.items():
            if name in choices:
                assert isinstance(field, forms.ChoiceField)
                field.choices = choices[name]

    def chosen(self, defaults: dict[str, str]) -> dict[str, str]:
        """Return the valid choices, the defaults where a choice is missing or unknown."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned.get(name) or defaults.get(name, "") for name in (*self.fields, *defaults)
        }


class PxWebImportForm(Form):
    url = forms.URLField(
        label=_("Tabellens adress"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "v1: …/api/v1/sv/…/TABELL.px, v2: …/api/v2/tables/TABELL. Tabellen ska ge värden "
            "av ett enda innehåll, så att alla hör till indikatorn."
        ),
    )
    version = forms.TypedChoiceField(
        label=_("API-version"),
        choices=[(1, "PxWeb API 1"), (2, "PxWeb API 2")],
        coerce=int,
        initial=1,
    )
    query = forms.CharField(
        label=_("Frågan (JSON)"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        max_length=100_000,
        help_text=_(
            "API 1: ett objekt med query (variablerna och deras urval) och response med "
            "formatet json-stat2, som tabellens egen fråga ser ut. API 2: ett objekt med "
            "selection (variableCode och valueCodes)."
        ),
    )

    def clean_query(self) -> Any:
        text = self.cleaned_data["query"]
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Frågan är ingen giltig JSON: %(error)s (rad %(line)d, tecken %(column)d)."),
                params={"error": error.msg, "line": error.lineno, "column": error.colno},
            ) from None


class KoladaImportForm(Form):
    places = forms.CharField(
        label=_("Platser"),
        max_length=2000,
        help_text=_(
            "Kommun- och regionkoder som i Kolada, åtskilda med komma, t.ex. "
            "1290, 1293, 0012, 0000 (0000 är riket)."
        ),
    )
    years = forms.CharField(
        label=_("År"),
        max_length=200,
        help_text=_("Åtskilda med komma, eller ett intervall: 2022, 2023 eller 2019-2024."),
    )

    def clean_places(self) -> list[str]:
        codes = [code.strip() for code in self.cleaned_data["places"].split(",") if code.strip()]
        if not codes:
            raise ValidationError(_("Ange minst en plats."))
        keys = PlaceKeys()
        unknown = [code for code in codes if keys.get(code) is None]
        if unknown:
            raise ValidationError(
                _("Okända platser: %(codes)s. Ange koder som 0580 eller 0005, 0000 för riket."),
                params={"codes": ", ".join(unknown)},
            )
        return codes

    def clean_years(self) -> list[int]:
        years: set[int] = set()
        for part in self.cleaned_data["years"].replace("–", "-").split(","):
            text = part.strip()
            if not text:
                continue
            first, _dash, last = text.partition("-")
            if not (first.strip().isdigit() and (not last or last.strip().isdigit())):
                raise ValidationError(
                    _("”%(text)s” är inget år eller intervall (skriv t.ex. 2023 eller 2019-2024)."),
                    params={"text": text},
                )
            start, stop = int(first), int(last or first)
            if not (1900 <= start <= stop <= 2100) or stop - start >= MAX_KOLADA_YEARS:
                raise ValidationError(
                    _("”%(text)s” är inget år eller intervall (skriv t.ex. 2023 eller 2019-2024)."),
                    params={"text": text},
                )
            years.update(range(start, stop + 1))
        if not years:
            raise ValidationError(_("Ange minst ett år."))
        if len(years) > MAX_KOLADA_YEARS:
            raise ValidationError(
                _("Högst %(count)d år åt gången."), params={"count": MAX_KOLADA_YEARS}
            )
        return sorted(years)


class SelectionForm(ModelForm):
    """Choose an indicator to follow, for a place and sex, with baseline and target."""

    class Meta:
        model = IndicatorSelection
        fields = (
            "indicator",
            "place",
            "sex",
            "plan",
            "baseline_value",
            "baseline_period",
            "target_value",
            "target_year",
            "note",
        )
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.fields["plan"]
        assert isinstance(plan, forms.ModelChoiceField)
        plan.queryset = organisation.plans.order_by("-year", "-id")
        plan.empty_label = _("– Ingen särskild plan –")
