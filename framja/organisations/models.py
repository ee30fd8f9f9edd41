"""Organisations, the people in them, their roles over time, and who may do what."""

import datetime

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NETWORK = "network", _("nätverk")
    HEALTHCARE_REGION = "healthcare_region", _("sjukvårdsregion")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("kommun")
    REGIONAL_LEADERSHIP = "regional_leadership", _("regionsjukvårdsledning")
    KNOWLEDGE_COUNCIL = "knowledge_council", _("kunskapsråd")
    RPO = "rpo", _("regionalt programområde (RPO)")
    RAG = "rag", _("regional arbetsgrupp (RAG)")
    RSG = "rsg", _("regional samverkansgrupp (RSG)")
    THEME_GROUP = "theme_group", _("temagrupp")
    SUBREGIONAL_COLLABORATION = "subregional_collaboration", _("delregional samverkan")
    LOCAL_COLLABORATION = "local_collaboration", _("lokal samverkan")
    STEERING_GROUP = "steering_group", _("styrgrupp (DST)")
    OPERATIVE_GROUP = "operative_group", _("operativ grupp (DOT)")
    OTHER = "other", _("annan")


# Each id in a path is written with this many digits, zero-padded, so that sorting paths as
# text is tree order with siblings by id: "/0000000009/" before "/0000000010/", where "/10/"
# would sort before "/9/". Every ORDER BY path relies on it, in Python and in the database.
PATH_DIGITS = 10
PATH_MAX_LENGTH = 255
# A level is its id and a slash, after the path's leading slash: 23 levels fit in 255.
PATH_MAX_LEVELS = (PATH_MAX_LENGTH - 1) // (PATH_DIGITS + 1)


def path_segment(pk: int) -> str:
    """Return an id as a path writes it, zero-padded to ``PATH_DIGITS`` digits."""
    segment = f"{pk:0{PATH_DIGITS}d}"
    if len(segment) != PATH_DIGITS or pk < 0:
        raise ValueError(f"An organisation id must fit in {PATH_DIGITS} digits: {pk}")
    return segment


def child_path(parent_path: str, pk: int) -> str:
    """Return the path of organisation ``pk`` under the one at ``parent_path`` ("/" at the root)."""
    return f"{parent_path}{path_segment(pk)}/"


def path_depth(path: str) -> int:
    """Return the depth of the organisation at ``path``: 0 for a root."""
    return path.count("/") - 2


def subtree_sql(column: str, path: str) -> tuple[str, list[str]]:
    """Return a plain SQL condition that the path in ``column`` is ``path`` or lies below it,
    and its parameters.

    On PostgreSQL a LIKE on the prefix, which the path's pattern index serves (a range would
    compare in the database's collation, which may not put "/" before the digits). SQLite's
    LIKE ignores case and so cannot use the index; there the prefix is a range, which can: a
    path holds only digits and slashes, and "0" follows "/".
    """
    if connection.vendor == "sqlite":
        return f"{column} >= %s AND {column} < %s", [path, f"{path[:-1]}0"]
    return f"{column} LIKE %s", [f"{connection.ops.prep_for_like_query(path)}%"]


class Organisation(models.Model):
    """A node in the organisation tree: a region, a municipality, an RPO, a network, …

    ``path`` holds the ids from the root down to this node, each zero-padded to ten digits
    (``/0000000003/0000000017/0000000042/``), so that all descendants are one indexed prefix
    query away and sorting by path is tree order. Services keep it up to date, through
    ``child_path``.
    ``county`` is the region the organisation belongs to geographically, if any.
    ``members`` are organisations that belong to this one without being part of its tree:
    the three regions of a health-care region, the 21 regions of a network.
    """

    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    slug = models.SlugField(_("kortadress"), max_length=100, unique=True)
    code = models.CharField(
        _("officiell kod"),
        max_length=10,
        blank=True,
        help_text=_("Kommun- eller regionkod, samma som Koladas id (t.ex. 0580, 0005)."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    county = models.ForeignKey(
        "self",
        verbose_name=_("region (län)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.REGION},
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("medlemsorganisationer"),
        symmetrical=False,
        blank=True,
        related_name="member_of",
    )
    valid_from = models.DateField(_("giltig från"), null=True, blank=True)
    valid_to = models.DateField(_("giltig till"), null=True, blank=True)
    path = models.CharField(max_length=PATH_MAX_LENGTH, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def ancestor_ids(self) -> list[int]:
        """Return the ids from the root down to the parent, read from ``path``."""
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Person(models.Model):
    """A person who holds roles in organisations; may or may not have a login."""

    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-postadress"), blank=True)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    home_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("hemorganisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="home_people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inloggning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:person", kwargs={"pk": self.pk})


class Role(models.TextChoices):
    """A person's role in an organisation, in the order an organisation page lists them."""

    CHAIR = "chair", _("ordförande")
    VICE_CHAIR = "vice_chair", _("vice ordförande")
    PROCESS_SUPPORT = "process_support", _("processtöd")
    COORDINATOR = "coordinator", _("koordinator")
    MEMBER = "member", _("ledamot")
    NPO_REPRESENTATIVE = "npo_representative", _("representant i nationellt programområde")
    PROCESS_LEADER = "process_leader", _("processledare")
    SECRETARY = "secretary", _("sekreterare")
    CO_OPTED = "co_opted", _("adjungerad")


ROLE_PLURALS = {
    Role.CHAIR: _("Ordförande"),
    Role.VICE_CHAIR: _("Vice ordförande"),
    Role.PROCESS_SUPPORT: _("Processtöd"),
    Role.COORDINATOR: _("Koordinatorer"),
    Role.MEMBER: _("Ledamöter"),
    Role.NPO_REPRESENTATIVE: _("Representant i nationellt programområde"),
    Role.PROCESS_LEADER: _("Processledare"),
    Role.SECRETARY: _("Sekreterare"),
    Role.CO_OPTED: _("Adjungerade"),
}
ROLE_ORDER = {role.value: index for index, role in enumerate(Role)}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, day: datetime.date | None = None) -> "MembershipQuerySet":
        day = day or timezone.localdate()
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))

    def past(self, day: datetime.date | None = None) -> "MembershipQuerySet":
        day = day or timezone.localdate()
        return self.filter(end__lt=day)


class Membership(models.Model):
    """A person's role in an organisation over a period, maybe representing another one.

    A change of role ends one membership and starts another, so history stays: who was
    chair in 2023 is still there in 2026.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)
    representing = models.ForeignKey(
        Organisation,
        verbose_name=_("representerar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="represented_by",
    )
    start = models.DateField(_("från"))
    end = models.DateField(_("till"), null=True, blank=True)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ("organisation", "start", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.organisation}"

    def is_current(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start <= day and (self.end is None or day <= self.end)


class AccessLevel(models.IntegerChoices):
    """What a user may do in an organisation. Higher includes lower."""

    READER = 1, _("läsare")
    EDITOR = 2, _("redaktör")
    ADMIN = 3, _("administratör")


class OrganisationAccess(models.Model):
    """A user's right in an organisation. An administrator also administers descendants."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="organisation_access",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="access",
    )
    level = models.PositiveSmallIntegerField(_("behörighet"), choices=AccessLevel.choices)

    class Meta:
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_access_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_level_display()}, {self.organisation}"
