"""Load Sweden's 21 regions and 290 municipalities, with their official codes."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    regions = {}
    with (DATA / "regions.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            region = Organisation.objects.create(
                kind="region",
                name=row["name"],
                short_name=row["short_name"],
                slug=slugify(row["name"]),
                code=row["code"],
            )
            region.path = f"/{region.pk}/"
            region.depth = 0
            region.county = region
            region.save(update_fields=["path", "depth", "county"])
            regions[row["county_code"]] = region
    taken = set(Organisation.objects.values_list("slug", flat=True))
    with (DATA / "municipalities.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            region = regions[row["county_code"]]
            # Håbo and Habo share an ASCII slug; the code tells them apart.
            slug = slugify(row["name"])
            if slug in taken:
                slug = f"{slug}-{row['code']}"
            taken.add(slug)
            municipality = Organisation.objects.create(
                kind="municipality",
                name=row["name"],
                short_name=row["name"],
                slug=slug,
                code=row["code"],
                parent=region,
                county=region,
            )
            municipality.path = f"{region.path}{municipality.pk}/"
            municipality.depth = 1
            municipality.save(update_fields=["path", "depth"])


def unload(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Organisation.objects.filter(kind="municipality").delete()
    Organisation.objects.filter(kind="region").update(county=None)
    Organisation.objects.filter(kind="region").delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
