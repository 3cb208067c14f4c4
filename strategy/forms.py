"""Forms of the plan page, and the editor that holds them over one plan. Choices of channels
and people come from objects loaded for the member's organization (OwnObjectChoiceField):
nothing else can be chosen or forged."""

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory

from outreach.forms import (
    OwnObjectChoiceField,
    QuickCheckboxInput,
    QuickHiddenInput,
    QuickNumberInput,
    QuickSelect,
    QuickTextInput,
)

from .models import ChannelLink, PlannedActivity, StrategyPlan
from .selectors import plan_editor_objects
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


def channel_label(channel) -> str:
    return f"{channel.name}{'' if channel.active else ' (inactive)'}"


class ActivityForm(forms.ModelForm):
    # Rows of the plan page render their widgets in Python (outreach.forms.Quick*): a plan has
    # hundreds of rows.
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
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # show 1, not 1.00
            self.initial["per_week"] = self.instance.per_week.normalize()
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


def activity_formset(*, extra_channels):
    """A formset of the plan's activities with one blank row for each channel in
    `extra_channels` (filled in, it becomes a new activity on that channel)."""
    return modelformset_factory(
        PlannedActivity,
        form=ActivityForm,
        formset=PlanRowFormSet,
        extra=len(extra_channels),
        can_delete=True,
    )


def link_formset():
    return modelformset_factory(
        ChannelLink, form=LinkForm, formset=LinkFormSet, extra=1, can_delete=True
    )


class PlanEditor:
    """The editor's forms over one plan, bound to a POST or not, and what they show."""

    def __init__(self, *, organization, plan, data=None):
        self.plan = plan
        objects = plan_editor_objects(organization=organization, plan=plan)
        self.channels = objects["channels"]
        active = [c for c in self.channels if c.active]
        kwargs = {"channels": self.channels, "people": objects["people"]}
        self.header = PlanHeaderForm(
            data, instance=plan, prefix="plan", initial={"version": plan.version}
        )
        self.activities = activity_formset(extra_channels=active)(
            data,
            queryset=objects["activities"],
            prefix="act",
            initial=[{"channel": c.pk} for c in active],
            form_kwargs=kwargs,
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

    def sections(self, review):
        """One section per channel: its activity rows and the audit's figures for it."""
        by_channel = {c.pk: [] for c in self.channels}
        for form in self.activities.forms:
            # A row stays in the section it was shown in; a posted channel that is not one of
            # the organization's (forged) leaves it there, with its error visible.
            channel_id = form.instance.channel_id or form.initial.get("channel")
            posted = form.data.get(form.add_prefix("channel"), "") if form.is_bound else ""
            if posted.isdigit() and int(posted) in by_channel:
                channel_id = int(posted)
            by_channel.setdefault(channel_id, []).append(form)
        return [
            {
                "channel": channel,
                "forms": by_channel.get(channel.pk, []),
                "review": review.channels.get(channel.key) if review else None,
            }
            for channel in self.channels
            if channel.active or any(f.instance.pk for f in by_channel.get(channel.pk, []))
        ]


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
