from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and accounts"

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from accounts import checks  # noqa: F401 (registers its system check)
        from accounts.adapter import remember_browser

        def _remember_browser(sender, request, response, user, **kwargs) -> None:
            if response is not None:
                remember_browser(request, response, user.email)

        user_logged_in.connect(_remember_browser, weak=False, dispatch_uid="accounts.remember_browser")
