"""What every outreach service shares: setting fields and validating like a form would."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from ..models import Channel, StaffMember
from .history import change_record

# channels/new/ is the page that adds a channel, so no channel can live at that address.
RESERVED_CHANNEL_KEYS = frozenset({"new"})


def fields_set(obj: models.Model, data: Mapping[str, Any], allowed: tuple[str, ...]) -> list:
    fields_unknown_refuse(data, allowed)
    changed = [name for name in allowed if name in data and getattr(obj, name) != data[name]]
    for name in changed:
        setattr(obj, name, data[name])
    return changed


def fields_unknown_refuse(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        # A programming error, not a person's: say so loudly rather than ignore the value.
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))}; only {', '.join(allowed)}.")


def full_clean_keyed(obj: Channel | StaffMember) -> None:
    """full_clean() of a channel or person, with its key's uniqueness said next to the key."""
    errors = {}
    if isinstance(obj, Channel) and obj.key in RESERVED_CHANNEL_KEYS:
        errors["key"] = f"'{obj.key}' is kept for the page that adds a channel; choose another."
    taken = type(obj).objects.for_organization(obj.organization).filter(key=obj.key)
    if obj.pk is not None:
        taken = taken.exclude(pk=obj.pk)
    if obj.key and taken.exists():
        noun = "channel" if isinstance(obj, Channel) else "person"
        errors["key"] = f"Another {noun} of {obj.organization} already has the key '{obj.key}'."
    # The (organization, key) constraint is checked above: full_clean() would report it above
    # the form ("… with this Organization and Key already exists") instead of at the key.
    full_clean_reporting(obj, exclude=("organization",), errors=errors)


def full_clean_reporting(obj: models.Model, *, exclude: tuple[str, ...] = (), errors=None) -> None:
    """full_clean(), raised together with the service's own `errors` (field -> message), so a
    form shows every problem at once, each next to its field."""
    found: dict = {}
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        found = error.update_error_dict(found)
    for field, message in (errors or {}).items():
        found.setdefault(field, []).append(ValidationError(message))
    if found:
        raise ValidationError(found)


def keyed_object_update(
    *, obj: Channel | StaffMember, actor, data: Mapping[str, Any], allowed: tuple, subject: str
) -> list[str]:
    """Set the channel's or person's fields named in `data` (any of `allowed`), validate, save
    and note it in the history; returns the fields that changed (none: nothing is written)."""
    changed = fields_set(obj, data, allowed)
    if not changed:
        return []
    full_clean_keyed(obj)
    obj.save(update_fields=changed)
    change_record(
        organization=obj.organization,
        actor=actor,
        subject=subject,
        summary=f"Changed {obj}: {field_names(type(obj), changed)}",
    )
    return changed


def field_names(model: type[models.Model], names: list[str]) -> str:
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def hours_text(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def count_text(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
