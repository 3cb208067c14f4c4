"""What every outreach service shares: setting fields and validating like a form would, and
validating many rows at once without a query per row (`full_clean_in_memory`)."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q

from ..models import Channel, StaffMember, normalized_handle
from ..numbers import plain_number
from ..platforms import label_of
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


def full_clean_keyed(obj: Channel | StaffMember, *, changed: list[str] | None = None) -> None:
    """full_clean() of a channel or person, with its key's uniqueness said next to the key, and
    a channel's handle compared with the others' on its platform (`channel_handle_taken`).
    `changed`: the fields an update changed; None for a new channel or person."""
    errors = {}
    if isinstance(obj, Channel) and obj.key in RESERVED_CHANNEL_KEYS:
        errors["key"] = f"'{obj.key}' is kept for the page that adds a channel; choose another."
    taken = type(obj).objects.for_organization(obj.organization).filter(key=obj.key)
    if obj.pk is not None:
        taken = taken.exclude(pk=obj.pk)
    if obj.key and taken.exists():
        noun = "channel" if isinstance(obj, Channel) else "person"
        errors["key"] = f"Another {noun} of {obj.organization} already has the key '{obj.key}'."
    if handle_compared(obj, changed):
        errors.update(channel_handle_taken(obj))
    # The (organization, key) constraint is checked above: full_clean() would report it above
    # the form ("… with this Organization and Key already exists") instead of at the key. So is
    # the (organization, platform, handle_key) one, which names the channel that has it.
    full_clean_reporting(obj, exclude=("organization",), errors=errors)


def handle_compared(obj: Channel | StaffMember, changed: list[str] | None) -> bool:
    """Whether a channel's handle is compared (and its handle_key written): when it is new, or
    its handle or platform changes. A channel that shared its handle before the rule (its key
    left empty, migration 0006) can still have its other fields edited; its key stays empty
    until its handle or platform is set to one that is free."""
    if not isinstance(obj, Channel):
        return False
    return changed is None or "handle" in changed or "platform" in changed


def channel_handle_taken(channel: Channel) -> dict[str, str]:
    """The handle's error when another channel of the organization on the platform has it, as
    compared (`normalized_handle`): "@Acme" is "acme", "https://www.facebook.com/acme/" is
    "facebook.com/acme". A blank handle is never taken.

    Each channel's handle is compared, not only its stored key, and a stored key that matches
    counts too: a key left behind its handle (by a writer that bypasses these services) must
    neither hide a duplicate nor let the save fail on the database's constraint."""
    key = normalized_handle(channel.handle)
    if not key or not channel.platform:
        return {}
    others = Channel.objects.for_organization(channel.organization).filter(
        platform=channel.platform
    )
    if channel.pk is not None:
        others = others.exclude(pk=channel.pk)
    for other in others.order_by("id").only("name", "platform", "handle", "handle_key"):
        if other.handle_key == key or normalized_handle(other.handle) == key:
            used = other.handle or channel.handle
            return {"handle": f"{other.name} already uses {used} on {label_of(other.platform)}."}
    return {}


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
    full_clean_keyed(obj, changed=changed)
    # Channel.clean() derived handle_key from the handle; it is written with the handle only.
    derived = ["handle_key"] if handle_compared(obj, changed) else []
    obj.save(update_fields=[*changed, *derived])
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
    """Hours as the history's summaries write them: as on the pages (`plain_number`)."""
    return plain_number(value)


