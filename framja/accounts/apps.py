from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "framja.accounts"
    label = "accounts"
