"""Form pieces shared by every app's forms, and the forms of channels, staff and members."""

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Assignment, Channel, Duty, Membership, StaffMember
from .numbers import plain_number
from .platforms import PLATFORMS, is_community


class QuickSelect(forms.Select):
    """A <select> built in Python instead of through a template per <option>: a plan page with
    300 rows, each choosing among 50 channels, has tens of thousands of options, and Django's
    template-per-option rendering made it take seconds. Same HTML, same attributes."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], mark_safe(" selected") if option["selected"] else "", label)
                for _, group, _ in widget["optgroups"]
                for option in group
                for label in [option["label"]]
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class PlainNumberInput(forms.NumberInput):
    """A number input holding its value as a person types it: 10, not 10.00 or 1E+1 (what
    str() makes of a stored or normalized Decimal). What was typed and sent back stays as is."""

    def format_value(self, value):
        return None if value is None or value == "" else plain_number(value)


class QuickInputMixin:
    """An <input> built in Python, for the same reason as QuickSelect: forms repeated in many
    rows. The markup is what Django's own template writes."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            format_html(' value="{}"', value) if value is not None else "",
            flatatt(widget["attrs"]),
        )


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickNumberInput(QuickInputMixin, PlainNumberInput):
    pass


class QuickHiddenInput(QuickInputMixin, forms.HiddenInput):
    pass


class QuickCheckboxInput(QuickInputMixin, forms.CheckboxInput):
    pass


