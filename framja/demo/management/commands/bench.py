"""``framja bench generate --scale national|small``: fill the database for the benchmarks."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from framja.core.backup import database_has_content
from framja.demo.bench import SCALES, generate


class Command(BaseCommand):
    help = "Skapa testdata för prestandamätningarna i bench/ (samma data varje gång)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("generate", help="Fyll en tom, migrerad databas.")
        create.add_argument("--scale", choices=sorted(SCALES), default="small")
        create.add_argument(
            "--force", action="store_true", help="Lägg till även i en databas som inte är tom."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["force"] and database_has_content():
            raise CommandError(
                "Databasen är inte tom. Testdata läggs i en nyss migrerad databas; "
                "ange --force för att lägga till ändå."
            )
        started = time.monotonic()
        counts = generate(SCALES[options["scale"]], report=self.stdout.write)
        self.stdout.write(
            f"Klart på {time.monotonic() - started:.1f} s: "
            + ", ".join(f"{name} {count}" for name, count in counts.items())
        )
