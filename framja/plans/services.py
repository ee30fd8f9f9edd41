"""Writes to action plans. Each is atomic, checks the plan's state, and is audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, Max, Min, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from framja.core import audit
from framja.core.concurrency import require_unchanged
from framja.core.models import AuditAction
from framja.plans.models import (
    Activity,
    FocusArea,
    Plan,
    PlanRevision,
    PlanRow,
    PlanSection,
    PlanState,
    Rating,
    StatusEntry,
)
from framja.plans.selectors import plan_edit_token

if TYPE_CHECKING:
    from framja.accounts.models import User
    from framja.organisations.models import Organisation

PLAN_FIELDS = {
    "title",
    "year",
    "document_name",
    "document_type",
    "created_by_text",
    "document_owner",
    "adopted_by",
    "adopted_date",
    "valid_until",
    "revised_date",
    "version",
    "keywords",
    "example",
    "predecessor",
}
ROW_FIELDS = {"effort_area", "effort_area_note", "title", "description", "follow_up"}


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("Planen är fastställd och kan inte ändras. Ändringar görs i en ny version.")
        )


def _next_order(queryset: Any) -> int:
    return int(queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def plan_create(
    *,
    actor: User | None,
    organisation: Organisation,
    year: int,
    title: str,
    sections: list[tuple[str, str]] | None = None,
    focus_areas: list[str] | None = None,
    **fields: Any,
) -> Plan:
    """Create a draft plan with its sections and focus areas."""
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    plan = Plan(organisation=organisation, year=year, title=title, **fields)
    plan.full_clean()
    plan.save()
    audit.record_create(actor=actor, instance=plan, organisation=organisation)
    for order, (heading, body) in enumerate(sections or [], start=1):
        section = PlanSection.objects.create(plan=plan, heading=heading, body=body, order=order)
        audit.record_create(actor=actor, instance=section, organisation=organisation)
    for order, text in enumerate(focus_areas or [], start=1):
        focus = FocusArea.objects.create(plan=plan, text=text, order=order)
        audit.record_create(actor=actor, instance=focus, organisation=organisation)
    return plan


@transaction.atomic
def plan_update(*, actor: User | None, plan: Plan, **fields: Any) -> Plan:
    _require_editable(plan)
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    return _save_plan(actor=actor, plan=plan, changes=fields)


@transaction.atomic
def plan_update_details(
    *,
    actor: User | None,
    plan: Plan,
    focus_areas: list[str],
    expected_token: str | None = None,
    **fields: Any,
) -> Plan:
    """Save the plan's edit form: its details and focus areas together, or nothing.

    With ``expected_token`` (see framja.core.concurrency), refuse if anyone saved the plan
    or its focus areas after the form was opened.
    """
    require_unchanged(plan, expected_token, plan_edit_token)
    plan_update(actor=actor, plan=plan, **fields)
    plan_set_focus_areas(actor=actor, plan=plan, texts=focus_areas)
    return plan


def _save_plan(*, actor: User | None, plan: Plan, changes: dict[str, Any]) -> Plan:
    before = audit.snapshot(plan)
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    audit.record_update(actor=actor, instance=plan, organisation=plan.organisation, before=before)
    return plan


@transaction.atomic
def row_create(
    *,
    actor: User | None,
    plan: Plan,
    title: str,
    patient_promises: Any = (),
    target_areas: Any = (),
    **fields: Any,
) -> PlanRow:
    """Add a row at the end of the plan's table."""
    _require_editable(plan)
    unknown = set(fields) - ROW_FIELDS - {"predecessor"}
    if unknown:
        raise TypeError(f"Unknown row fields: {sorted(unknown)}")
    row = PlanRow(plan=plan, title=title, order=_next_order(plan.rows), **fields)
    row.full_clean()
    row.save()
    row.patient_promises.set(patient_promises)
    row.target_areas.set(target_areas)
    changes = {k: [None, v] for k, v in audit.snapshot(row).items() if v not in (None, "")}
    if patient_promises:
        changes["patient_promises"] = [None, [str(p) for p in patient_promises]]
    if target_areas:
        changes["target_areas"] = [None, [str(a) for a in target_areas]]
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=row,
        organisation=plan.organisation,
        changes=changes,
    )
    return row


