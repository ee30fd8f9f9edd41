from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "framja.demo"
    label = "demo"
