"""Logins: asking to sign up, and creating the login once the address is confirmed.

Asking answers the same whatever the address: it always sends one email, which either carries
the confirmation link (a new address) or says that the address already has a login (with the
way to reset its password). The page never tells the two apart; only the owner of the mailbox
learns which it was."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from ..accounts.tokens import email_change_token, signup_token


def normalized_email(email: str) -> str:
    """A login's address as it is stored and compared: trimmed and lower-cased (the username)."""
    return email.strip().lower()


def account_email_send(*, to: str, template: str, context: dict) -> None:
    """One plain-text account email: `template`.txt under templates/accounts/email/, whose first
    line is the subject. Links are built from SITE_URL."""
    text = render_to_string(
        f"accounts/email/{template}.txt", {"site_url": settings.SITE_URL, **context}
    )
    subject, _, body = text.partition("\n")
    send_mail(subject.strip(), body.lstrip("\n"), None, [to])


def signup_request(*, email: str) -> None:
    """Send the confirmation link to a new address, or a reminder to an address with a login."""
    email = normalized_email(email)
    validate_email(email)
    exists = get_user_model().objects.filter(username=email).exists()
    if exists:
        account_email_send(
            to=email,
            template="signup_existing",
            context={"login_url": reverse("login"), "reset_url": reverse("password_reset")},
        )
        return
    link = reverse("accounts:signup_confirm", args=[signup_token(email)])
    account_email_send(
        to=email,
        template="signup_confirm",
        context={"link": link, "days": settings.SIGNUP_LINK_DAYS},
    )


class LoginExists(Exception):
    """The address has a login already (a confirmation link used twice, say)."""


def login_create(*, email: str, name: str, password: str):
    """The login of a confirmed address, with the person's name and a password that passes the
    validators; LoginExists when the address has one already (nothing changes then)."""
    User = get_user_model()
    email = normalized_email(email)
    user = User(username=email, email=email, first_name=name.strip()[:150])
    validate_password(password, user)
    if User.objects.filter(username=email).exists():
        raise LoginExists(email)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.full_clean(exclude=["password", "username"])
            user.save()
    except IntegrityError as error:  # two tabs confirming the same link at once
        raise LoginExists(email) from error
    return user


def email_change_request(*, user, new_email: str) -> None:
    """Send the link that moves `user`'s login to `new_email` to that address, or, when the
    address has a login already, an email saying so: the page answers the same either way."""
    new_email = normalized_email(new_email)
    validate_email(new_email)
    if new_email == normalized_email(user.email or user.username):
        raise ValidationError({"email": "That is the address you log in with already."})
    if get_user_model().objects.filter(username=new_email).exists():
        account_email_send(
            to=new_email,
            template="email_change_taken",
            context={"reset_url": reverse("password_reset")},
        )
        return
    link = reverse("accounts:email_confirm", args=[email_change_token(user, new_email)])
    account_email_send(
        to=new_email,
        template="email_change",
        context={"link": link, "days": settings.SIGNUP_LINK_DAYS, "old": user.email},
    )


@transaction.atomic
def email_change(*, user_id: int, new_email: str, password_piece: str):
    """Move the login to `new_email` (its confirmed address) and tell the old address. None when
    the link is stale: the password changed since, or the address got a login meanwhile."""
    User = get_user_model()
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or user.password[-12:] != password_piece:
        return None
    if User.objects.filter(username=new_email).exclude(pk=user.pk).exists():
        return None
    old = user.email
    if normalized_email(old or user.username) == new_email:
        return user  # used twice: done already
    user.username = user.email = new_email
    user.save(update_fields=["username", "email"])
    if old:
        transaction.on_commit(
            lambda: account_email_send(to=old, template="email_changed", context={"new": new_email})
        )
    return user


__all__ = [
    "email_change",
    "email_change_request",
    "LoginExists",
    "ValidationError",
    "account_email_send",
    "login_create",
    "normalized_email",
    "signup_request",
]
