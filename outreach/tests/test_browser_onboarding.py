"""A new installation's first people, in a real browser (Debian's chromium) with a real SMTP
server on loopback: sign up and confirm, create the organization from the worked example,
invite a colleague who accepts from their email and adds a channel, then reset a forgotten
password from the login page."""

import re

import pytest

from conftest import link_in, screenshot
from outreach.models import Channel, Membership

pytestmark = [pytest.mark.browser, pytest.mark.services]


def test_a_team_starts_with_the_planner_without_a_terminal(
    browser, live_server, transactional_db, mailbox, settings
):
    settings.SIGNUP = "open"
    settings.SITE_URL = live_server.url
    site = live_server.url
    ana_context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    ana_context.set_default_timeout(15_000)
    ana = ana_context.new_page()

    # Ana signs up from the login page and confirms her address from the email.
    ana.goto("/login/")
    ana.get_by_role("link", name="Sign up").click()
    ana.get_by_label("Email").fill("ana@tidepool.example")
    ana.get_by_role("button", name="Send me the link").click()
    ana.get_by_role("heading", name="Check your email").wait_for()
    ana.goto(link_in(mailbox.to("ana@tidepool.example")[-1], site))
    ana.get_by_label("Your name").fill("Ana Ruiz")
    ana.get_by_label("Choose a password").fill("tide-pool-phrase-1")
    ana.get_by_label("The same password again").fill("tide-pool-phrase-1")
    ana.get_by_role("button", name="Create my login").click()

    # She creates the organization from the worked example.
    ana.get_by_role("heading", name="Create an organization").wait_for()
    screenshot(ana, "issue15-create-organization")
    ana.get_by_label("Organization name").fill("Tide Pool Trust")
    ana.get_by_label(re.compile("A worked example")).check()
    ana.get_by_role("button", name="Create the organization").click()
    ana.wait_for_url(re.compile(r"/o/tide-pool-trust/"))
    assert Channel.objects.filter(organization__slug="tide-pool-trust").count() == 5

    # She invites Bo as comms staff.
    ana.goto("/o/tide-pool-trust/members/")
    ana.get_by_role("link", name="Invite a member").first.click()
    ana.get_by_label("Email").fill("bo@tidepool.example")
    ana.get_by_label("Role").select_option("comms")
    ana.get_by_role("button", name="Send the invitation").click()
    ana.get_by_text("Invited bo@tidepool.example as comms staff").wait_for()
    screenshot(ana, "issue15-members-with-invitation")

    # Bo accepts from his email, creates his login and adds a channel.
    bo_context = browser.new_context(base_url=site, viewport={"width": 390, "height": 844})
    bo_context.set_default_timeout(15_000)
    bo = bo_context.new_page()
    bo.goto(link_in(mailbox.to("bo@tidepool.example")[-1], site))
    bo.get_by_label("Your name").fill("Bo Lee")
    bo.get_by_label("Choose a password").fill("bo-lee-phrase-22")
    bo.get_by_label("The same password again").fill("bo-lee-phrase-22")
    screenshot(bo, "issue15-invitation-accept-phone")
    bo.get_by_role("button", name="Create my login and join").click()
    bo.get_by_text("Welcome to Tide Pool Trust").wait_for()
    membership = Membership.objects.get(user__username="bo@tidepool.example")
    assert (membership.organization.slug, membership.role) == ("tide-pool-trust", "comms")
    bo.goto("/o/tide-pool-trust/channels/new/")
    bo.get_by_label("Short code").fill("ig")
    bo.get_by_label("Platform").select_option("instagram")
    bo.locator("#id_name").fill("Tide Pool on Instagram")
    bo.get_by_label("Handle").fill("@tidepooltrust")
    bo.get_by_role("button", name=re.compile("Add channel|Save")).click()
    bo.wait_for_url(re.compile(r"/o/tide-pool-trust/channels/"))
    assert Channel.objects.filter(organization__slug="tide-pool-trust", key="ig").exists()
    bo_context.close()

    # Ana forgot her password: she resets it from the login page and logs in with the new one.
    ana_context.clear_cookies()
    ana.goto("/login/")
    ana.get_by_role("link", name="Forgot your password?").click()
    ana.get_by_label("Email").fill("ana@tidepool.example")
    ana.get_by_role("button", name="Email me the link").click()
    ana.get_by_role("heading", name="Check your email").wait_for()
    ana.goto(link_in(mailbox.to("ana@tidepool.example")[-1], site))
    ana.get_by_label(re.compile(r"^New password:?$")).fill("a-brand-new-phrase-3")
    ana.get_by_label("New password confirmation").fill("a-brand-new-phrase-3")
    ana.get_by_role("button", name="Save the new password").click()
    ana.get_by_role("heading", name="Your new password is set").wait_for()
    ana.get_by_role("link", name="Log in").click()
    ana.get_by_label("Email").fill("ana@tidepool.example")
    ana.get_by_label("Password").fill("a-brand-new-phrase-3")
    ana.get_by_role("button", name="Log in").click()
    ana.wait_for_url(re.compile(r"/o/tide-pool-trust/"))
    screenshot(ana, "issue15-back-in")
    ana_context.close()
