from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from framja.core.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Kompilera översättningarna (.po → .mo) utan GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        for root in settings.LOCALE_PATHS:
            for mo in compile_catalogues(root):
                self.stdout.write(f"{mo}")
