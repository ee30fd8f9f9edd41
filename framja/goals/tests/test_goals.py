from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from framja.core.models import AuditAction, AuditEvent
from framja.goals import selectors, services
from framja.goals.models import Assessment, Goal, GoalRating
from framja.plans.services import plan_create, row_create

pytestmark = pytest.mark.django_db


def make_goal(
    world: dict[str, Any], text: str = "Fler regioner erbjuder riktade hälsosamtal.", **fields: Any
) -> Goal:
    fields.setdefault("start_year", 2019)
    return services.goal_create(actor=world["bob"], organisation=world["rpo"], text=text, **fields)


def test_goal_create_puts_it_last_and_records_who(world):
    first = make_goal(world, "Mål ett")
    second = make_goal(world, "Mål två", heading="Alkoholprevention")

    assert (first.order, second.order) == (1, 2)
    event = AuditEvent.objects.get(object_type="goals.goal", object_id=str(second.pk))
    assert event.action == AuditAction.CREATE
    assert event.actor == world["bob"]
    assert event.changes["heading"] == [None, "Alkoholprevention"]


def test_goal_end_year_may_not_come_before_its_start(world):
    with pytest.raises(ValidationError):
        make_goal(world, start_year=2020, end_year=2019)

    assert not Goal.objects.exists()


def test_goal_links_only_to_rows_of_its_own_organisations_plans(world):
    own_plan = plan_create(actor=None, organisation=world["rpo"], year=2019, title="Plan")
    own_row = row_create(actor=None, plan=own_plan, title="Riktade hälsosamtal")
    other_plan = plan_create(actor=None, organisation=world["other"], year=2019, title="Annan")
    other_row = row_create(actor=None, plan=other_plan, title="Annat")

    goal = make_goal(world, plan_rows=[own_row])
    assert list(goal.plan_rows.all()) == [own_row]

    with pytest.raises(ValidationError):
        services.goal_update(actor=None, goal=goal, plan_rows=[other_row])


def test_assessment_is_one_per_period_and_earlier_periods_stay(world):
    goal = make_goal(world, start_year=2019, end_year=2020)

    services.assessment_save(
        actor=world["bob"], goal=goal, period="2019", rating=GoalRating.PARTLY, result="Start"
    )
    services.assessment_save(
        actor=world["bob"], goal=goal, period="2019", rating=GoalRating.ACHIEVED, result="Klart"
    )
    services.assessment_save(
        actor=world["alice"], goal=goal, period="2020", rating=GoalRating.NOT_ACHIEVED
    )

    history = selectors.goal_assessments(goal=goal)
    assert [(a.period, a.rating, a.result) for a in history] == [
        ("2020", GoalRating.NOT_ACHIEVED, ""),
        ("2019", GoalRating.ACHIEVED, "Klart"),
    ]
    assert history[0].assessed_by_name == "Alice"
    update = AuditEvent.objects.filter(object_type="goals.assessment", action=AuditAction.UPDATE)
    assert update.get().changes["rating"] == [GoalRating.PARTLY, GoalRating.ACHIEVED]


def test_an_unchanged_assessment_is_not_saved_again(world):
    goal = make_goal(world)
    first = services.assessment_save(actor=world["bob"], goal=goal, period="2019", result="R")
    stamp = first.assessed_at

    again = services.assessment_save(actor=world["alice"], goal=goal, period="2019", result="R")

    assert again.assessed_at == stamp
    assert again.assessed_by == world["bob"]


def test_assessment_refuses_a_period_the_goal_does_not_cover(world):
    goal = make_goal(world, start_year=2019, end_year=2019)

    with pytest.raises(ValidationError, match="gäller inte"):
        services.assessment_save(actor=None, goal=goal, period="2021")
    with pytest.raises(ValidationError, match="årtal"):
        services.assessment_save(actor=None, goal=goal, period="hösten")
    assert not Assessment.objects.exists()


