"""Channels: adding, editing, deactivating and reactivating them."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from ..models import CHANNEL_PLAN_FIELDS, ChangeRecord, Channel, Organization
from ..platforms import label_of
from .history import change_record
from .validation import (
    full_clean_keyed,
    keyed_object_update,
)

# What a person edits on the channel's form; `active` has actions of its own (deactivate,
# activate).
CHANNEL_FIELDS = tuple(name for name in CHANNEL_PLAN_FIELDS if name != "active")


@transaction.atomic
def channel_create(
    *,
    organization: Organization,
    actor,
    key: str,
    platform: str,
    name: str,
    handle: str = "",
    identity: str = "",
    objective: str = "",
    audience: str = "",
    presence: str = "",
    follows: int | None = None,
    response_target_hours: int | None = None,
) -> Channel:
    """Add a channel; a handle another channel on the platform has is refused, naming it."""
    channel = Channel(
        organization=organization,
        key=key,
        platform=platform,
        name=name,
        handle=handle,
        identity=identity,
        objective=objective,
        audience=audience,
        presence=presence,
        follows=follows,
        response_target_hours=response_target_hours,
    )
    full_clean_keyed(channel)
    channel.save()
    change_record(
        organization=organization,
        actor=actor,
        subject=ChangeRecord.Subject.CHANNEL,
        summary=f"Added channel {channel} ({label_of(channel.platform)})",
    )
    return channel


@transaction.atomic
def channel_update(*, channel: Channel, actor, data: Mapping[str, Any]) -> list[str]:
    """Set the channel's fields named in `data` (any of CHANNEL_FIELDS); returns those changed.
    A handle another channel on the platform has is refused (`channel_handle_taken`)."""
    return keyed_object_update(
        obj=channel,
        actor=actor,
        data=data,
        allowed=CHANNEL_FIELDS,
        subject=ChangeRecord.Subject.CHANNEL,
    )


@transaction.atomic
def channel_deactivate(*, channel: Channel, actor) -> bool:
    """Take the channel out of the audit; its plan entries and past audits stay as they are."""
    return _channel_set_active(channel, False, actor)


@transaction.atomic
def channel_activate(*, channel: Channel, actor) -> bool:
    """Bring a deactivated channel back into the audit."""
    return _channel_set_active(channel, True, actor)


def _channel_set_active(channel: Channel, active: bool, actor) -> bool:
    if channel.active == active:
        return False
    channel.active = active
    channel.save(update_fields=["active"])
    verb = "Reactivated" if active else "Deactivated"
    change_record(
        organization=channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.CHANNEL,
        summary=f"{verb} channel {channel} ({label_of(channel.platform)})",
    )
    return True
