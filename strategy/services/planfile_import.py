"""Writes of the strategy app: importing a plan file.

Decisions:
- All or nothing: the document is validated in full before anything is written (a bad file
  raises PlanFileError and the database is untouched), and the writes run in one transaction
  with the organization's row locked, so two imports of one organization do not interleave.
- Idempotent: when the file, normalized, means what the organization already holds (lists
  compared regardless of order), nothing at all is written and `changed` is False.
- Organization-level data (the organization, channels, staff, assignments) and the plan itself
  (title, period, objectives, activities, links) are compared apart. Only a change to the plan
  itself touches the plan: an editable (draft or returned) current plan is updated in place
  and its `version` bumped; a submitted or approved one, or none, gets a new draft revision.
  So renaming a channel does not turn an approved plan into a new draft.
- Channels are matched by key. Channels missing from the file are deactivated, not deleted:
  earlier revisions and audits refer to them. Staff missing from the file are deleted (their
  assignments go with them; activities they owned keep no owner). Assignments are matched by
  (person, channel); those missing from the file are deleted. Activities and links of the
  plan written are replaced.
- Rows are saved only when one of their fields changes, and always after `full_clean()`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from outreach.models import (
    CHANNEL_PLAN_FIELDS,
    Assignment,
    ChangeRecord,
    Channel,
    Duty,
    Membership,
    Organization,
    StaffMember,
)
from outreach.services import change_record

from ..models import ChannelLink, PlannedActivity, StrategyPlan
from ..planfile import (
    PlanFileError,
    plan_document_comparable,
    plan_document_errors,
    plan_document_normalized,
    plan_document_parse,
)
from ..selectors import current_plan, plan_document

ORGANIZATION_SECTIONS = ("organization", "channels", "staff", "assignments", "thresholds")
PLAN_SECTIONS = ("plan", "activities", "links")


@dataclass(frozen=True)
class PlanImportResult:
    """What an import did; `plan` is the organization's current plan afterwards."""

    organization: Organization
    plan: StrategyPlan
    created: bool  # the organization did not exist before
    changed: bool  # anything at all was written
    new_revision: bool = False  # the plan was written as a new revision


def plan_import(*, document: dict, user=None) -> PlanImportResult:
    """Import a parsed plan file: create or update the organization and its plan, or nothing.

    Raises PlanFileError (listing every problem) when the document is not a valid plan file.
    `user`, when given, is recorded as the plan's last editor.
    """
    errors = plan_document_errors(document)
    if errors:
        raise PlanFileError(errors)
    incoming = plan_document_normalized(document)
    with transaction.atomic():
        return _import_valid(incoming, user)


def _import_valid(incoming: dict, user) -> PlanImportResult:
    slug = incoming["organization"]["slug"]
    organization = Organization.objects.select_for_update().filter(slug=slug).first()
    created = organization is None
    stale = _stale_sections(organization, incoming)
    if not stale:
        return PlanImportResult(organization, current_plan(organization), False, False)
    if stale & set(ORGANIZATION_SECTIONS):
        organization = _organization_save(organization, incoming)
        channels = _channels_sync(organization, incoming["channels"])
        staff = _staff_sync(organization, incoming["staff"])
        _assignments_sync(organization, incoming["assignments"], channels, staff)
    else:
        channels = _by_key(Channel.objects.filter(organization=organization))
        staff = _by_key(StaffMember.objects.filter(organization=organization))
    plan = current_plan(organization)
    new_revision = False
    if plan is None or stale & set(PLAN_SECTIONS):
        plan, new_revision = _plan_save(organization, plan, incoming["plan"], user)
        _activities_replace(plan, incoming["activities"], channels, staff)
        _links_replace(plan, incoming["links"], channels)
    return PlanImportResult(organization, plan, created, True, new_revision)


def _stale_sections(organization: Organization | None, incoming: dict) -> set[str]:
    """The sections of the document that differ from what the organization holds now."""
    every = set(ORGANIZATION_SECTIONS) | set(PLAN_SECTIONS)
    if organization is None:
        return every
    try:
        current = plan_document(organization=organization)
    except StrategyPlan.DoesNotExist:
        return every
    # A channel already inactive and absent from the file stays as it is: no change.
    keys = {channel["key"] for channel in incoming["channels"]}
    current["channels"] = [
        c for c in current["channels"] if c["key"] in keys or c.get("active", True)
    ]
    current, incoming = plan_document_comparable(current), plan_document_comparable(incoming)
    return {name for name in every if current.get(name) != incoming.get(name)}


