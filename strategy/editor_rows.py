"""The plan editor's rows as plain values, and their HTML.

A plan has hundreds or thousands of rows. Building a Django form per row and rendering every
row's drop-downs through templates made the page grow with activities × channels (each row's
"Points to" listed every channel). Here a row is a few strings written straight to HTML:

- an *editable* row holds its inputs. Each of its drop-downs carries only the option it has
  selected (marked `data-choices`): the page's script copies the full list from the row
  <template>, rendered once per page. Posting the row unchanged sends the same values.
  A section opened with `?edit=<section id>` (how to change a drop-down without JavaScript)
  lists every option in its rows instead.
- a *text* row (in a collapsed section of a large plan) shows its values as text and posts only
  its id; the editor reads the row's other fields from the stored row (`PlanEditor`). The script
  turns it into an editable row, from the same <template>, when its section is opened.

Every row posts the field names of the formsets in `strategy.forms`, which validate every POST.
"""

import html
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# The one way numbers are written for people (10, not 10.00 nor 1E+1): the rows' values and
# the editor's forms (strategy.forms) take it from here.
from outreach.numbers import plain_number as plain_number
from outreach.platforms import channel_labels

from .activity_kinds import kind_choices
from .models import LinkKind, PlannedActivity

ACTIVITY_COLUMNS = (
    ("kind", "Activity"),
    ("per_week", "Times a week"),
    ("minutes_each", "Minutes each"),
    ("owner", "Owner"),
    ("links_to", "Points to"),
    ("notes", "Notes"),
)
LINK_COLUMNS = (("from_channel", "From"), ("to_channel", "To"), ("how", "How"))
# Attributes of the activity row's typed inputs (the others are drop-downs).
ACTIVITY_INPUTS = {
    "per_week": ("number", ' step="0.05" min="0" inputmode="decimal"'),
    "minutes_each": ("number", ' min="0" inputmode="numeric"'),
    "notes": ("text", ' maxlength="500"'),
}


def channel_label(channel, label: str = "") -> str:
    """A channel as a drop-down lists it: its label among the organization's channels (`label`,
    from outreach.platforms.channel_labels; its name when not given), marked when inactive."""
    return f"{label or channel}{'' if channel.active else ' (inactive)'}"


class Choices:
    """The options of one drop-down: (value, label) pairs in order, and the empty choice.
    `retired` options (an inactive channel) still have their label but are listed only in a
    drop-down that already holds one: nobody picks them anew, and a row pointing at one keeps it."""

    def __init__(self, empty_label: str, options, retired=()):
        self.empty_label = empty_label
        self.options = [(str(value), label) for value, label in options]
        self.retired = {str(value): label for value, label in retired}
        self._labels = {"": empty_label, **dict(self.options), **self.retired}
        self._lists: dict[str, str] = {}

    def label(self, value: str) -> str:
        """The label of `value`; a value that is not among the options (a forged one sent
        back with its error) shows as itself."""
        return self._labels.get(value, value)

    def options_html(self, value: str) -> str:
        """Every option, `value` selected: escaped once per page and value (blank rows)."""
        if value not in self._lists:
            kept = [(value, self.retired[value])] if value in self.retired else []
            self._lists[value] = "".join(
                f'<option value="{_e(v)}"{" selected" if v == value else ""}>{_e(text)}</option>'
                for v, text in [("", self.empty_label), *self.options, *kept]
            )
        return self._lists[value]


def editor_choices(*, channels, people) -> dict[str, Choices]:
    """Every drop-down's options by field name, from the objects the editor loaded."""
    labels = channel_labels(channels)
    active = [(c.pk, channel_label(c, labels[c.key])) for c in channels if c.active]
    inactive = [(c.pk, channel_label(c, labels[c.key])) for c in channels if not c.active]
    return {
        "kind": Choices("Choose…", PlannedActivity.Kind.choices),
        "owner": Choices("—", [(p.pk, p.name) for p in people]),
        "links_to": Choices("—", active, retired=inactive),
        "from_channel": Choices("Choose…", active, retired=inactive),
        "to_channel": Choices("Choose…", active, retired=inactive),
        "how": Choices("Choose…", LinkKind.choices),
    }


def platform_choices(choices: dict[str, Choices], platform: str) -> dict[str, Choices]:
    """`choices` with the activity kinds in the words of `platform`'s network ("Boost" on
    Mastodon): one list per platform present, shared by its channels' sections."""
    return {**choices, "kind": Choices("Choose…", kind_choices(platform))}