class EditConflict(ValidationError):
    """Someone else saved the row after this user read it."""

    def __init__(self, current: PlanRow) -> None:
        self.current = current
        super().__init__(
            _(
                "Någon annan har ändrat raden medan du redigerade den. Jämför med den sparade "
                "versionen nedan och spara igen om du vill ersätta den."
            )
        )


@transaction.atomic
def row_update(
    *,
    actor: User | None,
    row: PlanRow,
    patient_promises: Any = None,
    target_areas: Any = None,
    expected_version: int | None = None,
    **fields: Any,
) -> PlanRow:
    """Change a row. With ``expected_version``, refuse if the row changed since it was read."""
    _require_editable(row.plan)
    locked = PlanRow.objects.select_for_update().get(pk=row.pk)
    if expected_version is not None and locked.lock_version != expected_version:
        raise EditConflict(locked)
    row.lock_version = locked.lock_version + 1
    unknown = set(fields) - ROW_FIELDS
    if unknown:
        raise TypeError(f"Unknown row fields: {sorted(unknown)}")
    before = audit.snapshot(row)
    before_links = {
        "patient_promises": sorted(str(p) for p in row.patient_promises.all()),
        "target_areas": sorted(str(a) for a in row.target_areas.all()),
    }
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    if patient_promises is not None:
        row.patient_promises.set(patient_promises)
    if target_areas is not None:
        row.target_areas.set(target_areas)
    after = audit.snapshot(row)
    after_links = {
        "patient_promises": sorted(str(p) for p in row.patient_promises.all()),
        "target_areas": sorted(str(a) for a in row.target_areas.all()),
    }
    changes = audit.diff({**before, **before_links}, {**after, **after_links})
    if changes:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=row,
            organisation=row.plan.organisation,
            changes=changes,
        )
    return row


@transaction.atomic
def activity_create(
    *,
    actor: User | None,
    row: PlanRow,
    text: str,
    responsible: str = "",
    whole_year: bool = False,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    done: bool = False,
) -> Activity:
    _require_editable(row.plan)
    if start and end and end < start:
        raise ValidationError({"end": _("Slutdatum kan inte vara före startdatum.")})
    activity = Activity(
        row=row,
        plan_id=row.plan_id,
        text=text,
        responsible=responsible,
        whole_year=whole_year,
        start=start,
        end=end,
        done=done,
        order=_next_order(row.activities),
    )
    activity.full_clean()
    activity.save()
    row_activity_refresh(rows=PlanRow.objects.filter(pk=row.pk))
    audit.record_create(actor=actor, instance=activity, organisation=row.plan.organisation)
    return activity


@transaction.atomic
def activity_set_done(*, actor: User | None, activity: Activity, done: bool) -> Activity:
    """Mark an activity done (or not). Allowed on adopted plans: it is follow-up."""
    if activity.row.plan.state == PlanState.ARCHIVED:
        raise ValidationError(_("Planen är arkiverad."))
    before = audit.snapshot(activity)
    activity.done = done
    activity.save(update_fields=["done"])
    row_activity_refresh(rows=PlanRow.objects.filter(pk=activity.row_id))
    audit.record_update(
        actor=actor, instance=activity, organisation=activity.row.plan.organisation, before=before
    )
    return activity


@transaction.atomic
def status_add(
    *,
    actor: User | None,
    row: PlanRow,
    rating: Rating | str,
    comment: str = "",
    date: datetime.date | None = None,
) -> StatusEntry:
    """Record the row's status on a date; the latest entry is the current status."""
    if row.plan.state == PlanState.ARCHIVED:
        raise ValidationError(_("Planen är arkiverad."))
    entry = StatusEntry(
        row=row,
        rating=rating,
        comment=comment,
        date=date or timezone.localdate(),
        set_by=actor if actor is not None and actor.pk else None,
    )
    entry.full_clean()
    entry.save()
    row_status_refresh(rows=PlanRow.objects.filter(pk=row.pk))
    audit.record_create(actor=actor, instance=entry, organisation=row.plan.organisation)
    return entry


