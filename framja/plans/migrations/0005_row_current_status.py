from typing import Any

from django.db import migrations, models
from django.db.models.functions import Coalesce


def fill_current_status(apps: Any, schema_editor: Any) -> None:
    """Copy every row's latest status entry (by date, then id) onto the row.

    The same statement as ``services.row_status_refresh``, on the models of this migration.
    """
    plan_row = apps.get_model("plans", "PlanRow")
    status_entry = apps.get_model("plans", "StatusEntry")
    latest = status_entry.objects.filter(row=models.OuterRef("pk")).order_by("-date", "-id")
    plan_row.objects.update(
        status_rating=Coalesce(
            models.Subquery(latest.values("rating")[:1]),
            models.Value(""),
            output_field=models.CharField(),
        ),
        status_date=models.Subquery(latest.values("date")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_status_current_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="planrow",
            name="status_date",
            field=models.DateField(editable=False, null=True, verbose_name="aktuell status sedan"),
        ),
        migrations.AddField(
            model_name="planrow",
            name="status_rating",
            field=models.CharField(
                blank=True,
                choices=[
                    ("not_started", "ej påbörjad"),
                    ("on_track", "enligt plan"),
                    ("at_risk", "risk för försening"),
                    ("delayed", "försenad"),
                    ("done", "klar"),
                    ("cancelled", "avbruten"),
                ],
                default="",
                editable=False,
                max_length=16,
                verbose_name="aktuell status",
            ),
        ),
        migrations.AddIndex(
            model_name="planrow",
            index=models.Index(fields=["plan", "status_rating"], name="plans_row_status"),
        ),
        migrations.RunPython(fill_current_status, migrations.RunPython.noop, elidable=True),
    ]