@dataclass
class Row:
    """One row of a formset as the page shows it: `values`, the strings posted (or stored) by
    field name; `errors`, the messages by field name ("" for the row as a whole)."""

    prefix: str  # "act-12", "link-0", "act-__prefix__"
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    is_new: bool = False
    delete: bool = False
    changed: bool = False  # posted with a change
    channel_id: int | None = None  # the section an activity row shows in

    @property
    def has_errors(self) -> bool:
        return any(self.errors.values())


# The rows are written with f-strings, every value through _e (html.escape, quotes included):
# a thousand rows through format_html took a third of the page's time. Each function returns
# its HTML marked safe once, at the end.


def _e(value) -> str:
    return html.escape(str(value))


INVALID = ' aria-invalid="true"'


def _select(name, label, value, choices: Choices, *, every: bool, invalid: bool) -> str:
    if every:
        options = choices.options_html(value)
    else:
        options = f'<option value="{_e(value)}" selected>{_e(choices.label(value))}</option>'
    return (
        f'<select name="{_e(name)}" aria-label="{label}"'
        f"{INVALID if invalid else ''}{'' if every else ' data-choices'}>{options}</select>"
    )


def _input(name, label, value, kind: str, attrs: str, *, invalid: bool) -> str:
    shown = f' value="{_e(value)}"' if value != "" else ""
    return (
        f'<input type="{kind}" name="{_e(name)}"{shown} aria-label="{label}"'
        f"{INVALID if invalid else ''}{attrs}>"
    )


def _hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{_e(name)}" value="{_e(value)}">'


def _cell(control: str, messages) -> str:
    if not messages:
        return f"<td>{control}</td>"
    items = "".join(f"<li>{_e(message)}</li>" for message in messages)
    return f'<td>{control}<ul class="errorlist">{items}</ul></td>'


def _row(row: Row, cells: list[str], columns: int) -> SafeString:
    messages = row.errors.get("", [])
    above = (
        f'<tr class="row-errors"><td colspan="{columns + 1}"><div class="form-error row__errors" '
        f'role="alert">{_e(" ".join(messages))}</div></td></tr>'
        if messages
        else ""
    )
    return mark_safe(  # noqa: S308 - every value in it went through _e
        f'{above}<tr class="row{" row--error" if row.has_errors else ""}" data-row>'
        f'{"".join(cells)}<td><input type="checkbox" name="{_e(row.prefix)}-DELETE" '
        f'aria-label="Remove"{" checked" if row.delete else ""}></td></tr>\n'
    )


def activity_row(row: Row, choices: dict[str, Choices], *, every: bool = False) -> SafeString:
    """An editable activity row. `every`: its drop-downs list every option. A new row always
    lists every kind, so that a plan can be filled in without JavaScript."""
    hidden = _hidden(f"{row.prefix}-id", row.values.get("id", ""))
    if row.is_new:  # a saved row's channel is its section's, read from the stored row
        hidden += _hidden(f"{row.prefix}-channel", row.values.get("channel", ""))
    cells = []
    for name, label in ACTIVITY_COLUMNS:
        value, messages = row.values.get(name) or "", row.errors.get(name)
        if name in ACTIVITY_INPUTS:
            kind, attrs = ACTIVITY_INPUTS[name]
            control = _input(
                f"{row.prefix}-{name}", label, value, kind, attrs, invalid=bool(messages)
            )
        else:
            control = _select(
                f"{row.prefix}-{name}",
                label,
                value,
                choices[name],
                every=every or (row.is_new and name == "kind"),
                invalid=bool(messages),
            )
        if name == "kind":  # a <tr> holds nothing but cells: the hidden inputs go in the first
            control = hidden + control
        cells.append(_cell(control, messages))
    return _row(row, cells, len(ACTIVITY_COLUMNS))