def row_status_refresh(*, rows: QuerySet[PlanRow]) -> None:
    """Copy each row's current status, its latest entry by date then id, onto the row.

    Every write of status entries (added, changed or deleted, one or in bulk) calls this for
    the rows it touched: the roll-up counts rows by these copies. One statement for any
    number of rows; ``RowView.current`` picks the same entry.
    """
    latest = StatusEntry.objects.filter(row=OuterRef("pk")).order_by("-date", "-id")
    rows.update(
        status_rating=Coalesce(
            Subquery(latest.values("rating")[:1]), Value(""), output_field=CharField()
        ),
        status_date=Subquery(latest.values("date")[:1]),
    )


def row_activity_refresh(*, rows: QuerySet[PlanRow]) -> None:
    """Copy what makes each row's unfinished activities late onto the row: their earliest end,
    and whether one runs the whole year without an end.

    Every write of activities (added, changed, done or not, one or in bulk) calls this for
    the rows it touched: the roll-up finds the rows with a late activity by these copies. One
    statement for any number of rows; ``Activity.is_late`` says the same of each activity.
    """
    unfinished = Activity.objects.filter(row=OuterRef("pk"), done=False)
    rows.update(
        open_end=Subquery(
            unfinished.filter(end__isnull=False)
            .order_by()
            .values("row")
            .annotate(first=Min("end"))
            .values("first")
        ),
        open_whole_year=Exists(unfinished.filter(end__isnull=True, whole_year=True)),
    )


@transaction.atomic
def plans_recount() -> int:
    """Store again, for every plan row, what is kept copied for the pages that count rows:
    each activity's plan, each row's current status and what makes its activities late.

    The services keep them after every write; this is for after changes made in the database
    around them. Returns the number of rows.
    """
    Activity.objects.update(
        plan_id=Subquery(PlanRow.objects.filter(pk=OuterRef("row_id")).values("plan_id")[:1])
    )
    rows = PlanRow.objects.all()
    row_status_refresh(rows=rows)
    row_activity_refresh(rows=rows)
    return rows.count()


# --- Workflow and versions -------------------------------------------------------------------

CONTENT_FIELDS = (
    "title",
    "year",
    "document_name",
    "document_type",
    "created_by_text",
    "document_owner",
    "valid_until",
    "revised_date",
    "version",
    "keywords",
)


def plan_content(plan: Plan) -> dict[str, Any]:
    """Return the plan's content as plain data: what a revision freezes and compares."""
    rows = (
        PlanRow.objects.filter(plan=plan)
        .select_related("effort_area")
        .prefetch_related("patient_promises", "target_areas", "activities")
        .order_by("order", "id")
    )
    return {
        "meta": {name: audit.snapshot(plan, [name]).get(name) for name in CONTENT_FIELDS}
        | {"adopted_by": str(plan.adopted_by) if plan.adopted_by else None},
        "sections": [
            {"heading": s.heading, "body": s.body} for s in plan.sections.order_by("order", "id")
        ],
        "focus_areas": [f.text for f in plan.focus_areas.order_by("order", "id")],
        "rows": [
            {
                "id": row.pk,
                "title": row.title,
                "description": row.description,
                "effort_area": row.effort_area.name if row.effort_area else None,
                "effort_area_note": row.effort_area_note,
                "patient_promises": [p.text for p in row.patient_promises.all()],
                "target_areas": [str(a) for a in row.target_areas.all()],
                "follow_up": row.follow_up,
                "activities": [
                    {
                        "text": a.text,
                        "responsible": a.responsible,
                        "whole_year": a.whole_year,
                        "start": a.start.isoformat() if a.start else None,
                        "end": a.end.isoformat() if a.end else None,
                    }
                    for a in row.activities.all()
                ],
            }
            for row in rows
        ],
    }


def _revision(*, actor: User | None, plan: Plan, note: str = "") -> PlanRevision:
    return PlanRevision.objects.create(
        plan=plan,
        version=plan.version,
        state=plan.state,
        note=note,
        created_by=actor if actor is not None and actor.pk else None,
        content=plan_content(plan),
    )


def _transition(
    *, actor: User | None, plan: Plan, allowed: tuple[str, ...], message: str, **changes: Any
) -> Plan:
    if plan.state not in allowed:
        raise ValidationError(message)
    return _save_plan(actor=actor, plan=plan, changes=changes)


