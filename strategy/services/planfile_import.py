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
  (person, channel); those missing from the file are deleted. The activities and links of a
  plan updated in place become those of the file: an entry that is stored as it is keeps its
  row, the others are deleted or created (so an activity changed is a new row).
- Rows are written only when one of their fields changes, and always validated first.
- The cost does not grow with the plan beyond bulk statements: what the organization holds is
  loaded in six queries (the plan, its activities and links, channels, staff, assignments) and
  compared in Python; the changes are written with one bulk_create, one bulk_update and one
  delete per table (each split into batches by the database's limit on parameters).
- Validation asks the database nothing (`full_clean_in_memory`): the fields' checks and the
  models' clean() as full_clean() runs them, the check constraints evaluated in Python, and the
  unique constraints checked on the rows each table will hold, all of which were loaded. Every
  problem found is reported at once, each at its place in the file, before anything is
  written; a value a database constraint would refuse never reaches the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

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
from outreach.services.validation import full_clean_in_memory, unique_constraint_clashes

from ..models import ChannelLink, PlannedActivity, StrategyPlan
from ..planfile import (
    FORMAT,
    PlanFileError,
    plan_document_errors,
    plan_document_normalized,
    plan_document_parse,
)
from ..selectors import current_plan

CHANNEL_FIELDS = tuple(name for name in CHANNEL_PLAN_FIELDS if name != "key")
STAFF_FIELDS = ("name", "email", "capacity_hours")
ASSIGNMENT_FIELDS = (*(f"duty_{duty}" for duty in Duty.values), "hours_per_week", "backup")
# Where a model's field is written in the file under another name.
FILE_NAMES = {
    "from_channel": "from",
    "to_channel": "to",
    "handle_key": "handle",
    **{f"duty_{d}": "duties" for d in Duty.values},
}
# Fields a unique constraint scopes its rows by, left out when naming what must be unique.
SCOPES = ("organization", "plan")


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
    try:
        with transaction.atomic():
            return _import_valid(incoming, user)
    except IntegrityError as error:
        # Validation checks every rule in Python first; what can still reach the database is two
        # stored rows trading a unique value in one statement (two channels swapping handles),
        # which the database checks row by row. Refused, and nothing written.
        raise PlanFileError(
            [
                "channels: two channels trade the same handle in one import; change one of "
                f"them first, then the other ({error.__class__.__name__})"
            ]
        ) from error


def _import_valid(incoming: dict, user) -> PlanImportResult:
    slug = incoming["organization"]["slug"]
    organization = Organization.objects.select_for_update().filter(slug=slug).first()
    stored = _stored_load(organization)
    changes = _changes(organization, stored, incoming, user)
    if changes is None:
        return PlanImportResult(organization, stored.plan, False, False)
    _validate(changes)
    _write(changes)
    return PlanImportResult(
        changes.organization, changes.plan, organization is None, True, changes.new_revision
    )


# What is stored -------------------------------------------------------------------------------


@dataclass
class _Stored:
    """An organization's rows, each with its entry as the export writes it (normalized)."""

    plan: StrategyPlan | None = None
    plan_entry: dict | None = None
    channels: dict[str, tuple[Channel, dict]] = field(default_factory=dict)
    staff: dict[str, tuple[StaffMember, dict]] = field(default_factory=dict)
    assignments: dict[tuple[str, str], tuple[Assignment, dict]] = field(default_factory=dict)
    activities: list[tuple[PlannedActivity, dict]] = field(default_factory=list)
    links: list[tuple[ChannelLink, dict]] = field(default_factory=list)


def _stored_load(organization: Organization | None) -> _Stored:
    """What the organization holds, in six queries whatever its size (none for a new one)."""
    if organization is None:
        return _Stored()
    plan = current_plan(organization)
    activities = list(PlannedActivity.objects.filter(plan=plan).order_by("id")) if plan else []
    links = list(ChannelLink.objects.filter(plan=plan).order_by("id")) if plan else []
    channels = list(Channel.objects.filter(organization=organization).order_by("id"))
    staff = list(StaffMember.objects.filter(organization=organization).order_by("id"))
    assignments = list(Assignment.objects.filter(channel__organization=organization).order_by("id"))
    channel_key = {channel.id: channel.key for channel in channels}
    staff_key = {person.id: person.key for person in staff}
    # The same document plan_document() exports, made from these rows rather than read again.
    document = plan_document_normalized(
        {
            "format": FORMAT,
            "organization": {
                "name": organization.name,
                "slug": organization.slug,
                "timezone": organization.timezone,
            },
            "plan": {
                "title": plan.title if plan else "",
                "period_start": plan.period_start if plan else date.min,
                "period_end": plan.period_end if plan else date.min,
                "objectives": plan.objectives if plan else "",
            },
            "channels": [
                {name: getattr(c, name) for name in CHANNEL_PLAN_FIELDS} for c in channels
            ],
            "staff": [{name: getattr(s, name) for name in ("key", *STAFF_FIELDS)} for s in staff],
            "assignments": [
                {
                    "staff": staff_key[a.staff_id],
                    "channel": channel_key[a.channel_id],
                    "hours_per_week": a.hours_per_week,
                    "duties": a.duties,
                    "backup": a.backup,
                }
                for a in assignments
            ],
            "activities": [
                {
                    "channel": channel_key[a.channel_id],
                    "kind": a.kind,
                    "per_week": a.per_week,
                    "minutes_each": a.minutes_each,
                    "owner": staff_key.get(a.owner_id),
                    "links_to": channel_key.get(a.links_to_id),
                    "notes": a.notes,
                }
                for a in activities
            ],
            "links": [
                {
                    "from": channel_key[k.from_channel_id],
                    "to": channel_key[k.to_channel_id],
                    "how": k.how,
                }
                for k in links
            ],
        }
    )
    entries = {name: document[name] for name in ("channels", "staff", "assignments")}
    return _Stored(
        plan=plan,
        plan_entry=document["plan"] if plan else None,
        channels={c.key: (c, e) for c, e in zip(channels, entries["channels"], strict=True)},
        staff={s.key: (s, e) for s, e in zip(staff, entries["staff"], strict=True)},
        assignments={
            (e["staff"], e["channel"]): (a, e)
            for a, e in zip(assignments, entries["assignments"], strict=True)
        },
        activities=list(zip(activities, document["activities"], strict=True)),
        links=list(zip(links, document["links"], strict=True)),
    )


# What changes ---------------------------------------------------------------------------------


@dataclass
class _Rows:
    """One table's changes, each row with its place in the file: rows to create, to update
    (`fields`), to keep as they are, and to delete."""

    model: type[models.Model]
    fields: tuple[str, ...] = ()
    new: list[tuple[str, models.Model]] = field(default_factory=list)
    changed: list[tuple[str, models.Model]] = field(default_factory=list)
    kept: list[tuple[str, models.Model]] = field(default_factory=list)
    removed: list[models.Model] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)

    def written(self) -> list[tuple[str, models.Model]]:
        return self.new + self.changed

    def held(self) -> list[tuple[str, models.Model]]:
        """Every row the table holds in the scope loaded once the changes are written."""
        return self.kept + self.changed + self.new

    def delete(self) -> None:
        if self.removed:
            self.model.objects.filter(pk__in=[obj.pk for obj in self.removed]).delete()

    def save(self) -> None:
        # Changed rows first: a value a stored row gives up (a channel's handle) may be what a
        # new row takes. New rows in file order, so that the export lists them as the file did.
        if self.changed:
            self.model.objects.bulk_update([obj for _, obj in self.changed], self.fields)
        self.model.objects.bulk_create([obj for _, obj in self.new])


