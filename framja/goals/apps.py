from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "framja.goals"
    label = "goals"