def test_an_assessed_goal_cannot_be_deleted_but_a_new_one_can(world):
    kept = make_goal(world, "Bedömt")
    services.assessment_save(actor=None, goal=kept, period="2019", rating=GoalRating.ACHIEVED)
    gone = make_goal(world, "Nytt")

    with pytest.raises(ValidationError):
        services.goal_delete(actor=None, goal=kept)
    services.goal_delete(actor=world["bob"], goal=gone)

    assert list(Goal.objects.values_list("text", flat=True)) == ["Bedömt"]


def test_goals_move_within_their_organisation(world):
    _a, _b, c = (make_goal(world, text) for text in "ABC")

    services.goal_move(actor=None, goal=c, up=True)

    assert list(world["rpo"].goals.order_by("order").values_list("text", flat=True)) == [
        "A",
        "C",
        "B",
    ]


def test_overview_counts_per_organisation_and_heading_and_lists_goals_not_achieved(world):
    rag_goal = services.goal_create(
        actor=None, organisation=world["rag"], text="RAG-mål", heading="Tobak", start_year=2019
    )
    missed = make_goal(world, "Missat", heading="Gemensamma mål")
    partly = make_goal(world, "Delvis", heading="Gemensamma mål")
    make_goal(world, "Obedömt", heading="Alkohol")
    make_goal(world, "Annat år", start_year=2020)
    services.assessment_save(
        actor=None,
        goal=missed,
        period="2019",
        rating=GoalRating.NOT_ACHIEVED,
        analysis="Inga resurser",
    )
    services.assessment_save(actor=None, goal=partly, period="2019", rating=GoalRating.PARTLY)
    services.assessment_save(actor=None, goal=rag_goal, period="2019", rating="achieved")

    data = selectors.overview(organisation=world["rpo"], period="2019", year=2019)

    assert [o.organisation.slug for o in data.organisations] == ["rpo-test", "rag-test"]
    rpo = data.organisations[0]
    assert [(h, dict(c)) for h, c in rpo.groups] == [
        ("Gemensamma mål", {"not_achieved": 1, "partly": 1}),
        ("Alkohol", {"not_assessed": 1}),
    ]
    assert dict(data.totals) == {"not_achieved": 1, "partly": 1, "not_assessed": 1, "achieved": 1}
    assert [(g.text, g.organisation_name, g.analysis) for g in data.not_achieved] == [
        ("Missat", "RPO Test", "Inga resurser")
    ]


def test_goal_pages_work_for_the_editor_and_assessment_is_saved(world):
    client = Client()
    client.force_login(world["bob"])
    response = client.post(
        reverse("goals:create", args=["rpo-test"]),
        {"heading": "Gemensamma mål", "text": "Nytt mål", "start_year": "2019", "end_year": ""},
    )
    goal = Goal.objects.get()
    assert response.status_code == 302

    response = client.post(
        reverse("goals:assess", args=[goal.pk, "2019"]),
        {"rating": "partly", "result": "- ett\n- två", "analysis": "Så gick det"},
    )
    assert response.status_code == 302

    page = client.get(reverse("goals:list", args=["rpo-test"]) + "?ar=2019").content.decode()
    assert "Nytt mål" in page
    assert "Delvis uppnått" in page
    assert "<li>ett</li>" in page
    detail = client.get(goal.get_absolute_url()).content.decode()
    assert "Så gick det" in detail


def test_assess_form_shows_a_swedish_error_without_a_rating(world):
    goal = make_goal(world)
    client = Client()
    client.force_login(world["bob"])

    response = client.post(reverse("goals:assess", args=[goal.pk, "2019"]), {"result": "x"})

    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_reader_sees_goals_but_cannot_assess(world):
    goal = make_goal(world)
    client = Client()
    client.force_login(world["rita"])

    assert client.get(reverse("goals:list", args=["rpo-test"])).status_code == 200
    response = client.post(reverse("goals:assess", args=[goal.pk, "2019"]), {"rating": "partly"})

    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_a_goal_follows_indicators_and_shows_them(world):
    from framja.indicators.models import DataSource, Indicator

    indicator = Indicator.objects.create(
        code="cni", name="Care Need Index", source=DataSource.objects.get(name="Kolada")
    )
    goal = make_goal(world, indicators=[indicator])
    client = Client()
    client.force_login(world["rita"])

    page = client.get(goal.get_absolute_url()).content.decode()
    services.goal_update(actor=world["bob"], goal=goal, indicators=[])

    assert "Care Need Index" in page
    event = AuditEvent.objects.filter(object_type="goals.goal", action=AuditAction.UPDATE).get()
    assert event.changes["indicators"] == [["Care Need Index"], []]
    assert client.get(f"/api/goals/{goal.pk}").json()["indicators"] == []


