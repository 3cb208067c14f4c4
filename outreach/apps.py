from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "Organizations and channels"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            signals,  # noqa: F401  (connects the login and logout receivers)
        )
