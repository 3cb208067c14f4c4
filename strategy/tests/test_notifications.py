"""Notifications of the plan's review: a submitted plan tells the organization's managers, a
returned or approved one the members who worked on its revision; never the person who took
the step, never anyone of another organization; one notice and one email (over a real SMTP
server) per person and step, however often the email task runs."""

import pytest
from django.urls import reverse

from outreach.models import ChangeRecord, Membership, Notice
from outreach.services import change_record
from outreach.services.notices import notification_preference_update
from outreach.tasks import send_notice_emails
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from strategy.notifications import plan_step_notify
from strategy.services import plan_approve, plan_return, plan_submit
from strategy.tests.factories import StrategyPlanFactory

pytestmark = pytest.mark.django_db

MANAGER, COMMS = Membership.Role.MANAGER, Membership.Role.COMMS


def member(organization, name, role):
    email = f"{name}@{organization.slug}.example"
    user = UserFactory(email=email, username=email, first_name=name.title())
    MembershipFactory(user=user, organization=organization, role=role)
    return user


def worked_on(plan, user):
    """`user` made a change recorded on the plan's revision (an edit of the draft)."""
    change_record(
        organization=plan.organization,
        actor=user,
        subject=ChangeRecord.Subject.PLAN,
        summary="Edited the plan",
        plan_revision=plan.revision,
        plan_version=plan.version,
    )


@pytest.fixture
def people(organization):
    """Two managers, two comms members, and a manager of another organization."""
    rival = OrganizationFactory(name="Rival Org", slug="rival")
    return {
        "boss": member(organization, "boss", MANAGER),
        "chief": member(organization, "chief", MANAGER),
        "ana": member(organization, "ana", COMMS),
        "bo": member(organization, "bo", COMMS),
        "rival": member(rival, "rival", MANAGER),
    }


@pytest.fixture
def plan(organization):
    return StrategyPlanFactory(organization=organization, title="Spring plan")


def recipients(mailbox):
    return sorted(address for address, _ in mailbox.received)


def notices_of(kind):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def subject(message) -> str:
    """The Subject header as a mail program shows it (Python's parser keeps the space of the
    fold Django's encoder puts before a long encoded subject)."""
    return message["Subject"].strip()


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