def test_the_goal_table_gives_editors_their_links_and_readers_none(world):
    # given two goals, the first assessed by bob, the second with markup in its text
    first = make_goal(world, "Fler hälsosamtal")
    second = make_goal(world, "Mål <b>två</b>")
    services.assessment_save(
        actor=world["bob"], goal=first, period="2019", rating="achieved", analysis="Bra"
    )
    url = reverse("goals:list", args=["rpo-test"]) + "?ar=2019"
    editor = Client()
    editor.force_login(world["bob"])
    reader = Client()
    reader.force_login(world["rita"])

    # when each opens the goals of 2019
    edited = editor.get(url).content.decode()
    read = reader.get(url).content.decode()

    # then the editor can assess, change and move each goal, named for screen readers
    hidden = '<span class="visually-hidden"> Fler hälsosamtal</span>'
    assert f'<a href="/mal/{first.pk}/bedom/2019/">Bedöm{hidden}</a>' in edited
    assert f'<a href="/mal/{first.pk}/andra/">Ändra{hidden}</a>' in edited
    assert f'action="/mal/{first.pk}/flytta/ned/"' in edited
    assert f'action="/mal/{first.pk}/flytta/upp/"' not in edited
    assert f'action="/mal/{second.pk}/flytta/upp/"' in edited
    assert f'action="/mal/{second.pk}/flytta/ned/"' not in edited
    assert "Mål &lt;b&gt;två&lt;/b&gt;</a>" in edited
    assert "<td><p>Bra</p></td>" in edited
    assert "✓</span>Uppnått</p>" in edited
    assert '<p class="note">Bob, ' in edited
    # and the reader sees the goals and their assessments, without any of it
    assert f'<a href="/mal/{first.pk}/">Fler hälsosamtal</a>' in read
    assert "<td><p>Bra</p></td>" in read
    assert "/bedom/" not in read
    assert "/flytta/" not in read


def test_the_goal_tables_come_under_their_headings_escaped_in_their_first_order(world):
    # given a goal under a heading with markup, one without a heading, an example goal under
    # the first heading again, and an assessment made by the system (no one logged in)
    first = make_goal(world, "Första", heading="Tobak <&>")
    loose = make_goal(world, "Utan rubrik")
    example = make_goal(world, "Påhittat", heading="Tobak <&>", example=True)
    services.assessment_save(actor=None, goal=loose, period="2019", rating="not_achieved")
    reader = Client()
    reader.force_login(world["rita"])

    # when a reader opens the goals of 2019
    page = reader.get(reverse("goals:list", args=["rpo-test"]) + "?ar=2019").content.decode()

    # then each heading has its section, labelled by its heading, with a caption and a head
    assert (
        '\n<section aria-labelledby="grupp-1">\n'
        '  <h2 id="grupp-1">Tobak &lt;&amp;&gt;</h2>\n'
        '  <table class="goal-table">\n'
        '    <caption class="visually-hidden">Tobak &lt;&amp;&gt;: mål, resultat, analys och '
        "bedömning 2019</caption>\n"
        '    <thead><tr><th scope="col">Mål</th><th scope="col">Resultat</th>'
        '<th scope="col">Analys</th><th scope="col">Bedömning</th></tr></thead>\n'
        "    <tbody>\n"
        f'    <tr id="mal-{first.pk}">\n<th scope="row"><a href="/mal/{first.pk}/">Första</a>\n'
        "</th>\n<td></td>\n<td></td>\n"
        '<td><p class="status"><span class="status-symbol" aria-hidden="true">–</span>'
        "Ej bedömd</p></td>\n</tr>\n"
        f'<tr id="mal-{example.pk}">\n<th scope="row"><a href="/mal/{example.pk}/">Påhittat</a>'
        ' <span class="example-badge">exempeldata</span>\n'
    ) in page
    assert '<h2 id="grupp-2">Mål utan rubrik</h2>' in page
    assert "Mål utan rubrik: mål, resultat, analys och bedömning 2019</caption>" in page
    assert '✕</span>Ej uppnått</p>\n<p class="note">systemet, ' in page
    assert "    </tbody>\n  </table>\n</section>\n" in page
    assert 'id="grupp-3"' not in page


