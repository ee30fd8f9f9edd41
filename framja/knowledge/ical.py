"""An iCalendar (RFC 5545) feed of events, written by hand: it is a few lines of text."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from framja.knowledge.models import Event

DEFAULT_LENGTH = datetime.timedelta(hours=1)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets, as RFC 5545 asks."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return [line]
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + p for p in parts[1:])]


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Iterable[Event], *, host: str, base_url: str, stamp: datetime.datetime) -> str:
    """Return the events as one iCalendar document; ``base_url`` makes their links absolute."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Främja//Evenemang//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Främja evenemang",
    ]
    for event in events:
        end = event.end or event.start + DEFAULT_LENGTH
        description = "\n".join(
            p
            for p in (
                event.description,
                event.organiser_text or event.organisation.name,
                event.link,
            )
            if p
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@{host}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART:{_utc(event.start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_escape(event.title)}",
            f"URL:{base_url}{event.get_absolute_url()}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{_escape(description)}")
        if event.location:
            lines.append(f"LOCATION:{_escape(event.location)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))
