"""The knowledge bank: good examples, events and webcasts, and the search index over it all."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ExampleStatus(models.TextChoices):
    PLANNED = "planned", _("planerat")
    ONGOING = "ongoing", _("pågår")
    FINISHED = "finished", _("avslutat")


class GoodExample(models.Model):
    """A good example (gott exempel) an organisation shares so others can build on it.

    Good examples are open to everyone; the editors of ``organisation`` keep them.
    """

    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("sammanfattning"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ansvarig organisation"),
        on_delete=models.PROTECT,
        related_name="good_examples",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("fler organisationer"),
        blank=True,
        related_name="good_examples_as_partner",
    )
    county = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("län"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_groups = models.CharField(_("målgrupper"), max_length=300, blank=True)
    target_areas = models.ManyToManyField(
        "catalog.PublicHealthTargetArea",
        verbose_name=_("folkhälsopolitiska målområden"),
        blank=True,
        related_name="+",
    )
    keywords = models.CharField(_("nyckelord"), max_length=300, blank=True)
    links = models.TextField(_("länkar"), blank=True, help_text=_("En webbadress per rad."))
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    start = models.DateField(_("från"), null=True, blank=True)
    end = models.DateField(_("till"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ExampleStatus.choices, default=ExampleStatus.ONGOING
    )
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittat innehåll i demon.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gott exempel")
        verbose_name_plural = _("goda exempel")
        ordering = ("title", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="good_example_period",
                violation_error_message=_("Slutdatum kan inte ligga före startdatum."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:example_detail", kwargs={"pk": self.pk})

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Attachment(models.Model):
    """A PDF or Word file attached to a good example; its type was checked by its content."""

    good_example = models.ForeignKey(
        GoodExample, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to="goda-exempel/%Y/%m/")
    name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(_("filtyp"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("storlek"), editable=False)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ("good_example", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:attachment_download", kwargs={"pk": self.pk})


class EventKind(models.TextChoices):
    MEETING = "meeting", _("möte")
    WEBCAST = "webcast", _("webbsändning")
    SEMINAR = "seminar", _("seminarium")


class Event(models.Model):
    """A meeting or webcast at a date and time, open to all; the organiser's editors keep it."""

    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(
        _("typ"), max_length=16, choices=EventKind.choices, default=EventKind.MEETING
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("arrangör"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    organiser_text = models.CharField(
        _("arrangör i text"),
        max_length=200,
        blank=True,
        help_text=_("Om någon annan än organisationen står som arrangör, t.ex. en serie."),
    )
    start = models.DateTimeField(_("börjar"))
    end = models.DateTimeField(_("slutar"), null=True, blank=True)
    location = models.CharField(_("plats"), max_length=200, blank=True)
    link = models.URLField(_("länk"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Påhittat innehåll i demon.")
    )

    class Meta:
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")
        ordering = ("start", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="event_end_after_start",
                violation_error_message=_("Slutet kan inte ligga före början."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:event_detail", kwargs={"pk": self.pk})


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("handlingsplan")
    ROW = "row", _("rad i handlingsplan")
    ACTIVITY = "activity", _("aktivitet")
    GOAL = "goal", _("mål")
    EXAMPLE = "example", _("gott exempel")
    EVENT = "event", _("evenemang")
    ORGANISATION = "organisation", _("organisation")


class Visibility(models.IntegerChoices):
    PUBLIC = 0, _("alla")
    LOGGED_IN = 1, _("inloggade")
    READERS = 2, _("organisationens läsare")


class SearchDocument(models.Model):
    """One searchable thing, with its text already stemmed, and who may find it.

    A derived copy, kept up to date as things change and rebuilt by
    ``framja search_rebuild``. ``stems`` and ``title_stems`` hold the Swedish Snowball stems
    of the text separated by spaces; SQLite's FTS5 table and PostgreSQL's tsvector column
    (made in the migration) index these same tokens, so both find the same documents.
    ``facets`` holds the filters as tokens, see ``framja.knowledge.index.facets``.
    """

    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    object_id = models.BigIntegerField()
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    county = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    year_from = models.PositiveSmallIntegerField(null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(null=True, blank=True)
    target_areas = models.ManyToManyField(
        "catalog.PublicHealthTargetArea", blank=True, related_name="+"
    )
    visibility = models.PositiveSmallIntegerField(choices=Visibility.choices)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    title_stems = models.TextField(blank=True)
    stems = models.TextField(blank=True)
    # The filters as tokens (``xqo12`` organisation 12, ``xqy2024`` the year 2024 …), indexed
    # beside the text so the full-text index narrows by them too.
    facets = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("kind", "object_id"), name="one_document_per_object")
        ]
        indexes = [models.Index(fields=("organisation", "kind"))]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchTerm(models.Model):
    """How many documents hold a stem: the document frequency behind "similar work"."""

    term = models.CharField(max_length=100, unique=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} ({self.documents})"
