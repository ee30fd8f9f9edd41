from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "framja.reporting"
    label = "reporting"