@transaction.atomic
def plan_send_for_anchoring(*, actor: User | None, plan: Plan, body: Organisation) -> Plan:
    """Send a draft to a body (e.g. DOT, a knowledge council) and freeze a revision of it."""
    _transition(
        actor=actor,
        plan=plan,
        allowed=(PlanState.DRAFT,),
        message=_("Bara ett utkast kan skickas för förankring."),
        state=PlanState.ANCHORING,
        anchoring_body=body,
    )
    _revision(actor=actor, plan=plan, note=_("Skickad till %(body)s") % {"body": body})
    return plan


@transaction.atomic
def plan_adopt(
    *,
    actor: User | None,
    plan: Plan,
    adopted_by: Organisation | None,
    adopted_date: datetime.date | None,
) -> Plan:
    """Record that the plan was adopted; it is frozen from now on, as a kept revision."""
    _transition(
        actor=actor,
        plan=plan,
        allowed=(PlanState.DRAFT, PlanState.ANCHORING),
        message=_("Planen är redan fastställd eller arkiverad."),
        state=PlanState.ADOPTED,
        adopted_by=adopted_by,
        adopted_date=adopted_date,
    )
    _revision(actor=actor, plan=plan, note=_("Fastställd"))
    return plan


def next_version(version: str) -> str:
    """Return the next minor version: 1.0 → 1.1, 2.9 → 2.10; anything else gets ".1"."""
    major, dot, minor = version.rpartition(".")
    if dot and minor.isdigit() and major:
        return f"{major}.{int(minor) + 1}"
    return f"{version}.1" if version else "1.1"


@transaction.atomic
def plan_new_version(*, actor: User | None, plan: Plan) -> Plan:
    """Open an adopted plan for changes as a new version; the adopted one stays a revision."""
    return _transition(
        actor=actor,
        plan=plan,
        allowed=(PlanState.ADOPTED,),
        message=_("Bara en fastställd plan kan få en ny version."),
        state=PlanState.DRAFT,
        version=next_version(plan.version),
        revised_date=timezone.localdate(),
        published=False,
    )


@transaction.atomic
def plan_archive(*, actor: User | None, plan: Plan) -> Plan:
    return _transition(
        actor=actor,
        plan=plan,
        allowed=(PlanState.ADOPTED,),
        message=_("Bara en fastställd plan kan arkiveras."),
        state=PlanState.ARCHIVED,
    )


@transaction.atomic
def plan_set_published(*, actor: User | None, plan: Plan, published: bool) -> Plan:
    """Show an adopted plan to everyone, also without login (or stop doing so)."""
    return _transition(
        actor=actor,
        plan=plan,
        allowed=(PlanState.ADOPTED, PlanState.ARCHIVED),
        message=_("Bara en fastställd plan kan publiceras."),
        published=published,
    )


@transaction.atomic
def plan_create_next_year(*, actor: User | None, plan: Plan) -> Plan:
    """Copy a plan into next year's draft: texts, rows and the activities not yet done.

    The new plan and each carried-over row point back to what they continue.
    """
    year = plan.year + 1
    title = plan.title.replace(str(plan.year), str(year))
    if title == plan.title:
        title = f"{plan.title} {year}"
    successor = plan_create(
        actor=actor,
        organisation=plan.organisation,
        year=year,
        title=title,
        sections=[(s.heading, s.body) for s in plan.sections.order_by("order", "id")],
        document_name=plan.document_name.replace(str(plan.year), str(year)),
        document_type=plan.document_type,
        created_by_text=plan.created_by_text,
        document_owner=plan.document_owner,
        keywords=plan.keywords,
        example=plan.example,
        predecessor=plan,
    )
    rows = plan.rows.prefetch_related("patient_promises", "target_areas", "activities")
    for row in rows.order_by("order", "id"):
        copy = row_create(
            actor=actor,
            plan=successor,
            title=row.title,
            description=row.description,
            effort_area=row.effort_area,
            effort_area_note=row.effort_area_note,
            follow_up=row.follow_up,
            predecessor=row,
            patient_promises=list(row.patient_promises.all()),
            target_areas=list(row.target_areas.all()),
        )
        for activity in row.activities.all():
            if activity.done:
                continue
            activity_create(
                actor=actor,
                row=copy,
                text=activity.text,
                responsible=activity.responsible,
                whole_year=activity.whole_year,
                start=_shift(activity.start),
                end=_shift(activity.end),
            )
    return successor


