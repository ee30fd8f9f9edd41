"""``framja plans-recount``: store the plans' copied counts again after changes in the database."""

from typing import Any

from django.core.management.base import BaseCommand

from framja.plans.services import plans_recount


class Command(BaseCommand):
    help = (
        "Räkna om det som planernas rader och aktiviteter har kopierat för sidorna som räknar "
        "rader (aktuell status, försenade aktiviteter), efter ändringar i databasen utanför "
        "Främja."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = plans_recount()
        done = "rad är omräknad" if rows == 1 else "rader är omräknade"
        self.stdout.write(f"Klart: {rows} {done}.")
