"""Form pieces shared by every app's forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class OwnObjectChoiceField(forms.ChoiceField):
    """A choice among objects the view has already loaded: the organization's own.

    Rendering and validating need no query (a page of 300 rows does not run 300 queries), and
    an id from another organization is simply not among the choices: "Select a valid choice".
    """

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
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
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