@dataclass
class _Changes:
    organization: Organization
    organization_written: bool
    channels: _Rows
    staff: _Rows
    assignments: _Rows
    plan: StrategyPlan
    plan_written: bool = False
    new_revision: bool = False
    activities: _Rows = field(default_factory=lambda: _Rows(PlannedActivity))
    links: _Rows = field(default_factory=lambda: _Rows(ChannelLink))


def _changes(
    organization: Organization | None, stored: _Stored, incoming: dict, user
) -> _Changes | None:
    """What the import writes, in memory; None when the file matches what is stored."""
    new_organization = organization is None
    if new_organization:
        organization = Organization(slug=incoming["organization"]["slug"])
    organization_fields = {
        "name": incoming["organization"]["name"],
        "timezone": incoming["organization"]["timezone"],
        "thresholds": incoming.get("thresholds", {}),
    }
    organization_written = _fields_set(organization, organization_fields) or new_organization
    channels = _channels_diff(organization, stored, incoming["channels"])
    staff = _staff_diff(organization, stored, incoming["staff"])
    channel_by_key = {obj.key: obj for _, obj in channels.held()}
    staff_by_key = {obj.key: obj for _, obj in staff.held()}
    removed_staff = {person.key for person in staff.removed}
    assignments = _assignments_diff(
        stored, incoming["assignments"], channel_by_key, staff_by_key, removed_staff
    )
    changes = _Changes(
        organization, organization_written, channels, staff, assignments, stored.plan
    )
    if _plan_stale(stored, incoming):
        _plan_diff(changes, stored, incoming, user, channel_by_key, staff_by_key, removed_staff)
    if not (organization_written or channels or staff or assignments or changes.plan_written):
        return None
    return changes


