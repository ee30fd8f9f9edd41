import pytest
from django.contrib.auth import authenticate
from django.db.models import F
from pytest_django import Settings

from framja.accounts.models import User
from framja.catalog.models import NationalEffortArea, PatientPromise
from framja.core.models import AuditAction, AuditEvent
from framja.demo.loader import DemoDataExistsError, DemoLogin, load_demo
from framja.organisations.models import (
    AccessLevel,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Role,
)
from framja.organisations.selectors import access_level, memberships_by_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def demo_user(email: str) -> User:
    user = authenticate(username=email, password="demo")
    assert isinstance(user, User)
    return user


def names_in_role(organisation: Organisation, role: Role, *, past: bool = False) -> list[str]:
    groups = memberships_by_role(organisation=organisation, past=past)
    return [m.person.name for g in groups if g.role == role for m in g.memberships]


def test_it_keeps_the_chair_history_of_rpo_halsoframjande() -> None:
    # given
    load_demo()
    rpo = Organisation.objects.get(slug="rpo-halsoframjande")

    # when
    current_chairs = names_in_role(rpo, Role.CHAIR)
    past_chairs = names_in_role(rpo, Role.CHAIR, past=True)

    # then
    assert current_chairs == ["Annette Frisk"]
    assert past_chairs == ["Maria Elstrand"]
    assert names_in_role(rpo, Role.MEMBER, past=True) == ["Annette Frisk"]
    assert names_in_role(rpo, Role.PROCESS_SUPPORT) == ["Sofie Westerberg"]
    assert names_in_role(rpo, Role.MEMBER) == [
        "Anna Kempe",
        "Lena Hedin",
        "Malin Beddesand",
        "Marie Tigerryd",
        "Marita Andersson",
    ]


def test_it_has_every_rpo_member_represent_their_region() -> None:
    # given
    load_demo()

    # when
    memberships = Membership.objects.filter(organisation__slug="rpo-halsoframjande")

    # then
    assert {(m.person.name, m.representing and m.representing.code) for m in memberships} == {
        ("Maria Elstrand", "0005"),
        ("Sofie Westerberg", "0005"),
        ("Anna Kempe", "0006"),
        ("Annette Frisk", "0006"),
        ("Lena Hedin", "0006"),
        ("Marita Andersson", "0006"),
        ("Malin Beddesand", "0008"),
        ("Marie Tigerryd", "0008"),
        ("Sofia Dahlin", "0006"),
    }


def test_it_puts_seven_rags_under_rpo_halsoframjande() -> None:
    # given
    load_demo()
    rpo = Organisation.objects.get(slug="rpo-halsoframjande")

    # when
    rags = list(rpo.children.filter(kind=OrganisationKind.RAG).order_by("name"))

    # then
    assert [rag.name for rag in rags] == [
        "RAG Alkohol",
        "RAG Fysisk aktivitet på recept",
        "RAG Hälsan spelar roll",
        "RAG Riktade hälsosamtal",
        "RAG Riktade hälsosamtal metodstöd",
        "RAG Suicidprevention",
        "RAG Tobak",
    ]
    assert rpo.children.count() == 7


def test_it_builds_the_sosr_tree_without_a_county() -> None:
    # given
    load_demo()
    sosr = Organisation.objects.get(slug="sosr")

    # when
    tree = Organisation.objects.filter(path__startswith=sosr.path)

    # then
    assert sorted(sosr.members.values_list("code", flat=True)) == ["0005", "0006", "0008"]
    assert tree.filter(kind=OrganisationKind.KNOWLEDGE_COUNCIL).count() == 4
    assert tree.filter(kind=OrganisationKind.RPO).count() == 26
    assert tree.filter(kind=OrganisationKind.RSG).count() == 15
    assert not tree.filter(county__isnull=False).exists()