def test_the_goal_list_says_when_a_year_has_no_goals(world):
    make_goal(world, start_year=2019, end_year=2019)
    reader = Client()
    reader.force_login(world["rita"])

    page = reader.get(reverse("goals:list", args=["rpo-test"]) + "?ar=2020").content.decode()

    assert "<p>Det finns inga mål för 2020.</p>" in page
    assert "<section" not in page


def test_editors_links_name_a_long_goal_by_its_first_sixty_characters(world):
    text = "Fler invånare i länet erbjuds riktade hälsosamtal & stöd <i>tidigt</i> i livet"
    goal = make_goal(world, text)
    editor = Client()
    editor.force_login(world["bob"])

    page = editor.get(reverse("goals:list", args=["rpo-test"]) + "?ar=2019").content.decode()

    short = "Fler invånare i länet erbjuds riktade hälsosamtal &amp; stöd &lt;i…"
    assert (
        f'<a href="/mal/{goal.pk}/andra/">Ändra<span class="visually-hidden"> {short}</span>'
        in page
    )


def test_the_overview_tables_count_per_organisation_and_heading_and_link_each_goal(world):
    # given goals of RPO Test (one under a heading with markup, one without) and of RAG Test
    missed = make_goal(world, "Missat <mål>", heading="Tobak & alkohol")
    make_goal(world, "Utan rubrik")
    rag_goal = services.goal_create(
        actor=None, organisation=world["rag"], text="RAG-mål", heading="Tobak", start_year=2019
    )
    services.assessment_save(
        actor=None, goal=missed, period="2019", rating="not_achieved", analysis="Inga <b>medel</b>"
    )
    services.assessment_save(actor=None, goal=rag_goal, period="2019", rating="achieved")
    reader = Client()
    reader.force_login(world["rita"])

    # when a reader opens the overview of 2019
    url = reverse("goals:overview", args=["rpo-test"]) + "?ar=2019"
    page = reader.get(url).content.decode()

    # then a column per rating, with its symbol hidden from screen readers
    assert (
        '<th scope="col">Organisation och rubrik</th>'
        '<th scope="col" class="num"><span aria-hidden="true">✓</span> Uppnått</th>'
        '<th scope="col" class="num"><span aria-hidden="true">◐</span> Delvis uppnått</th>'
        '<th scope="col" class="num"><span aria-hidden="true">✕</span> Ej uppnått</th>'
        '<th scope="col" class="num"><span aria-hidden="true">–</span> Ej bedömd</th></tr>'
    ) in page
    # and each organisation has its row with a link to its goals, then a row per heading
    assert (
        "  <tbody>\n  \n"
        '    <tr class="org-row"><th scope="row"><a href="/organisationer/rpo-test/mal/?ar=2019">'
        'RPO Test</a></th><td class="num">0</td><td class="num">0</td><td class="num">1</td>'
        '<td class="num">1</td></tr>\n    \n'
        '    <tr><th scope="row" class="sub">Tobak &amp; alkohol</th><td class="num">0</td>'
        '<td class="num">0</td><td class="num">1</td><td class="num">0</td></tr>\n    \n  \n'
        '    <tr class="org-row"><th scope="row"><a href="/organisationer/rag-test/mal/?ar=2019">'
        'RAG Test</a></th><td class="num">1</td><td class="num">0</td><td class="num">0</td>'
        '<td class="num">0</td></tr>\n    \n'
        '    <tr><th scope="row" class="sub">Tobak</th><td class="num">1</td>'
        '<td class="num">0</td><td class="num">0</td><td class="num">0</td></tr>\n    \n  \n'
        '  <tr class="total-row"><th scope="row">Totalt</th><td class="num">1</td>'
        '<td class="num">0</td><td class="num">1</td><td class="num">1</td></tr>\n  </tbody>'
    ) in page
    # and the goal not achieved is listed with its organisation and analysis, escaped
    assert (
        "  <tbody>\n    <tr><td>RPO Test</td>"
        f'<th scope="row"><a href="/mal/{missed.pk}/">Missat &lt;mål&gt;</a></th>'
        "<td><p>Inga &lt;b&gt;medel&lt;/b&gt;</p></td></tr>\n  </tbody>"
    ) in page