def _fields_set(obj: models.Model, fields: dict) -> bool:
    """Set `fields` on `obj`; whether any of them differed."""
    changed = False
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _channels_diff(organization: Organization, stored: _Stored, entries: list[dict]) -> _Rows:
    """The file's channels matched by key; the others stored are deactivated."""
    # handle_key follows the handle (Channel.clean sets it), or the database's rule of one
    # channel per handle and platform would judge a changed channel by its old handle.
    rows = _Rows(Channel, (*CHANNEL_FIELDS, "handle_key"))
    for index, entry in enumerate(entries):
        place, fields = f"channels[{index}]", _channel_fields(entry)
        if entry["key"] not in stored.channels:
            channel = Channel(organization=organization, key=entry["key"], **fields)
            rows.new.append((place, channel))
            continue
        channel, stored_entry = stored.channels[entry["key"]]
        # Compared as the export writes them (a community page's empty presence is "presence").
        if stored_entry != entry and _fields_set(channel, fields):
            rows.changed.append((place, channel))
        else:
            rows.kept.append((place, channel))
    listed = {entry["key"] for entry in entries}
    for key, (channel, _) in stored.channels.items():
        if key in listed:
            continue
        place = f"channel '{key}'"
        if channel.active:
            channel.active = False
            rows.changed.append((place, channel))
        else:
            rows.kept.append((place, channel))
    return rows


def _channel_fields(entry: dict) -> dict:
    # What the normal form leaves out (presence, follows, active, …) is the model's default.
    return {
        name: entry.get(name, Channel._meta.get_field(name).get_default())
        for name in CHANNEL_FIELDS
    }


def _staff_diff(organization: Organization, stored: _Stored, entries: list[dict]) -> _Rows:
    """The file's staff matched by key; the others stored are deleted."""
    rows = _Rows(StaffMember, STAFF_FIELDS)
    for index, entry in enumerate(entries):
        place = f"staff[{index}]"
        fields = {
            "name": entry["name"],
            "email": entry["email"],
            "capacity_hours": _decimal(entry["capacity_hours"]),
        }
        if entry["key"] not in stored.staff:
            person = StaffMember(organization=organization, key=entry["key"], **fields)
            rows.new.append((place, person))
            continue
        person, stored_entry = stored.staff[entry["key"]]
        if stored_entry != entry and _fields_set(person, fields):
            rows.changed.append((place, person))
        else:
            rows.kept.append((place, person))
    listed = {entry["key"] for entry in entries}
    rows.removed = [person for key, (person, _) in stored.staff.items() if key not in listed]
    return rows


