"""Numbers as people read and type them: one helper (`outreach.numbers.plain_number`) writes
every number a page shows or puts in an input's value, without an exponent or needless
trailing zeros, and a value saved through a form comes back in it as it was typed."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from outreach.forms import AssignmentForm, ChannelForm, StaffMemberForm
from outreach.models import Assignment, StaffMember
from outreach.numbers import plain_number
from outreach.tests.factories import AssignmentFactory, ChannelFactory, StaffMemberFactory


@pytest.mark.parametrize(
    "value,shown",
    [
        (Decimal("10"), "10"),
        (Decimal("10.00"), "10"),
        (Decimal("1E+1"), "10"),  # what Decimal.normalize() makes of 10
        (Decimal("2E+2"), "200"),
        (Decimal("200.00"), "200"),
        (Decimal("0.25"), "0.25"),
        (Decimal("2.50"), "2.5"),
        (Decimal("0"), "0"),
        (Decimal("0.000"), "0"),
        (Decimal("-0.00"), "0"),
        (Decimal("0E-7"), "0"),
        (Decimal("-1.50"), "-1.5"),
        (Decimal("1.5E-7"), "0.00000015"),
        (Decimal("999.99"), "999.99"),
        (Decimal("1E+30"), "1" + "0" * 30),
        # More digits than the decimal context's 28: nothing is rounded away.
        (Decimal("123456789012345678901234567890.120"), "123456789012345678901234567890.12"),
        (10, "10"),
        (0, "0"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (1e16, "10000000000000000"),
        (None, ""),
    ],
)
def test_a_number_is_written_as_a_person_writes_it(value, shown):
    assert plain_number(value) == shown


def test_text_is_shown_as_it_was_typed():
    """What someone typed (a form sent back with an error) is theirs: it is not rewritten."""
    assert plain_number("1E+1") == "1E+1" and plain_number(" 2.50") == " 2.50"


def test_numbers_that_are_not_finite_say_so():
    assert plain_number(Decimal("NaN")) == "NaN" and plain_number(float("inf")) == "inf"


def test_the_template_filter_is_the_same_helper():
    template = Template("{% load numbers %}{{ a|plain_number }} {{ b|plain_number }}")
    assert template.render(Context({"a": Decimal("1E+1"), "b": Decimal("2.50")})) == "10 2.5"


@pytest.mark.parametrize(
    "form,name,value",
    [
        (StaffMemberForm, "capacity_hours", Decimal("1E+1")),
        (AssignmentForm, "hours_per_week", Decimal("2E+2")),
        (ChannelForm, "response_target_hours", 10),
    ],
)
def test_a_form_puts_a_stored_number_in_its_input_as_typed(form, name, value):
    html = str(form(initial={name: value})[name])
    assert f'value="{plain_number(value)}"' in html and "E+" not in html


# Round trips: saved through the page's form, shown again in it.


def url(name, *args):
    return reverse(f"outreach:{name}", args=["acme", *args])


def input_value(html: str, name: str) -> str | None:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    found = re.search(r'value="([^"]*)"', tag)
    return found.group(1) if found else None


TYPED = [("10", "10"), ("0.25", "0.25"), ("200", "200"), ("2.50", "2.5"), ("0", "0")]


@pytest.mark.django_db
@pytest.mark.parametrize("typed,shown", TYPED)
def test_capacity_saved_on_the_staff_form_comes_back_as_typed(
    comms_client, organization, typed, shown
):
    data = {"key": "ana", "name": "Ana Ruiz", "email": "", "capacity_hours": typed}
    assert comms_client.post(url("staff_add"), data).status_code == 302
    assert StaffMember.objects.get().capacity_hours == Decimal(typed)
    page = comms_client.get(url("staff_edit", "ana")).content.decode()
    assert input_value(page, "capacity_hours") == shown
    staff_list = comms_client.get(url("staff")).content.decode()
    assert f'<td class="num" data-label="Capacity">{shown} h</td>' in staff_list


@pytest.mark.django_db
@pytest.mark.parametrize("typed,shown", TYPED)
def test_hours_saved_on_the_assignment_form_come_back_as_typed(
    comms_client, organization, typed, shown
):
    channel = ChannelFactory(organization=organization, key="tw")
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    assignment = AssignmentFactory(channel=channel, staff=person)
    data = {"hours_per_week": typed, "duties": ["post"]}
    assert comms_client.post(url("assignment_edit", assignment.pk), data).status_code == 302
    assert Assignment.objects.get().hours_per_week == Decimal(typed)
    page = comms_client.get(url("assignment_edit", assignment.pk)).content.decode()
    assert input_value(page, "hours_per_week") == shown
    channel_page = comms_client.get(url("channel", "tw")).content.decode()
    assert f"— {shown} h a week" in channel_page
    staff_list = comms_client.get(url("staff")).content.decode()
    assert f"({shown} h: post)" in staff_list


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["10", "200", "0"])
def test_whole_numbers_saved_on_the_channel_form_come_back_as_typed(
    comms_client, organization, typed
):
    ChannelFactory(organization=organization, key="tw", handle="@acme", name="Acme on X")
    data = {
        "key": "tw",
        "platform": "twitter",
        "name": "Acme on X",
        "handle": "@acme",
        "identity": "Acme",
        "objective": "thought_leadership",
        "audience": "",
        "presence": "",
        "follows": typed,
        "response_target_hours": typed,
    }
    assert comms_client.post(url("channel_edit", "tw"), data).status_code == 302
    page = comms_client.get(url("channel_edit", "tw")).content.decode()
    assert input_value(page, "follows") == typed
    assert input_value(page, "response_target_hours") == typed


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("1.73333333"), 2, "1.73"),
        (Decimal("2.50"), 2, "2.5"),
        (Decimal("2.005"), 2, "2.01"),
        (Decimal("4"), 2, "4"),
        (Decimal("0.001"), 2, "0"),
        (7, 2, "7"),
    ],
)
def test_computed_figures_keep_at_most_the_places_asked(value, places, shown):
    assert plain_number(value, places) == shown
