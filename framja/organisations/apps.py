from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "framja.organisations"
    label = "organisations"
