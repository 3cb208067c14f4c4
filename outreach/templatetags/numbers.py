"""{% load numbers %}: `{{ value|plain_number }}` writes a number as people read it, with the
one helper every form and page uses (`outreach.numbers.plain_number`)."""

from django import template

from ..numbers import plain_number

register = template.Library()
register.filter("plain_number", plain_number)
