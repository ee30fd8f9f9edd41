from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "framja.surveys"
    label = "surveys"