def test_it_makes_hfs_a_network_of_21_regions_with_11_theme_groups() -> None:
    # given
    load_demo()
    hfs = Organisation.objects.get(slug="hfs")

    # when
    members = hfs.members.all()
    theme_groups = Organisation.objects.filter(
        path__startswith=hfs.path, kind=OrganisationKind.THEME_GROUP
    )

    # then
    assert members.count() == 21
    assert set(members.values_list("kind", flat=True)) == {OrganisationKind.REGION}
    assert theme_groups.count() == 11
    assert theme_groups.filter(parent__slug="hfs-levnadsvanor").count() == 4
    assert theme_groups.get(name="Temagrupp Riktade hälsosamtal").slug == "hfs-riktade-halsosamtal"


def test_it_uses_one_person_for_the_coordinator_and_the_npo_representative() -> None:
    # given
    load_demo()

    # when
    sofia = Person.objects.get(name="Sofia Dahlin")

    # then
    assert sorted(sofia.memberships.values_list("organisation__slug", "role")) == [
        ("hfs", Role.COORDINATOR),
        ("rpo-halsoframjande", Role.NPO_REPRESENTATIVE),
    ]
    assert Membership.objects.filter(organisation__slug="hfs-presidieutskottet").count() == 8
    pitea = Membership.objects.get(person__name="Ylva Sundquist").representing
    assert pitea is not None
    assert (pitea.kind, pitea.code) == (OrganisationKind.MUNICIPALITY, "2581")


def test_it_builds_the_skane_nordost_collaborations_as_example_data() -> None:
    # given
    load_demo()
    nordost = Organisation.objects.get(slug="skane-nordost")

    # when
    local = nordost.children.filter(kind=OrganisationKind.LOCAL_COLLABORATION).order_by("name")

    # then
    assert nordost.parent is not None
    assert nordost.county is not None
    assert (nordost.parent.code, nordost.county.code) == ("0012", "0012")
    assert [(lc.name, [m.code for m in lc.members.all()]) for lc in local] == [
        ("Lokal samverkan Bromölla", ["1272"]),
        ("Lokal samverkan Hässleholm", ["1293"]),
        ("Lokal samverkan Kristianstad", ["1290"]),
        ("Lokal samverkan Osby", ["1273"]),
        ("Lokal samverkan Östra Göinge", ["1256"]),
    ]
    assert all(lc.description.startswith("Exempeldata: ") for lc in local)
    assert sorted(
        Membership.objects.filter(role=Role.PROCESS_LEADER).values_list(
            "person__name", "organisation__slug", "note"
        )
    ) == [
        ("Eva Exempel", "skane-nordost", "Exempelperson"),
        ("Olle Exempel", "lokal-samverkan-kristianstad", "Exempelperson"),
    ]


def test_it_lists_the_seven_patient_promises_of_sosr_in_order() -> None:
    # given
    load_demo()

    # when
    promises = PatientPromise.objects.filter(owner__slug="sosr").order_by("order")

    # then
    assert [(p.order, p.text) for p in promises] == [
        (1, "erbjudas vård som är lätt tillgänglig för kontakt, bedömning och besök"),
        (2, "erbjudas diagnostik och behandling och uppföljning enligt bästa kunskap i varje möte"),
        (3, "vara delaktig och välinformerad genom hela vårdkedjan"),
        (4, "få tillgång till jämlik vård"),
        (5, "erbjudas bästa möjliga hälsofrämjande insatser och välfungerande screeningprogram"),
        (6, "få tillgång till patientsäker vård"),
        (7, "erbjudas kostnadseffektiv vård"),
    ]


def test_it_adds_the_national_effort_area_with_its_sub_areas() -> None:
    # given
    load_demo()

    # when
    areas = NationalEffortArea.objects.order_by(F("parent_id").asc(nulls_first=True), "order")

    # then
    assert [(a.name, a.parent.name if a.parent else None) for a in areas] == [
        ("Nationellt vårdprogram och vårdförlopp levnadsvanor", None),
        ("Nationellt vårdförlopp", "Nationellt vårdprogram och vårdförlopp levnadsvanor"),
        ("Enhetlig dokumentation", "Nationellt vårdprogram och vårdförlopp levnadsvanor"),
    ]