def test_a_goals_page_lists_its_rows_indicators_and_history_escaped(world):
    # given a goal linked to a plan row and an indicator, both with markup in their names,
    # assessed by bob one year and by the system the next
    from framja.indicators.models import DataSource, Indicator

    plan = plan_create(actor=None, organisation=world["rpo"], year=2019, title="Plan")
    row = row_create(actor=None, plan=plan, title="Samtal <och> stöd")
    indicator = Indicator.objects.create(
        code="cni", name="Index <CNI>", source=DataSource.objects.get(name="Kolada")
    )
    goal = make_goal(world, "Mål", end_year=2020, plan_rows=[row], indicators=[indicator])
    services.assessment_save(
        actor=world["bob"], goal=goal, period="2019", rating="partly", result="- ett\n- två"
    )
    services.assessment_save(actor=None, goal=goal, period="2020", rating="achieved")
    reader = Client()
    reader.force_login(world["rita"])

    # when a reader opens the goal
    page = reader.get(goal.get_absolute_url()).content.decode()

    # then the row links into its plan, the indicator to its page, named with their source
    assert (
        f'<ul><li><a href="/planer/{plan.pk}/#rad-{row.pk}">2019: Samtal &lt;och&gt; stöd</a>'
        "</li></ul>"
    ) in page
    assert '<ul><li><a href="/indikatorer/cni/">Index &lt;CNI&gt;</a> (Kolada)</li></ul>' in page
    # and the history comes newest first, with who assessed it ("–" for the system) and when
    day = timezone.localdate().isoformat()
    assert (
        '  <tbody>\n    <tr><th scope="row">2020</th><td><span class="status">'
        '<span class="status-symbol" aria-hidden="true">✓</span>Uppnått</span></td>'
        f"<td></td><td></td><td>–, {day}</td></tr>\n  \n"
        '    <tr><th scope="row">2019</th><td><span class="status">'
        '<span class="status-symbol" aria-hidden="true">◐</span>Delvis uppnått</span></td>'
        f"<td><ul><li>ett</li><li>två</li></ul></td><td></td><td>Bob, {day}</td></tr>\n  </tbody>"
    ) in page
    assert "/andra/" not in page


def test_a_goals_page_offers_editors_to_change_it(world):
    goal = make_goal(world)
    editor = Client()
    editor.force_login(world["bob"])

    page = editor.get(goal.get_absolute_url()).content.decode()

    assert (
        f'<ul class="actions"><li><a href="/mal/{goal.pk}/andra/">Ändra målet</a></li></ul>' in page
    )
    assert "<p>Målet är inte kopplat till någon rad i en handlingsplan.</p>" in page
    assert "<p>Målet följs inte med någon indikator.</p>" in page
    assert "<p>Målet har inte bedömts ännu.</p>" in page


def test_the_goal_pages_offer_every_year_with_goals_the_shown_one_selected(world):
    make_goal(world, start_year=2019, end_year=2020)
    make_goal(world, "Senare", start_year=2022, end_year=2022)
    reader = Client()
    reader.force_login(world["rita"])
    options = (
        '<select id="ar" name="ar"><option value="2022">2022</option>'
        '<option value="2020" selected>2020</option><option value="2019">2019</option></select>'
    )

    for name in ("goals:list", "goals:overview"):
        url = reverse(name, args=["rpo-test"]) + "?ar=2020"
        assert options in reader.get(url).content.decode()
