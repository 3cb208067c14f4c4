"""Forms of the plan page, and the editor that holds them over one plan. Choices of channels
and people come from objects loaded for the member's organization (OwnObjectChoiceField):
nothing else can be chosen or forged."""

from functools import cached_property

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from outreach.forms import (
    OwnObjectChoiceField,
    QuickCheckboxInput,
    QuickHiddenInput,
    QuickNumberInput,
    QuickSelect,
    QuickTextInput,
)

from .editor_rows import (
    ACTIVITY_COLUMNS,
    LINK_COLUMNS,
    EditorSection,
    Row,
    activity_row,
    channel_label,
    column_heads,
    editor_choices,
    joined,
    link_row,
    plain_number,
    platform_choices,
)
from .models import ChannelLink, PlannedActivity, StrategyPlan
from .planfile import MAX_ENTRIES
from .selectors import plan_editor_objects, plan_editor_rows
from .services import RowChanges, plan_edit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type=date> reads


class PlanStartForm(forms.ModelForm):
    class Meta:
        model = StrategyPlan
        fields = ["title", "period_start", "period_end", "objectives"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "objectives": "What the outreach should achieve, decided before anything is posted.",
        }


class PlanHeaderForm(PlanStartForm):
    # The version the person loaded: a save based on an older one is refused (stale save).
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(PlanStartForm.Meta):
        pass


class ActivityForm(forms.ModelForm):
    # Validates a posted row; the page writes the rows itself (strategy.editor_rows), from
    # plain values on a GET and from these forms' data when a POST comes back.
    channel = OwnObjectChoiceField(widget=QuickHiddenInput, label_of=channel_label)
    owner = OwnObjectChoiceField(required=False, label="Owner")
    links_to = OwnObjectChoiceField(required=False, label="Points to", label_of=channel_label)

    class Meta:
        model = PlannedActivity
        fields = ["channel", "kind", "per_week", "minutes_each", "owner", "links_to", "notes"]
        labels = {"kind": "Activity", "per_week": "Times a week", "minutes_each": "Minutes each"}
        widgets = {
            "id": QuickHiddenInput,
            "kind": QuickSelect,
            "per_week": QuickNumberInput(
                attrs={"step": "0.05", "min": "0", "inputmode": "decimal"}
            ),
            "minutes_each": QuickNumberInput(attrs={"min": "0", "inputmode": "numeric"}),
            "notes": QuickTextInput,
        }
        help_texts = {"per_week": ""}

    def __init__(self, *args, channels=(), people=(), **kwargs):
        # per_week's input writes the stored 1.00 as 1 itself (QuickNumberInput): a normalized
        # initial value showed 10 as 1E+1.
        super().__init__(*args, **kwargs)
        self.fields["channel"].set_objects(channels)
        self.fields["links_to"].set_objects(channels)
        self.fields["owner"].set_objects(people)

    def has_changed(self):
        # A new row comes with its channel set (the section it was added in); it is filled in,
        # and so validated and saved, only once something else is typed into it.
        if self.instance.pk is None:
            return any(name != "channel" for name in self.changed_data)
        return super().has_changed()

    def clean(self):
        cleaned = super().clean()
        channel, links_to = cleaned.get("channel"), cleaned.get("links_to")
        if channel and links_to and channel == links_to:
            self.add_error("links_to", "Posts on a channel point to another channel.")
        return cleaned


class LinkForm(forms.ModelForm):
    from_channel = OwnObjectChoiceField(label="From", label_of=channel_label)
    to_channel = OwnObjectChoiceField(label="To", label_of=channel_label)

    class Meta:
        model = ChannelLink
        fields = ["from_channel", "to_channel", "how"]
        labels = {"how": "How"}
        widgets = {"id": QuickHiddenInput, "how": QuickSelect}

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_channel"].set_objects(channels)
        self.fields["to_channel"].set_objects(channels)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_channel") and cleaned.get("from_channel") == cleaned.get("to_channel"):
            self.add_error("to_channel", "A link joins two different channels.")
        return cleaned


class PlanRowFormSet(BaseModelFormSet):
    """Rows of one plan. A row id must be one of this plan's own rows: Django would accept any
    row's id and then quietly drop the row; here a forged id is a visible error instead."""

    deletion_widget = QuickCheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        id_field = form.fields[self.model._meta.pk.name]
        id_field.queryset = self.get_queryset()
        id_field.error_messages["invalid_choice"] = (
            "Select a valid choice: this row is not part of this plan. Reload the page."
        )

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = self.duplicate_key(form.cleaned_data)
            if key is None:
                continue
            if key in seen:
                form.add_error(None, self.duplicate_message)
            seen.add(key)

    def duplicate_key(self, data):
        return None


