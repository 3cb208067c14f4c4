"""The dashboard on paper, printed by Debian's chromium (Playwright) to an A4 PDF."""

import re

import pytest
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime

from audits.runs.services import audit_run_now
from audits.tests.plans import plan_with_channels
from conftest import ARTIFACTS, log_in
from outreach.models import Membership
from outreach.tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]

# Measured with the print stylesheet: 6 pages for this dashboard (13 before it, several nearly
# blank), 7 since the findings of the whole plan have a section of their own with a line under
# each channel they cost. Most of the pages are the findings.
MAX_PAGES = 7


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF as Chromium writes it (each page an uncompressed
    `/Type /Page` dictionary; the page tree's nodes are `/Type /Pages`)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def test_the_printed_dashboard_fits_few_a4_pages_each_naming_the_organization_and_audit(
    page, transactional_db, organization
):
    plan_with_channels(organization, 5)
    audit_run_now(organization=organization)
    run = audit_run_now(organization=organization)
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role=Membership.Role.MANAGER)
    log_in(page, user.email)
    page.goto("/o/acme/dashboard/")
    header = page.locator("#print-header")
    assert header.is_hidden()  # on screen the navigation and the page head say it

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "issue14-dashboard-print.pdf").write_bytes(pdf)
    pages = pdf_pages(pdf)
    print(f"printed dashboard of 5 channels: {pages} A4 pages")
    assert 1 <= pages <= MAX_PAGES

    # The header is a table's header group on paper, which Chromium repeats on every page.
    assert header.is_visible()
    assert header.evaluate("e => getComputedStyle(e.parentElement).display") == (
        "table-header-group"
    )
    finished = date_format(localtime(run.finished_at), "j M Y")
    text = header.inner_text()
    assert "Acme Learning" in text and f"audit #{run.number}, {finished}" in text
    for hidden in (".topbar", ".orgnav", "form.filters", ".page-head .actions", ".footer"):
        assert page.locator(hidden).is_hidden(), hidden
    assert page.locator("svg#chart-heatmap").is_visible()
    # Laid out as wide as the paper (A4 less the margins: 186 mm, 703 CSS pixels), the charts
    # shrink to fit it, the integration graph too (on screen it keeps a width and scrolls).
    page.set_viewport_size({"width": 703, "height": 1000})
    widths = page.locator("figure.chart svg").evaluate_all(
        "svgs => svgs.map(s => s.getBoundingClientRect().right)"
    )
    assert len(widths) == 5 and max(widths) <= 703
    assert page.evaluate("document.documentElement.scrollWidth") <= 703
