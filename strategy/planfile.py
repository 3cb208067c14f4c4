"""The plan file's shape (the format of plan-format.md): parsing, validation, normal form.

Decisions:
- Validation reports every problem at once, each as "place: message" with places such as
  `channels[2].platform` or `plan.period_end`, worded for the comms person who wrote the file.
  It checks only the document itself; references (staff, channel, owner, links_to, from, to)
  must resolve to keys declared in the same file, never to rows in the database.
- Required: `format` (1), `organization` (`name`, `slug`), `plan` (`title`, `period_start`,
  `period_end`) and `channels`. `staff`, `assignments`, `activities` and `links` may be left
  out and then mean "none"; `organization.timezone` defaults to UTC (the model's default).
- Lengths and decimal places are checked against the model fields, so a valid file never fails
  later in `full_clean()`. Whole numbers written as `10.0` are accepted as 10.
- The normal form (`plan_document_normalized`) is the one shape both the export and the import
  compare: every default filled in, optional keys left out when empty or default, numbers as
  ints when integral and floats otherwise, keys in the spec's order.

Plain Python apart from Django's email validator and the models' choices; no database.
"""

import json
import math
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from outreach.models import CHANNEL_PLAN_FIELDS, Duty, Objective, Platform, Presence
from outreach.platforms import is_community
from outreach.thresholds import threshold_override_errors

from .activity_kinds import KIND_LABELS
from .models import LinkKind

