"""What every API view shares: the organization reached the way the pages reach it, querysets
scoped to it, and input validated by the browser's own forms.

Tenancy: `OrganizationAPIView.initial` resolves /api/v1/organizations/<org_slug>/ with
`outreach.access.membership_resolve`, the function behind the pages' `org_member_required`:
another organization answers 404 whatever the method, and `manager_only` views answer a comms
member 403. Views then read objects only through `self.scoped(Model)`, which is
`Model.objects.for_organization(self.organization)`.

Validation: a write's JSON is checked for its shape (each field's JSON type) here, then handed
to the form the browser posts to (outreach.forms, strategy.forms), and the service's refusal is
keyed by field (outreach.api.errors): the API and the browser say the same words.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.settings import api_settings

from ..access import manager_require, membership_resolve


class OrganizationAPIView(GenericAPIView):
    manager_only = False  # the managers' steps (approve, return): a comms member gets 403

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        membership = membership_resolve(user=request.user, org_slug=kwargs["org_slug"])
        if self.manager_only:
            manager_require(membership)
        self.membership = membership
        self.organization = membership.organization
        if not hasattr(self, request.method.lower()) and self._looks_up_an_object():
            # As the pages: another organization's object is 404 whatever the method, so the
            # object is looked up before a method the view lacks is answered 405.
            self.get_object()

    def _looks_up_an_object(self) -> bool:
        return type(self).get_object is not GenericAPIView.get_object

    def scoped(self, model):
        """The model's rows of this organization; none while the schema is being generated."""
        if getattr(self, "swagger_fake_view", False):
            return model.objects.none()
        return model.objects.for_organization(self.organization)

    def respond(self, instance, serializer_class=None, **kwargs) -> Response:
        """The object as the view's serializer shows it."""
        serializer_class = serializer_class or self.get_serializer_class()
        context = self.get_serializer_context()
        return Response(serializer_class(instance, context=context).data, **kwargs)


# Input through the browser's forms ------------------------------------------------------------

_STRINGS = (serializers.CharField, serializers.ChoiceField, serializers.SlugRelatedField)
_NUMBERS = (serializers.IntegerField, serializers.DecimalField, serializers.FloatField)


def _shape_problem(field: serializers.Field, value: Any) -> str | None:
    """What is wrong with a value's JSON type for `field`, before any form sees it."""
    if value is None:
        return None if field.allow_null or isinstance(field, _STRINGS) else "May not be null."
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else "Must be true or false."
    if isinstance(field, serializers.ListField | serializers.MultipleChoiceField):
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return None
        return "Must be a list of strings."
    if isinstance(field, _NUMBERS):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return "Must be a number."
        return None
    if isinstance(field, _STRINGS) and not isinstance(value, str):
        return "Must be a string."
    return None


def _form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | list):
        return value
    return str(value)


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """A bound form's errors as the API answers them: by field, the rest as non_field_errors."""
    errors = {}
    for name, messages in form.errors.items():
        key = api_settings.NON_FIELD_ERRORS_KEY if name == forms.forms.NON_FIELD_ERRORS else name
        errors[key] = list(messages)
    return errors


def form_validated(
    *,
    serializer_class: type[serializers.Serializer],
    data: Any,
    form: Callable[[dict], forms.Form],
    current: Mapping[str, Any] | None = None,
    partial: bool = False,
    prepare: Callable[[dict], dict] | None = None,
) -> dict[str, Any]:
    """The request's values, validated as the browser's form validates them.

    `serializer_class` names the writable fields (and documents them); `current` holds the
    object's values for a partial update (PATCH), so that the form sees a whole object;
    `prepare` turns the API's values into the form's (a channel's key into its id). Returns
    the form's cleaned values: every field's, or only those sent when `partial`.
    """
    if not isinstance(data, Mapping):
        raise serializers.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: ["Expected a JSON object."]}
        )
    fields = {
        name: field for name, field in serializer_class().fields.items() if not field.read_only
    }
    errors, sent = {}, []
    values = dict(current or {})
    for name, field in fields.items():
        if name not in data:
            continue
        problem = _shape_problem(field, data[name])
        if problem:
            errors[name] = [problem]
        else:
            values[name] = data[name]
            sent.append(name)
    if errors:
        raise serializers.ValidationError(errors)
    if prepare is not None:
        values = prepare(values)
    bound = form({name: _form_value(value) for name, value in values.items()})
    if not bound.is_valid():
        raise serializers.ValidationError(form_errors(bound))
    names = sent if partial else list(bound.cleaned_data)
    return {name: bound.cleaned_data[name] for name in names if name in bound.cleaned_data}
