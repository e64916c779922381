from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and accounts"

    def ready(self) -> None:
        from accounts import privacy  # noqa: F401 (registers the account's own personal data)
