"""``framja export-plan ID --format docx|pdf|xlsx --output FILE``."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from framja.plans.export import FORMATS, plan_export
from framja.plans.models import Plan


class Command(BaseCommand):
    help = "Skriv ut en handlingsplan som DOCX, PDF eller XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int, help="Planens id (syns i webbadressen).")
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("--output", required=True, help="Filen som ska skrivas.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = Plan.objects.select_related("organisation").get(pk=options["plan_id"])
        except Plan.DoesNotExist:
            raise CommandError(f"Det finns ingen plan med id {options['plan_id']}.") from None
        data, _content_type, _name = plan_export(plan=plan, fmt=options["format"])
        output = Path(options["output"])
        output.write_bytes(data)
        self.stdout.write(f"Skrev {output} ({len(data)} byte).")
