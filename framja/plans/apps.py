from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "framja.plans"
    label = "plans"
