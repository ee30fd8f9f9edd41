"""``framja import-plan FILE --organisation SLUG``: a Word action plan becomes a draft."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from framja.organisations.models import Organisation
from framja.plans.importer import ImportError_, create_plan_from_import, parse_plan_docx


class Command(BaseCommand):
    help = "Importera en handlingsplan från en Word-fil som utkast; skriver ut id och adress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Word-filen (.docx).")
        parser.add_argument("--organisation", required=True, help="Organisationens kortadress.")
        parser.add_argument("--year", type=int, default=None, help="Planens år (i år om inget).")
        parser.add_argument("--title", default="", help="Planens titel (filnamnet om inget).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            organisation = Organisation.objects.get(slug=options["organisation"])
        except Organisation.DoesNotExist:
            raise CommandError(
                f"Det finns ingen organisation med kortadressen {options['organisation']}."
            ) from None
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        try:
            parsed = parse_plan_docx(
                path.read_bytes(), file_name=path.name, organisation=organisation
            )
        except ImportError_ as error:
            raise CommandError(str(error)) from None
        plan = create_plan_from_import(
            actor=None,
            organisation=organisation,
            parsed=parsed,
            year=options["year"] or timezone.localdate().year,
            title=options["title"] or path.stem,
        )
        self.stdout.write(f"{plan.pk} {settings.SITE_URL.rstrip('/')}{plan.get_absolute_url()}")
