from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "framja.improvement"
    label = "improvement"
