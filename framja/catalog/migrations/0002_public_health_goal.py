"""Load the national public-health goal and its eight target areas."""

from django.db import migrations

GOAL = (
    "Att skapa samhälleliga förutsättningar för en god och jämlik hälsa i hela befolkningen "
    "och sluta de påverkbara hälsoklyftorna inom en generation."
)
TARGET_AREAS = [
    "Det tidiga livets villkor",
    "Kunskaper, kompetenser och utbildning",
    "Arbete, arbetsförhållanden och arbetsmiljö",
    "Inkomster och försörjningsmöjligheter",
    "Boende och närmiljö",
    "Levnadsvanor",
    "Kontroll, inflytande och delaktighet",
    "En jämlik och hälsofrämjande hälso- och sjukvård",
]


def load(apps, schema_editor):
    Goal = apps.get_model("catalog", "PublicHealthGoal")
    Area = apps.get_model("catalog", "PublicHealthTargetArea")
    goal = Goal.objects.create(text=GOAL, order=1)
    for number, name in enumerate(TARGET_AREAS, start=1):
        Area.objects.create(goal=goal, number=number, name=name, order=number)


def unload(apps, schema_editor):
    apps.get_model("catalog", "PublicHealthTargetArea").objects.all().delete()
    apps.get_model("catalog", "PublicHealthGoal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
