"""The reports page tells the truth about what sends the report: without a scheduler (tasks in
process, as under `make run`) it says so and a manager can send this week's report now."""

import pytest
from django.core import mail
from django.urls import reverse

from audits.models import ReportDispatch
from audits.tests.plans import plan_with_channels

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(organization):
    plan_with_channels(organization, 2)
    return organization


def test_without_a_scheduler_the_page_says_so_and_sends_on_request(
    manager_client, planned, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker: nothing runs beat
    page = manager_client.get(reverse("reports:index", args=["acme"])).content.decode()
    assert "No scheduler runs with this setup" in page and "is due" not in page
    assert "Send this week&#x27;s report now" in page or "Send this week's report now" in page

    response = manager_client.post(reverse("reports:send", args=["acme"]), follow=True)
    dispatch = ReportDispatch.objects.get()
    assert dispatch.trigger == "manual" and dispatch.status == "sent"
    assert [m.to for m in mail.outbox] == [[manager_client.user.email]]
    assert "This week&#x27;s report was sent" in response.content.decode()
    assert "This week's report went out" in response.content.decode()
    assert "report now</button>" not in response.content.decode()

    again = manager_client.post(reverse("reports:send", args=["acme"]), follow=True)
    assert ReportDispatch.objects.count() == 1 and len(mail.outbox) == 1  # once a week
    assert "already sent" in again.content.decode()


def test_with_a_scheduler_the_page_gives_the_next_moment(manager_client, planned, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker is configured: beat runs beside it
    page = manager_client.get(reverse("reports:index", args=["acme"])).content.decode()
    assert "This week&#x27;s is due" in page or "This week's is due" in page
    assert "No scheduler runs" not in page


def test_only_managers_send_the_report(comms_client, planned):
    assert comms_client.post(reverse("reports:send", args=["acme"])).status_code == 403
    assert comms_client.get(reverse("reports:send", args=["acme"])).status_code in (403, 405)
    assert not ReportDispatch.objects.exists() and not mail.outbox
