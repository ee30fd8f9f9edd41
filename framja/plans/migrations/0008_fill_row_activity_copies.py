from typing import Any

from django.db import migrations, models


def fill_activity_copies(apps: Any, schema_editor: Any) -> None:
    """Copy what makes each row's unfinished activities late onto the row.

    The same statement as ``services.row_activity_refresh``, on the models of this migration.
    """
    plan_row = apps.get_model("plans", "PlanRow")
    activity = apps.get_model("plans", "Activity")
    unfinished = activity.objects.filter(row=models.OuterRef("pk"), done=False)
    plan_row.objects.update(
        open_end=models.Subquery(
            unfinished.filter(end__isnull=False)
            .order_by()
            .values("row")
            .annotate(first=models.Min("end"))
            .values("first")
        ),
        open_whole_year=models.Exists(unfinished.filter(end__isnull=True, whole_year=True)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0007_row_activity_copies"),
    ]

    operations = [
        migrations.RunPython(fill_activity_copies, migrations.RunPython.noop),
    ]
