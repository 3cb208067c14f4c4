"""Channels named one way on the audit's pages (by name, never by a page address), platform
words from the platforms table, and a whole-plan finding told once."""

from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from audits.runs.services import audit_run_now
from audits.tests.plans import plan_with_channels
from outreach.models import StaffMember
from outreach.tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db


def page(client, name, *args) -> str:
    return unescape(client.get(reverse(name, args=["acme", *args])).content.decode())


def test_findings_name_a_channel_by_its_name_not_its_address(manager_client, organization):
    """A Facebook page whose handle is its address reads 'Harbourside Learning' in findings,
    with 'Facebook page' (not 'Facebook') as its platform; a LinkedIn page reads 'LinkedIn
    page', never 'Linkedin'."""
    ChannelFactory(
        organization=organization,
        key="fb",
        platform="facebook",
        name="Harbourside Learning",
        handle="https://facebook.com/harbourside",
    )
    ChannelFactory(organization=organization, key="li", platform="linkedin", name="HL jobs")
    run = audit_run_now(organization=organization)
    html = page(manager_client, "audits:run", run.number)
    assert "Harbourside Learning never" in html or "Harbourside Learning is an island" in html
    assert "https://facebook.com/harbourside" not in html
    assert "LinkedIn page" in html and "Linkedin" not in html
    dashboard = page(manager_client, "dashboard:show")
    assert "https://facebook.com/harbourside" not in dashboard
    assert "Linkedin" not in dashboard


def test_an_overbooked_person_is_one_finding_told_once_on_the_dashboard(
    manager_client, organization
):
    """One person booked past capacity on four channels: the dashboard tells the finding once,
    under "Whole plan", with what it costs each channel; each channel names it with its
    share and links there, instead of repeating it."""
    plan_with_channels(organization, 4)
    StaffMember.objects.filter(organization=organization).update(capacity_hours=Decimal(4))
    run = audit_run_now(organization=organization)
    [finding] = run.findings.filter(code="R5")
    assert set(finding.affects) == {"c0", "c1", "c2", "c3"}
    html = page(manager_client, "dashboard:show")
    assert html.count(finding.message) == 1
    assert html.count(f'href="#finding-{finding.pk}"') == 4
    assert 'id="findings-plan"' in html
    # The run page lists it once too.
    assert page(manager_client, "audits:run", run.number).count(finding.message) == 1


def test_the_plan_editor_tells_a_whole_plan_finding_once(comms_client, organization):
    plan, _ = plan_with_channels(organization, 4)
    StaffMember.objects.filter(organization=organization).update(capacity_hours=Decimal(4))
    html = page(comms_client, "strategy:plan")
    name = StaffMember.objects.get(organization=organization).name
    assert html.count(f"{name} is booked for") == 1
    # Each channel names it by its principle, with its share.
    assert html.count("whole plan, listed under the plan's score:</span> Nobody is booked") == 4


def test_two_channels_of_one_name_read_apart(manager_client, organization):
    """The same name on X and on Facebook: the platform beside each, everywhere labels go."""
    for key, platform in (("tw", "twitter"), ("fb", "facebook")):
        ChannelFactory(organization=organization, key=key, platform=platform, name="Harbourside")
    audit_run_now(organization=organization)
    labels = {s.channel_label for s in organization.audit_runs.get().scores.all()}
    assert labels == {"Harbourside (X / Twitter)", "Harbourside (Facebook page)"}
