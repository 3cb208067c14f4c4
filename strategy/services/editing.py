"""Writes of the strategy app: starting a plan and editing a draft.

Every edit is checked against the version its author loaded: a save based on an older version
is refused (StalePlan, listing what changed since), never silently written over.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from outreach.models import ChangeRecord, Organization
from outreach.services import change_record

from ..models import ChannelLink, PlannedActivity, StrategyPlan


class PlanNotEditable(Exception):
    """The plan is submitted or approved: it is read-only."""


class StalePlan(Exception):
    """Someone saved the plan after the version this edit was based on."""

    def __init__(self, plan: StrategyPlan, changes: list[ChangeRecord]):
        self.plan = plan
        self.changes = changes
        who = sorted({c.actor.email for c in changes if c.actor} or {"someone"})
        super().__init__(
            f"{', '.join(who)} changed the plan since you opened it (now version {plan.version})."
        )


@dataclass
class RowChanges:
    """Rows of one kind (activities or links) to write: new or changed, and removed."""

    saved: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    added_count: int = 0

    def describe(self, singular: str, plural: str) -> str | None:
        changed = len(self.saved) - self.added_count
        parts = [
            f"{n} {singular if n == 1 else plural} {verb}"
            for n, verb in (
                (self.added_count, "added"),
                (changed, "changed"),
                (len(self.deleted), "removed"),
            )
            if n
        ]
        return ", ".join(parts) or None


def plan_create(
    *,
    organization: Organization,
    user,
    title: str,
    period_start: date,
    period_end: date,
    objectives: str = "",
) -> StrategyPlan:
    """The organization's first plan, as a draft."""
    with transaction.atomic():
        plan = StrategyPlan(
            organization=organization,
            revision=1,
            title=title,
            period_start=period_start,
            period_end=period_end,
            objectives=objectives,
            updated_by=user,
        )
        plan.full_clean()
        plan.save()
        change_record(
            organization=organization,
            actor=user,
            subject=ChangeRecord.Subject.PLAN,
            summary=f"Started the plan “{title}”",
            plan_revision=plan.revision,
            plan_version=plan.version,
        )
    return plan


def plan_lock(*, plan_id: int, expected_version: int | None = None) -> StrategyPlan:
    """The plan, locked for this transaction; refused when it moved past `expected_version`."""
    plan = StrategyPlan.objects.select_for_update().select_related("organization").get(pk=plan_id)
    if expected_version is not None and plan.version != expected_version:
        changes = list(
            ChangeRecord.objects.filter(
                organization_id=plan.organization_id,
                plan_revision=plan.revision,
                plan_version__gt=expected_version,
            )
            .select_related("actor")
            .order_by("created_at", "id")
        )
        raise StalePlan(plan, changes)
    return plan


def plan_bump(*, plan: StrategyPlan, user, summary: str, fields: tuple = ()) -> StrategyPlan:
    """Count a change on the (locked) plan and note it in the history."""
    plan.version += 1
    plan.updated_by = user
    plan.save(update_fields=["version", "updated_by", "updated_at", *fields])
    change_record(
        organization=plan.organization,
        actor=user,
        subject=ChangeRecord.Subject.PLAN,
        summary=summary,
        plan_revision=plan.revision,
        plan_version=plan.version,
    )
    return plan


def plan_edit(
    *,
    plan: StrategyPlan,
    expected_version: int,
    user,
    plan_fields: dict,
    activities: RowChanges,
    links: RowChanges,
) -> StrategyPlan:
    """Save an edit of a draft (or returned) plan: its fields and its activity and link rows,
    all together or not at all."""
    with transaction.atomic():
        locked = plan_lock(plan_id=plan.pk, expected_version=expected_version)
        if not locked.is_editable:
            raise PlanNotEditable(f"The plan is {locked.get_status_display().lower()}.")
        changed_fields = [
            name for name, value in plan_fields.items() if getattr(locked, name) != value
        ]
        for name in changed_fields:
            setattr(locked, name, plan_fields[name])
        locked.full_clean()
        _rows_write(locked, activities, PlannedActivity)
        _rows_write(locked, links, ChannelLink)
        parts = [
            f"changed {', '.join(changed_fields).replace('_', ' ')}" if changed_fields else None,
            activities.describe("activity", "activities"),
            links.describe("link", "links"),
        ]
        parts = [p for p in parts if p]
        if not parts:
            return locked  # nothing changed: no new version
        return plan_bump(
            plan=locked,
            user=user,
            summary="Edited the plan: " + "; ".join(parts),
            fields=tuple(changed_fields),
        )


def _rows_write(plan: StrategyPlan, changes: RowChanges, model) -> None:
    for row in changes.deleted:
        if row.pk and row.plan_id == plan.pk:
            row.delete()
    for row in changes.saved:
        row.plan = plan
        row.full_clean()
        row.save()
