"""``framja indicators import FILE``: import a CSV or XLSX file of values, in the foreground."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from framja.indicators.importer import ValueImportError, read_file
from framja.indicators.services import values_write_parsed


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


class Command(BaseCommand):
    help = "Indikatorer: importera värden från en CSV- eller XLSX-fil."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title="kommandon")
        importing = commands.add_parser(
            "import",
            help="Importera en fil med värden (allt eller inget), se docs/indikatorer-import.md.",
        )
        importing.add_argument("file", help="CSV- eller XLSX-filen.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Filen %(path)s finns inte.") % {"path": path})
        try:
            parsed = read_file(path, file_name=path.name, progress=self._progress)
            self._line(_("Sparar %(rows)s värden …") % {"rows": _number(len(parsed.rows))})
            created, updated, _deleted = values_write_parsed(parsed, user=None)
        except ValueImportError as error:
            self._end_line()
            raise CommandError("\n".join(error.errors)) from None
        self._end_line()
        self.stdout.write(
            _("Klart: %(created)s nya värden och %(updated)s ersatta.")
            % {"created": _number(created), "updated": _number(updated)}
        )

    def _progress(self, done: int, total: int) -> None:
        self._line(
            _("Läser %(done)s av %(total)s rader …")
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
