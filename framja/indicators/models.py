"""Indicators, where their values come from, the places they describe, and the values."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    """How a data source's values reach Främja."""

    FILE = "file", _("fil (CSV eller Excel)")
    KOLADA = "kolada", _("Koladas API")
    PXWEB = "pxweb", _("PxWeb-API")


class DataSource(models.Model):
    """A survey, register or statistics service that publishes indicator values."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    publisher = models.CharField(_("utgivare"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    url = models.URLField(_("webbadress"), blank=True)
    access = models.CharField(
        _("hämtas via"), max_length=10, choices=Access.choices, default=Access.FILE
    )

    class Meta:
        verbose_name = _("datakälla")
        verbose_name_plural = _("datakällor")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Direction(models.TextChoices):
    HIGHER = "higher", _("högre är bättre")
    LOWER = "lower", _("lägre är bättre")
    NONE = "none", _("varken högre eller lägre är bättre")


class Level(models.TextChoices):
    """The kind of place an indicator (or a place) describes, from the widest."""

    COUNTRY = "country", _("riket")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("kommun")
    AREA = "area", _("område")
    UNIT = "unit", _("enhet")


class Periodicity(models.TextChoices):
    YEAR = "year", _("år")
    BIENNIAL = "biennial", _("vartannat år")
    HALF_YEAR = "half_year", _("halvår")
    QUARTER = "quarter", _("kvartal")
    MONTH = "month", _("månad")


class Indicator(models.Model):
    """A measure that plans follow, with where its values come from and how to read them.

    ``code`` is the key a file uses for the indicator. ``kolada_kpi_id`` and the PxWeb
    fields tell the open-data imports where to fetch its values. ``value_count``,
    ``first_period`` and ``last_period`` sum up its values ("" when it has none).
    """

    code = models.SlugField(
        _("kod"),
        max_length=60,
        unique=True,
        help_text=_("Kort namn som importfiler använder, t.ex. diskuterat-levnadsvanor."),
        error_messages={"unique": _("Det finns redan en indikator med den koden.")},
    )
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    source = models.ForeignKey(
        DataSource,
        verbose_name=_("datakälla"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    unit = models.CharField(
        _("enhet"), max_length=100, blank=True, help_text=_("T.ex. procent, index, antal.")
    )
    direction = models.CharField(
        _("vad är bättre"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    level = models.CharField(
        _("redovisas för"), max_length=16, choices=Level.choices, default=Level.REGION
    )
    periodicity = models.CharField(
        _("period"), max_length=16, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    by_sex = models.BooleanField(_("uppdelad på kön"), default=False)
    kolada_kpi_id = models.CharField(
        _("Kolada-id"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("Nyckeltalets id i Kolada, t.ex. N00992."),
    )
    pxweb_url = models.URLField(
        _("PxWeb-tabell"),
        max_length=500,
        blank=True,
        help_text=_("Tabellens adress i ett PxWeb-API."),
    )
    pxweb_selection = models.JSONField(
        _("PxWeb-urval"),
        default=dict,
        blank=True,
        help_text=_("Urvalet som skickas till tabellen, som JSON."),
    )
    # The totals of the indicator's values, kept by every write of values (bulk.write_rows,
    # or services.indicator_totals_refresh after any other). Counting the values and finding
    # their first and last period reads the indicator's whole part of the key, 20,000 entries
    # for a national indicator: more than the rest of its page.
    value_count = models.PositiveIntegerField(_("antal värden"), default=0, editable=False)
    first_period = models.CharField(
        _("första period med värden"), max_length=7, blank=True, editable=False
    )
    last_period = models.CharField(
        _("senaste period med värden"), max_length=7, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", kwargs={"code": self.code})


class Place(models.Model):
    """A place values describe: Riket, a region, a municipality, an area or a unit.

    ``code`` is the Kolada code for Riket ("0000"), regions ("0012") and municipalities
    ("1280"); a place made for another organisation uses the organisation's slug.
    """

    code = models.CharField(_("kod"), max_length=100, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    level = models.CharField(_("nivå"), max_length=16, choices=Level.choices)
    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="place",
    )

    class Meta:
        verbose_name = _("plats")
        verbose_name_plural = _("platser")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Sex(models.TextChoices):
    TOTAL = "T", _("totalt")
    WOMEN = "K", _("kvinnor")
    MEN = "M", _("män")


class IndicatorValue(models.Model):
    """One value of an indicator for a place, a period and a sex.

    ``period`` is "2024", "2024H1", "2024Q3" or "2024M05". ``value`` is empty when the
    source withholds it; ``status`` keeps the source's quality flag (".." and the like).
    The key (indicator, place, period, sex) is the primary key: there is one value per key,
    and importing the same key again replaces it. On SQLite the table is WITHOUT ROWID
    (migration 0002), so the key is the table itself: one B-tree to write, not two.
    """

    pk = models.CompositePrimaryKey("indicator", "place", "period", "sex")
    # No foreign-key constraints in the database and no indexes of their own: a database
    # checks a constraint row by row (on PostgreSQL a locking look-up per row and key, which
    # made a national import take a minute instead of seconds), and every index is one more
    # B-tree to write. The import resolves every key against the catalogue and checks the
    # ids again inside its transaction; Django still applies CASCADE and PROTECT. The key's
    # first column serves every query by indicator.
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="values",
        db_index=False,
        db_constraint=False,
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("plats"),
        on_delete=models.PROTECT,
        related_name="values",
        db_index=False,
        db_constraint=False,
    )
    period = models.CharField(_("period"), max_length=7)
    sex = models.CharField(_("kön"), max_length=1, choices=Sex.choices, default=Sex.TOTAL)
    value = models.FloatField(_("värde"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, blank=True)
    source = models.CharField(_("källa"), max_length=100, blank=True)
    imported_at = models.DateTimeField(_("importerad"))

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ("indicator", "place", "period", "sex")

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.place_id} {self.period} {self.sex}: {self.value}"


class JobState(models.TextChoices):
    QUEUED = "queued", _("väntar på att starta")
    FETCHING = "fetching", _("hämtar värdena")
    READING = "reading", _("läser filen")
    WRITING = "writing", _("sparar värdena")
    DONE = "done", _("klar")
    FAILED = "failed", _("misslyckades")


class ImportJob(models.Model):
    """An import run in the background by the task worker: an uploaded file of values, or
    values fetched from Kolada (``kolada`` holds the KPIs, places and years then) or from a
    PxWeb table (``pxweb`` holds the table's URL, the API version, the indicator and the
    query)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    file = models.FileField(_("fil"), upload_to="indikatorimport/%Y/%m/", blank=True)
    kolada = models.JSONField(_("hämtning ur Kolada"), default=dict, blank=True)
    pxweb = models.JSONField(
        _("hämtning ur PxWeb"),
        default=dict,
        blank=True,
        help_text=_("Tabellens adress, API-version, indikatorn och frågan."),
    )
    file_name = models.CharField(_("filnamn"), max_length=255)
    state = models.CharField(
        _("läge"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField(_("lästa rader"), default=0)
    total = models.PositiveIntegerField(_("rader"), default=0)
    created = models.PositiveIntegerField(_("nya värden"), default=0)
    updated = models.PositiveIntegerField(_("ersatta värden"), default=0)
    deleted = models.PositiveIntegerField(_("borttagna värden"), default=0)
    indicators = models.JSONField(
        _("importerade indikatorer"), default=list, blank=True, help_text=_("Koderna.")
    )
    error = models.TextField(_("fel"), blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("import av indikatorvärden")
        verbose_name_plural = _("importer av indikatorvärden")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("indicators:import_job", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def progress_text(self) -> str:
        """How far the job has come in words, or "" before there is anything to count:
        rows of a file read, values fetched from an open-data source, values saved."""

        def number(value: int) -> str:
            return number_format(value, force_grouping=True)

        fetched = bool(self.kolada or self.pxweb)
        if self.state == JobState.FETCHING and self.done:
            return gettext("%(done)s värden hämtade hittills") % {"done": number(self.done)}
        if self.state in (JobState.READING, JobState.WRITING) and self.total:
            values = {"done": number(self.done), "total": number(self.total)}
            if fetched:
                return gettext("%(done)s av %(total)s värden sparade") % values
            return gettext("%(done)s av %(total)s rader lästa") % values
        return ""


class IndicatorSelection(models.Model):
    """An indicator an organisation, or one of its plans, follows ("Val av indikatorer"):
    for which place and sex, from which baseline, towards which target."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="indicator_selections",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("handlingsplan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_selections",
        help_text=_("Tomt om organisationen följer indikatorn oberoende av en viss plan."),
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="selections",
    )
    place = models.ForeignKey(
        Place, verbose_name=_("plats"), on_delete=models.PROTECT, related_name="selections"
    )
    sex = models.CharField(_("kön"), max_length=1, choices=Sex.choices, default=Sex.TOTAL)
    baseline_value = models.FloatField(_("utgångsvärde"), null=True, blank=True)
    baseline_period = models.CharField(_("utgångsvärdets period"), max_length=7, blank=True)
    target_value = models.FloatField(_("målvärde"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    note = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("följd indikator")
        verbose_name_plural = _("följda indikatorer")
        ordering = ("organisation", "plan", "indicator__name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "plan", "indicator", "place", "sex"),
                name="one_selection_per_indicator_place_and_sex",
                violation_error_message=_(
                    "Indikatorn följs redan för den platsen och det könet här."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.place}"
