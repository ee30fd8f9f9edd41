from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def fill_plan(apps: Any, schema_editor: Any) -> None:
    """Give every activity its row's plan. The column becomes required in the next migration:
    on PostgreSQL a table cannot be altered in the transaction that filled its deferred keys."""
    activity = apps.get_model("plans", "Activity")
    plan_row = apps.get_model("plans", "PlanRow")
    activity.objects.update(
        plan_id=models.Subquery(
            plan_row.objects.filter(pk=models.OuterRef("row_id")).values("plan_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_row_current_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="activities",
                to="plans.plan",
            ),
        ),
        migrations.RunPython(fill_plan, migrations.RunPython.noop),
    ]
