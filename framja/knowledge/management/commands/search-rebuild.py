"""``framja search-rebuild``: fill the search index again from everything searchable."""

from typing import Any

from django.core.management.base import BaseCommand

from framja.knowledge.index import rebuild


class Command(BaseCommand):
    help = "Bygg om sökindexet (efter migrering, import direkt i databasen eller uppgradering)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = rebuild()
        self.stdout.write(f"Sökindexet innehåller {total} dokument.")
