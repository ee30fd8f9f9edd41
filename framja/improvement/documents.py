"""Put together the filled-in Bilaga 1, Bilaga 2 and a cycle summary as plain data, and
render them as DOCX or PDF with the renderers in framja.documents."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify
from django.utils.translation import gettext as _

from framja.documents.cycle_data import CycleDocument, DocSection, DocTable
from framja.improvement.models import Step
from framja.improvement.selectors import CycleView

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {"docx": DOCX, "pdf": "application/pdf"}
DOCUMENTS = ("bilaga-1", "bilaga-2", "sammanfattning")


def _renderer(fmt: str) -> Callable[[CycleDocument], bytes]:
    # The renderers pull in python-docx and reportlab; load them only when printing.
    if fmt == "docx":
        from framja.documents.cycle_docx import render_cycle_docx

        return render_cycle_docx
    from framja.documents.cycle_pdf import render_cycle_pdf

    return render_cycle_pdf


def render(*, view: CycleView, document: str, fmt: str) -> tuple[bytes, str, str]:
    """Return the document's bytes, content type and file name."""
    build = {"bilaga-1": bilaga_1, "bilaga-2": bilaga_2, "sammanfattning": summary}[document]
    content = _renderer(fmt)(build(view))
    filename = f"{document}-{slugify(view.cycle.organisation.name)}-{view.cycle.pk}.{fmt}"
    return content, FORMATS[fmt], filename


def _base(view: CycleView, title: str, sections: list[DocSection]) -> CycleDocument:
    cycle = view.cycle
    return CycleDocument(
        title=title,
        organisation=cycle.organisation.name,
        cycle=cycle.title,
        sections=sections,
        example_note=(
            _("Exempeldata: innehållet är påhittat för att visa hur Främja fungerar.")
            if cycle.example
            else ""
        ),
        footer=f"{cycle.organisation.name} – {cycle.title}",
    )


def _week(view: CycleView, step: Step) -> str:
    cycle_step = view.steps[step - 1]
    return cycle_step.week_label or (
        cycle_step.due.isoformat() if cycle_step.due is not None else ""
    )


def bilaga_1(view: CycleView) -> CycleDocument:
    """Bilaga 1, "Frågeställningar till er lokala nulägesinventering", filled in."""
    cycle = view.cycle
    inventory = view.steps[Step.INVENTORY - 1]
    analysis = view.steps[Step.ANALYSIS - 1]
    return _base(
        view,
        _("Bilaga 1. Frågeställningar till er lokala nulägesinventering"),
        [
            DocSection(
                _("Steg 1: Nulägeskartläggning, stödfrågor"),
                pairs=[
                    (_("Vem är med vid inventeringen"), inventory.participants),
                    (_("Tid"), _week(view, Step.INVENTORY)),
                ],
                tables=[
                    DocTable(
                        caption=_("Inventera"),
                        columns=[_("Fråga"), _("Svar")],
                        rows=[[item.question.text, item.answer] for item in view.inventory],
                        widths=[0.45, 0.55],
                    )
                ],
            ),
            DocSection(
                _("Steg 2: Analys av inventering nuläge"),
                pairs=[
                    (_("Vem är med"), analysis.participants),
                    (_("Tid"), _week(view, Step.ANALYSIS)),
                    (_("Styrkor"), cycle.strengths),
                    (_("Utmaningar"), cycle.challenges),
                    (
                        _("Vilka aktiviteter kan leda till förbättring för invånaren (patienten)?"),
                        cycle.improvement_ideas,
                    ),
                ],
                paragraphs=[_("Insikterna tas vidare till lokal samverkan, se bilaga 2.")],
            ),
        ],
    )


def _follow_up(finding: object) -> str:
    parts = [
        (_("När"), getattr(finding, "follow_up_when", "")),
        (_("Hur"), getattr(finding, "follow_up_how", "")),
        (_("Vad"), getattr(finding, "follow_up_what", "")),
        (_("Av vem"), getattr(finding, "follow_up_by", "")),
    ]
    return "\n".join(f"{label}: {value}" for label, value in parts if value)


def _measure_rows(view: CycleView, subregional: bool) -> list[list[str]]:
    rows = []
    for measure in view.measures:
        if measure.subregional != subregional:
            continue
        values = list(measure.values.all())
        rows.append(
            [
                measure.name,
                "\n".join(v.result for v in values),
                "\n".join(v.date.isoformat() for v in values),
            ]
        )
    return rows