def _assignments_diff(
    stored: _Stored,
    entries: list[dict],
    channel_by_key: dict[str, Channel],
    staff_by_key: dict[str, StaffMember],
    removed_staff: set[str],
) -> _Rows:
    """The file's assignments matched by (person, channel); the others stored are deleted
    (those of a person removed go with them)."""
    rows = _Rows(Assignment, ASSIGNMENT_FIELDS)
    for index, entry in enumerate(entries):
        place, key = f"assignments[{index}]", (entry["staff"], entry["channel"])
        fields = {f"duty_{duty}": duty in entry["duties"] for duty in Duty.values}
        fields["hours_per_week"] = _decimal(entry["hours_per_week"])
        fields["backup"] = entry["backup"]
        person, channel = staff_by_key[entry["staff"]], channel_by_key[entry["channel"]]
        if key not in stored.assignments:
            rows.new.append((place, Assignment(staff=person, channel=channel, **fields)))
            continue
        assignment, stored_entry = stored.assignments[key]
        if stored_entry != entry and _fields_set(assignment, fields):
            # The objects held, so that clean() reads their organizations without a query.
            assignment.staff, assignment.channel = person, channel
            rows.changed.append((place, assignment))
        else:
            rows.kept.append((place, assignment))
    listed = {(entry["staff"], entry["channel"]) for entry in entries}
    rows.removed = [
        assignment
        for key, (assignment, _) in stored.assignments.items()
        if key not in listed and key[0] not in removed_staff
    ]
    return rows


def _plan_stale(stored: _Stored, incoming: dict) -> bool:
    """Whether the plan itself (title, period, objectives, activities, links) changes."""
    if stored.plan is None or stored.plan_entry != incoming["plan"]:
        return True
    return any(
        sorted(map(_entry_key, (entry for _, entry in getattr(stored, name))))
        != sorted(map(_entry_key, incoming[name]))
        for name in ("activities", "links")
    )


def _entry_key(entry: dict) -> tuple:
    """An activity's or link's entry as a value to match and sort by: its whole content."""
    return tuple(sorted((name, str(value)) for name, value in entry.items()))


def _plan_diff(
    changes: _Changes,
    stored: _Stored,
    incoming: dict,
    user,
    channel_by_key: dict[str, Channel],
    staff_by_key: dict[str, StaffMember],
    removed_staff: set[str],
) -> None:
    """The plan written: the editable current one updated in place (its activities and links
    made those of the file), or a new draft revision with all of them."""
    fields = incoming["plan"]
    values = {
        "title": fields["title"],
        "period_start": date.fromisoformat(fields["period_start"]),
        "period_end": date.fromisoformat(fields["period_end"]),
        "objectives": fields["objectives"],
        "updated_by": user if user is not None and user.is_authenticated else None,
    }
    plan = stored.plan
    if plan is not None and plan.is_editable:
        values["version"] = plan.version + 1
        for name, value in values.items():  # set, not compared: reading updated_by is a query
            setattr(plan, name, value)
        stored_activities = [
            # A person removed leaves their activities without an owner (by the delete).
            (activity, {k: v for k, v in entry.items() if k != "owner"})
            if entry.get("owner") in removed_staff
            else (activity, entry)
            for activity, entry in stored.activities
        ]
        stored_links = stored.links
    else:
        revision = plan.revision + 1 if plan is not None else 1
        plan = StrategyPlan(organization=changes.organization, revision=revision, **values)
        changes.new_revision = True
        stored_activities, stored_links = [], []
    changes.plan, changes.plan_written = plan, True

    def activity(entry: dict) -> PlannedActivity:
        return PlannedActivity(
            plan=plan,
            channel=channel_by_key[entry["channel"]],
            kind=entry["kind"],
            per_week=_decimal(entry["per_week"]),
            minutes_each=entry["minutes_each"],
            owner=staff_by_key.get(entry.get("owner")),
            links_to=channel_by_key.get(entry.get("links_to")),
            notes=entry.get("notes", ""),
        )

    def link(entry: dict) -> ChannelLink:
        return ChannelLink(
            plan=plan,
            from_channel=channel_by_key[entry["from"]],
            to_channel=channel_by_key[entry["to"]],
            how=entry["how"],
        )

    changes.activities = _matched(
        PlannedActivity, "activities", stored_activities, incoming["activities"], activity
    )
    changes.links = _matched(ChannelLink, "links", stored_links, incoming["links"], link)


