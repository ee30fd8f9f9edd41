"""Load the reference data of the data migrations again, after a flush emptied the tables."""

import importlib

from django.apps import apps

from framja.catalog.models import PublicHealthGoal
from framja.improvement.models import QuestionTemplate
from framja.indicators.models import DataSource
from framja.knowledge import index
from framja.knowledge.models import DocumentKind
from framja.organisations.models import Organisation

# For each model, the data migrations that fill it, with the function each one runs.
MIGRATIONS = {
    Organisation: [
        ("framja.organisations.migrations.0002_swedish_regions_and_municipalities", "load"),
        ("framja.organisations.migrations.0003_padded_paths", "pad"),
    ],
    PublicHealthGoal: [("framja.catalog.migrations.0002_public_health_goal", "load")],
    DataSource: [("framja.indicators.migrations.0003_data_sources_and_places", "load")],
    QuestionTemplate: [("framja.improvement.migrations.0002_default_question_template", "load")],
}


def load_reference_data() -> None:
    """Run the loaders of the data migrations whose rows are missing.

    The loaders run here with the real models, so the search index's signals see the
    regions and municipalities saved; a migration's historical models send no such signal.
    Their index entries are removed again, so that the database is as a migration leaves it.
    """
    for model, steps in MIGRATIONS.items():
        if not model._default_manager.exists():
            for module, function in steps:
                getattr(importlib.import_module(module), function)(apps, None)
            if model is Organisation:
                index.remove(
                    kind=DocumentKind.ORGANISATION,
                    object_ids=list(Organisation.objects.values_list("pk", flat=True)),
                )
