"""The roll-up of sub-organisations' plans, and coverage of promises and target areas."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from framja.accounts.models import User
from framja.catalog.models import PatientPromise, PublicHealthTargetArea
from framja.organisations import services as org_services
from framja.organisations.models import Organisation, OrganisationKind
from framja.plans import selectors, services
from framja.plans.models import Activity, Plan, PlanState, Rating


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def rag_plan(world, name: str, *, rows: int, adopted: bool = False, year: int = 2024):
    rag = org_services.organisation_create(
        actor=None,
        kind=OrganisationKind.RAG,
        name=f"RAG {name}",
        slug=f"rag-{name.lower()}",
        parent=world["rpo"],
    )
    plan = services.plan_create(actor=None, organisation=rag, year=year, title=f"HP {name}")
    for i in range(rows):
        row = services.row_create(actor=None, plan=plan, title=f"{name} rad {i}")
        services.activity_create(
            actor=None, row=row, text="Gammal aktivitet", end=datetime.date(year, 3, 1)
        )
        services.status_add(
            actor=None, row=row, rating=Rating.ON_TRACK if i % 2 else Rating.DELAYED
        )
    if adopted:
        plan.state = PlanState.ADOPTED
        plan.save()
    return plan


def test_the_rollup_shows_every_row_of_the_rags_plans_with_status(world):
    # given two RAG plans, one a draft
    rag_plan(world, "Tobak", rows=2, adopted=True)
    rag_plan(world, "Alkohol", rows=3)

    # when alice, who administers the RPO, looks at the roll-up
    result = selectors.rollup(user=world["alice"], organisation=world["rpo"])

    # then
    assert result.year == 2024
    assert [v.title for v in result.plans] == ["HP Alkohol", "HP Tobak"]
    assert result.row_count == 5
    assert [(c.label, c.number) for c in result.status_counts] == [
        ("enligt plan", 2),
        ("försenad", 3),
    ]
    assert result.late_count == 5
    assert [item.title for item in result.page.rows] == [
        "Alkohol rad 0",
        "Alkohol rad 1",
        "Alkohol rad 2",
        "Tobak rad 0",
        "Tobak rad 1",
    ]


def test_the_rollup_hides_drafts_from_those_who_may_not_see_them(world):
    rag_plan(world, "Tobak", rows=2, adopted=True)
    rag_plan(world, "Alkohol", rows=3)

    as_charlie = selectors.rollup(user=world["charlie"], organisation=world["rpo"])
    html = client_for(None).get(reverse("plans:rollup", kwargs={"slug": "rpo-test"}))

    assert [v.title for v in as_charlie.plans] == ["HP Tobak"]
    assert "Alkohol rad" not in html.content.decode()


def test_the_rollup_page_makes_as_many_queries_with_10_rows_as_with_500(world):
    client = client_for(world["alice"])
    url = reverse("plans:rollup", kwargs={"slug": "rpo-test"})
    variants = ["", "?sida=2", "?urval=uppmarksamhet", "?urval=uppmarksamhet&sida=3"]

    def queries() -> list[int]:
        counts = []
        for variant in variants:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url + variant).status_code == 200
            counts.append(len(captured))
        return counts

    rag_plan(world, "A", rows=10)
    few = queries()
    for n in range(10):
        rag_plan(world, f"B{n}", rows=49)
    many = queries()

    assert few == many


def test_the_rollup_counts_statuses_late_activities_and_rows_needing_attention(world):
    # given a hand-built year: today is 10 January 2025, the plans are for 2024
    today = datetime.date(2025, 1, 10)
    rag = org_services.organisation_create(
        actor=None, kind=OrganisationKind.RAG, name="RAG Alfa", slug="rag-alfa", parent=world["rpo"]
    )
    plan = services.plan_create(actor=None, organisation=rag, year=2024, title="HP Alfa")
    changed = services.row_create(actor=None, plan=plan, title="Ändrad status")
    services.status_add(
        actor=None, row=changed, rating=Rating.ON_TRACK, date=datetime.date(2024, 2, 1)
    )
    services.status_add(
        actor=None, row=changed, rating=Rating.DELAYED, date=datetime.date(2024, 5, 1)
    )
    unrated = services.row_create(actor=None, plan=plan, title="Utan status")
    services.activity_create(
        actor=None, row=unrated, text="Passerat slut", end=datetime.date(2024, 3, 1)
    )
    services.activity_create(
        actor=None, row=unrated, text="Klar i tid", end=datetime.date(2024, 3, 1), done=True
    )
    services.activity_create(actor=None, row=unrated, text="Hela året", whole_year=True)
    services.activity_create(actor=None, row=unrated, text="Utan slut")
    at_risk = services.row_create(actor=None, plan=plan, title="Risk")
    services.status_add(actor=None, row=at_risk, rating=Rating.AT_RISK, date=today)
    services.activity_create(actor=None, row=at_risk, text="Sent", end=datetime.date(2025, 1, 9))
    services.activity_create(actor=None, row=at_risk, text="I dag", end=today)
    same_day = services.row_create(actor=None, plan=plan, title="Samma dag")
    for rating in (Rating.ON_TRACK, Rating.CANCELLED):
        services.status_add(actor=None, row=same_day, rating=rating, date=today)
    services.row_create(actor=None, plan=plan, title="Ny rad")
    draft = rag_plan(world, "Beta", rows=1)
    archived = rag_plan(world, "Gamma", rows=2, adopted=True)
    archived.state = PlanState.ARCHIVED
    archived.save()
    rag_plan(world, "Delta", rows=2, year=2023, adopted=True)
    own = services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="RPO:s")
    services.row_create(actor=None, plan=own, title="RPO:s egen rad")

    # when alice, administrator of the RPO, looks at 2024
    result = selectors.rollup(user=world["alice"], organisation=world["rpo"], today=today)

    # then the draft and the plan with the hand-built rows are counted, nothing else
    assert result.years == [2024, 2023]
    assert result.year == 2024
    assert [line.plan_id for line in result.plans] == [plan.pk, draft.pk]
    alfa, beta = result.plans
    assert (alfa.row_count, alfa.unrated, alfa.late_count, alfa.attention_count) == (5, 2, 3, 3)
    assert [(c.symbol, c.label, c.number) for c in alfa.status_counts] == [
        ("▲", "risk för försening", 1),
        ("■", "försenad", 1),
        ("✕", "avbruten", 1),
    ]
    assert (beta.row_count, beta.unrated, beta.late_count, beta.attention_count) == (1, 0, 1, 1)
    assert (result.row_count, result.unrated, result.late_count) == (6, 2, 4)
    assert result.attention_count == 4
    assert [(c.label, c.number) for c in result.status_counts] == [
        ("risk för försening", 1),
        ("försenad", 2),
        ("avbruten", 1),
    ]
    rows = {item.title: item for item in result.page.rows}
    assert rows["Utan status"].late == ["Passerat slut", "Hela året"]
    assert rows["Risk"].late == ["Sent"]
    assert (rows["Ändrad status"].rating, rows["Ändrad status"].rating_date) == (
        Rating.DELAYED,
        datetime.date(2024, 5, 1),
    )
    assert rows["Samma dag"].rating == Rating.CANCELLED
    assert rows["Ny rad"].rating is None

    # and the filter keeps the rows needing attention: late, delayed or at risk
    attention = selectors.rollup(
        user=world["alice"], organisation=world["rpo"], today=today, attention_only=True
    )
    assert [item.title for item in attention.page.rows] == [
        "Ändrad status",
        "Utan status",
        "Risk",
        "Beta rad 0",
    ]


def test_in_the_plans_own_year_an_activity_for_the_whole_year_is_not_yet_late(world):
    # given a plan for this year with a whole-year activity, one that ended yesterday and a
    # row at risk that also has a late activity
    today = datetime.date(2025, 6, 10)
    plan = rag_plan(world, "Nu", rows=0, year=2025)
    row = services.row_create(actor=None, plan=plan, title="Rad")
    services.activity_create(actor=None, row=row, text="Hela året", whole_year=True)
    services.activity_create(actor=None, row=row, text="Slut i går", end=datetime.date(2025, 6, 9))
    risky = services.row_create(actor=None, plan=plan, title="Risk")
    services.status_add(actor=None, row=risky, rating=Rating.AT_RISK, date=today)
    services.activity_create(actor=None, row=risky, text="Sen", end=datetime.date(2025, 6, 1))

    # when the RPO's roll-up is read
    result = selectors.rollup(user=world["alice"], organisation=world["rpo"], today=today)

    # then only the activities past their end are late, and each row needs attention once
    (line,) = result.plans
    assert (line.late_count, line.attention_count) == (2, 2)
    assert {item.title: item.late for item in result.page.rows} == {
        "Rad": ["Slut i går"],
        "Risk": ["Sen"],
    }


@pytest.mark.parametrize(
    ("fields", "late"),
    [
        ({"end": datetime.date(2025, 1, 9)}, True),
        ({"end": datetime.date(2025, 1, 10)}, False),
        ({"end": datetime.date(2025, 1, 9), "done": True}, False),
        ({"whole_year": True}, True),
        ({"whole_year": True, "end": datetime.date(2025, 2, 1)}, False),
        ({}, False),
    ],
)
def test_the_late_filter_in_sql_agrees_with_activity_is_late(world, fields, late):
    today = datetime.date(2025, 1, 10)
    plan = services.plan_create(actor=None, organisation=world["rag"], year=2024, title="HP")
    row = services.row_create(actor=None, plan=plan, title="Rad")
    activity = services.activity_create(actor=None, row=row, text="Aktivitet", **fields)

    assert activity.is_late(plan.year, today) is late
    assert Activity.objects.late(today).filter(pk=activity.pk).exists() is late
    # and the roll-up, which finds the rows with a late activity by the rows' copies
    result = selectors.rollup(user=world["alice"], organisation=world["rpo"], today=today)
    (line,) = (line for line in result.plans if line.plan_id == plan.pk)
    assert (line.late_count, line.attention_count) == (int(late), int(late))
    attention = selectors.rollup(
        user=world["alice"], organisation=world["rpo"], today=today, attention_only=True
    )
    assert [item.row_id for item in attention.page.rows] == ([row.pk] if late else [])


def test_the_rollup_shows_fifty_rows_a_page_and_clamps_a_page_out_of_range(world):
    # given one plan with 120 rows
    rag = org_services.organisation_create(
        actor=None, kind=OrganisationKind.RAG, name="RAG Stor", slug="rag-stor", parent=world["rpo"]
    )
    plan = services.plan_create(actor=None, organisation=rag, year=2024, title="HP Stor")
    for i in range(120):
        services.row_create(actor=None, plan=plan, title=f"Rad {i:03}")
    client = client_for(world["alice"])
    url = reverse("plans:rollup", kwargs={"slug": "rpo-test"})

    # when
    second = selectors.rollup(user=world["alice"], organisation=world["rpo"], page=2)
    beyond = selectors.rollup(user=world["alice"], organisation=world["rpo"], page=99)
    html = client.get(url + "?ar=2024&sida=2").content.decode()

    # then
    assert (second.page.number, second.page.pages) == (2, 3)
    assert [item.title for item in second.page.rows] == [f"Rad {i:03}" for i in range(50, 100)]
    assert beyond.page.number == 3
    assert [item.title for item in beyond.page.rows] == [f"Rad {i:03}" for i in range(100, 120)]
    assert "Rad 050" in html
    assert "Rad 049" not in html
    assert "Rad 100" not in html
    assert '<nav aria-label="Sidor med rader"' in html
    assert 'href="?ar=2024&amp;sida=2#rader" aria-current="page"' in html
    assert 'href="?ar=2024&amp;sida=1#rader" rel="prev">Föregående</a>' in html
    assert 'href="?ar=2024&amp;sida=3#rader" rel="next">Nästa</a>' in html
    assert client.get(url + "?sida=abc").status_code == 200
    assert "Rad 000" in client.get(url + "?sida=0").content.decode()
    assert "Rad 119" in client.get(url + "?sida=99").content.decode()


def test_the_page_numbers_leave_out_those_far_from_the_current_page():
    page = selectors.RollupPage(number=10, pages=20, rows=[])

    assert page.numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert selectors.RollupPage(number=1, pages=4, rows=[]).numbers == [1, 2, 3, 4]


def test_the_rollup_page_shows_the_summary_and_a_line_per_plan(world):
    plan = rag_plan(world, "Tobak", rows=2, adopted=True)
    first = plan.rows.order_by("order", "id").first()

    html = (
        client_for(world["charlie"])
        .get(reverse("plans:rollup", kwargs={"slug": "rpo-test"}))
        .content.decode()
    )

    assert "<dt>Prioriterade områden</dt><dd>2</dd>" in html
    assert '<dt>Försenade aktiviteter</dt><dd><span class="late">2</span></dd>' in html
    assert ">HP Tobak</a></th><td>fastställd</td><td>2</td>" in html
    assert "Enligt plan: 1</li>" in html
    assert "Försenad: 1</li>" in html
    assert f'<a href="/planer/{plan.pk}/#rad-{first.pk}">Tobak rad 0</a>' in html


def test_coverage_marks_promises_and_target_areas_with_no_row_as_gaps(world):
    # given a health-care region's promises above the RPO, and one row linked to some
    org_services.organisation_update(actor=None, organisation=world["rpo"], parent=None)
    region = world["other"]
    org_services.organisation_update(actor=None, organisation=world["rpo"], parent=region)
    world["rpo"].refresh_from_db()
    kept = PatientPromise.objects.create(owner=region, text="få tillgång till jämlik vård", order=1)
    PatientPromise.objects.create(owner=region, text="erbjudas kostnadseffektiv vård", order=2)
    plan = services.plan_create(actor=None, organisation=world["rpo"], year=2024, title="HP")
    levnadsvanor = PublicHealthTargetArea.objects.get(number=6)
    services.row_create(
        actor=None,
        plan=plan,
        title="Vårdprogram levnadsvanor",
        patient_promises=[kept],
        target_areas=[levnadsvanor],
    )

    # when
    result = selectors.coverage(organisation=world["rpo"], plans=[plan])

    # then
    assert [(line.item.text, len(line.rows)) for line in result.promises] == [
        ("få tillgång till jämlik vård", 1),
        ("erbjudas kostnadseffektiv vård", 0),
    ]
    assert [line.item.number for line in result.target_areas if not line.is_gap] == [6]
    assert result.gaps == 1 + 7
    page = client_for(world["bob"]).get(reverse("plans:coverage", kwargs={"pk": plan.pk}))
    assert "8 luckor" in page.content.decode()


@pytest.mark.parametrize("slug", ["rpo-test"])
def test_coverage_for_an_organisation_takes_its_sub_organisations_plans(world, slug):
    rag_plan(world, "Tobak", rows=1, adopted=True)

    page = client_for(world["charlie"]).get(
        reverse("plans:coverage_organisation", kwargs={"slug": slug})
    )

    assert page.status_code == 200
    assert "1 plan ingår" in page.content.decode()


@pytest.mark.parametrize("name", ["alice", "bob", "rita", "charlie", "root", "inactive", None])
def test_the_rollups_plain_visibility_keeps_the_plans_plan_filter_visible_keeps(world, name):
    # given plans in every state, published or not, in and out of the users' organisations
    plans = []
    for n, organisation in enumerate([world["rpo"], world["rag"], world["other"]]):
        for state in PlanState:
            for published in (False, True):
                plan = services.plan_create(
                    actor=None, organisation=organisation, year=2024, title=f"{n} {state}"
                )
                Plan.objects.filter(pk=plan.pk).update(state=state, published=published)
                plans.append(plan)
    user: User | AnonymousUser = (
        User.objects.create_user("ina@example.org", "x", full_name="Ina", is_active=False)
        if name == "inactive"
        else world[name]
        if name
        else AnonymousUser()
    )

    # when
    condition, params = selectors.plan_visible_sql(user=user, plan="p", organisation="o")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id FROM {quote(Plan._meta.db_table)} p "
            f"JOIN {quote(Organisation._meta.db_table)} o ON o.id = p.organisation_id "
            f"WHERE {condition}",
            params,
        )
        kept = {pk for (pk,) in cursor.fetchall()}

    # then
    expected = set(
        selectors.plan_filter_visible(user=user, queryset=Plan.objects.all()).values_list(
            "pk", flat=True
        )
    )
    assert kept == expected
