"""Reads of the strategy app: the current plan, the plan page, and the plan file export.

Decisions:
- An organization's current plan is its highest revision, whatever its status.
- The export (`plan_document`) writes every channel of the organization, inactive ones too
  (with `"active": false`), so that exporting and importing gives back the same channels.
  Channels and staff come in creation order, assignments, activities and links in the order
  they were saved (an import saves them in file order).
- It runs six queries whatever the size of the plan: the plan with its activities and links,
  the channels, the staff and the assignments. Keys are looked up in memory, not joined.
"""

from django.db.models import Prefetch

from outreach.models import (
    CHANNEL_PLAN_FIELDS,
    Assignment,
    ChangeRecord,
    Channel,
    Organization,
    StaffMember,
)

from .models import ChannelLink, PlannedActivity, StrategyPlan
from .planfile import FORMAT, plan_document_normalized


def current_plan(organization: Organization) -> StrategyPlan | None:
    """The organization's highest plan revision, or None when it has no plan yet."""
    return StrategyPlan.objects.filter(organization=organization).order_by("-revision").first()


def plan_page(*, organization: Organization, revision: int | None = None) -> dict:
    """What the plan page shows: a revision (the current one by default) and its context.

    `plan` is None when there is no such revision. `channels` lists every channel of the
    organization (inactive ones too, which the page marks) with the plan's activities on it;
    `revisions` lists all revisions, newest first. Five queries whatever the plan's size.
    """
    plans = StrategyPlan.objects.filter(organization=organization).select_related("updated_by")
    if revision is not None:
        plans = plans.filter(revision=revision)
    plan = plans.order_by("-revision").first()
    revisions = plan_revisions(organization=organization)
    if plan is None:
        return {"plan": None, "channels": [], "links": [], "revisions": revisions}
    activities = plan.activities.select_related("owner", "links_to").order_by("id")
    by_channel: dict[int, list[PlannedActivity]] = {}
    for activity in activities:
        by_channel.setdefault(activity.channel_id, []).append(activity)
    channels = Channel.objects.filter(organization=organization).order_by("id")
    return {
        "plan": plan,
        "channels": [
            {"channel": channel, "activities": by_channel.get(channel.id, [])}
            for channel in channels
        ],
        "links": list(plan.links.select_related("from_channel", "to_channel").order_by("id")),
        "revisions": revisions,
    }


def plan_revisions(*, organization: Organization) -> list[StrategyPlan]:
    """Every revision of the organization's plan, newest first (the fields a list shows)."""
    return list(
        StrategyPlan.objects.filter(organization=organization)
        .order_by("-revision")
        .only("id", "revision", "title", "status")
    )


def plan_document(*, organization: Organization) -> dict:
    """The organization's current plan as a plan file document (plan-format.md), normalized.

    Raises StrategyPlan.DoesNotExist when the organization has no plan yet.
    """
    plan = (
        StrategyPlan.objects.filter(organization=organization)
        .prefetch_related(
            Prefetch("activities", queryset=PlannedActivity.objects.order_by("id")),
            Prefetch("links", queryset=ChannelLink.objects.order_by("id")),
        )
        .order_by("-revision")
        .first()
    )
    if plan is None:
        raise StrategyPlan.DoesNotExist(f"The organization '{organization.slug}' has no plan yet.")
    channels = list(Channel.objects.filter(organization=organization).order_by("id"))
    staff = list(StaffMember.objects.filter(organization=organization).order_by("id"))
    assignments = Assignment.objects.filter(channel__organization=organization).order_by("id")
    channel_key = {channel.id: channel.key for channel in channels}
    staff_key = {person.id: person.key for person in staff}
    return plan_document_normalized(
        {
            "format": FORMAT,
            "organization": {
                "name": organization.name,
                "slug": organization.slug,
                "timezone": organization.timezone,
            },
            "plan": {
                "title": plan.title,
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "objectives": plan.objectives,
            },
            "channels": [_channel_entry(channel) for channel in channels],
            "staff": [_staff_entry(person) for person in staff],
            "assignments": [_assignment_entry(a, channel_key, staff_key) for a in assignments],
            "activities": [
                _activity_entry(a, channel_key, staff_key) for a in plan.activities.all()
            ],
            "links": [
                {
                    "from": channel_key[link.from_channel_id],
                    "to": channel_key[link.to_channel_id],
                    "how": link.how,
                }
                for link in plan.links.all()
            ],
            "thresholds": organization.thresholds,
        }
    )


def _channel_entry(channel: Channel) -> dict:
    return {name: getattr(channel, name) for name in CHANNEL_PLAN_FIELDS}


def _staff_entry(person: StaffMember) -> dict:
    return {
        "key": person.key,
        "name": person.name,
        "email": person.email,
        "capacity_hours": person.capacity_hours,
    }


def _assignment_entry(assignment: Assignment, channel_key: dict, staff_key: dict) -> dict:
    return {
        "staff": staff_key[assignment.staff_id],
        "channel": channel_key[assignment.channel_id],
        "hours_per_week": assignment.hours_per_week,
        "duties": assignment.duties,
        "backup": assignment.backup,
    }


def _activity_entry(activity: PlannedActivity, channel_key: dict, staff_key: dict) -> dict:
    return {
        "channel": channel_key[activity.channel_id],
        "kind": activity.kind,
        "per_week": activity.per_week,
        "minutes_each": activity.minutes_each,
        "owner": staff_key.get(activity.owner_id),
        "links_to": channel_key.get(activity.links_to_id),
        "notes": activity.notes,
    }


def plan_history(*, organization: Organization, limit: int = 25):
    """The latest changes to the organization's plan, channels, staff and members."""
    return list(
        ChangeRecord.objects.for_organization(organization)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def plan_editor_objects(*, organization: Organization, plan: StrategyPlan) -> dict:
    """What the plan editor's forms choose from and edit, each loaded once: the
    organization's channels and people, and the plan's rows with what they refer to."""
    return {
        "channels": list(Channel.objects.for_organization(organization).order_by("-active", "id")),
        "people": list(StaffMember.objects.for_organization(organization).order_by("name")),
        "activities": plan.activities.select_related("channel", "owner", "links_to").order_by(
            "channel_id", "id"
        ),
        "links": plan.links.select_related("from_channel", "to_channel").order_by("id"),
    }


def plan_editor_rows(*, plan: StrategyPlan) -> dict:
    """The plan's rows as plain values, for the editor to show without a form per row: two
    queries, no model instances. Activities come by channel, then in the order they were saved
    (the order of the editor's formset); links in the order they were saved."""
    return {
        "activities": list(
            plan.activities.order_by("channel_id", "id").values(
                "id",
                "channel_id",
                "kind",
                "per_week",
                "minutes_each",
                "owner_id",
                "links_to_id",
                "notes",
            )
        ),
        "links": list(
            plan.links.order_by("id").values("id", "from_channel_id", "to_channel_id", "how")
        ),
    }
