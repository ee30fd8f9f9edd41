"""framja bench generate: the small scale, exactly, and every benchmarked page answers."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from framja.demo.bench import SCALES, bench_pages, time_pages
from framja.goals.models import Assessment, Goal
from framja.indicators.models import Indicator, IndicatorValue
from framja.knowledge.models import GoodExample, SearchDocument
from framja.organisations.models import Organisation, Person
from framja.plans.models import Activity, Plan, PlanRow, StatusEntry
from framja.surveys.models import Answer, Response, Survey

pytestmark = pytest.mark.django_db


def test_the_small_scale_makes_exactly_what_it_says():
    # given
    scale = SCALES["small"]

    # when
    call_command("bench", "generate", "--scale", "small")

    # then
    assert Organisation.objects.filter(slug__startswith="test-").count() == scale.organisations
    assert Organisation.objects.filter(kind="region").count() == 21
    assert Organisation.objects.filter(kind="municipality").count() == 290
    assert Person.objects.count() == scale.people
    assert Plan.objects.count() == scale.plans
    assert PlanRow.objects.count() == scale.plans * scale.rows_per_plan
    assert StatusEntry.objects.count() == scale.plans * scale.rows_per_plan * 3
    activities = Activity.objects.all()
    assert activities.count() == scale.plans * scale.rows_per_plan * scale.activities_per_row
    assert not activities.exclude(plan_id=F("row__plan_id")).exists()
    assert activities.filter(done=True).exists()
    assert activities.filter(done=False).exists()
    # every row's copies of what makes its activities late agree with them
    for row in PlanRow.objects.prefetch_related("activities"):
        unfinished = [a for a in row.activities.all() if not a.done]
        ends = [a.end for a in unfinished if a.end is not None]
        assert (row.open_end, row.open_whole_year) == (
            min(ends, default=None),
            any(a.whole_year and a.end is None for a in unfinished),
        )
    # every row's copy of its current status is its latest entry
    latest = {}
    for row_id, rating, date in StatusEntry.objects.order_by("row", "date", "id").values_list(
        "row_id", "rating", "date"
    ):
        latest[row_id] = (rating, date)
    copies = PlanRow.objects.values_list("id", "status_rating", "status_date")
    assert {row_id: (rating, date) for row_id, rating, date in copies} == latest
    assert Goal.objects.count() == scale.goals
    assert Assessment.objects.count() == scale.goals * scale.assessments_per_goal
    assert Indicator.objects.filter(code__startswith="test-").count() == scale.indicators
    assert IndicatorValue.objects.count() == scale.values
    assert Survey.objects.count() == scale.surveys
    assert Response.objects.filter(state="submitted").count() == scale.surveys * 21
    assert Answer.objects.count() == scale.surveys * 21 * 6
    assert GoodExample.objects.count() == scale.examples
    # the search index holds what was written in bulk, as a rebuild makes it
    assert SearchDocument.objects.filter(kind="example").count() == scale.examples
    assert SearchDocument.objects.filter(kind="row").count() == PlanRow.objects.count()
    first = Organisation.objects.get(slug="test-0001")
    assert first.parent is not None
    assert first.path == f"{first.parent.path}{first.pk:010d}/"
    assert first.depth == 1


def test_it_makes_the_same_content_every_time():
    # given
    call_command("bench", "generate", "--scale", "small")
    first = sorted(PlanRow.objects.values_list("title", "description"))
    values = sorted(IndicatorValue.objects.values_list("place_id", "period", "sex", "value"))[:50]

    # when the tables are emptied and it runs again
    for model in (
        Survey,
        GoodExample,
        StatusEntry,
        PlanRow,
        Plan,
        Assessment,
        Goal,
        IndicatorValue,
    ):
        model.objects.all().delete()
    Indicator.objects.filter(code__startswith="test-").delete()
    Person.objects.all().delete()
    Organisation.objects.filter(slug__startswith="test-").delete()
    call_command("bench", "generate", "--scale", "small", "--force")

    # then
    assert sorted(PlanRow.objects.values_list("title", "description")) == first
    again = sorted(IndicatorValue.objects.values_list("place_id", "period", "sex", "value"))
    assert again[:50] == values


def test_it_refuses_a_database_with_content(world):
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("bench", "generate", "--scale", "small")


def test_every_benchmarked_page_answers(settings):
    # given
    call_command("bench", "generate", "--scale", "small")
    settings.ROOT_URLCONF = "framja.demo.bench_urls"

    # when
    floor, pages = time_pages(runs=1)

    # then
    assert floor.queries <= 2
    assert [page.label for page in pages] == [label for label, _url in bench_pages()]
    assert [page.label for page in pages if page.queries == 0] == []
