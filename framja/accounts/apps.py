from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "framja.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from framja.accounts import security

        signals.user_logged_in.connect(security.on_login, dispatch_uid="framja-login")
        signals.user_logged_out.connect(security.on_logout, dispatch_uid="framja-logout")
        signals.user_login_failed.connect(
            security.on_login_failed, dispatch_uid="framja-login-failed"
        )