def _organization_save(organization: Organization | None, incoming: dict) -> Organization:
    fields = {
        "name": incoming["organization"]["name"],
        "timezone": incoming["organization"]["timezone"],
        "thresholds": incoming.get("thresholds", {}),
    }
    if organization is None:
        organization = Organization(slug=incoming["organization"]["slug"])
    _save_if_changed(organization, fields, "organization")
    return organization


def _channels_sync(organization: Organization, entries: list[dict]) -> dict[str, Channel]:
    """Upsert the file's channels by key, deactivate the others; all channels by key."""
    channels = _by_key(Channel.objects.filter(organization=organization))
    for index, entry in enumerate(entries):
        channel = channels.get(entry["key"]) or Channel(organization=organization, key=entry["key"])
        _save_if_changed(channel, _channel_fields(entry), f"channels[{index}]")
        channels[channel.key] = channel
    listed = {entry["key"] for entry in entries}
    for key, channel in channels.items():
        if key not in listed and channel.active:
            _save_if_changed(channel, {"active": False}, f"channel '{key}'")
    return channels


def _channel_fields(entry: dict) -> dict:
    # What the normal form leaves out (presence, follows, active, …) is the model's default.
    return {
        name: entry.get(name, Channel._meta.get_field(name).get_default())
        for name in CHANNEL_PLAN_FIELDS
        if name != "key"
    }


def _staff_sync(organization: Organization, entries: list[dict]) -> dict[str, StaffMember]:
    """Upsert the file's staff by key and delete the others; the staff by key."""
    listed = [entry["key"] for entry in entries]
    StaffMember.objects.filter(organization=organization).exclude(key__in=listed).delete()
    staff = _by_key(StaffMember.objects.filter(organization=organization))
    for index, entry in enumerate(entries):
        person = staff.get(entry["key"]) or StaffMember(organization=organization, key=entry["key"])
        fields = {
            "name": entry["name"],
            "email": entry["email"],
            "capacity_hours": _decimal(entry["capacity_hours"]),
        }
        _save_if_changed(person, fields, f"staff[{index}]")
        staff[person.key] = person
    return staff


def _assignments_sync(
    organization: Organization,
    entries: list[dict],
    channels: dict[str, Channel],
    staff: dict[str, StaffMember],
) -> None:
    """Make the organization's assignments those of the file, matched by (person, channel)."""
    existing = {
        (a.staff_id, a.channel_id): a
        for a in Assignment.objects.filter(channel__organization=organization)
    }
    kept = set()
    for index, entry in enumerate(entries):
        person, channel = staff[entry["staff"]], channels[entry["channel"]]
        assignment = existing.get((person.id, channel.id)) or Assignment(
            staff=person, channel=channel
        )
        fields = {f"duty_{duty}": duty in entry["duties"] for duty in Duty.values}
        fields["hours_per_week"] = _decimal(entry["hours_per_week"])
        fields["backup"] = entry["backup"]
        _save_if_changed(assignment, fields, f"assignments[{index}]")
        kept.add(assignment.id)
    stale_ids = [a.id for a in existing.values() if a.id not in kept]
    Assignment.objects.filter(id__in=stale_ids).delete()


def _plan_save(
    organization: Organization, plan: StrategyPlan | None, fields: dict, user
) -> tuple[StrategyPlan, bool]:
    """The plan to write into, its activities and links cleared; and whether it is new."""
    values = {
        "title": fields["title"],
        "period_start": date.fromisoformat(fields["period_start"]),
        "period_end": date.fromisoformat(fields["period_end"]),
        "objectives": fields["objectives"],
        "updated_by": user if user is not None and user.is_authenticated else None,
    }
    if plan is not None and plan.is_editable:
        plan.activities.all().delete()
        plan.links.all().delete()
        values["version"] = plan.version + 1
        _save_if_changed(plan, values, "plan")
        return plan, False
    revision = plan.revision + 1 if plan is not None else 1
    plan = StrategyPlan(organization=organization, revision=revision)
    _save_if_changed(plan, values, "plan")
    return plan, True


