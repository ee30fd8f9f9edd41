from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "framja.api"
    label = "api"
