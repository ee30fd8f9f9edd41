import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_activity_plan"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activity",
            name="plan",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="activities",
                to="plans.plan",
            ),
        ),
    ]