def _matched(model, section: str, stored: list[tuple], entries: list[dict], make) -> _Rows:
    """Entries matched to stored rows of the same content, one row each; the rows left over
    are deleted, the entries left over created."""
    rows = _Rows(model)
    available = defaultdict(list)
    for obj, entry in stored:
        available[_entry_key(entry)].append(obj)
    for index, entry in enumerate(entries):
        place, same = f"{section}[{index}]", available[_entry_key(entry)]
        if same:
            rows.kept.append((place, same.pop(0)))
        else:
            rows.new.append((place, make(entry)))
    rows.removed = [obj for objs in available.values() for obj in objs]
    return rows


# Validating and writing -----------------------------------------------------------------------


def _validate(changes: _Changes) -> None:
    """Every problem of the rows to write, by place, raised as one PlanFileError."""
    errors: list[str] = []
    if changes.organization_written:
        _check(changes.organization, "organization", errors)
    for rows in (changes.channels, changes.staff, changes.assignments):
        for place, obj in rows.written():
            _check(obj, place, errors)
    if changes.plan_written:
        # Its (organization, revision) is unique: the revision is one above the highest.
        _check(changes.plan, "plan", errors)
    for rows in (changes.activities, changes.links):
        for place, obj in rows.written():
            _check(obj, place, errors)
    # Every row that the unique constraints of these tables scope together was loaded: all of
    # the organization's channels, staff and assignments, and all of the plan's links.
    for rows in (changes.channels, changes.staff, changes.assignments, changes.links):
        for place, other, fields in unique_constraint_clashes(rows.model, rows.held()):
            names = [FILE_NAMES.get(name, name) for name in fields if name not in SCOPES]
            errors.append(f"{place}: repeats {other} in {', '.join(names)}, which must differ")
    if errors:
        raise PlanFileError(errors)


def _check(obj: models.Model, place: str, errors: list[str]) -> None:
    """full_clean()'s problems, without its queries, in the file's own "place: message" form.

    A last line of defence: the validator already checks what the models check, so this only
    fires if the two drift apart; a database constraint is never left to refuse a value."""
    try:
        full_clean_in_memory(obj)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            at = place if name == NON_FIELD_ERRORS else f"{place}.{FILE_NAMES.get(name, name)}"
            errors.extend(f"{at}: {message}" for message in messages)


def _write(changes: _Changes) -> None:
    """The changes, validated, in one bulk statement per table and kind of change."""
    if changes.organization_written:
        changes.organization.save()
    # A person removed takes their assignments along; the activities they owned keep no owner.
    changes.staff.delete()
    for rows in (changes.assignments, changes.activities, changes.links):
        rows.delete()
    for rows in (changes.channels, changes.staff, changes.assignments):
        rows.save()
    if changes.plan_written:
        changes.plan.save()
    for rows in (changes.activities, changes.links):
        rows.save()


def _decimal(value: int | float) -> Decimal:
    # Through str() so that 0.1 is stored as 0.1, not as the binary fraction's expansion.
    return Decimal(str(value))


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