class OwnObjectChoiceField(forms.ChoiceField):
    """A choice among objects the view has already loaded: the organization's own.

    Rendering and validating need no query (a page of 300 rows does not run 300 queries), and
    an id from another organization is simply not among the choices: "Select a valid choice".
    """

    widget = QuickSelect

    def __init__(self, *, objects=(), label_of=str, **kwargs):
        self.objects = {}
        self.label_of = label_of
        super().__init__(**kwargs)
        self.set_objects(objects)

    def set_objects(self, objects) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        empty = [("", "—")] if not self.required else [("", "Choose…")]
        self.choices = empty + [(pk, self.label_of(obj)) for pk, obj in self.objects.items()]

    def prepare_value(self, value):
        return getattr(value, "pk", value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        obj = self.objects.get(str(getattr(value, "pk", value)))
        if obj is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return obj

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        initial = "" if initial is None else str(getattr(initial, "pk", initial))
        return initial != ("" if data is None else str(data))


class FormRenderer(TemplatesSetting):
    """Every field renders with its label, help and errors next to it (templates/forms/)."""

    field_template_name = "forms/field.html"


NUMBER_FIELDS = (models.DecimalField, models.IntegerField, models.FloatField)


def model_field(model, name: str, **overrides) -> forms.Field:
    """The form field Django derives from a model field (length, choices, validators), with the
    page's own label and help. Forms here are plain forms: the services validate the model and
    write, so no form mutates the object a service is about to compare against. A number's
    input holds it as a person types it (PlainNumberInput)."""
    field = model._meta.get_field(name)
    if isinstance(field, NUMBER_FIELDS) and not field.choices:
        overrides.setdefault("widget", PlainNumberInput)
    return field.formfield(**overrides)


def key_field(model, help_text: str) -> forms.Field:
    """A channel's or a person's key, asked for in words people use: "Short code", and what to
    type when it is refused, instead of Django's "Enter a valid “slug”…"."""
    field = model_field(model, "key", label="Short code", help_text=help_text)
    field.validators = [
        KEY_VALIDATOR if v is validators.validate_slug else v for v in field.validators
    ]
    return field


KEY_VALIDATOR = validators.RegexValidator(
    validators.slug_re,
    "Use letters, digits, hyphens (-) or underscores (_) only, with no spaces: e.g. 'tw'.",
    "invalid",
)


class PageForm(forms.Form):
    """A form that is the page it sits on (templates/outreach/object_form.html), under its
    `intro` if it has one. `layout` groups its fields in rows, a row of several fields being
    one line of a grid; a field the layout leaves out gets a row of its own, after the others."""

    intro = ""
    layout: tuple[tuple[str, ...], ...] = ()

    def rows(self) -> list[list[forms.BoundField]]:
        placed = {name for row in self.layout for name in row}
        rows = [[self[name] for name in row if name in self.fields] for row in self.layout]
        rows += [[self[name]] for name in self.fields if name not in placed]
        return [row for row in rows if row]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message next to its field, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ChannelForm(PageForm):
    intro = (
        "Each field says why the audit cares about it; the codes refer to the rubric's principles."
    )
    layout = (
        ("key", "platform", "name", "handle"),
        ("identity", "objective", "audience"),
        ("presence", "follows", "response_target_hours"),
    )

    # Why each field matters, in the rubric's terms: the audit later cites the same codes.
    key = key_field(
        Channel,
        help_text="Unique in the organization (e.g. 'tw'); plan files and cross-channel links "
        "(G1) refer to the channel by it.",
    )
    platform = model_field(
        Channel,
        "platform",
        help_text="The network sets the expected rhythm: a daily stream on micro-blogs, "
        "regular updates on community pages (V1), each network used for its strength (V5).",
        # Read by the page's script, which hides the empty presence field on other platforms.
        widget=forms.Select(
            attrs={"data-community-platforms": " ".join(p for p in PLATFORMS if is_community(p))}
        ),
    )
    name = model_field(
        Channel,
        "name",
        help_text="How plans and audit reports name the channel when it has no @handle.",
    )
    handle = model_field(
        Channel,
        "handle",
        help_text="Where people find it (@name or address): the other channels point here (G1).",
    )
    identity = model_field(
        Channel,
        "identity",
        label="Identity or initiative",
        help_text="Who speaks here; a second channel on the same network needs an initiative "
        "with its own identity, or it fragments the outreach (G3).",
    )
    objective = model_field(
        Channel,
        "objective",
        help_text="Decide what the channel is for before posting: the audit checks that each "
        "channel has a stated aim (V3) that suits its network (V5).",
    )
    audience = model_field(
        Channel,
        "audience",
        help_text="Whom it serves: a stated audience goes with the aim (V3), and a second "
        "channel on one network needs a distinct one (G3).",
    )
    presence = model_field(
        Channel,
        "presence",
        help_text="Community pages (Facebook, LinkedIn) only: the audit wants a page people talk "
        "on, not a static notice board (I5). Leave it empty on other networks.",
    )
    follows = model_field(
        Channel,
        "follows",
        label="Accounts followed",
        help_text="Re-sharing others' posts needs following interesting accounts; the audit "
        "looks for it on micro-blogs (I1).",
    )
    response_target_hours = model_field(
        Channel,
        "response_target_hours",
        label="Reply target (hours)",
        help_text="How soon replies and mentions get an answer; without a target the audit "
        "notes a small gap in responding (I2).",
    )

    class Media:
        js = ["js/channel-form.js"]


class StaffMemberForm(PageForm):
    layout = (("key", "name", "email", "capacity_hours"),)

    key = key_field(
        StaffMember,
        help_text="Unique in the organization (e.g. 'ana'); plan files name activity owners by it.",
    )
    name = model_field(
        StaffMember,
        "name",
        help_text="The person behind the channels: each channel needs someone responsible (R1).",
    )
    email = model_field(
        StaffMember,
        "email",
        help_text="How to reach them about their channels; it is not a login.",
    )
    capacity_hours = model_field(
        StaffMember,
        "capacity_hours",
        label="Weekly capacity (hours)",
        help_text="Hours a week they can really give to outreach; the audit flags anyone booked "
        "beyond them across channels (R5).",
    )


class AssignmentForm(PageForm):
    """Who works on a channel: the person (on the add form only), hours, duties, backup."""

    layout = (("staff", "hours_per_week"),)

    staff = OwnObjectChoiceField(
        label="Person",
        help_text="Every channel needs at least one person responsible for it (R1).",
    )
    hours_per_week = model_field(
        Assignment,
        "hours_per_week",
        label="Hours a week",
        help_text="Time booked for this channel; together it must cover what the planned "
        "activities take (R2).",
    )
    duties = forms.MultipleChoiceField(
        choices=Duty.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Replies and discussions only happen when someone holds the respond and "
        "moderate duties (R3).",
    )
    backup = model_field(
        Assignment,
        "backup",
        label="Named backup",
        help_text="A backup keeps an active channel going when its main person is away (R4).",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            # Editing: the person stays; moving the work to someone else is a new assignment.
            del self.fields["staff"]
        else:
            self.fields["staff"].set_objects(people)


class MemberInviteForm(PageForm):
    """Invite a person to the organization by email, with a role (docs/accounts.md). The
    manager never types anyone's password; the answer is the same whether or not the address
    has a login elsewhere."""

    intro = (
        "They get an email with a link to join; it works once, for a week. Someone who already "
        "uses the planner for another organization joins with their own login."
    )
    layout = (("email", "role"),)

    email = forms.EmailField(
        help_text="Their login; one login can belong to several organizations.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        initial=Membership.Role.COMMS,
        help_text="Managers approve plans, manage members and get the weekly report; comms "
        "staff fill in the plan.",
    )


class MemberRoleForm(PageForm):
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        widget=forms.RadioSelect,
        help_text="Managers approve plans, manage members and get the weekly report; comms "
        "staff fill in the plan.",
    )


class NotificationPreferenceForm(PageForm):
    intro = (
        "When a plan is submitted (to the managers), returned or approved (to the members who "
        "worked on it), the planner tells the people concerned. Choose how you hear about it."
    )

    email = forms.BooleanField(required=False, label="Email me")
    in_app = forms.BooleanField(
        required=False, label="Show notices in the planner", help_text="Under “Notices” at the top."
    )
