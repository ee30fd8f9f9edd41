from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "framja.indicators"
    label = "indicators"
