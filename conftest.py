"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db.backends.signals import connection_created
from django.test import Client

from outreach.celery import app as celery_app
from outreach.models import Membership
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

PASSWORD = "pass-word-123"  # what UserFactory sets

# Tasks run in-process in tests, whatever the environment says, except where a test starts a
# real worker (audits/tests/test_tasks.py). The broker is set once, before Celery's connection
# pool first exists, so that the pool always points at the test broker.
TEST_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
celery_app.conf.broker_url = TEST_BROKER_URL
celery_app.conf.task_always_eager = True

# Hashing test passwords with the real, deliberately slow hasher spent most of the suite's time.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def service_unavailable(what: str) -> None:
    """A test that needs a real service fails in CI when it is missing, and only skips elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not available.")
    pytest.skip(f"{what} is not available on this machine.")


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Acme Learning", slug="acme")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Rival Org", slug="rival")


def _member_client(organization, role):
    """A client of its own (so a test can hold a comms member and a manager at once)."""
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role=role)
    member = Client()
    member.force_login(user)
    member.user = user
    return member


@pytest.fixture
def comms_client(db, organization):
    """A logged-in comms member of `organization`."""
    return _member_client(organization, Membership.Role.COMMS)


@pytest.fixture
def manager_client(db, organization):
    """A logged-in manager of `organization`."""
    return _member_client(organization, Membership.Role.MANAGER)


# Browser tests: Debian's chromium driven by Playwright (never a browser Playwright downloads).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        service_unavailable(f"Debian's chromium ({path})")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM would then refuse
    # to run in it, though nothing here is async. The tests' own ORM calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(page, name: str) -> None:
    """Keep a picture of the page under test-artifacts/ (ignored by git) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    # The sticky save bar would cover rows in a full-page picture: let it sit in place. Through
    # the elements' style, as a <style> element (Playwright's `style=`) breaks the pages' CSP.
    bars = page.locator(".savebar")
    bars.evaluate_all("bars => bars.forEach(bar => (bar.style.position = 'static'))")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    bars.evaluate_all("bars => bars.forEach(bar => (bar.style.position = ''))")


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


@pytest.fixture
def dead_broker(monkeypatch):
    """The Celery app pointed at a port where no broker listens (a real refused connection, not a
    mock), tasks really sent; restored afterwards. The connection pools are dropped both ways so
    that they are rebuilt for the URL in force."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    dead = "redis://127.0.0.1:1/0"
    # Celery prefers the CELERY_BROKER_URL environment variable (set in CI) to its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", dead)

    def repoint(url):
        conf.broker_url = url
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    repoint(dead)
    conf.task_always_eager = False
    try:
        yield
    finally:
        monkeypatch.undo()
        repoint(saved[0])
        conf.task_always_eager = saved[1]


def subprocess_database_url() -> str:
    """The test database as a URL for a server or worker in its own process: PostgreSQL only
    (SQLite's test database lives in this process's memory). CI has it; elsewhere: a skip."""
    from django.db import connection

    if connection.vendor != "postgresql":
        service_unavailable("PostgreSQL (DATABASE_URL), for a server or worker in its own process")
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids are reused from one test's database to the next,
    so a page part cached under a run's id in one test must not be found by another."""
    from django.core.cache import cache

    cache.clear()
    yield


def _sqlite_readers_wait_for_no_table_lock(sender, connection, **kwargs):
    """The tests' SQLite database lives in memory, shared between the test, the live server's
    thread and an in-process Celery worker's thread through SQLite's shared cache. There a
    reader meets a writer's table lock as an immediate "database table is locked" error (no
    busy timeout applies), which no production database does: a page polled while the worker
    writes then failed at random. Readers of the shared cache may skip those locks."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


connection_created.connect(_sqlite_readers_wait_for_no_table_lock)


# Email: a real SMTP server on loopback (aiosmtpd), the app pointed at it.
TEST_SITE_URL = "https://planner.example.org"


@pytest.fixture
def mailbox(settings):
    """What the app sends, received by a real SMTP server; links in emails start with
    TEST_SITE_URL (a browser test sets SITE_URL to its live server instead)."""
    from audits.tests.smtp import Mailbox, start_smtp_server

    box = Mailbox()
    controller = start_smtp_server(box)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.SITE_URL = TEST_SITE_URL
    yield box
    controller.stop()


def link_in(message, site: str = TEST_SITE_URL) -> str:
    """The path of the first link to the site in an email's plain text."""
    import re

    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(re.escape(site) + r"(/\S+)", body).group(1)


def same_page(content) -> str:
    """A page without what differs on every request (the CSP nonce, the CSRF token)."""
    import re

    text = content.decode() if isinstance(content, bytes) else content
    return re.sub(r'(nonce|value)="[A-Za-z0-9+/=]{20,}"', r'\1=""', text)
