"""Receivers of Django's login and logout signals, and of a membership's deletion; they only
hand over to the services."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Membership
from .services.sessions import login_session_forget, login_session_record, user_sessions_end


@receiver(user_logged_in, dispatch_uid="outreach.login_session_record")
def _logged_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        # login() cycles the key, which stores the session for the database backends; others
        # get their key when saved.
        session.save()
    login_session_record(user=user, session_key=session.session_key)


@receiver(user_logged_out, dispatch_uid="outreach.login_session_forget")
def _logged_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        login_session_forget(session_key=session.session_key)


@receiver(post_delete, sender=Membership, dispatch_uid="outreach.membership_sessions_end")
def _membership_deleted(sender, instance, **kwargs):
    """However a membership goes (the members page, the admin, its organization deleted), the
    person is logged out everywhere at once, other organizations included: simplest and
    predictable (docs/accounts.md). In the same transaction: a rolled-back removal ends nothing."""
    user_sessions_end(user_id=instance.user_id)
