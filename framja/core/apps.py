from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "framja.core"
    label = "core"
