from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "framja.catalog"
    label = "catalog"
