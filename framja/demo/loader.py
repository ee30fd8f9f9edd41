"""Load the demo data: the organisations, people, roles and catalogues of the seed documents.

Everything here is taken from the user's seed documents: the South-East health-care region
with RPO Hälsofrämjande (seed 000, the 2023 slides), the national HFS network (seed 003, its
annual report 2019) and Region Skåne's sub-region North-East (seed 004, its 2026 action plan).
The few invented people and local collaborations say so in their notes and descriptions
("Exempel…").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction
from django.utils.text import slugify

from framja.accounts.models import User
from framja.catalog.models import NationalEffortArea, PatientPromise
from framja.core import audit
from framja.demo import reporting as demo_reporting
from framja.demo import surveys as demo_surveys
from framja.demo.improvement import load_demo_improvement
from framja.demo.indicators import (
    load_demo_example_values,
    load_demo_indicators,
    load_demo_selections,
)
from framja.demo.knowledge import load_demo_knowledge
from framja.demo.plans import load_demo_plans
from framja.knowledge.signals import indexing_deferred
from framja.organisations.models import (
    AccessLevel,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from framja.organisations.services import (
    access_grant,
    membership_start,
    organisation_create,
    organisation_set_members,
    person_create,
    person_update,
)

DEMO_PASSWORD = "demo"
EMAIL_DOMAIN = "framja.example"

# Kolada ids of the regions and municipalities the seeds name.
STOCKHOLM = "0001"
UPPSALA = "0003"
OSTERGOTLAND = "0005"
JONKOPING = "0006"
KALMAR = "0008"
GOTLAND = "0009"
SKANE = "0012"
VASTRA_GOTALAND = "0014"
PITEA = "2581"
KRISTIANSTAD = "1290"
HASSLEHOLM = "1293"
OSBY = "1273"
OSTRA_GOINGE = "1256"
BROMOLLA = "1272"

# --- Sydöstra sjukvårdsregionen (seed 000) ---------------------------------------------------

KNOWLEDGE_COUNCILS: dict[str, list[str]] = {
    "Kunskapsråd diagnostik och sinnen": [
        "Medicinsk diagnostik",
        "Sällsynta sjukdomar",
        "Tandvård",
        "Ögonsjukdomar",
        "Öron-, näsa- och halssjukdomar",
    ],
    "Kunskapsråd hälsa och rehabilitering": [
        "Barn och ungdomars hälsa",
        "Hälsofrämjande",
        "Primärvård",
        "Psykisk hälsa",
        "Rehabilitering, habilitering och försäkringsmedicin",
        "Äldres hälsa",
    ],
    "Kunskapsråd kirurgi och cancer": [
        "Cancersjukdomar",
        "Hud- och könssjukdomar",
        "Kvinnosjukdomar och förlossning",
        "Kirurgi och plastikkirurgi",
        "Mag- och tarmsjukdomar",
        # The slide breaks the line as "urinvägs-sjukdomar".
        "Njur- och urinvägssjukdomar",
        "Rörelseorganens sjukdomar",
    ],
    "Kunskapsråd medicin och akut vård": [
        "Akut vård",
        "Endokrina sjukdomar",
        "Hjärt- och kärlsjukdomar",
        "Infektionssjukdomar",
        "Lung- och allergisjukdomar",
        "Nervsystemets sjukdomar",
        "Perioperativ vård, intensivvård och transplantation",
        "Reumatiska sjukdomar",
    ],
}

REGIONAL_COLLABORATION_GROUPS = [
    "Digital utveckling",
    "Forskning och Life Science",
    "Hållbar utveckling",
    # The slide breaks the line as "informations-säkerhet".
    "Juridik och informationssäkerhet",
    "Kvalitetsregister",
    "Läkemedel",
    "Medicinteknik",
    "Metoder för kunskapsstöd",
    "Metodrådet",
    "Patientsäkerhet",
    "Standardisering",
    "Strukturerad vårdinformation",
    "Stöd för utveckling",
    "Uppföljning och analys",
    "Upphandling",
]

RPO_WORKING_GROUPS: dict[str, list[str]] = {
    "Hälsofrämjande": [
        "Alkohol",
        "Fysisk aktivitet på recept",
        "Hälsan spelar roll",
        "Riktade hälsosamtal",
        "Riktade hälsosamtal metodstöd",
        "Suicidprevention",
        "Tobak",
    ],
    "Rehabilitering, habilitering och försäkringsmedicin": ["Hjärta"],
}

RPO_DESCRIPTIONS: dict[str, str] = {
    "Rehabilitering, habilitering och försäkringsmedicin": (
        "Kallas i presentationen för kunskapsrådet 2023-11-15 även "
        "”RPO Habilitering, rehabilitering och försäkringsmedicin”. "
        "Programområdet omfattar hela vårdkedjan med primär- och sekundärpreventiva insatser, "
        "primärvård och specialiserad vård, rehabilitering i öppen och sluten vård, "
        "specialiserad rehabilitering, habilitering och försäkringsmedicinska insatser."
    ),
}

PATIENT_PROMISES = [
    "erbjudas vård som är lätt tillgänglig för kontakt, bedömning och besök",
    "erbjudas diagnostik och behandling och uppföljning enligt bästa kunskap i varje möte",
    "vara delaktig och välinformerad genom hela vårdkedjan",
    "få tillgång till jämlik vård",
    "erbjudas bästa möjliga hälsofrämjande insatser och välfungerande screeningprogram",
    "få tillgång till patientsäker vård",
    "erbjudas kostnadseffektiv vård",
]
PATIENT_PROMISES_VALID_FROM = datetime.date(2023, 1, 1)

# Parent area → its sub-areas, as in the action-plan tables of seeds 000 and 001.
NATIONAL_EFFORT_AREAS: dict[str, list[str]] = {
    "Nationellt vårdprogram och vårdförlopp levnadsvanor": [
        "Nationellt vårdförlopp",
        "Enhetlig dokumentation",
    ],
}

# --- Nätverket Hälsofrämjande hälso- och sjukvård (seed 003) ---------------------------------

HFS_LIFESTYLE_THEME_GROUPS = [
    "Alkoholprevention",
    "Fysisk aktivitet",
    "Matvanor",
    "Tobaksprevention",
]
HFS_THEME_GROUPS = [
    "Hälsofrämjande arbetsplats",
    "Hälsofrämjande förhållningssätt",
    "Hälsofrämjande vårdmiljö",
    "Riktade hälsosamtal",
    "Psykisk hälsa",
    "Hälsofrämjande primärvård",
    "Uppdrag-uppföljning",
]

# --- Region Skåne, delregion Nordost (seed 004) ----------------------------------------------

# The seed names no municipalities; these five make up Skåne nordost and are example data.
NORDOST_MUNICIPALITIES: dict[str, str] = {
    "Kristianstad": KRISTIANSTAD,
    "Hässleholm": HASSLEHOLM,
    "Osby": OSBY,
    "Östra Göinge": OSTRA_GOINGE,
    "Bromölla": BROMOLLA,
}


# --- The organisation trees -------------------------------------------------------------------


@dataclass(frozen=True)
class OrgSpec:
    """An organisation to create, with the organisations under it."""

    name: str
    kind: OrganisationKind
    short_name: str = ""
    slug: str = ""  # slugify(name) when empty
    description: str = ""
    members: tuple[str, ...] = ()  # Kolada ids of the member organisations
    all_regions_are_members: bool = False
    children: tuple[OrgSpec, ...] = ()

    @property
    def final_slug(self) -> str:
        return self.slug or slugify(self.name)


def _rpo(name: str) -> OrgSpec:
    return OrgSpec(
        name=f"RPO {name}",
        kind=OrganisationKind.RPO,
        description=RPO_DESCRIPTIONS.get(name, ""),
        children=tuple(
            OrgSpec(name=f"RAG {rag}", kind=OrganisationKind.RAG)
            for rag in RPO_WORKING_GROUPS.get(name, [])
        ),
    )


def _theme_group(theme: str) -> OrgSpec:
    return OrgSpec(
        name=f"Temagrupp {theme}", kind=OrganisationKind.THEME_GROUP, slug=f"hfs-{slugify(theme)}"
    )


def _local_collaboration(municipality: str, code: str) -> OrgSpec:
    return OrgSpec(
        name=f"Lokal samverkan {municipality}",
        kind=OrganisationKind.LOCAL_COLLABORATION,
        description=(
            f"Exempeldata: lokal samverkan mellan kommunen {municipality} och Region Skåne "
            "i delregion Nordost. Handlingsplanen för Nordost namnger inga lokala "
            "samverkansgrupper."
        ),
        members=(code,),
    )


SOSR = OrgSpec(
    name="Sydöstra sjukvårdsregionen",
    kind=OrganisationKind.HEALTHCARE_REGION,
    short_name="SÖSR",
    slug="sosr",
    description=(
        "Sjukvårdsregionen för Region Östergötland, Region Jönköpings län och Region Kalmar län."
    ),
    members=(OSTERGOTLAND, JONKOPING, KALMAR),
    children=(
        OrgSpec(
            name="Regionsjukvårdsledningen",
            kind=OrganisationKind.REGIONAL_LEADERSHIP,
            short_name="RSL",
            slug="rsl",
            description="Regionsjukvårdsledningen (RSL) med arbetsutskott.",
            children=(
                OrgSpec(name="RSL stab", kind=OrganisationKind.OTHER),
                *(
                    OrgSpec(
                        name=council,
                        kind=OrganisationKind.KNOWLEDGE_COUNCIL,
                        children=tuple(_rpo(rpo) for rpo in rpos),
                    )
                    for council, rpos in KNOWLEDGE_COUNCILS.items()
                ),
                *(
                    OrgSpec(name=f"RSG {group}", kind=OrganisationKind.RSG)
                    for group in REGIONAL_COLLABORATION_GROUPS
                ),
            ),
        ),
    ),
)

HFS = OrgSpec(
    name="Nätverket Hälsofrämjande hälso- och sjukvård",
    kind=OrganisationKind.NETWORK,
    short_name="HFS",
    slug="hfs",
    description=(
        "Det svenska nätverket för Hälsofrämjande hälso- och sjukvård (HFS) är en del av det "
        "internationella nätverket Health Promoting Hospitals and health services, HPH. "
        "HFS-nätverket består av alla 21 regioner."
    ),
    all_regions_are_members=True,
    children=(
        OrgSpec(
            name="Presidieutskottet",
            kind=OrganisationKind.OTHER,
            short_name="PU",
            slug="hfs-presidieutskottet",
        ),
        OrgSpec(
            name="Sekretariatet",
            kind=OrganisationKind.OTHER,
            slug="hfs-sekretariatet",
            description=(
                "Sköter nätverkets löpande verksamhet och leds av en nationell koordinator."
            ),
        ),
        OrgSpec(
            name="Temagrupperna för levnadsvanor",
            kind=OrganisationKind.OTHER,
            short_name="Levnadsvanor",
            slug="hfs-levnadsvanor",
            children=tuple(_theme_group(theme) for theme in HFS_LIFESTYLE_THEME_GROUPS),
        ),
        *(_theme_group(theme) for theme in HFS_THEME_GROUPS),
    ),
)

# Created under Region Skåne, in its county.
SKANE_NORDOST = OrgSpec(
    name="Delregional samverkan Nordost",
    kind=OrganisationKind.SUBREGIONAL_COLLABORATION,
    short_name="NO",
    slug="skane-nordost",
    children=(
        OrgSpec(
            name="Tjänstemannaberedning delregional samverkan Nordost",
            kind=OrganisationKind.STEERING_GROUP,
            short_name="DST",
            slug="skane-nordost-dst",
            description="Dokumentägare för och fastställer den delregionala handlingsplanen.",
        ),
        OrgSpec(
            name="Delregional operativ grupp Nordost",
            kind=OrganisationKind.OPERATIVE_GROUP,
            short_name="DOT",
            slug="skane-nordost-dot",
            description="Förankrar förslag från lokal samverkan vidare till DST.",
        ),
        OrgSpec(
            name="Beredningsgrupp NO",
            kind=OrganisationKind.OTHER,
            slug="skane-nordost-beredningsgrupp",
            description="Tog fram den delregionala handlingsplanen.",
        ),
        *(_local_collaboration(name, code) for name, code in NORDOST_MUNICIPALITIES.items()),
    ),
)


# --- People and their roles -------------------------------------------------------------------

EXAMPLE_PERSON = "Exempelperson"

# Name → the region or municipality the person works in (and represents).
PEOPLE: dict[str, str] = {
    # RPO Hälsofrämjande
    "Maria Elstrand": OSTERGOTLAND,
    "Sofie Westerberg": OSTERGOTLAND,
    "Anna Kempe": JONKOPING,
    "Annette Frisk": JONKOPING,
    "Lena Hedin": JONKOPING,
    "Marita Andersson": JONKOPING,
    "Malin Beddesand": KALMAR,
    "Marie Tigerryd": KALMAR,
    "Sofia Dahlin": JONKOPING,
    # RPO Rehabilitering, habilitering och försäkringsmedicin
    "Ulrika Bokén": KALMAR,
    "Pernilla Järnvall Hint": OSTERGOTLAND,
    "Ann-Britt Ekvall": JONKOPING,
    "Mayvor Källgren": KALMAR,
    "Stefan Bragsjö": KALMAR,
    "Magnus Hellström": KALMAR,
    # HFS presidieutskottet
    "Ralph Harlid": VASTRA_GOTALAND,
    "Malena Lau": VASTRA_GOTALAND,
    "Helena Holmgren": STOCKHOLM,
    "Ylva Sundquist": PITEA,
    "Hans Brandström": GOTLAND,
    "Jesper Ekberg": JONKOPING,
    "Hans-Inge Persson": SKANE,
    "Ann-Charlotte Norman": UPPSALA,
    # Invented, marked as examples
    "Eva Exempel": SKANE,
    "Olle Exempel": KRISTIANSTAD,
    "Ulla Utomstående": GOTLAND,
}


class Assignment(NamedTuple):
    """A role a person holds in an organisation, representing their home organisation."""

    person: str
    role: Role
    start: datetime.date
    end: datetime.date | None = None
    note: str = ""
    represents_home: bool = True


Y2019 = datetime.date(2019, 1, 1)
Y2023 = datetime.date(2023, 1, 1)
END_2023 = datetime.date(2023, 12, 31)
Y2024 = datetime.date(2024, 1, 1)
Y2026 = datetime.date(2026, 1, 1)

# Organisation slug → roles, in the order they are created.
ASSIGNMENTS: dict[str, list[Assignment]] = {
    "rpo-halsoframjande": [
        Assignment("Maria Elstrand", Role.CHAIR, Y2023, END_2023),
        # "Nytt processtöd: Sofie Westerberg" among the changes for 2024.
        Assignment("Sofie Westerberg", Role.PROCESS_SUPPORT, Y2024),
        Assignment("Anna Kempe", Role.MEMBER, Y2023),
        Assignment("Annette Frisk", Role.MEMBER, Y2023, END_2023),
        # "Ny ordförande: Anette Frisk (Jönköping)" among the changes for 2024.
        Assignment("Annette Frisk", Role.CHAIR, Y2024),
        Assignment("Lena Hedin", Role.MEMBER, Y2023),
        Assignment("Marita Andersson", Role.MEMBER, Y2023),
        Assignment("Malin Beddesand", Role.MEMBER, Y2023),
        Assignment("Marie Tigerryd", Role.MEMBER, Y2023),
        Assignment("Sofia Dahlin", Role.NPO_REPRESENTATIVE, Y2023),
    ],
    "rag-tobak": [
        Assignment("Marie Tigerryd", Role.MEMBER, Y2024),
    ],
    "rpo-rehabilitering-habilitering-och-forsakringsmedicin": [
        Assignment("Ulrika Bokén", Role.PROCESS_SUPPORT, Y2023),
        # Listed both as chair and, as "Pernilla Hint Järnvall", among the members.
        Assignment("Pernilla Järnvall Hint", Role.CHAIR, Y2023),
        Assignment("Ann-Britt Ekvall", Role.MEMBER, Y2023),
        Assignment("Mayvor Källgren", Role.MEMBER, Y2023),
        Assignment("Stefan Bragsjö", Role.MEMBER, Y2023),
        Assignment("Magnus Hellström", Role.MEMBER, Y2023),
    ],
    "hfs": [
        Assignment("Sofia Dahlin", Role.COORDINATOR, Y2019, represents_home=False),
    ],
    "hfs-presidieutskottet": [
        Assignment("Ralph Harlid", Role.MEMBER, Y2019),
        Assignment("Malena Lau", Role.MEMBER, Y2019),
        Assignment("Helena Holmgren", Role.MEMBER, Y2019),
        Assignment("Ylva Sundquist", Role.MEMBER, Y2019),
        Assignment("Hans Brandström", Role.MEMBER, Y2019),
        Assignment("Jesper Ekberg", Role.MEMBER, Y2019),
        Assignment("Hans-Inge Persson", Role.MEMBER, Y2019),
        Assignment("Ann-Charlotte Norman", Role.MEMBER, Y2019),
    ],
    "skane-nordost": [
        Assignment("Eva Exempel", Role.PROCESS_LEADER, Y2026, note=EXAMPLE_PERSON),
    ],
    "lokal-samverkan-kristianstad": [
        Assignment("Olle Exempel", Role.PROCESS_LEADER, Y2026, note=EXAMPLE_PERSON),
    ],
}


# --- Logins -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    """A demo login, the person it belongs to, and the one right it is given."""

    email: str
    person: str  # a name in PEOPLE; empty for the system administrator
    role: str
    can: str
    grant: tuple[str, AccessLevel] | None = None  # (organisation slug, level)


DEMO_USERS = [
    DemoUser(
        email=f"admin@{EMAIL_DOMAIN}",
        person="",
        role="Systemadministratör",
        can="Får göra allt: alla organisationer, behörigheter och kataloger.",
    ),
    DemoUser(
        email=f"ordforande@{EMAIL_DOMAIN}",
        person="Annette Frisk",
        role="Ordförande i RPO Hälsofrämjande",
        can="Redigerar RPO Hälsofrämjande (redaktör).",
        grant=("rpo-halsoframjande", AccessLevel.EDITOR),
    ),
    DemoUser(
        email=f"processtod@{EMAIL_DOMAIN}",
        person="Sofie Westerberg",
        role="Processtöd i RPO Hälsofrämjande",
        can="Administrerar RPO Hälsofrämjande och dess RAG:ar, med behörigheter och uppdrag.",
        grant=("rpo-halsoframjande", AccessLevel.ADMIN),
    ),
    DemoUser(
        email=f"rag@{EMAIL_DOMAIN}",
        person="Marie Tigerryd",
        role="Ledamot i RAG Tobak och RPO Hälsofrämjande",
        can="Redigerar RAG Tobak (redaktör) och läser RPO Hälsofrämjande.",
        grant=("rag-tobak", AccessLevel.EDITOR),
    ),
    DemoUser(
        email=f"lasare@{EMAIL_DOMAIN}",
        person="Malin Beddesand",
        role="Ledamot i RPO Hälsofrämjande",
        can="Läser RPO Hälsofrämjande (läsare).",
        grant=("rpo-halsoframjande", AccessLevel.READER),
    ),
    DemoUser(
        email=f"koordinator@{EMAIL_DOMAIN}",
        person="Sofia Dahlin",
        role="Nationell koordinator för nätverket HFS",
        can="Administrerar nätverket HFS och dess temagrupper.",
        grant=("hfs", AccessLevel.ADMIN),
    ),
    DemoUser(
        email=f"processledare@{EMAIL_DOMAIN}",
        person="Eva Exempel",
        role="Processledare i Delregional samverkan Nordost (exempelperson)",
        can="Administrerar Delregional samverkan Nordost och de lokala samverkansgrupperna.",
        grant=("skane-nordost", AccessLevel.ADMIN),
    ),
    DemoUser(
        email=f"region@{EMAIL_DOMAIN}",
        person="Helena Holmgren",
        role="Svarar på HFS enkäter för Region Stockholm (exempel)",
        can="Redigerar Region Stockholm: svarar på enkäter och ser regionens svar bredvid allas.",
        grant=("region-stockholm", AccessLevel.EDITOR),
    ),
    DemoUser(
        email=f"utomstaende@{EMAIL_DOMAIN}",
        person="Ulla Utomstående",
        role="Utomstående (Region Gotland)",
        can="Har inga behörigheter och inga uppdrag: ser bara det som är öppet för alla.",
    ),
]


# --- Loading ------------------------------------------------------------------------------------


class DemoLogin(NamedTuple):
    email: str
    role: str
    can: str


@dataclass(frozen=True)
class DemoSummary:
    """The demo logins, in the order to present them; all share ``password``."""

    logins: list[DemoLogin]
    password: str = DEMO_PASSWORD


class DemoDataExistsError(RuntimeError):
    """The demo data is already in the database."""


def person_email(name: str) -> str:
    """Return the example address of a person: ``annette.frisk@framja.example``."""
    return f"{slugify(name).replace('-', '.')}@{EMAIL_DOMAIN}"


@dataclass
class _Loader:
    organisations: dict[str, Organisation] = field(default_factory=dict)  # by slug
    by_code: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)

    def official(self, code: str) -> Organisation:
        """Return the region or municipality with the Kolada id ``code``."""
        if code not in self.by_code:
            self.by_code[code] = Organisation.objects.get(
                code=code, kind__in=[OrganisationKind.REGION, OrganisationKind.MUNICIPALITY]
            )
        return self.by_code[code]

    def tree(
        self, spec: OrgSpec, *, parent: Organisation | None, county: Organisation | None
    ) -> Organisation:
        organisation = organisation_create(
            actor=None,
            kind=spec.kind,
            name=spec.name,
            short_name=spec.short_name,
            slug=spec.final_slug,
            description=spec.description,
            parent=parent,
            county=county,
        )
        self.organisations[organisation.slug] = organisation
        if spec.all_regions_are_members:
            members = list(Organisation.objects.filter(kind=OrganisationKind.REGION))
        else:
            members = [self.official(code) for code in spec.members]
        if members:
            organisation_set_members(actor=None, organisation=organisation, members=members)
        for child in spec.children:
            self.tree(child, parent=organisation, county=county)
        return organisation

    def person(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = person_create(
                actor=None,
                name=name,
                email=person_email(name),
                home_organisation=self.official(PEOPLE[name]),
            )
        return self.people[name]

    def assign(self, slug: str, assignment: Assignment) -> None:
        person = self.person(assignment.person)
        membership_start(
            actor=None,
            person=person,
            organisation=self.organisations[slug],
            role=assignment.role,
            start=assignment.start,
            end=assignment.end,
            representing=person.home_organisation if assignment.represents_home else None,
            note=assignment.note,
        )

    def user(self, spec: DemoUser) -> User:
        if not spec.person:
            return User.objects.create_superuser(
                spec.email, DEMO_PASSWORD, full_name="Systemadministratör"
            )
        user = User.objects.create_user(spec.email, DEMO_PASSWORD, full_name=spec.person)
        person_update(actor=None, person=self.person(spec.person), user=user)
        if spec.grant is not None:
            slug, level = spec.grant
            # A region or municipality is not in self.organisations: the migrations made it.
            organisation = self.organisations.get(slug) or Organisation.objects.get(slug=slug)
            access_grant(actor=None, user=user, organisation=organisation, level=level)
        return user


def _load_catalogues(*, owner: Organisation) -> None:
    """Create the catalogue rows directly: the catalogue services want an administrator."""
    for order, text in enumerate(PATIENT_PROMISES, start=1):
        promise = PatientPromise(
            owner=owner, text=text, order=order, valid_from=PATIENT_PROMISES_VALID_FROM
        )
        promise.full_clean()
        promise.save()
        audit.record_create(actor=None, instance=promise, organisation=owner)
    for order, (name, sub_areas) in enumerate(NATIONAL_EFFORT_AREAS.items(), start=1):
        area = NationalEffortArea(name=name, order=order)
        area.full_clean()
        area.save()
        audit.record_create(actor=None, instance=area, organisation=None)
        for sub_order, sub_name in enumerate(sub_areas, start=1):
            sub_area = NationalEffortArea(name=sub_name, order=sub_order, parent=area)
            sub_area.full_clean()
            sub_area.save()
            audit.record_create(actor=None, instance=sub_area, organisation=None)


def load_demo() -> DemoSummary:
    """Load the demo data into a freshly migrated database and return the demo logins.

    Raise ``DemoDataExistsError`` if it is there already.
    """
    if Organisation.objects.filter(slug__in=[SOSR.final_slug, HFS.final_slug]).exists():
        raise DemoDataExistsError("Demodata finns redan i databasen.")
    loader = _Loader()
    with transaction.atomic(), indexing_deferred():
        sosr = loader.tree(SOSR, parent=None, county=None)
        loader.tree(HFS, parent=None, county=None)
        skane = loader.official(SKANE)
        loader.tree(SKANE_NORDOST, parent=skane, county=skane)
        for slug, assignments in ASSIGNMENTS.items():
            for assignment in assignments:
                loader.assign(slug, assignment)
        _load_catalogues(owner=sosr)
        for spec in DEMO_USERS:
            loader.user(spec)
        load_demo_plans()
        demo_reporting.load()
        load_demo_indicators()
        load_demo_example_values()
        load_demo_selections()
        demo_surveys.load()
        load_demo_improvement()
        load_demo_knowledge()
    return demo_summary()


def demo_summary() -> DemoSummary:
    """Return the demo logins, as ``load_demo`` does after loading."""
    return DemoSummary(
        logins=[DemoLogin(email=u.email, role=u.role, can=u.can) for u in DEMO_USERS]
    )