class LinkFormSet(PlanRowFormSet):
    duplicate_message = "This link is listed twice."

    def duplicate_key(self, data):
        return (data.get("from_channel"), data.get("to_channel"), data.get("how"))


# The most rows a formset takes: a plan file's bounds (strategy.planfile), plus one blank row
# per channel. Django's default (at most 2,000 forms, or the save is refused) is below them.
MAX_ACTIVITY_ROWS = MAX_ENTRIES["activities"] + MAX_ENTRIES["channels"]
MAX_LINK_ROWS = MAX_ENTRIES["links"] + 1


def activity_formset(*, extra_channels):
    """A formset of the plan's activities with one blank row for each channel in
    `extra_channels` (filled in, it becomes a new activity on that channel)."""
    return modelformset_factory(
        PlannedActivity,
        form=ActivityForm,
        formset=PlanRowFormSet,
        extra=len(extra_channels),
        can_delete=True,
        max_num=MAX_ACTIVITY_ROWS,
        absolute_max=MAX_ACTIVITY_ROWS,
    )


def link_formset():
    return modelformset_factory(
        ChannelLink,
        form=LinkForm,
        formset=LinkFormSet,
        extra=1,
        can_delete=True,
        max_num=MAX_LINK_ROWS,
        absolute_max=MAX_LINK_ROWS,
    )


# A plan with more activities than this opens with every channel collapsed (its rows as text
# until opened, see strategy.editor_rows); a smaller plan opens whole. A section with an error
# or a change the person made opens whatever the size, so that nothing they typed is hidden.
OPEN_ALL_UP_TO = 200

ACTIVITY_FIELDS = ("channel", "kind", "per_week", "minutes_each", "owner", "links_to", "notes")
LINK_FIELDS = ("from_channel", "to_channel", "how")
# Fields of a row that have no input of their own: their errors show above the row.
ROW_HIDDEN_FIELDS = ("id", "channel")


def _as_text(value) -> str:
    return "" if value is None else plain_number(value)


def _stored_text(values: dict, names) -> dict[str, str]:
    """A stored row's values (from `plan_editor_rows`) as the strings its inputs hold."""
    return {name: _as_text(values.get(f"{name}_id", values.get(name))) for name in names}


def _keep_stored_values(data, prefix: str, queryset, names, limit: int) -> None:
    """Fill in, from the stored row, each field that a saved row of the POST leaves out.

    Decision (docs/plan-editor.md): every row is posted, but a row of a collapsed section posts
    its id alone; its other fields are the stored ones. The stale-save check is untouched (the
    plan's version covers every row), and a refused stale save shows the person's own edits
    beside the rows they never opened as they now stand, so saving again does not undo someone
    else's change to a row the person never touched."""
    try:
        initial = min(int(data.get(f"{prefix}-INITIAL_FORMS", 0)), limit)
    except (TypeError, ValueError):
        return  # the management form's own validation says what is wrong
    stored = None
    for index in range(initial):
        row = f"{prefix}-{index}"
        missing = [name for name in names if f"{row}-{name}" not in data]
        pk = data.get(f"{row}-id")
        if not missing or not pk:
            continue
        if stored is None:  # the formset's own queryset: it is evaluated once, for both
            stored = {str(obj.pk): obj for obj in queryset}
        obj = stored.get(pk)
        if obj is None:
            continue  # not one of this plan's rows: the formset says so
        for name in missing:
            data[f"{row}-{name}"] = _as_text(getattr(obj, obj._meta.get_field(name).attname))


def _bound_row(form, names, *, is_new: bool) -> Row:
    """A bound form's row as the page shows it again: what was posted, and the errors."""
    values = {name: form.data.get(form.add_prefix(name), "") for name in ("id", *names)}
    # Errors of a field with an input of its own show in its cell; the rest above the row.
    shown = {name for name in names if name not in ROW_HIDDEN_FIELDS}
    errors = {"": []}
    for name, messages in form.errors.items():
        errors.setdefault(name if name in shown else "", []).extend(messages)
    delete = "DELETE" in form.fields and form.fields["DELETE"].widget.value_from_datadict(
        form.data, form.files, form.add_prefix("DELETE")
    )
    return Row(
        prefix=form.prefix,
        values=values,
        errors=errors,
        is_new=is_new,
        delete=bool(delete),
        changed=form.has_changed(),
    )


