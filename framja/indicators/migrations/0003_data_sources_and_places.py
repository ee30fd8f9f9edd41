"""Load the data sources the users' indicators come from, and the places with official codes:
Riket, the 21 regions and the 290 municipalities (their codes are Kolada's)."""

from django.db import migrations

DATA_SOURCES = [
    (
        "Nationell patientenkät",
        "Sveriges Kommuner och Regioner",
        "Patienternas egna svar om vården, publicerade i Vården i siffror. Inget öppet API: "
        "värdena importeras från fil.",
        "https://patientenkat.se/",
        "file",
    ),
    (
        "Senior Alert",
        "Senior Alert (nationellt kvalitetsregister)",
        "Riskbedömningar och förebyggande åtgärder för äldre: fall, trycksår, undernäring, "
        "munhälsa. Delvis i Kolada.",
        "https://www.senioralert.se/",
        "file",
    ),
    (
        "International Health Policy Survey",
        "Vård- och omsorgsanalys (The Commonwealth Fund)",
        "Internationell enkät till befolkningen, till personer 65 år och äldre och till "
        "primärvårdsläkare. Värdena importeras från fil.",
        "https://www.vardanalys.se/",
        "file",
    ),
    (
        "Kolada",
        "Rådet för främjande av kommunala analyser (RKA)",
        "Nyckeltal för kommuner och regioner, med öppet API.",
        "https://www.kolada.se/",
        "kolada",
    ),
    (
        "Folkhälsodata",
        "Folkhälsomyndigheten",
        "Folkhälsomyndighetens statistikdatabas (PxWeb).",
        "https://fohm-app.folkhalsomyndigheten.se/Folkhalsodata/",
        "pxweb",
    ),
    (
        "Statistiska centralbyrån",
        "Statistiska centralbyrån (SCB)",
        "Statistikdatabasen (PxWeb).",
        "https://www.statistikdatabasen.scb.se/",
        "pxweb",
    ),
    (
        "Socialstyrelsen",
        "Socialstyrelsen",
        "Socialstyrelsens statistikdatabas och nationella indikatorer för god och nära vård.",
        "https://www.socialstyrelsen.se/statistik-och-data/",
        "file",
    ),
    (
        "Egen mätning",
        "",
        "Mätningar som en region, kommun eller verksamhet gör själv.",
        "",
        "file",
    ),
]
LEVELS = {"region": "region", "municipality": "municipality"}


def load(apps, schema_editor):
    DataSource = apps.get_model("indicators", "DataSource")
    Place = apps.get_model("indicators", "Place")
    Organisation = apps.get_model("organisations", "Organisation")
    for name, publisher, description, url, access in DATA_SOURCES:
        DataSource.objects.get_or_create(
            name=name,
            defaults={
                "publisher": publisher,
                "description": description,
                "url": url,
                "access": access,
            },
        )
    Place.objects.get_or_create(code="0000", defaults={"name": "Riket", "level": "country"})
    organisations = Organisation.objects.filter(kind__in=LEVELS).exclude(code="")
    taken = set(Place.objects.values_list("code", flat=True))
    Place.objects.bulk_create(
        Place(code=org.code, name=org.name, level=LEVELS[org.kind], organisation=org)
        for org in organisations.order_by("code")
        if org.code not in taken
    )


def unload(apps, schema_editor):
    apps.get_model("indicators", "Place").objects.all().delete()
    apps.get_model("indicators", "DataSource").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_values_without_rowid"),
        ("organisations", "0002_swedish_regions_and_municipalities"),
    ]

    operations = [migrations.RunPython(load, unload)]