def bilaga_2(view: CycleView) -> CycleDocument:
    """Bilaga 2, "Att göra i lokalsamverkan, inventering, analys", filled in."""
    decisions = "\n".join(
        f"{d.get_body_display()} {d.meeting_date:%Y-%m-%d}: {d.get_outcome_display()} "
        f"({d.minutes_reference})"
        for d in view.decisions
    )
    implementation = view.steps[Step.IMPLEMENTATION - 1]
    follow_up = view.steps[Step.FOLLOW_UP - 1]
    pdsa = "\n".join(
        f"PDSA {p.number}: {p.title}" + (f" ({p.get_act_display()})" if p.act else "")
        for p in view.pdsa_cycles
    )
    columns = [
        _("Vad"),
        _("Vad har upptäckts?"),
        _("Nästa steg (PDSA)"),
        _("Uppföljning när, hur, vad, av vem?"),
    ]
    rows = [
        [
            str(item.topic.label),
            item.finding.found if item.finding else "",
            item.finding.next_steps if item.finding else "",
            _follow_up(item.finding) if item.finding else "",
        ]
        for item in view.findings
    ]
    rows += [
        [
            _("Steg 3: Förankra förslag från lokal samverkan till DOT vidare till DST."),
            decisions,
            pdsa,
            "",
        ],
        [
            _("Steg 4: Implementera planerade aktiviteter hos personal, samverkansplaner"),
            implementation.note,
            "",
            _week(view, Step.IMPLEMENTATION),
        ],
        [
            _("Steg 5: Uppföljning. Följ upp kontinuerligt, revidera utifrån behov"),
            follow_up.note,
            "",
            _week(view, Step.FOLLOW_UP),
        ],
    ]
    indicator_columns = [_("Val av indikatorer"), _("Resultat"), _("Datum")]
    return _base(
        view,
        _("Bilaga 2. Att göra i lokalsamverkan, inventering, analys"),
        [
            DocSection(
                _("Inventering och analys"),
                tables=[
                    DocTable(
                        caption=_("Att göra i lokal samverkan"),
                        columns=columns,
                        rows=rows,
                        widths=[0.28, 0.24, 0.24, 0.24],
                    )
                ],
            ),
            DocSection(
                _("Uppföljning"),
                paragraphs=[
                    _(
                        "I lokal samverkan väljer ni vilka indikatorer ni önskar följa upp "
                        "utöver de delregionala indikatorerna."
                    )
                ],
                tables=[
                    DocTable(
                        caption=_("Delregionala indikatorer och processmått"),
                        columns=indicator_columns,
                        rows=_measure_rows(view, True),
                        widths=[0.6, 0.25, 0.15],
                    ),
                    DocTable(
                        caption=_("Lokal samverkans egna indikatorer och mått"),
                        columns=indicator_columns,
                        rows=_measure_rows(view, False),
                        widths=[0.6, 0.25, 0.15],
                    ),
                ],
            ),
        ],
    )


def summary(view: CycleView) -> CycleDocument:
    """The whole cycle on a few pages: steps, timeline, PDSA cycles, decisions and follow-up."""
    cycle = view.cycle
    steps = DocTable(
        caption=_("Stegen"),
        columns=[_("Steg"), _("Status"), _("Planerat"), _("Påbörjat"), _("Avslutat")],
        rows=[
            [
                f"{s.step}. {s.get_step_display()}",
                str(s.get_status_display())
                + (f" ({_('försenat')})" if s.step in view.late_step_numbers else ""),
                s.week_label,
                s.started_on.isoformat() if s.started_on else "",
                s.completed_on.isoformat() if s.completed_on else "",
            ]
            for s in view.steps
        ],
        widths=[0.3, 0.2, 0.2, 0.15, 0.15],
    )
    timeline = DocTable(
        caption=_("Tidslinje"),
        columns=[_("Datum"), _("Händelse")],
        rows=[[e.date.isoformat(), e.text] for e in view.timeline],
        widths=[0.2, 0.8],
        row_headers=False,
    )
    pdsa_sections = [
        DocSection(
            str(p),
            pairs=[
                (_("Vad"), p.what),
                (_("Varför"), p.why),
                (_("Hur"), p.how),
                (_("När"), p.when),
                (_("Vem"), p.who),
                (_("Uppföljning"), p.follow_up),
                (_("Förutsägelse"), p.prediction),
                (_("Gör"), p.do_notes),
                (_("Studera"), p.study_notes),
                (
                    _("Agera"),
                    " – ".join(x for x in [str(p.get_act_display()), p.act_notes] if x),
                ),
                (_("Rader i handlingsplaner"), "; ".join(r.title for r in p.plan_rows.all())),
                (_("Patientlöften"), "; ".join(pp.text for pp in p.patient_promises.all())),
                (
                    _("Kopplade indikatorvärden"),
                    "; ".join(
                        f"{v.indicator.name}, {v.place.name} {v.period}: {v.value}"
                        for v in p.study_values.all()
                    ),
                ),
            ],
        )
        for p in view.pdsa_cycles
    ]
    decisions = DocTable(
        caption=_("Förankringsbeslut"),
        columns=[_("Instans"), _("Mötesdatum"), _("Beslut"), _("Protokoll")],
        rows=[
            [
                str(d.get_body_display()),
                d.meeting_date.isoformat(),
                str(d.get_outcome_display()),
                d.minutes_reference,
            ]
            for d in view.decisions
        ],
        widths=[0.3, 0.15, 0.2, 0.35],
    )
    follow_up = DocTable(
        caption=_("Uppföljning"),
        columns=[_("Mått"), _("Resultat"), _("Datum")],
        rows=_measure_rows(view, True) + _measure_rows(view, False),
        widths=[0.6, 0.25, 0.15],
    )
    return _base(
        view,
        _("Förbättringscykel: sammanfattning"),
        [
            DocSection(
                _("Cykeln"),
                pairs=[
                    (_("Organisation"), cycle.organisation.name),
                    (_("Handlingsplan"), str(cycle.plan) if cycle.plan else ""),
                    (
                        _("Aktuellt steg"),
                        f"{cycle.current_step}. {cycle.get_current_step_display()}",
                    ),
                    (_("Styrkor"), cycle.strengths),
                    (_("Utmaningar"), cycle.challenges),
                ],
                tables=[steps, timeline],
            ),
            *pdsa_sections,
            DocSection(_("Förankring och uppföljning"), tables=[decisions, follow_up]),
        ],
    )
