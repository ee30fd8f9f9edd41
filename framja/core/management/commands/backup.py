"""``framja backup FILE``: write the database and the uploaded files to one file."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from framja.core.backup import backup_write


class Command(BaseCommand):
    help = "Säkerhetskopiera databasen och uppladdade filer till en fil (zip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="Filen att skriva, t.ex. framja-2026-11-24.zip."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        summaries = backup_write(options["file"])
        rows = sum(summary.rows for summary in summaries)
        self.stdout.write(
            f"Skrev {rows} rader ur {len(summaries)} tabeller till {options['file']} "
            f"på {time.monotonic() - started:.1f} s."
        )