FORMAT = 1
LIST_SECTIONS = ("channels", "staff", "assignments", "activities", "links")
# The largest value a PositiveIntegerField holds on every supported database.
_MAX_WHOLE = 2_147_483_647
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class PlanFileError(Exception):
    """A plan file that cannot be imported; `errors` holds one "place: message" per problem."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


# Parsing ------------------------------------------------------------------------------------


def plan_document_parse(raw: bytes | str) -> dict:
    """The JSON object in `raw` (UTF-8 bytes or text); raises PlanFileError if there is none.

    Invalid JSON is reported with its line and column; a key repeated within one object is an
    error too, because JSON parsers silently keep only the last one.
    """
    if len(raw) > PLAN_FILE_MAX_BYTES:
        raise PlanFileError(
            [
                f"the file is {len(raw) // 1024} kB; a plan file holds at most "
                f"{PLAN_FILE_MAX_BYTES // (1024 * 1024)} MB"
            ]
        )
    text = _decoded(raw)
    if not text.strip():
        raise PlanFileError(["the file is empty; it should hold one JSON object ({ … })"])
    _check_depth(text)
    repeated: list[str] = []
    try:
        document = json.loads(
            text,
            object_pairs_hook=_pairs_noting_repeats(repeated),
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
        )
    except _NotANumber as error:
        raise PlanFileError([str(error)]) from error
    except json.JSONDecodeError as error:
        raise PlanFileError(
            [f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"]
        ) from error
    except ValueError as error:  # Python refuses integers of more than 4300 digits
        raise PlanFileError(
            ["the file holds a number too long to read (thousands of digits)"]
        ) from error
    if not isinstance(document, dict):
        raise PlanFileError(
            [f"the file must hold one JSON object ({{ … }}), not {_describe(document)}"]
        )
    if repeated:
        raise PlanFileError(
            [f"the key '{key}' appears twice in one object; keep only one" for key in repeated]
        )
    return document


# Bounds of a plan file: the largest real plans are far inside them; hostile files are not.
PLAN_FILE_MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 10  # a plan file nests four levels deep
MAX_ENTRIES = {
    "channels": 200,
    "staff": 500,
    "assignments": 2000,
    "activities": 5000,
    "links": 2000,
}


class _NotANumber(ValueError):
    """A number JSON should not hold: NaN, Infinity, or one too large for a float."""


def _refuse_constant(name: str):
    raise _NotANumber(f"the file holds {name}, which is not a number a plan can use")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotANumber(f"the file holds the number {text}, which is too large to use")
    return value


def _check_depth(text: str) -> None:
    """Refuse objects and lists nested deeper than a plan file ever is, before parsing them
    (a deep enough nesting exhausts the parser's recursion)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, index) + 1
                raise PlanFileError(
                    [
                        f"line {line}: objects and lists are nested more than {MAX_DEPTH} "
                        "deep; a plan file is never nested like that"
                    ]
                )
        elif char in "]}":
            depth -= 1


def _decoded(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanFileError(
            [f"the file is not UTF-8 text (unreadable byte at position {error.start + 1})"]
        ) from error


def _pairs_noting_repeats(repeated: list[str]) -> Callable[[list], dict]:
    def pairs_to_dict(pairs: list) -> dict:
        seen: dict = {}
        for key, value in pairs:
            if key in seen:
                repeated.append(key)
            seen[key] = value
        return seen

    return pairs_to_dict


# Checks of single values: each returns a message, or None when the value is fine ------------

Check = Callable[[object], str | None]


def _describe(value: object) -> str:
    """A value as a message shows it: strings quoted, containers by their JSON kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _text(max_length: int | None = None, *, blank: bool = True) -> Check:
    def check(value):
        if not isinstance(value, str):
            return f"must be text, not {_describe(value)}"
        if not blank and not value.strip():
            return "must not be empty"
        if max_length is not None and len(value) > max_length:
            return f"is too long ({len(value)} characters; at most {max_length})"
        if "\x00" in value:
            return "holds a NUL character (\\u0000), which no text may contain"
        return None

    return check


def _slug(max_length: int) -> Check:
    def check(value):
        if not isinstance(value, str):
            return f"must be text, not {_describe(value)}"
        if not _SLUG.match(value):
            return (
                f"{_describe(value)} is not a valid key: use only letters, digits, "
                "hyphens and underscores, with no spaces"
            )
        if len(value) > max_length:
            return f"is too long ({len(value)} characters; at most {max_length})"
        return None

    return check


def _choice(values: Iterable[str], noun: str, *, blank: bool = False) -> Check:
    values = tuple(values)
    listing = ", ".join(values) + (", or empty" if blank else "")

    def check(value):
        if blank and value == "":
            return None
        if value not in values or not isinstance(value, str):
            return f"{_describe(value)} is not {noun} (one of {listing})"
        return None

    return check


def _amount(max_digits: int, decimal_places: int = 2) -> Check:
    """A decimal number ≥ 0 that fits a DecimalField(max_digits, decimal_places)."""
    limit = 10 ** (max_digits - decimal_places)

    def check(value):
        if not _is_number(value):
            return f"must be a number ≥ 0, not {_describe(value)}"
        amount = _as_decimal(value)
        if not amount.is_finite():
            return f"must be a number ≥ 0, not {_describe(value)}"
        if amount < 0:
            return f"must be a number ≥ 0, not {_describe(value)}"
        if amount >= limit:
            return f"must be below {limit}, not {_describe(value)}"
        if -amount.normalize().as_tuple().exponent > decimal_places:
            return f"may have at most {decimal_places} decimal places, not {_describe(value)}"
        return None

    return check


def _whole(value: object) -> str | None:
    """A whole number ≥ 0 that fits a PositiveIntegerField."""
    is_whole = _is_number(value) and _as_decimal(value).is_finite()
    is_whole = is_whole and _as_decimal(value) == _as_decimal(value).to_integral_value()
    if not is_whole or value < 0:
        return f"must be a whole number ≥ 0, not {_describe(value)}"
    if value > _MAX_WHOLE:
        return f"must be at most {_MAX_WHOLE}, not {_describe(value)}"
    return None


def _boolean(value: object) -> str | None:
    if not isinstance(value, bool):
        return f"must be true or false, not {_describe(value)}"
    return None


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be a date written as text (YYYY-MM-DD), not {_describe(value)}"
    try:
        if _ISO_DATE.match(value):
            date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return f"{_describe(value)} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-31"


def _timezone(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be a time zone name, not {_describe(value)}"
    if value not in zoneinfo.available_timezones():
        return f"{_describe(value)} is not a time zone; use an IANA name such as Europe/London"
    return None


def _email(value: object) -> str | None:
    problem = _text(254)(value)
    if problem or value == "":
        return problem
    try:
        validate_email(value)
    except ValidationError:
        return f"{_describe(value)} is not an email address"
    return None


def _duties(value: object) -> list[tuple[str, str]]:
    """Problems of a duty list as (sub-place, message) pairs; a duty listed twice is one."""
    if not isinstance(value, list):
        return [
            ("", f'must be a list of duties such as ["post", "respond"], not {_describe(value)}')
        ]
    is_duty = _choice(Duty.values, "a duty")
    problems, seen = [], set()
    for index, duty in enumerate(value):
        problem = is_duty(duty)
        if problem is None and duty in seen:
            problem = f"{_describe(duty)} is listed twice"
        if problem:
            problems.append((f"[{index}]", problem))
        seen.add(duty if isinstance(duty, str) else None)
    return problems


def _object(value: object) -> str | None:
    return None if isinstance(value, dict) else f"must be an object, not {_describe(value)}"


def _list(value: object) -> str | None:
    return None if isinstance(value, list) else f"must be a list, not {_describe(value)}"


def _anything(value: object) -> None:
    return None


def _as_decimal(value: int | float | Decimal) -> Decimal:
    # Through str() so that 0.1 is Decimal("0.1"), not the binary fraction's expansion.
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return Decimal("NaN")


# The fields of each part of the document ----------------------------------------------------


@dataclass(frozen=True)
class _Field:
    check: Check
    required: bool = False
    nullable: bool = False


_REFERENCE = _Field(_text(), required=True)
_OPTIONAL_REFERENCE = _Field(_text(), nullable=True)

TOP_FIELDS = {
    "format": _Field(_anything, required=True),
    "organization": _Field(_object, required=True),
    "plan": _Field(_object, required=True),
    "channels": _Field(_list, required=True),
    "staff": _Field(_list),
    "assignments": _Field(_list),
    "activities": _Field(_list),
    "links": _Field(_list),
    "thresholds": _Field(_anything),
}
ORGANIZATION_FIELDS = {
    "name": _Field(_text(200, blank=False), required=True),
    "slug": _Field(_slug(60), required=True),
    "timezone": _Field(_timezone),
}
PLAN_FIELDS = {
    "title": _Field(_text(200, blank=False), required=True),
    "period_start": _Field(_iso_date, required=True),
    "period_end": _Field(_iso_date, required=True),
    "objectives": _Field(_text(5000)),
}
CHANNEL_FIELDS = {
    "key": _Field(_slug(40), required=True),
    "platform": _Field(_choice(Platform.values, "a platform"), required=True),
    "handle": _Field(_text(200)),
    "name": _Field(_text(200, blank=False), required=True),
    "identity": _Field(_text(200)),
    "objective": _Field(_choice(Objective.values, "an objective", blank=True)),
    "audience": _Field(_text(300)),
    "presence": _Field(_choice(Presence.values, "a presence mode")),
    "follows": _Field(_whole, nullable=True),
    "active": _Field(_boolean),
    "response_target_hours": _Field(_whole, nullable=True),
}
assert tuple(CHANNEL_FIELDS) == CHANNEL_PLAN_FIELDS, "a channel field without its check"
STAFF_FIELDS = {
    "key": _Field(_slug(40), required=True),
    "name": _Field(_text(200, blank=False), required=True),
    "email": _Field(_email),
    "capacity_hours": _Field(_amount(5), required=True),
}
ASSIGNMENT_FIELDS = {
    "staff": _REFERENCE,
    "channel": _REFERENCE,
    "hours_per_week": _Field(_amount(5), required=True),
    "duties": _Field(_anything),  # checked item by item in _check_assignments
    "backup": _Field(_boolean),
}
ACTIVITY_FIELDS = {
    "channel": _REFERENCE,
    "kind": _Field(_choice(KIND_LABELS, "an activity kind"), required=True),
    "per_week": _Field(_amount(6), required=True),
    "minutes_each": _Field(_whole, required=True),
    "owner": _OPTIONAL_REFERENCE,
    "links_to": _OPTIONAL_REFERENCE,
    "notes": _Field(_text(500)),
}
LINK_FIELDS = {
    "from": _REFERENCE,
    "to": _REFERENCE,
    "how": _Field(_choice(LinkKind.values, "a kind of link"), required=True),
}


# Validation of the whole document -----------------------------------------------------------


def plan_document_errors(document: object) -> list[str]:
    """Every problem of a parsed plan file, one "place: message" each; empty when it is valid."""
    if not isinstance(document, dict):
        return [f"the file must hold one JSON object ({{ … }}), not {_describe(document)}"]
    errors: list[str] = []
    _check_fields(document, "", TOP_FIELDS, errors)
    _check_format(document, errors)
    _check_section(document, "organization", ORGANIZATION_FIELDS, errors)
    if _check_section(document, "plan", PLAN_FIELDS, errors):
        _check_period(document["plan"], errors)
    channels = _entries(document, "channels", CHANNEL_FIELDS, errors)
    channel_keys = _unique_keys(channels, errors)
    _check_presence(channels, errors)
    staff_keys = _unique_keys(_entries(document, "staff", STAFF_FIELDS, errors), errors)
    refs = _References(channels=channel_keys, staff=staff_keys)
    _check_assignments(_entries(document, "assignments", ASSIGNMENT_FIELDS, errors), refs, errors)
    _check_activities(_entries(document, "activities", ACTIVITY_FIELDS, errors), refs, errors)
    _check_links(_entries(document, "links", LINK_FIELDS, errors), refs, errors)
    if "thresholds" in document:
        errors.extend(threshold_override_errors(document["thresholds"], "thresholds"))
    return errors


def _check_fields(obj: dict, place: str, fields: dict[str, _Field], errors: list[str]) -> None:
    """Unknown keys, missing required keys, and each present value's own check."""

    def at(key: str) -> str:
        return f"{place}.{key}" if place else key

    allowed = ", ".join(fields)
    for key in obj:
        if key not in fields:
            errors.append(f"{at(key)}: not a known key here (the known ones are {allowed})")
    for key, field in fields.items():
        if key not in obj:
            if field.required:
                errors.append(f"{at(key)}: required, but missing")
            continue
        value = obj[key]
        if value is None and field.nullable:
            continue
        problem = field.check(value)
        if problem:
            errors.append(f"{at(key)}: {problem}")


def _check_format(document: dict, errors: list[str]) -> None:
    value = document.get("format", FORMAT)
    if type(value) is not int or value != FORMAT:
        errors.append(f"format: {_describe(value)} is not a format this version reads (only 1)")


def _check_section(document: dict, name: str, fields: dict, errors: list[str]) -> bool:
    """Checks an object-valued top-level section; False when it is missing or not an object."""
    section = document.get(name)
    if not isinstance(section, dict):
        return False
    _check_fields(section, name, fields, errors)
    return True


def _check_period(plan: dict, errors: list[str]) -> None:
    start, end = plan.get("period_start"), plan.get("period_end")
    if _iso_date(start) is None and _iso_date(end) is None and end < start:
        errors.append(f"plan.period_end: {end} is before period_start ({start})")


def _entries(document: dict, name: str, fields: dict, errors: list[str]) -> list[tuple[str, dict]]:
    """The objects of a list section as (place, entry), each checked on its own."""
    items = document.get(name, [])
    if not isinstance(items, list):
        return []
    if len(items) > MAX_ENTRIES.get(name, len(items)):
        errors.append(
            f"{name}: {len(items)} entries; a plan holds at most {MAX_ENTRIES[name]} {name}"
        )
        return []
    entries = []
    for index, entry in enumerate(items):
        place = f"{name}[{index}]"
        if not isinstance(entry, dict):
            errors.append(f"{place}: must be an object, not {_describe(entry)}")
            continue
        _check_fields(entry, place, fields, errors)
        entries.append((place, entry))
    return entries


def _unique_keys(entries: list[tuple[str, dict]], errors: list[str]) -> list[str]:
    """The keys declared, in file order; a key declared twice is an error at its second place."""
    first_place: dict[str, str] = {}
    for place, entry in entries:
        key = entry.get("key")
        if not isinstance(key, str):
            continue
        if key in first_place:
            errors.append(f"{place}.key: '{key}' is already the key of {first_place[key]}")
        else:
            first_place[key] = place
    return list(first_place)


def _check_presence(channels: list[tuple[str, dict]], errors: list[str]) -> None:
    for place, channel in channels:
        platform = channel.get("platform")
        if "presence" in channel and platform in Platform.values and not is_community(platform):
            errors.append(
                f"{place}.presence: only community pages (facebook, linkedin) have a presence "
                f"mode; leave it out for {platform}"
            )


@dataclass(frozen=True)
class _References:
    channels: list[str]
    staff: list[str]

    def problem(self, value: object, kind: str) -> str | None:
        """Why `value` does not name a channel/staff key of the file; None when it does."""
        keys = self.channels if kind == "channel" else self.staff
        if not isinstance(value, str) or value in keys:
            return None  # a non-text value was already reported by its field check
        declared = f"({', '.join(keys)})" if keys else "(there are none)"
        return f"'{value}' is not one of the file's {kind} keys {declared}"


def _check_references(
    place: str, entry: dict, kinds: dict[str, str], refs: _References, errors: list[str]
) -> None:
    for field, kind in kinds.items():
        problem = refs.problem(entry.get(field), kind)
        if problem:
            errors.append(f"{place}.{field}: {problem}")


def _check_assignments(entries, refs: _References, errors: list[str]) -> None:
    first_place: dict[tuple, str] = {}
    for place, entry in entries:
        _check_references(place, entry, {"staff": "staff", "channel": "channel"}, refs, errors)
        if "duties" in entry:
            for sub_place, problem in _duties(entry["duties"]):
                errors.append(f"{place}.duties{sub_place}: {problem}")
        pair = (entry.get("staff"), entry.get("channel"))
        if not all(isinstance(key, str) for key in pair):
            continue
        if pair in first_place:
            errors.append(
                f"{place}: '{pair[0]}' is already assigned to '{pair[1]}' in "
                f"{first_place[pair]}; give one assignment per person and channel"
            )
        else:
            first_place[pair] = place


def _check_activities(entries, refs: _References, errors: list[str]) -> None:
    kinds = {"channel": "channel", "owner": "staff", "links_to": "channel"}
    for place, entry in entries:
        _check_references(place, entry, kinds, refs, errors)
        channel, target = entry.get("channel"), entry.get("links_to")
        if isinstance(target, str) and target == channel:
            errors.append(
                f"{place}.links_to: '{target}' is the activity's own channel; name another "
                "channel the posts point to, or leave links_to out"
            )


def _check_links(entries, refs: _References, errors: list[str]) -> None:
    first_place: dict[tuple, str] = {}
    for place, entry in entries:
        _check_references(place, entry, {"from": "channel", "to": "channel"}, refs, errors)
        source, target = entry.get("from"), entry.get("to")
        if isinstance(source, str) and source == target:
            errors.append(
                f"{place}.to: a link joins two different channels, not '{target}' to itself"
            )
        link = (source, target, entry.get("how"))
        if not all(isinstance(part, str) for part in link):
            continue
        if link in first_place:
            errors.append(f"{place}: repeats {first_place[link]} ({source} → {target}, {link[2]})")
        else:
            first_place[link] = place


# The normal form ----------------------------------------------------------------------------


def json_number(value: int | float | Decimal) -> int | float:
    """A number as the file writes it: an int when integral (3.00 → 3), else a float (0.25)."""
    amount = _as_decimal(value)
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def plan_document_normalized(document: dict) -> dict:
    """The canonical form of a valid document (or of the export's raw data).

    Defaults are filled in and optional keys left out when empty or default, so two documents
    that mean the same plan compare equal key for key. Besides what a file holds, this accepts
    the empty values a database row has (None, "", Decimal, date) for the optional fields.
    """
    organization = document["organization"]
    plan = document["plan"]
    normal = {
        "format": FORMAT,
        "organization": {
            "name": organization["name"],
            "slug": organization["slug"],
            "timezone": organization.get("timezone") or "UTC",
        },
        "plan": {
            "title": plan["title"],
            "period_start": _date_text(plan["period_start"]),
            "period_end": _date_text(plan["period_end"]),
            "objectives": plan.get("objectives") or "",
        },
        "channels": [_channel_normalized(c) for c in document.get("channels", [])],
        "staff": [_staff_normalized(s) for s in document.get("staff", [])],
        "assignments": [_assignment_normalized(a) for a in document.get("assignments", [])],
        "activities": [_activity_normalized(a) for a in document.get("activities", [])],
        "links": [
            {"from": k["from"], "to": k["to"], "how": k["how"]} for k in document.get("links", [])
        ],
    }
    thresholds = document.get("thresholds") or {}
    if thresholds:
        normal["thresholds"] = {name: json_number(value) for name, value in thresholds.items()}
    return normal


def _date_text(value: str | date) -> str:
    return (value if isinstance(value, date) else date.fromisoformat(value)).isoformat()


def _channel_normalized(channel: dict) -> dict:
    normal = {
        "key": channel["key"],
        "platform": channel["platform"],
        "handle": channel.get("handle") or "",
        "name": channel["name"],
        "identity": channel.get("identity") or "",
        "objective": channel.get("objective") or "",
        "audience": channel.get("audience") or "",
    }
    if is_community(channel["platform"]):
        normal["presence"] = channel.get("presence") or Presence.PRESENCE.value
    if channel.get("follows") is not None:
        normal["follows"] = int(channel["follows"])
    if channel.get("active", True) is False:
        normal["active"] = False
    if channel.get("response_target_hours") is not None:
        normal["response_target_hours"] = int(channel["response_target_hours"])
    return normal


def _staff_normalized(staff: dict) -> dict:
    return {
        "key": staff["key"],
        "name": staff["name"],
        "email": staff.get("email") or "",
        "capacity_hours": json_number(staff["capacity_hours"]),
    }


def _assignment_normalized(assignment: dict) -> dict:
    duties = set(assignment.get("duties") or [])
    return {
        "staff": assignment["staff"],
        "channel": assignment["channel"],
        "hours_per_week": json_number(assignment["hours_per_week"]),
        "duties": [duty for duty in Duty.values if duty in duties],
        "backup": bool(assignment.get("backup", False)),
    }


def _activity_normalized(activity: dict) -> dict:
    normal = {
        "channel": activity["channel"],
        "kind": activity["kind"],
        "per_week": json_number(activity["per_week"]),
        "minutes_each": int(activity["minutes_each"]),
    }
    for optional in ("owner", "links_to", "notes"):
        if activity.get(optional):
            normal[optional] = activity[optional]
    return normal


def plan_document_comparable(document: dict) -> dict:
    """A normalized document with its lists in a fixed order, where file order means nothing.

    Channels and staff sort by key, assignments by (staff, channel), activities and links by
    their whole content, so two files listing the same plan in another order compare equal.
    """
    comparable = dict(document)
    comparable["channels"] = sorted(document["channels"], key=lambda c: c["key"])
    comparable["staff"] = sorted(document["staff"], key=lambda s: s["key"])
    comparable["assignments"] = sorted(
        document["assignments"], key=lambda a: (a["staff"], a["channel"])
    )
    for name in ("activities", "links"):
        comparable[name] = sorted(document[name], key=lambda e: json.dumps(e, sort_keys=True))
    return comparable
