"""The evidence page's forms: uploading an export file, and naming a generic CSV's columns."""

from django import forms

from outreach.models import Channel
from outreach.platforms import channel_choice_label

MAPPED_FIELDS = (
    ("date", "Date and time of the post", True),
    ("text", "Text of the post", True),
    ("link", "Address of the post (optional)", False),
    ("author", "Who posted it (optional)", False),
    ("id", "The post's id (optional)", False),
    ("kind", "Kind: original, reply, repost (optional)", False),
)


class ChannelChoiceField(forms.ModelChoiceField):
    """Channels by name, with the platform and the handle beside it: an export file names an
    account, so the account is what tells a person which channel the file belongs to."""

    def label_from_instance(self, obj):
        return channel_choice_label(obj.name, obj.handle, obj.platform, obj.key)


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label="Export file",
        help_text="The file as the network or tool gave it; its format is read from its content.",
    )
    channel = ChannelChoiceField(
        label="Channel",
        queryset=Channel.objects.none(),
        required=False,
        empty_label="Told by the file",
        help_text="Needed only when the file does not say which account posted.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.for_organization(organization).order_by(
            "-active", "name"
        )


class ColumnMappingForm(forms.Form):
    """Which column of a CSV holds each thing the audit reads; remembered for the channel."""

    channel = ChannelChoiceField(label="Channel", queryset=Channel.objects.none())

    def __init__(self, *args, organization, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.for_organization(organization).order_by(
            "-active", "name"
        )
        choices = [("", "—")] + [(c, c) for c in columns]
        for name, label, required in MAPPED_FIELDS:
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=required)

    def mapping(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name, _, _ in MAPPED_FIELDS
            if self.cleaned_data.get(name)
        }


class WebDomainsForm(forms.Form):
    web_domains = forms.CharField(
        label="The organization's web domains",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line, e.g. acme.org: a post linking there points to your own work; "
        "links elsewhere point to others' work.",
    )
