"""The default question template: the questions of Bilaga 1 in Region Skåne Nordost's
sub-regional action plan (2026), "Frågeställningar till er lokala nulägesinventering"."""

from django.db import migrations

from framja.improvement.bilaga import DEFAULT_QUESTIONS as QUESTIONS
from framja.improvement.bilaga import DEFAULT_TEMPLATE_DESCRIPTION as DESCRIPTION
from framja.improvement.bilaga import DEFAULT_TEMPLATE_NAME as NAME


def load(apps, schema_editor) -> None:
    template_model = apps.get_model("improvement", "QuestionTemplate")
    question_model = apps.get_model("improvement", "Question")
    if template_model.objects.filter(is_default=True).exists():
        return
    template = template_model.objects.create(name=NAME, description=DESCRIPTION, is_default=True)
    question_model.objects.bulk_create(
        question_model(template=template, order=order, text=text)
        for order, text in enumerate(QUESTIONS, start=1)
    )


def unload(apps, schema_editor) -> None:
    apps.get_model("improvement", "QuestionTemplate").objects.filter(
        is_default=True, cycles__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("improvement", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