def test_it_returns_the_demo_logins_in_order() -> None:
    # when
    summary = load_demo()

    # then
    assert summary.password == "demo"
    assert all(isinstance(login, DemoLogin) for login in summary.logins)
    assert [login.email for login in summary.logins] == [
        "admin@framja.example",
        "ordforande@framja.example",
        "processtod@framja.example",
        "rag@framja.example",
        "lasare@framja.example",
        "koordinator@framja.example",
        "processledare@framja.example",
        "region@framja.example",
        "utomstaende@framja.example",
    ]


def test_it_lets_every_demo_login_authenticate_with_demo() -> None:
    # given
    summary = load_demo()

    # when
    users = [authenticate(username=login.email, password="demo") for login in summary.logins]

    # then
    assert all(isinstance(user, User) for user in users)
    assert [getattr(user, "is_superuser", None) for user in users] == [True, *[False] * 8]
    assert [Person.objects.get(user=user).name for user in users[1:]] == [
        "Annette Frisk",
        "Sofie Westerberg",
        "Marie Tigerryd",
        "Malin Beddesand",
        "Sofia Dahlin",
        "Eva Exempel",
        "Helena Holmgren",
        "Ulla Utomstående",
    ]
    assert authenticate(username="admin@framja.example", password="wrong") is None


def test_it_gives_each_login_its_level() -> None:
    # given
    load_demo()
    rpo = Organisation.objects.get(slug="rpo-halsoframjande")
    rag_tobak = Organisation.objects.get(slug="rag-tobak")
    hfs_theme_group = Organisation.objects.get(slug="hfs-matvanor")
    kristianstad = Organisation.objects.get(slug="lokal-samverkan-kristianstad")

    def level(email: str, organisation: Organisation) -> int:
        return access_level(user=demo_user(email), organisation=organisation)

    # when / then
    assert level("utomstaende@framja.example", rpo) == 0
    assert level("utomstaende@framja.example", rag_tobak) == 0
    assert level("processtod@framja.example", rag_tobak) == AccessLevel.ADMIN
    assert level("ordforande@framja.example", rpo) == AccessLevel.EDITOR
    assert level("ordforande@framja.example", rag_tobak) == 0
    assert level("rag@framja.example", rag_tobak) == AccessLevel.EDITOR
    assert level("rag@framja.example", rpo) == AccessLevel.READER
    assert level("lasare@framja.example", rpo) == AccessLevel.READER
    assert level("koordinator@framja.example", hfs_theme_group) == AccessLevel.ADMIN
    assert level("processledare@framja.example", kristianstad) == AccessLevel.ADMIN
    assert level("admin@framja.example", kristianstad) == AccessLevel.ADMIN
    stockholm = Organisation.objects.get(slug="region-stockholm")
    assert level("region@framja.example", stockholm) == AccessLevel.EDITOR
    assert level("region@framja.example", rpo) == 0


def test_it_records_an_audit_event_for_every_created_organisation() -> None:
    # given
    load_demo()
    created = Organisation.objects.exclude(
        kind__in=[OrganisationKind.REGION, OrganisationKind.MUNICIPALITY]
    )

    # when
    events = AuditEvent.objects.filter(
        object_type="organisations.organisation", action=AuditAction.CREATE
    )

    # then
    assert created.count() == 80
    assert sorted(events.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in created.values_list("pk", flat=True)
    )
    assert set(events.values_list("actor_name", flat=True)) == {"system"}
    assert (
        AuditEvent.objects.filter(
            object_type="catalog.patientpromise", organisation__slug="sosr"
        ).count()
        == 7
    )


def test_it_refuses_to_load_twice() -> None:
    # given
    load_demo()

    # when / then
    with pytest.raises(DemoDataExistsError):
        load_demo()
