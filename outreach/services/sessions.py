"""The sessions people logged in with: noted at login, forgotten at logout, ended together.

Decision (docs/accounts.md): removing a member ends every session of theirs at once, in every
organization they belong to: simplest and predictable; they log in again where they still
belong. The keys are noted per person (LoginSession), so ending them deletes a handful of
sessions by key and never reads the whole session table.
"""

from importlib import import_module

from django.conf import settings
from django.db import transaction

from ..models import LoginSession


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@transaction.atomic
def login_session_record(*, user, session_key: str) -> LoginSession:
    """Note the session `user` just logged in with; forget their notes of sessions that are
    gone (expired and cleared, or ended), so the notes do not pile up."""
    store = _session_store()()
    gone = [
        key
        for key in LoginSession.objects.filter(user=user).values_list("session_key", flat=True)
        if key != session_key and not store.exists(key)
    ]
    if gone:
        LoginSession.objects.filter(session_key__in=gone).delete()
    record, _ = LoginSession.objects.update_or_create(
        session_key=session_key, defaults={"user": user}
    )
    return record


def login_session_forget(*, session_key: str) -> None:
    """The session ended by logging out: nothing to end any more."""
    LoginSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def user_sessions_end(*, user_id: int) -> int:
    """Log the person out everywhere, at once; returns how many sessions were ended."""
    noted = LoginSession.objects.filter(user_id=user_id)
    keys = list(noted.values_list("session_key", flat=True))
    store = _session_store()()
    for key in keys:
        store.delete(key)
    noted.delete()
    return len(keys)
