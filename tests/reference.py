"""Load the reference data of the data migrations again, after a flush emptied the tables."""

import importlib

from django.apps import apps

from framja.catalog.models import PublicHealthGoal
from framja.indicators.models import DataSource
from framja.organisations.models import Organisation

MIGRATIONS = {
    Organisation: "framja.organisations.migrations.0002_swedish_regions_and_municipalities",
    PublicHealthGoal: "framja.catalog.migrations.0002_public_health_goal",
    DataSource: "framja.indicators.migrations.0003_data_sources_and_places",
}


def load_reference_data() -> None:
    """Run the loaders of the data migrations whose rows are missing."""
    for model, module in MIGRATIONS.items():
        if not model._default_manager.exists():
            importlib.import_module(module).load(apps, None)