def count_text(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# Validating many rows at once -----------------------------------------------------------------
#
# full_clean() asks the database once per foreign key (does the row it points to exist?), once
# per unique constraint and once per check constraint of every object: thousands of queries for
# a plan file's rows. A caller that loaded the rows its objects point to and every row a unique
# constraint could collide with needs none of them: it checks uniqueness itself (on what it
# loaded, `unique_constraint_clashes`), and the check constraints are evaluated here, in Python.


def full_clean_in_memory(obj: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """full_clean() without a query: the fields' own checks (not whether a foreign key's row
    exists: the caller holds the objects it assigned), clean(), and the model's check
    constraints evaluated in Python. Unique constraints are the caller's to check.

    Raises ValidationError (field -> messages) as full_clean() does; a check constraint that
    fails is reported at the first field it names.
    """
    exclude = set(exclude)
    relations = {field.name for field in obj._meta.concrete_fields if field.is_relation}
    errors: dict = {}
    try:
        obj.clean_fields(exclude=exclude | relations)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # As full_clean(): a constraint on a field that already failed is not checked again.
    failed = exclude | {name for name in errors if name != NON_FIELD_ERRORS}
    for field, message in check_constraint_failures(obj, exclude=failed):
        errors.setdefault(field, []).append(ValidationError(message))
    if errors:
        raise ValidationError(errors)


def check_constraint_failures(
    obj: models.Model, *, exclude: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """The model's CheckConstraints that `obj` breaks, as (field, message), evaluated in Python
    with SQL's rules (a comparison with NULL is unknown, and unknown passes a CHECK).

    A condition of other than plain field lookups (exact, in, isnull, gt, gte, lt, lte, against
    values or F() of the same row) is left to the database, as full_clean() does it."""
    exclude = set(exclude)
    failures = []
    for constraint in obj._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        condition = constraint.condition
        try:
            fields = _condition_fields(condition)
            if exclude.intersection(fields):
                continue
            holds = _condition_value(obj, condition) is not False
        except _NotInMemory:
            try:
                constraint.validate(type(obj), obj, exclude=exclude)
            except ValidationError as error:
                failures.append((NON_FIELD_ERRORS, error.messages[0]))
            continue
        if not holds:
            failures.append((fields[0], _broken(constraint)))
    return failures


def unique_constraint_clashes(
    model: type[models.Model], rows: Iterable[tuple[str, models.Model]]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Rows that share the values of one of `model`'s unique constraints (field or
    UniqueConstraint), as (place, the first row's place, the constraint's fields) of each later
    row.

    `rows` is every row the table would hold in the constraint's scope (e.g. all channels of an
    organization): those kept as they are, changed and new, each with its place. NULLs never
    clash, as in SQL; a new row's unsaved foreign object is told apart by its identity."""
    rows = list(rows)
    clashes = []
    for fields, condition in _unique_sets(model):
        if fields is None:
            raise NotImplementedError(f"{condition}: a unique constraint on expressions")
        if condition is not None:
            rows_in = [(place, obj) for place, obj in rows if _condition_value(obj, condition)]
        else:
            rows_in = rows
        first: dict = {}
        for place, obj in rows_in:
            values = tuple(_comparable(_field_value(obj, name)) for name in fields)
            if None in values:
                continue
            if values in first:
                clashes.append((place, first[values], fields))
            else:
                first[values] = place
    return clashes


class _NotInMemory(Exception):
    """A condition this module does not evaluate: the database does."""


_COMPARISONS = {
    "exact": ("=", lambda a, b: a == b),
    "gt": (">", lambda a, b: a > b),
    "gte": ("≥", lambda a, b: a >= b),
    "lt": ("<", lambda a, b: a < b),
    "lte": ("≤", lambda a, b: a <= b),
}


def _unique_sets(model: type[models.Model]) -> list[tuple[tuple[str, ...], Q | None]]:
    sets = [
        ((field.name,), None)
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    ]
    sets += [(tuple(fields), None) for fields in model._meta.unique_together]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            if constraint.expressions or not constraint.fields:
                sets.append((None, constraint.name))
            else:
                sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def _field_value(obj: models.Model, name: str) -> Any:
    """A field's value as the database would compare it; for a foreign key, the id, or the
    object itself while it is unsaved (it equals only itself)."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist as error:  # a name reaching across a relation, too
        raise _NotInMemory(name) from error
    if not field.concrete:
        raise _NotInMemory(name)
    value = getattr(obj, field.attname)
    if value is None and field.is_relation and field.is_cached(obj):
        return field.get_cached_value(obj)
    return value


def _comparable(value: Any) -> Any:
    if isinstance(value, models.Model) and value.pk is None:
        return ("unsaved", id(value))
    return value


def _leaf(lookup: str, rhs: Any) -> tuple[str, str, Any]:
    name, _, kind = lookup.partition("__")
    kind = kind or "exact"
    if kind not in (*_COMPARISONS, "in", "isnull"):
        raise _NotInMemory(lookup)
    if kind == "exact" and rhs is None:
        kind, rhs = "isnull", True
    return name, kind, rhs


def _operand(obj: models.Model, rhs: Any) -> Any:
    if isinstance(rhs, F):
        return _field_value(obj, rhs.name)
    if hasattr(rhs, "resolve_expression"):
        raise _NotInMemory(repr(rhs))
    return rhs


def _condition_value(obj: models.Model, condition: Any) -> bool | None:
    """The condition on `obj` in SQL's three-valued logic: True, False or None (unknown)."""
    if not isinstance(condition, Q) or condition.connector not in (Q.AND, Q.OR):
        raise _NotInMemory(repr(condition))
    values = []
    for child in condition.children:
        if isinstance(child, Q):
            values.append(_condition_value(obj, child))
            continue
        name, kind, rhs = _leaf(*child)
        value = _comparable(_field_value(obj, name))
        if kind == "isnull":
            values.append((value is None) == bool(rhs))
        elif kind == "in":
            choices = [_comparable(_operand(obj, item)) for item in rhs]
            if value is None:
                values.append(None)
            else:
                values.append(True if value in choices else (None if None in choices else False))
        else:
            other = _comparable(_operand(obj, rhs))
            values.append(None if None in (value, other) else _COMPARISONS[kind][1](value, other))
    if condition.connector == Q.AND:
        result = False if False in values else (None if None in values else True)
    else:
        result = True if True in values else (None if None in values else False)
    if condition.negated and result is not None:
        return not result
    return result


def _condition_fields(condition: Any) -> list[str]:
    """The fields a condition names, in the order it names them."""
    if not isinstance(condition, Q):
        raise _NotInMemory(repr(condition))
    names: dict[str, None] = {}
    for child in condition.children:
        if isinstance(child, Q):
            names.update(dict.fromkeys(_condition_fields(child)))
            continue
        name, _, rhs = _leaf(*child)
        names[name] = None
        if isinstance(rhs, F):
            names[rhs.name] = None
    return list(names)


def _broken(constraint: models.CheckConstraint) -> str:
    """A check constraint's failure in words: its own message, or the rule it states."""
    if constraint.violation_error_message not in (
        None,
        constraint.default_violation_error_message,
    ):
        return str(constraint.get_violation_error_message())
    rule = _rule_text(constraint.condition)
    return f"must satisfy {rule} (the database's constraint {constraint.name})"


def _rule_text(condition: Q) -> str:
    parts = []
    for child in condition.children:
        if isinstance(child, Q):
            parts.append(f"({_rule_text(child)})" if len(child.children) > 1 else _rule_text(child))
            continue
        name, kind, rhs = _leaf(*child)
        shown = rhs.name if isinstance(rhs, F) else _shown(rhs)
        if kind == "in":
            parts.append(f"{name} is one of {', '.join(_shown(item) for item in rhs)}")
        elif kind == "isnull":
            parts.append(f"{name} is {'' if rhs else 'not '}empty")
        elif condition.negated and kind == "exact" and len(condition.children) == 1:
            return f"{name} ≠ {shown}"
        else:
            parts.append(f"{name} {_COMPARISONS[kind][0]} {shown}")
    text = f" {condition.connector.lower()} ".join(parts)
    return f"not ({text})" if condition.negated else text


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)