def activity_text_row(row: Row, choices: dict[str, Choices]) -> SafeString:
    """A saved activity shown as text, posting its id alone. The cells line up with the
    editable row's; a drop-down's cell carries its value in `data-value`, for the script."""
    values = row.values
    kind, owner, links_to = (values.get(name) or "" for name in ("kind", "owner", "links_to"))
    return mark_safe(  # noqa: S308 - every value in it went through _e
        f'<tr data-row="text"><td data-value="{_e(kind)}">'
        f"{_hidden(f'{row.prefix}-id', values.get('id', ''))}{_e(choices['kind'].label(kind))}"
        f"</td><td>{_e(values.get('per_week') or '')}</td>"
        f"<td>{_e(values.get('minutes_each') or '')}</td>"
        f'<td data-value="{_e(owner)}">{_e(choices["owner"].label(owner))}</td>'
        f'<td data-value="{_e(links_to)}">{_e(choices["links_to"].label(links_to))}</td>'
        f"<td>{_e(values.get('notes') or '')}</td><td></td></tr>\n"
    )


def link_row(row: Row, choices: dict[str, Choices], *, every: bool = False) -> SafeString:
    """An editable link row. A new row lists every channel; "how" always lists its three."""
    cells = []
    for name, label in LINK_COLUMNS:
        value, messages = row.values.get(name) or "", row.errors.get(name)
        control = _select(
            f"{row.prefix}-{name}",
            label,
            value,
            choices[name],
            every=every or row.is_new or name == "how",
            invalid=bool(messages),
        )
        if name == "from_channel":
            control = _hidden(f"{row.prefix}-id", row.values.get("id", "")) + control
        cells.append(_cell(control, messages))
    return _row(row, cells, len(LINK_COLUMNS))


def joined(parts) -> SafeString:
    """Rows (safe HTML) one after the other."""
    return format_html_join("", "{}", ((part,) for part in parts))


def column_heads(columns) -> SafeString:
    return format_html(
        '<thead><tr>{}<th scope="col">Remove</th></tr></thead>',
        format_html_join("", '<th scope="col">{}</th>', ((label,) for _, label in columns)),
    )


@dataclass
class EditorSection:
    """One channel's part of the editor: its rows, open or collapsed, and the audit's figures.
    A collapsed section shows its saved rows as text; `every`: its drop-downs list every option
    (`?edit=channel-<key>`, for a browser without JavaScript)."""

    channel: object
    rows: list[Row]
    review: object
    is_open: bool
    every: bool
    choices: dict[str, Choices]
    figures_html: SafeString = SafeString("")  # the audit's figures beside it (figures_render)

    @property
    def html_id(self) -> str:
        return f"channel-{self.channel.key}"

    @property
    def saved_count(self) -> int:
        return sum(not row.is_new for row in self.rows)

    @cached_property
    def rows_html(self) -> SafeString:
        return joined(
            activity_row(row, self.choices, every=self.every)
            if self.is_open or row.is_new
            else activity_text_row(row, self.choices)
            for row in self.rows
        )


FIGURES_TIMEOUT = 600  # as long as the review they are drawn from may be kept


def figures_render(sections: list[EditorSection], review) -> None:
    """Draw each section's panel of the audit's figures. For the stored plan's review (it has a
    cache key) the panels are kept in the cache beside it: they are a function of the review
    and of the channels, and both are in its key."""
    key = f"{review.cache_key}:figures:v3" if getattr(review, "cache_key", "") else ""
    panels = cache.get(key) if key else None
    if panels is None:
        thresholds = review.thresholds if review else None
        panels = {
            s.channel.key: render_to_string(
                "strategy/_figures.html",
                {"channel": s.channel, "r": s.review, "thresholds": thresholds},
            )
            for s in sections
        }
        if key:
            cache.set(key, panels, FIGURES_TIMEOUT)
    for section in sections:
        section.figures_html = mark_safe(panels[section.channel.key])  # noqa: S308 (our render)


def rows_render(sections: list[EditorSection], editor, review) -> tuple[SafeString, dict]:
    """The sections' rows (set on each), the link rows and the row templates. For the stored
    plan as it stands (a GET: no posted rows) they are kept in the cache beside its review: they
    are drawn from the plan's rows and the organization's channels and people, which its key
    covers. Posted rows (errors, a preview, a stale save) are always drawn afresh."""
    key = ""
    if editor.activities is None and getattr(review, "cache_key", ""):
        key = f"{review.cache_key}:rows:{editor.edit}:v1"
    drawn = cache.get(key) if key else None
    if drawn is None:
        drawn = {
            "rows": {s.channel.key: s.rows_html for s in sections},
            "links": editor.links_html(),
            "templates": editor.row_templates(),
        }
        if key:
            cache.set(key, drawn, FIGURES_TIMEOUT)
    for section in sections:
        section.rows_html = drawn["rows"][section.channel.key]
    return drawn["links"], drawn["templates"]
