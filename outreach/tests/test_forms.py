"""The outreach forms: own objects only, clear member rules, service errors at their fields."""

import re

import pytest
from django import forms
from django.core.exceptions import ValidationError

from outreach.forms import (
    AssignmentForm,
    ChannelForm,
    MemberInviteForm,
    StaffMemberForm,
    add_service_errors,
)
from outreach.models import StaffMember
from outreach.tests.factories import StaffMemberFactory

RUBRIC_CODE = re.compile(r"\b[VIGR][1-6]\b")


@pytest.mark.django_db
def test_assignment_form_offers_only_the_given_people(organization, other_organization):
    mine = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    stranger = StaffMemberFactory(organization=other_organization)
    people = StaffMember.objects.for_organization(organization)
    form = AssignmentForm({"staff": stranger.pk, "hours_per_week": "2"}, people=people)
    assert not form.is_valid()
    assert "Select a valid choice" in form.errors["staff"][0]
    assert [label for _, label in form.fields["staff"].choices][1:] == ["Ana Ruiz"]
    form = AssignmentForm({"staff": mine.pk, "hours_per_week": "2"}, people=people)
    assert form.is_valid() and form.cleaned_data["staff"] == mine


def test_assignment_edit_form_has_no_person_field():
    assert "staff" not in AssignmentForm()


def test_duties_are_four_checkboxes_in_a_fieldset():
    field = AssignmentForm(people=[])["duties"]
    assert field.use_fieldset
    assert [value for value, _ in field.field.choices] == ["post", "respond", "moderate", "curate"]


@pytest.mark.parametrize("form_class", [ChannelForm, StaffMemberForm, AssignmentForm])
def test_help_texts_say_why_in_one_line(form_class):
    for name, field in form_class.base_fields.items():
        assert field.help_text and "\n" not in field.help_text, name


def test_the_rubric_codes_are_cited_where_a_principle_is_behind_the_field():
    cited = {
        name: RUBRIC_CODE.search(field.help_text)
        for form_class in (ChannelForm, StaffMemberForm, AssignmentForm)
        for name, field in form_class.base_fields.items()
    }
    for name in ["objective", "audience", "presence", "capacity_hours", "staff", "duties"]:
        assert cited[name], name
    assert "(V3)" in ChannelForm.base_fields["objective"].help_text
    assert "(R5)" in StaffMemberForm.base_fields["capacity_hours"].help_text
    for code, name in [
        ("R1", "staff"),
        ("R2", "hours_per_week"),
        ("R3", "duties"),
        ("R4", "backup"),
    ]:
        assert code in AssignmentForm.base_fields[name].help_text


def test_inviting_asks_for_an_address_and_a_role_never_a_password():
    form = MemberInviteForm({"email": "not an address", "role": "owner"})
    assert not form.is_valid()
    assert set(form.errors) == {"email", "role"}
    assert not any("password" in name for name in MemberInviteForm.base_fields)


def test_service_errors_land_next_to_their_fields():
    class Form(forms.Form):
        key = forms.CharField()

    form = Form({"key": "tw"})
    assert form.is_valid()
    add_service_errors(
        form, ValidationError({"key": "Taken.", "organization": "Not yours.", "__all__": "Oops."})
    )
    assert form.errors["key"] == ["Taken."]
    assert form.non_field_errors() == ["Not yours.", "Oops."]
    form = Form({"key": "tw"})
    form.is_valid()
    add_service_errors(form, ValidationError("Plain refusal."))
    assert form.non_field_errors() == ["Plain refusal."]


@pytest.mark.parametrize("form_class", [ChannelForm, StaffMemberForm])
def test_a_key_is_asked_for_in_words_people_use(form_class):
    form = form_class(data={"key": "my key"})
    assert form.fields["key"].label == "Short code"
    assert not form.is_valid()
    assert form.errors["key"] == [
        "Use letters, digits, hyphens (-) or underscores (_) only, with no spaces: e.g. 'tw'."
    ]
