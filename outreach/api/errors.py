"""Errors of the API: a service's refusal (Django's ValidationError) answers 400 with the
messages keyed by field, as the browser's forms show them; a conflict answers 409."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    """The request is sound but the object's state refuses it (a plan saved since, approved)."""

    status_code = 409
    default_detail = "The object's state does not allow this."
    default_code = "conflict"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)
