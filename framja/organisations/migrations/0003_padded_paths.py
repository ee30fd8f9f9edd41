"""Write every organisation's path with its ids zero-padded to ten digits.

Sorting the paths as text is then tree order with siblings by id: "/0000000009/" before
"/0000000010/", where "/10/" sorted before "/9/". The reverse strips the padding again. The
format is spelled out here, not imported, so that this migration stays as it is.
"""

from django.db import migrations

DIGITS = 10
MAX_LENGTH = 255
BATCH = 2000


def rewritten(path: str, width: int) -> str:
    """Return ``path`` with each id written with at least ``width`` digits (0: as it is)."""
    ids = [int(part) for part in path.strip("/").split("/") if part]
    if not ids:
        return path
    return "".join(f"/{str(pk).zfill(width)}" for pk in ids) + "/"


def rewrite_all(apps, width: int) -> None:
    Organisation = apps.get_model("organisations", "Organisation")
    changed = []
    for organisation in Organisation.objects.only("pk", "path").order_by("pk").iterator(BATCH):
        path = rewritten(organisation.path, width)
        if len(path) > MAX_LENGTH:
            raise RuntimeError(
                f"The path of organisation {organisation.pk} would be longer than "
                f"{MAX_LENGTH} characters: {path}"
            )
        if path != organisation.path:
            organisation.path = path
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["path"], batch_size=BATCH)


def pad(apps, schema_editor):
    rewrite_all(apps, DIGITS)


def unpad(apps, schema_editor):
    rewrite_all(apps, 0)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_swedish_regions_and_municipalities")]

    operations = [migrations.RunPython(pad, unpad)]