class PlanEditor:
    """The editor over one plan: the plan's own fields, its activity rows by channel, its links.

    Unbound (a GET), the rows come from plain values (`plan_editor_rows`) and no form is built
    per row. Bound to a POST, formsets validate every row as before; a saved row's field the
    POST leaves out keeps its stored value (`_keep_stored_values`). `edit` names the section
    ("channel-<key>" or "links") whose drop-downs list every option, for a browser without
    JavaScript."""

    def __init__(self, *, organization, plan, data=None, edit: str = ""):
        self.plan = plan
        self.edit = edit or ""
        objects = plan_editor_objects(organization=organization, plan=plan)
        self.channels = objects["channels"]
        self.choices = editor_choices(channels=self.channels, people=objects["people"])
        self._platform_choices: dict[str, dict] = {}
        self._active = active = [c for c in self.channels if c.active]
        self.header = PlanHeaderForm(
            data, instance=plan, prefix="plan", initial={"version": plan.version}
        )
        self.activities = self.links = None
        if data is None:
            self._stored = plan_editor_rows(plan=plan)
            return
        data = data.copy()
        _keep_stored_values(
            data, "act", objects["activities"], ACTIVITY_FIELDS, limit=MAX_ACTIVITY_ROWS
        )
        _keep_stored_values(data, "link", objects["links"], LINK_FIELDS, limit=MAX_LINK_ROWS)
        self.activities = activity_formset(extra_channels=active)(
            data,
            queryset=objects["activities"],
            prefix="act",
            initial=[{"channel": c.pk} for c in active],
            form_kwargs={"channels": self.channels, "people": objects["people"]},
        )
        self.links = link_formset()(
            data, queryset=objects["links"], prefix="link", form_kwargs={"channels": self.channels}
        )

    def is_valid(self) -> bool:
        return all([self.header.is_valid(), self.activities.is_valid(), self.links.is_valid()])

    @staticmethod
    def _changes(formset) -> RowChanges:
        saved = formset.save(commit=False)
        return RowChanges(
            saved=saved, deleted=list(formset.deleted_objects), added_count=len(formset.new_objects)
        )

    def save(self, user):
        fields = {name: self.header.cleaned_data[name] for name in PlanStartForm.Meta.fields}
        return plan_edit(
            plan=self.plan,
            expected_version=self.header.cleaned_data["version"],
            user=user,
            plan_fields=fields,
            activities=self._changes(self.activities),
            links=self._changes(self.links),
        )

    def unsaved_rows(self):
        """The rows as the form has them now (valid forms only), for a preview."""

        def kept(formset):
            return [
                form.instance
                for form in formset.forms
                if (form.has_changed() or form.instance.pk) and not form.cleaned_data.get("DELETE")
            ]

        return kept(self.activities), kept(self.links)

    # What the page shows.

    def management_html(self) -> SafeString:
        """The formsets' hidden counts, written in Python: through Django's form templates they
        were a noticeable part of every render of the page."""
        return format_html_join(
            "",
            '<input type="hidden" name="{}" value="{}" id="{}">',
            (
                (field.html_name, "" if field.value() is None else field.value(), field.auto_id)
                for form in self.management_forms()
                for field in form
            ),
        )

    def management_forms(self):
        if self.activities is not None:
            return [self.activities.management_form, self.links.management_form]
        saved = len(self._stored["activities"]), len(self._stored["links"])
        return [
            ManagementForm(
                auto_id="id_%s",
                prefix=prefix,
                initial={
                    TOTAL_FORM_COUNT: count + extra,
                    INITIAL_FORM_COUNT: count,
                    MIN_NUM_FORM_COUNT: 0,
                    MAX_NUM_FORM_COUNT: limit,
                },
            )
            for prefix, count, extra, limit in [
                ("act", saved[0], len(self._active), MAX_ACTIVITY_ROWS),
                ("link", saved[1], 1, MAX_LINK_ROWS),
            ]
        ]

    def non_form_errors(self) -> list[str]:
        if self.activities is None:
            return []
        return [*self.activities.non_form_errors(), *self.links.non_form_errors()]

    @cached_property
    def activity_rows(self) -> list[Row]:
        """Every activity row, saved ones first, then the blank one of each active channel."""
        if self.activities is None:
            stored = self._stored["activities"]
            rows = [
                Row(
                    prefix=f"act-{index}",
                    values={"id": str(values["id"]), **_stored_text(values, ACTIVITY_FIELDS)},
                    channel_id=values["channel_id"],
                )
                for index, values in enumerate(stored)
            ]
            return rows + [
                Row(
                    prefix=f"act-{len(stored) + index}",
                    values={"channel": str(channel.pk)},
                    is_new=True,
                    channel_id=channel.pk,
                )
                for index, channel in enumerate(self._active)
            ]
        known = {channel.pk for channel in self.channels}
        initial = self.activities.initial_form_count()
        rows = []
        for index, form in enumerate(self.activities.forms):
            row = _bound_row(form, ACTIVITY_FIELDS, is_new=index >= initial)
            # A row stays in the section it was shown in; a posted channel that is not one of
            # the organization's (forged) leaves it there, with its error visible.
            row.channel_id = form.instance.channel_id or form.initial.get("channel")
            posted = row.values["channel"]
            if posted.isdigit() and int(posted) in known:
                row.channel_id = int(posted)
            rows.append(row)
        return rows

    @cached_property
    def link_rows(self) -> list[Row]:
        if self.links is None:
            stored = self._stored["links"]
            rows = [
                Row(
                    prefix=f"link-{index}",
                    values={"id": str(values["id"]), **_stored_text(values, LINK_FIELDS)},
                )
                for index, values in enumerate(stored)
            ]
            return rows + [Row(prefix=f"link-{len(stored)}", values={}, is_new=True)]
        initial = self.links.initial_form_count()
        return [
            _bound_row(form, LINK_FIELDS, is_new=index >= initial)
            for index, form in enumerate(self.links.forms)
        ]

    @cached_property
    def is_large(self) -> bool:
        return sum(not row.is_new for row in self.activity_rows) > OPEN_ALL_UP_TO

    activity_heads = column_heads(ACTIVITY_COLUMNS)
    link_heads = column_heads(LINK_COLUMNS)

    def links_html(self) -> SafeString:
        every = self.edit == "links"
        return joined(link_row(row, self.choices, every=every) for row in self.link_rows)

    def choices_for(self, platform: str) -> dict:
        """The drop-downs of a channel's section: its kinds in its network's words."""
        if platform not in self._platform_choices:
            self._platform_choices[platform] = platform_choices(self.choices, platform)
        return self._platform_choices[platform]

    def row_templates(self) -> dict:
        """The rows the script clones to add a row or to edit a text row: every option listed,
        once per page; and the kinds' drop-down once per platform present ("kinds"), which the
        script puts in the rows of that platform's sections."""
        return {
            "act": activity_row(
                Row(prefix="act-__prefix__", values={}, is_new=True), self.choices, every=True
            ),
            "link": link_row(
                Row(prefix="link-__prefix__", values={}, is_new=True), self.choices, every=True
            ),
            "kinds": {
                platform: mark_safe(  # noqa: S308 - options_html escapes every value
                    f'<select name="act-__prefix__-kind" aria-label="Activity">'
                    f"{self.choices_for(platform)['kind'].options_html('')}</select>"
                )
                for platform in sorted({c.platform for c in self.channels})
            },
        }

    def sections(self, review) -> list[EditorSection]:
        """One section per channel: its activity rows, open or collapsed, and the audit's
        figures for it."""
        by_channel = {channel.pk: [] for channel in self.channels}
        for row in self.activity_rows:
            by_channel.setdefault(row.channel_id, []).append(row)
        sections = []
        for channel in self.channels:
            rows = by_channel.get(channel.pk, [])
            if not channel.active and all(row.is_new for row in rows):
                continue
            every = self.edit == f"channel-{channel.key}"
            sections.append(
                EditorSection(
                    channel=channel,
                    rows=rows,
                    review=review.channels.get(channel.key) if review else None,
                    is_open=not self.is_large
                    or every
                    or any(row.changed or row.has_errors for row in rows),
                    every=every,
                    choices=self.choices_for(channel.platform),
                )
            )
        return sections


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should change",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The authors see this comment on the plan.",
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Plan file (JSON)",
        help_text=(
            "A file in the format of “Download plan”; nothing is written unless all of it is valid."
        ),
    )


class OrganizationStartForm(forms.Form):
    """A new organization: its name, its address in the planner, and what it starts with."""

    name = forms.CharField(
        label="Organization name", max_length=200, widget=forms.TextInput(attrs={"autofocus": True})
    )
    slug = forms.SlugField(
        label="Address in the planner",
        max_length=60,
        required=False,
        help_text="Letters, digits and hyphens: the organization's pages are under "
        "/o/your-address/. Left blank, it is made from the name.",
        error_messages={"invalid": "Use only letters, digits and hyphens, e.g. harbourside-trust."},
    )
    start = forms.ChoiceField(
        label="Start with",
        widget=forms.RadioSelect,
        initial="example",
        choices=[
            ("example", "A worked example: five channels, two people and a plan to adapt"),
            ("empty", "Nothing: add channels and people yourself"),
            ("file", "A plan file (JSON, as “Download plan” writes it)"),
        ],
    )
    file = forms.FileField(label="Plan file", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("name"):
            data["slug"] = slugify(data["name"])[:60].strip("-")
            if not data["slug"]:
                self.add_error("slug", "Choose an address: the name has no letters or digits.")
        if data.get("start") == "file" and not data.get("file"):
            self.add_error("file", "Choose the plan file to start from.")
        return data