def _shift(day: datetime.date | None) -> datetime.date | None:
    """Move a date one year on (29 February becomes 28 February)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


# --- Editing the texts, the order of rows and activities ----------------------------------


@transaction.atomic
def plan_set_focus_areas(*, actor: User | None, plan: Plan, texts: list[str]) -> None:
    """Replace the plan's focus areas with ``texts``, in that order."""
    _require_editable(plan)
    before = [f.text for f in plan.focus_areas.order_by("order", "id")]
    if before == texts:
        return
    plan.focus_areas.all().delete()
    FocusArea.objects.bulk_create(
        FocusArea(plan=plan, text=text, order=order) for order, text in enumerate(texts, start=1)
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=plan,
        organisation=plan.organisation,
        changes={"focus_areas": [before, texts]},
    )


@transaction.atomic
def section_create(*, actor: User | None, plan: Plan, heading: str, body: str) -> PlanSection:
    _require_editable(plan)
    section = PlanSection(plan=plan, heading=heading, body=body, order=_next_order(plan.sections))
    section.full_clean()
    section.save()
    audit.record_create(actor=actor, instance=section, organisation=plan.organisation)
    return section


@transaction.atomic
def section_update(*, actor: User | None, section: PlanSection, heading: str, body: str) -> None:
    _require_editable(section.plan)
    before = audit.snapshot(section)
    section.heading, section.body = heading, body
    section.full_clean()
    section.save()
    audit.record_update(
        actor=actor, instance=section, organisation=section.plan.organisation, before=before
    )


@transaction.atomic
def section_delete(*, actor: User | None, section: PlanSection) -> None:
    _require_editable(section.plan)
    audit.record_delete(actor=actor, instance=section, organisation=section.plan.organisation)
    section.delete()


def _lock_for_reordering(plan: Plan) -> None:
    """Lock the plan until the move is saved, and check it is still open for changes.

    Two people moving things in the same plan at once are then done one after the other,
    each from the order the other left, and a plan adopted meanwhile is not changed.
    """
    locked = Plan.objects.select_for_update().only("state").get(pk=plan.pk)
    _require_editable(locked)


@transaction.atomic
def row_move(*, actor: User | None, row: PlanRow, up: bool) -> None:
    """Swap the row with the one above (or below) it in the plan's table."""
    _lock_for_reordering(row.plan)
    audit.move_in_order(
        actor=actor,
        items=list(row.plan.rows.order_by("order", "id")),
        item=row,
        up=up,
        organisation=row.plan.organisation,
    )


@transaction.atomic
def activity_move(*, actor: User | None, activity: Activity, up: bool) -> None:
    """Swap the activity with the one above (or below) it under its row."""
    _lock_for_reordering(activity.row.plan)
    audit.move_in_order(
        actor=actor,
        items=list(activity.row.activities.order_by("order", "id")),
        item=activity,
        up=up,
        organisation=activity.row.plan.organisation,
    )


@transaction.atomic
def section_move(*, actor: User | None, section: PlanSection, up: bool) -> None:
    """Swap the section with the one above (or below) it in the plan's text."""
    _lock_for_reordering(section.plan)
    audit.move_in_order(
        actor=actor,
        items=list(section.plan.sections.order_by("order", "id")),
        item=section,
        up=up,
        organisation=section.plan.organisation,
    )


@transaction.atomic
def activity_update(*, actor: User | None, activity: Activity, **fields: Any) -> Activity:
    _require_editable(activity.row.plan)
    unknown = set(fields) - {"text", "responsible", "whole_year", "start", "end"}
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    start, end = fields.get("start"), fields.get("end")
    if start and end and end < start:
        raise ValidationError({"end": _("Slutdatum kan inte vara före startdatum.")})
    before = audit.snapshot(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    row_activity_refresh(rows=PlanRow.objects.filter(pk=activity.row_id))
    audit.record_update(
        actor=actor, instance=activity, organisation=activity.row.plan.organisation, before=before
    )
    return activity