def step(django_capture_on_commit_callbacks, service, **kwargs):
    """Take a step as a request does: its emails go once the transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return service(**kwargs)


def test_a_submitted_plan_tells_each_manager_once_by_email_and_notice(
    mailbox, people, plan, django_capture_on_commit_callbacks
):
    step(django_capture_on_commit_callbacks, plan_submit, plan=plan, user=people["ana"])

    managers = ["boss@acme.example", "chief@acme.example"]
    assert recipients(mailbox) == managers
    assert notices_of(Notice.Kind.PLAN_SUBMITTED) == managers
    (message,) = mailbox.to("boss@acme.example")
    assert subject(message) == "Acme Learning: “Spring plan” waits for your approval"
    text = body(message)
    assert "Ana submitted the plan “Spring plan” (revision 1) of Acme Learning" in text
    assert "https://planner.example.org/o/acme/plan/" in text
    assert "https://planner.example.org/account/notifications/" in text
    html = message.get_body(("html",)).get_content()
    assert 'href="https://planner.example.org/o/acme/plan/"' in html
    assert "Turn these emails off" in html


def test_a_manager_who_submits_is_not_told_of_their_own_step(
    mailbox, people, plan, django_capture_on_commit_callbacks
):
    step(django_capture_on_commit_callbacks, plan_submit, plan=plan, user=people["boss"])

    assert recipients(mailbox) == ["chief@acme.example"]
    assert notices_of(Notice.Kind.PLAN_SUBMITTED) == ["chief@acme.example"]


def test_a_returned_plan_tells_who_worked_on_it_with_the_comment(
    mailbox, people, plan, django_capture_on_commit_callbacks
):
    worked_on(plan, people["bo"])
    plan_submit(plan=plan, user=people["ana"])  # its emails are no part of this test
    step(
        django_capture_on_commit_callbacks,
        plan_return,
        plan=plan,
        user=people["boss"],
        comment="Add a poll on Mastodon.",
    )

    assert recipients(mailbox) == ["ana@acme.example", "bo@acme.example"]
    assert notices_of(Notice.Kind.PLAN_RETURNED) == ["ana@acme.example", "bo@acme.example"]
    (message,) = mailbox.to("ana@acme.example")
    assert subject(message) == "Acme Learning: “Spring plan” was returned"
    assert "Boss returned the plan “Spring plan”" in body(message)
    assert "Add a poll on Mastodon." in body(message)
    assert "Add a poll on Mastodon." in message.get_body(("html",)).get_content()


def test_an_approved_plan_tells_who_worked_on_it_and_not_the_others(
    mailbox, people, plan, django_capture_on_commit_callbacks
):
    plan_submit(plan=plan, user=people["ana"])
    step(django_capture_on_commit_callbacks, plan_approve, plan=plan, user=people["chief"])

    assert recipients(mailbox) == ["ana@acme.example"]
    assert notices_of(Notice.Kind.PLAN_APPROVED) == ["ana@acme.example"]
    assert "Chief approved the plan “Spring plan”" in body(mailbox.to("ana@acme.example")[0])


def test_only_this_revisions_authors_who_are_still_members_hear(
    mailbox, people, organization, django_capture_on_commit_callbacks
):
    """Who worked on an earlier, approved revision, or has left, is not told about this one."""
    StrategyPlanFactory(organization=organization, revision=1, status="approved")
    old = StrategyPlanFactory.build(organization=organization, revision=1)
    worked_on(old, people["bo"])
    plan = StrategyPlanFactory(organization=organization, revision=2, title="Autumn plan")
    leaver = member(organization, "leaver", COMMS)
    worked_on(plan, leaver)
    Membership.objects.filter(user=leaver).delete()
    plan_submit(plan=plan, user=people["ana"])
    step(django_capture_on_commit_callbacks, plan_approve, plan=plan, user=people["boss"])

    assert recipients(mailbox) == ["ana@acme.example"]


def test_running_the_email_task_again_sends_nothing_more(
    mailbox, people, plan, django_capture_on_commit_callbacks
):
    step(django_capture_on_commit_callbacks, plan_submit, plan=plan, user=people["ana"])
    ids = list(Notice.objects.values_list("pk", flat=True))

    assert send_notice_emails.apply(args=[ids]).get() == []
    send_notice_emails.delay(ids)
    assert recipients(mailbox) == ["boss@acme.example", "chief@acme.example"]
    assert Notice.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_repeated_event_makes_no_second_notice_or_email(
    mailbox, people, plan, django_capture_on_commit_callbacks
):
    moved = step(django_capture_on_commit_callbacks, plan_submit, plan=plan, user=people["ana"])
    with django_capture_on_commit_callbacks(execute=True):
        again = plan_step_notify(plan=moved, actor=people["ana"])

    assert len(again) == 2  # the same two notices
    assert Notice.objects.count() == 2
    assert recipients(mailbox) == ["boss@acme.example", "chief@acme.example"]


def test_preferences_choose_email_notice_both_or_neither(
    mailbox, people, plan, organization, django_capture_on_commit_callbacks
):
    notification_preference_update(user=people["boss"], email=False, in_app=True)
    notification_preference_update(user=people["chief"], email=True, in_app=False)
    quiet = member(organization, "quiet", MANAGER)
    notification_preference_update(user=quiet, email=False, in_app=False)
    step(django_capture_on_commit_callbacks, plan_submit, plan=plan, user=people["ana"])

    assert recipients(mailbox) == ["chief@acme.example"]
    shown = Notice.objects.filter(in_app=True).values_list("recipient__email", flat=True)
    assert list(shown) == ["boss@acme.example"]
    assert not Notice.objects.filter(recipient=quiet).exists()


def test_a_step_that_fails_leaves_no_notice(mailbox, people, plan):
    plan_submit(plan=plan, user=people["ana"])
    with pytest.raises(Exception, match="submitted"):
        plan_submit(plan=plan, user=people["ana"])
    assert Notice.objects.count() == 2


def test_submitting_on_the_plan_page_emails_the_managers(
    mailbox, people, plan, client, django_capture_on_commit_callbacks
):
    """The whole way: the page's form, the step, the task run in-process, the SMTP server."""
    client.force_login(people["ana"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("strategy:submit", args=["acme"]), {"version": 1})

    assert response.status_code == 302
    assert recipients(mailbox) == ["boss@acme.example", "chief@acme.example"]
    client.force_login(people["boss"])
    page = client.get(reverse("notices:index")).content.decode()
    assert "“Spring plan” waits for your approval" in page