def _activities_replace(
    plan: StrategyPlan,
    entries: list[dict],
    channels: dict[str, Channel],
    staff: dict[str, StaffMember],
) -> None:
    activities = []
    for index, entry in enumerate(entries):
        activity = PlannedActivity(
            plan=plan,
            channel=channels[entry["channel"]],
            kind=entry["kind"],
            per_week=_decimal(entry["per_week"]),
            minutes_each=entry["minutes_each"],
            owner=staff.get(entry.get("owner")),
            links_to=channels.get(entry.get("links_to")),
            notes=entry.get("notes", ""),
        )
        _full_clean(activity, f"activities[{index}]")
        activities.append(activity)
    PlannedActivity.objects.bulk_create(activities)


def _links_replace(plan: StrategyPlan, entries: list[dict], channels: dict[str, Channel]) -> None:
    links = []
    for index, entry in enumerate(entries):
        link = ChannelLink(
            plan=plan,
            from_channel=channels[entry["from"]],
            to_channel=channels[entry["to"]],
            how=entry["how"],
        )
        _full_clean(link, f"links[{index}]")
        links.append(link)
    ChannelLink.objects.bulk_create(links)


def _by_key(queryset: models.QuerySet) -> dict:
    return {obj.key: obj for obj in queryset}


def _decimal(value: int | float) -> Decimal:
    # Through str() so that 0.1 is stored as 0.1, not as the binary fraction's expansion.
    return Decimal(str(value))


def _save_if_changed(obj: models.Model, fields: dict, place: str) -> bool:
    """Set `fields` on `obj` and save it (after full_clean) if it is new or any of them differ."""
    changed = obj.pk is None
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        _full_clean(obj, place)
        obj.save()
    return changed


def _full_clean(obj: models.Model, place: str) -> None:
    """full_clean(), its errors raised as PlanFileError in the file's own "place: message" form.

    A last line of defence: the validator already checks what the models check, so this only
    fires if the two drift apart, and then the transaction still rolls everything back.
    """
    try:
        obj.full_clean()
    except ValidationError as error:
        raise PlanFileError(
            [
                f"{place if field == NON_FIELD_ERRORS else f'{place}.{field}'}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error


def _refuse_threshold_changes_by_comms(organization: Organization, document: dict, user) -> None:
    """The thresholds are what the managers' verdicts rest on: only a manager changes them. A
    comms member's file may carry them unchanged (a downloaded plan file does)."""
    if plan_document_errors(document):
        return  # plan_import reports every problem of the file, this one's place included
    wanted = plan_document_normalized(document).get("thresholds") or {}
    if wanted == (organization.thresholds or {}):
        return
    if Membership.objects.filter(
        organization=organization, user=user, role=Membership.Role.MANAGER
    ).exists():
        return
    changed = sorted(
        name
        for name in {*wanted, *(organization.thresholds or {})}
        if wanted.get(name) != (organization.thresholds or {}).get(name)
    )
    raise PlanFileError(
        [
            f"thresholds: only a manager changes the audit's thresholds, and this file changes "
            f"{', '.join(changed)}. Upload it without them (or with the organization's own), or "
            "ask a manager to upload it."
        ]
    )


def plan_upload(*, organization: Organization, raw: bytes, user) -> PlanImportResult:
    """A plan file uploaded in the browser: imported into this organization only, all or
    nothing, and noted in its history."""
    document = plan_document_parse(raw)
    named = document.get("organization")
    slug = named.get("slug") if isinstance(named, dict) else None
    if slug != organization.slug:
        raise PlanFileError(
            [
                f"organization.slug: this file is for {slug!r}, not for {organization.slug!r}; "
                "set it to this organization's slug to upload it here"
            ]
        )
    _refuse_threshold_changes_by_comms(organization, document, user)
    with transaction.atomic():
        result = plan_import(document=document, user=user)
        if result.changed:
            plan = result.plan
            change_record(
                organization=organization,
                actor=user,
                subject=ChangeRecord.Subject.PLAN,
                summary=(
                    f"Uploaded a plan file: revision {plan.revision} is now "
                    f"{'a new draft' if result.new_revision else plan.get_status_display().lower()}"
                ),
                plan_revision=plan.revision,
                plan_version=plan.version,
            )
    return result
