import pytest
from pytest_django import Settings

from framja.demo.loader import load_demo
from framja.improvement.models import AnchoringDecision, Cycle, Step, StepStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_two_nordost_collaborations_run_the_default_inventory() -> None:
    load_demo()

    cycles = list(Cycle.objects.select_related("organisation", "template").order_by("id"))

    assert [c.organisation.slug for c in cycles] == [
        "lokal-samverkan-kristianstad",
        "lokal-samverkan-hassleholm",
    ]
    assert all(c.example and c.template.is_default for c in cycles)
    assert all(c.title.startswith("Exempel: ") for c in cycles)
    assert [c.plan.organisation.slug for c in cycles if c.plan] == ["skane-nordost"] * 2
    assert [c.answers.count() for c in cycles] == [7, 3]


def test_kristianstad_is_at_the_analysis_with_a_pdsa_cycle_and_a_dot_decision() -> None:
    load_demo()

    cycle = Cycle.objects.get(organisation__slug="lokal-samverkan-kristianstad")

    assert cycle.current_step == Step.ANALYSIS
    assert cycle.steps.get(step=Step.INVENTORY).status == StepStatus.DONE
    pdsa = cycle.pdsa_cycles.get()
    assert pdsa.plan_rows.count() == 1
    assert pdsa.patient_promises.count() == 1
    assert pdsa.study_values.get().value == 84.7
    decision = AnchoringDecision.objects.get(cycle=cycle)
    assert decision.body_organisation is not None
    assert (decision.body, decision.outcome, decision.body_organisation.slug) == (
        "dot",
        "approved",
        "skane-nordost-dot",
    )
    assert decision.snapshot["pdsa"][0]["title"] == pdsa.title
    assert cycle.measures.filter(subregional=True).count() == 7
