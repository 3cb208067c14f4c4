"""Staff and their assignments to channels."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import (
    Assignment,
    ChangeRecord,
    Channel,
    Duty,
    Organization,
    StaffMember,
)
from .history import change_record
from .validation import (
    count_text,
    fields_set,
    fields_unknown_refuse,
    full_clean_keyed,
    full_clean_reporting,
    hours_text,
    keyed_object_update,
)

STAFF_FIELDS = ("key", "name", "email", "capacity_hours")
ASSIGNMENT_FIELDS = ("hours_per_week", "duties", "backup")


@transaction.atomic
def staff_create(
    *,
    organization: Organization,
    actor,
    key: str,
    name: str,
    capacity_hours: Decimal,
    email: str = "",
) -> StaffMember:
    person = StaffMember(
        organization=organization, key=key, name=name, email=email, capacity_hours=capacity_hours
    )
    full_clean_keyed(person)
    person.save()
    change_record(
        organization=organization,
        actor=actor,
        subject=ChangeRecord.Subject.STAFF,
        summary=f"Added {person.name} to the staff, {hours_text(person.capacity_hours)} h a week",
    )
    return person


@transaction.atomic
def staff_update(*, person: StaffMember, actor, data: Mapping[str, Any]) -> list[str]:
    """Set the person's fields named in `data` (any of STAFF_FIELDS); returns those changed."""
    return keyed_object_update(
        obj=person,
        actor=actor,
        data=data,
        allowed=STAFF_FIELDS,
        subject=ChangeRecord.Subject.STAFF,
    )


@transaction.atomic
def staff_remove(*, person: StaffMember, actor) -> int:
    """Remove a person with their assignments; activities they owned keep no owner (the
    database sets them to none), while approved revisions keep the name (owner_name). Returns
    how many assignments went with them."""
    assignments = person.assignments.count()
    person.delete()
    change_record(
        organization=person.organization,
        actor=actor,
        subject=ChangeRecord.Subject.STAFF,
        summary=(
            f"Removed {person.name} from the staff, with {count_text(assignments, 'assignment')}"
        ),
    )
    return assignments


@transaction.atomic
def assignment_create(
    *,
    channel: Channel,
    staff: StaffMember,
    actor,
    hours_per_week: Decimal,
    duties: Iterable[str] = (),
    backup: bool = False,
) -> Assignment:
    assignment = Assignment(channel=channel, staff=staff, hours_per_week=hours_per_week)
    _duties_set(assignment, duties)
    assignment.backup = backup
    errors = {}
    if Assignment.objects.filter(channel=channel, staff=staff).exists():
        errors["staff"] = (
            f"{staff.name} is already assigned to {channel}; edit that assignment instead."
        )
    # The (person, channel) constraint is checked just above, to say so next to the person.
    full_clean_reporting(assignment, exclude=("staff",), errors=errors)
    assignment.save()
    change_record(
        organization=channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.ASSIGNMENT,
        summary=f"Assigned {staff.name} to {channel}, {_assignment_terms(assignment)}",
    )
    return assignment


@transaction.atomic
def assignment_update(*, assignment: Assignment, actor, data: Mapping[str, Any]) -> list[str]:
    """Set hours, duties (a list of Duty values) or backup; returns the names of those changed."""
    fields_unknown_refuse(data, ASSIGNMENT_FIELDS)
    duties_before = assignment.duties
    # `duties` is stored as four booleans, so it is compared apart from the plain fields.
    fields = {name: value for name, value in data.items() if name != "duties"}
    changed = fields_set(assignment, fields, ASSIGNMENT_FIELDS)
    if "duties" in data:
        _duties_set(assignment, data["duties"])
        if assignment.duties != duties_before:
            changed.append("duties")
    if not changed:
        return []
    full_clean_reporting(assignment, exclude=("staff",))
    assignment.save()
    change_record(
        organization=assignment.channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.ASSIGNMENT,
        summary=(
            f"Changed {assignment.staff.name} on {assignment.channel} "
            f"to {_assignment_terms(assignment)}"
        ),
    )
    return changed


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor) -> None:
    assignment.delete()
    change_record(
        organization=assignment.channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.ASSIGNMENT,
        summary=f"Unassigned {assignment.staff.name} from {assignment.channel}",
    )


def _duties_set(assignment: Assignment, duties: Iterable[str]) -> None:
    duties = set(duties)
    unknown = duties - set(Duty.values)
    if unknown:
        raise ValidationError(
            {"duties": f"Not a duty: {', '.join(sorted(unknown))}; use {', '.join(Duty.values)}."}
        )
    for duty in Duty.values:
        setattr(assignment, f"duty_{duty}", duty in duties)


def _assignment_terms(assignment: Assignment) -> str:
    duties = ", ".join(assignment.duties) or "no duties"
    backup = "; backup" if assignment.backup else ""
    return f"{hours_text(assignment.hours_per_week)} h a week ({duties}{backup})"
