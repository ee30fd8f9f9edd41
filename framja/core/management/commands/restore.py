"""``framja restore FILE``: replace the database content with a backup, all or nothing."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from framja.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Återställ en säkerhetskopia från framja backup. Databasen ska vara nyss migrerad "
        "och tom; --force ersätter allt innehåll. Allt eller inget."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Säkerhetskopian att läsa.")
        parser.add_argument(
            "--force", action="store_true", help="Ersätt innehållet i en databas som inte är tom."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            summaries = backup_restore(options["file"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(summary.rows for summary in summaries)
        self.stdout.write(
            f"Återställde {rows} rader i {len(summaries)} tabeller från {options['file']} "
            f"på {time.monotonic() - started:.1f} s."
        )
