"""``framja indicators``: import values from a file, from Kolada or from a PxWeb table.

``import FILE`` reads a CSV or XLSX file; ``kolada`` fetches KPIs for places and years;
``pxweb URL --query FILE`` queries a table. Each runs in the foreground, prints how far it
has come and ends with what was written; all or nothing. ``recount`` stores every
indicator's totals of values again, for after values were changed outside the imports.
"""

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from framja.indicators.http import OpenDataError
from framja.indicators.importer import ValueImportError, read_file
from framja.indicators.models import Indicator
from framja.indicators.services import (
    ImportResult,
    indicator_totals_refresh,
    kolada_import,
    pxweb_import,
    values_write_parsed,
)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


class Command(BaseCommand):
    help = "Indikatorer: importera värden från en fil, från Kolada eller från en PxWeb-tabell."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title="kommandon")
        importing = commands.add_parser(
            "import",
            help="Importera en fil med värden (allt eller inget), se docs/indikatorer-import.md.",
        )
        importing.add_argument("file", help="CSV- eller XLSX-filen.")
        kolada = commands.add_parser(
            "kolada", help="Hämta värden ur Kolada (KOLADA_BASE_URL) och spara dem."
        )
        kolada.add_argument("--kpi", required=True, help="Nyckeltalens id, t.ex. N00992,U79133.")
        kolada.add_argument(
            "--places", required=True, help="Kommun- och regionkoder, t.ex. 0005,0006,1280."
        )
        kolada.add_argument("--years", required=True, help="År, t.ex. 2022,2023.")
        kolada.add_argument(
            "--from-date",
            help="Bara ändringar sedan dagen (ÅÅÅÅ-MM-DD); borttagna värden tas bort.",
        )
        pxweb = commands.add_parser("pxweb", help="Hämta värden ur en PxWeb-tabell och spara dem.")
        pxweb.add_argument("url", help="Tabellens adress.")
        pxweb.add_argument("--query", help="JSON-fil med frågan (v1: query, v2: selection).")
        pxweb.add_argument("--indicator", default="", help="Indikatorns kod.")
        pxweb.add_argument("--version", type=int, choices=(1, 2), default=1, help="API-version.")
        commands.add_parser(
            "recount",
            help="Räkna om varje indikators antal värden och första och senaste period "
            "(efter ändringar i databasen utanför importerna).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "recount":
                self._recount()
            elif action == "kolada":
                self._kolada(options)
            elif action == "pxweb":
                self._pxweb(options)
            else:
                self._import(options)
        except ValueImportError as error:
            self._end_line()
            raise CommandError("\n".join(error.errors)) from None
        except OpenDataError as error:
            self._end_line()
            raise CommandError(
                _("Inget sparades. %(message)s") % {"message": error.message}
            ) from None

    def _recount(self) -> None:
        ids = list(Indicator.objects.values_list("pk", flat=True))
        indicator_totals_refresh(indicator_ids=ids)
        self.stdout.write(
            ngettext(
                "Klart: %(count)s indikators summor är omräknade.",
                "Klart: %(count)s indikatorers summor är omräknade.",
                len(ids),
            )
            % {"count": _number(len(ids))}
        )

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Filen %(path)s finns inte.") % {"path": path})
        parsed = read_file(path, file_name=path.name, progress=self._progress)
        self._line(_("Sparar %(rows)s värden …") % {"rows": _number(len(parsed.rows))})
        created, updated, _deleted = values_write_parsed(parsed, user=None)
        self._end_line()
        self.stdout.write(
            _("Klart: %(created)s nya värden och %(updated)s ersatta.")
            % {"created": _number(created), "updated": _number(updated)}
        )

    def _kolada(self, options: dict[str, Any]) -> None:
        years = _list(options["years"])
        wrong = [year for year in years if not (year.isdigit() and len(year) == 4)]
        if wrong or not years:
            raise CommandError(
                _("--years ska vara årtal åtskilda med komma, t.ex. 2022,2023 (fel: %(wrong)s).")
                % {"wrong": ", ".join(wrong) or "–"}
            )
        from_date = None
        if options["from_date"]:
            try:
                from_date = datetime.date.fromisoformat(options["from_date"])
            except ValueError:
                raise CommandError(
                    _("--from-date ska vara ett datum som 2025-01-31, inte ”%(text)s”.")
                    % {"text": options["from_date"]}
                ) from None
        result = kolada_import(
            kpis=_list(options["kpi"]),
            places=_list(options["places"]),
            years=years,
            from_date=from_date,
            user=None,
            progress=self._fetched,
            write_progress=self._writing,
        )
        self._summary(result)

    def _pxweb(self, options: dict[str, Any]) -> None:
        query = None
        name = ""
        if options["query"]:
            path = Path(options["query"])
            if not path.is_file():
                raise CommandError(_("Filen %(path)s finns inte.") % {"path": path})
            name = path.name
            try:
                query = json.loads(path.read_text(encoding="utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise CommandError(
                    _("%(file)s är ingen JSON-fil: %(error)s") % {"file": name, "error": error}
                ) from None
        result = pxweb_import(
            url=options["url"],
            query=query,
            query_name=name,
            version=options["version"],
            indicator_code=options["indicator"],
            user=None,
            progress=self._fetched,
            write_progress=self._writing,
        )
        self._summary(result)

    def _summary(self, result: ImportResult) -> None:
        self._end_line()
        self.stdout.write(
            _("Klart: %(created)s nya värden, %(updated)s ersatta och %(deleted)s borttagna.")
            % {
                "created": _number(result.created),
                "updated": _number(result.updated),
                "deleted": _number(result.deleted),
            }
        )

    def _progress(self, done: int, total: int) -> None:
        self._line(
            _("Läser %(done)s av %(total)s rader …")
            % {"done": _number(done), "total": _number(total)}
        )

    def _fetched(self, pages: int, records: int) -> None:
        self._line(
            ngettext(
                "Hämtat %(records)s värden från %(pages)s sida …",
                "Hämtat %(records)s värden från %(pages)s sidor …",
                pages,
            )
            % {"pages": _number(pages), "records": _number(records)}
        )

    def _writing(self, done: int, total: int) -> None:
        self._line(
            _("Sparar %(done)s av %(total)s värden …")
            % {"done": _number(done), "total": _number(total)}
        )

    def _line(self, text: str) -> None:
        # On a terminal the line is rewritten in place; in a log each step gets a line.
        if sys.stdout.isatty():
            self.stdout.write(f"\r{text}", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(text)

    def _end_line(self) -> None:
        if sys.stdout.isatty():
            self.stdout.write("")
