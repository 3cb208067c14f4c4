"""Who may sign up and create organizations, by the SIGNUP setting (docs/accounts.md)."""

from django.conf import settings


def signup_open() -> bool:
    """Whether anyone may sign up on their own (with a confirmed address)."""
    return settings.SIGNUP == "open"


def may_create_organization(user) -> bool:
    """With SIGNUP off only staff users (the operators) create organizations; otherwise any
    signed-in person does, and becomes its first manager."""
    if not user.is_authenticated:
        return False
    return user.is_staff or settings.SIGNUP in ("invite", "open")
