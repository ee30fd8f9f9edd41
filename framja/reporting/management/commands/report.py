"""``framja report annual|feedback --organisation SLUG --year YYYY --format … --output FILE``."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from framja.organisations.models import Organisation
from framja.reporting.documents import (
    ANNUAL_FORMATS,
    FEEDBACK_FORMATS,
    render_annual_report,
    render_feedback,
)


class Command(BaseCommand):
    help = "Skriv ut verksamhetsberättelsen (DOCX, PDF) eller återkopplingen (PPTX, DOCX)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="annual|feedback")
        annual = kinds.add_parser(
            "annual", help="Verksamhetsberättelsen med måluppfyllelse för ett år."
        )
        feedback = kinds.add_parser("feedback", help="Återkoppling utifrån handlingsplanen.")
        for sub, formats in ((annual, ANNUAL_FORMATS), (feedback, FEEDBACK_FORMATS)):
            sub.add_argument("--organisation", required=True, help="Organisationens kortadress.")
            sub.add_argument("--year", type=int, required=True, help="Året, t.ex. 2019.")
            sub.add_argument("--format", choices=sorted(formats), required=True)
            sub.add_argument("--output", required=True, help="Filen som ska skrivas.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organisation"]
        try:
            organisation = Organisation.objects.get(slug=slug)
        except Organisation.DoesNotExist:
            raise CommandError(f"Det finns ingen organisation med kortadressen ”{slug}”.") from None
        render = render_annual_report if options["kind"] == "annual" else render_feedback
        rendered = render(organisation=organisation, year=options["year"], fmt=options["format"])
        output = Path(options["output"])
        try:
            output.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error.strerror}.") from None
        self.stdout.write(f"Skrev {output} ({len(rendered.content)} byte).")
