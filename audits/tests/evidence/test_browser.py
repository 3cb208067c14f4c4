"""Actual activity in a real browser: Debian's chromium, driven by Playwright.

The files are read by the real task through a real Celery worker on the Redis broker, as in
production. The worker starts only once the import page is on screen, so the page is seen
waiting, then it polls `…/status/` and swaps in the result when the worker is done.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from audits.evidence.models import ColumnMapping, EvidenceImport, Post
from audits.tests.runs.test_tasks import require_broker
from conftest import TEST_BROKER_URL, log_in, screenshot
from outreach.celery import app
from outreach.models import Membership
from outreach.tests.factories import (
    ChannelFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.services]

SAMPLES = Path(__file__).parent / "samples"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# A scheduler's export whose date and text columns have names no tool's export is known by.
SCHEDULER_CSV = (
    b"Sent on,Copy,Link,Posted by,Clicks\n"
    b"2024-04-02 10:00,Spring open day: come and see the garden,"
    b"https://www.facebook.com/acme/posts/1001,Sam Rivera,12\n"
    b"2024-04-09 17:30,Thank you to our volunteers!,"
    b"https://www.facebook.com/acme/posts/1002,Ana Costa,3\n"
    b"2024-04-16 08:15,Seeds are back in the shop,"
    b"https://www.facebook.com/acme/posts/1003,Sam Rivera,7\n"
)


@pytest.fixture
def worker(transactional_db):
    """Starts a Celery worker on the Redis broker when the test says so; until then the
    uploaded files wait in the queue, as they do when the workers are busy."""
    require_broker(TEST_BROKER_URL)
    app.conf.task_always_eager = False

    @contextmanager
    def running():
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield

    try:
        app.control.purge()  # stray messages of an interrupted earlier run
        yield running
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def acme(transactional_db):
    organization = OrganizationFactory(name="Acme Garden", slug="acme")
    user = UserFactory(email="cara@acme.example", username="cara@acme.example")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.COMMS)
    mastodon = ChannelFactory(
        organization=organization,
        key="ma",
        platform="mastodon",
        name="Acme on Mastodon",
        handle="@acme@social.example",
    )
    facebook = ChannelFactory(
        organization=organization,
        key="fb",
        platform="facebook",
        name="Acme Garden page",
        handle="",
    )
    return {"organization": organization, "mastodon": mastodon, "facebook": facebook}


def screenshots(page, name: str) -> None:
    """The page as a desktop shows it, and as a phone 390 px wide does."""
    screenshot(page, name)
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


def upload(page, files, channel: str | None = None) -> None:
    page.get_by_label("Export file").set_input_files(files)
    if channel:
        page.get_by_label("Channel").select_option(label=channel)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and import").click()


def test_a_comms_member_uploads_an_outbox_and_follows_its_import(page, acme, worker):
    log_in(page, "cara@acme.example")
    page.get_by_role("navigation", name="Acme Garden").get_by_role(
        "link", name="Actual activity"
    ).click()
    page.wait_for_url("**/o/acme/evidence/")
    assert page.get_by_role("heading", name="Actual activity", level=1).is_visible()
    screenshots(page, "issue11-01-evidence-empty")

    upload(page, SAMPLES / "mastodon_outbox.json")
    evidence = EvidenceImport.objects.get()
    assert page.url.endswith(f"/o/acme/evidence/imports/{evidence.pk}/")
    assert page.get_by_role("heading", name="mastodon_outbox.json").is_visible()
    # No worker yet: the file waits in the queue, and the page says so.
    progress = page.locator("[data-import-status-url]")
    assert "Waiting for a worker" in progress.inner_text()
    screenshots(page, "issue11-02-import-waiting")

    with worker():
        # The page polls the status and swaps in the result once the worker has read the file.
        result = page.get_by_role("heading", name="Imported")
        result.wait_for(timeout=60_000)
    body = page.locator("main").inner_text()
    assert "7 new posts" in body
    assert "1 Mar 2024 to 5 Mar 2024" in body
    assert page.locator("[data-import-status-url]").count() == 0  # it stopped polling
    evidence.refresh_from_db()
    assert (evidence.status, evidence.posts_added) == ("done", 7)
    assert Post.objects.filter(channel=acme["mastodon"]).count() == 7
    screenshots(page, "issue11-03-import-done")

    page.get_by_role("link", name="Back to actual activity").click()
    page.wait_for_url("**/o/acme/evidence/")
    row = page.get_by_role("row").filter(has_text="Acme on Mastodon")
    assert row.get_by_role("cell").nth(0).inner_text().strip() == "7"
    assert "1 Mar 2024" in row.inner_text() and "5 Mar 2024" in row.inner_text()
    assert row.get_by_role("link", name="mastodon_outbox.json").is_visible()
    screenshots(page, "issue11-04-evidence-list")


def test_a_tools_csv_gets_its_columns_named_then_imports(page, acme, worker):
    log_in(page, "cara@acme.example")
    page.goto("/o/acme/evidence/")
    with worker():
        upload(
            page,
            {"name": "scheduler-export.csv", "mimeType": "text/csv", "buffer": SCHEDULER_CSV},
            channel="Acme Garden page (Facebook page)",
        )
        import_button = page.get_by_role("button", name="Import with these columns")
        form = page.locator("form", has=import_button)
        form.wait_for(timeout=60_000)
    assert page.get_by_role("heading", name="Name the columns").is_visible()
    # The columns whose names say what they hold are chosen already; the rest are left to pick.
    assert form.get_by_label("Channel").evaluate("s => s.selectedOptions[0].text") == (
        "Acme Garden page (Facebook page)"
    )
    suggested = {"link": "Link", "author": "Posted by", "date": "", "text": ""}
    for name, column in suggested.items():
        assert form.locator(f'select[name="{name}"]').input_value() == column, name
    assert Post.objects.count() == 0
    screenshots(page, "issue11-05-name-the-columns")

    form.locator('select[name="date"]').select_option("Sent on")
    form.locator('select[name="text"]').select_option("Copy")
    with worker():
        with page.expect_navigation():
            import_button.click()
        page.get_by_role("heading", name="Imported").wait_for(timeout=60_000)
    body = page.locator("main").inner_text()
    assert "3 new posts" in body and "2 Apr 2024 to 16 Apr 2024" in body
    assert Post.objects.filter(channel=acme["facebook"]).count() == 3
    assert ColumnMapping.objects.get(channel=acme["facebook"]).mapping == {
        "date": "Sent on",
        "text": "Copy",
        "link": "Link",
        "author": "Posted by",
    }
    screenshots(page, "issue11-06-columns-imported")
