"""The weekly report email: a subject with the score and its change, both parts carrying the
channels, the findings worth the most and what changed, safe HTML without outside resources, and
a fixed number of queries whatever the number of channels."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.models import AuditRun
from audits.reports.email import report_email_build
from audits.rubric.verdicts import VERDICT_LABELS
from audits.runs.services import audit_run_now
from audits.tests.plans import plan_with_channels
from outreach.models import Channel, Organization
from outreach.platforms import label_of
from outreach.tests.factories import OrganizationFactory
from strategy.models import PlannedActivity

pytestmark = pytest.mark.django_db

WEEK = (2026, 48)
DASHBOARD = "https://planner.example.org/o/acme/dashboard/"
UNSUBSCRIBE = "https://planner.example.org/reports/unsubscribe/t0k3n/"
HOSTILE = "<script>alert(\"x\")</script> & 'quoted'"


def build(organization, run, **kwargs):
    return report_email_build(
        organization=organization,
        run=run,
        week=WEEK,
        dashboard_url=DASHBOARD,
        unsubscribe_url=UNSUBSCRIBE,
        **kwargs,
    )


class _Html(HTMLParser):
    """The tags and attributes of a page, and its text as a reader sees it."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.words = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_data(self, data):
        self.words.append(data)


def parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    return parser


def visible(html: str) -> str:
    """The HTML part's text, entities decoded and white space collapsed."""
    return " ".join(" ".join(parse(html).words).split())


def one_line(text: str) -> str:
    return " ".join(text.split())


def two_runs_with_a_change(organization, n_channels=3):
    """Two runs; between them one channel lost all its activities and another its re-shares."""
    plan, channels = plan_with_channels(organization, n_channels)
    first = audit_run_now(organization=organization)
    PlannedActivity.objects.filter(plan=plan, channel=channels[1]).delete()
    PlannedActivity.objects.filter(plan=plan, channel=channels[0], kind="retweet").delete()
    second = audit_run_now(organization=organization)
    return first, second


@pytest.mark.parametrize(
    "change, expected",
    [(None, "(first audit)"), (4, "(▲ 4)"), (-3, "(▼ 3)"), (0, "(unchanged)")],
)
def test_the_subject_names_the_organization_week_score_and_change(organization, change, expected):
    plan_with_channels(organization, 2)
    if change is not None:
        earlier = audit_run_now(organization=organization)
    run = audit_run_now(organization=organization)
    if change is not None:
        AuditRun.objects.filter(pk=earlier.pk).update(score=run.score - change)
    subject = build(organization, run).subject
    assert subject == f"Acme Learning · week 48, 2026 · score {run.score} {expected}"


def test_both_parts_carry_every_channel_its_scores_the_top_findings_and_both_links(
    organization,
):
    plan_with_channels(organization, 3)
    run = audit_run_now(organization=organization)
    mail = build(organization, run)
    html_text, text = visible(mail.html), one_line(mail.text)
    scores = list(run.scores.order_by("id"))
    assert len(scores) == 3
    for score in scores:
        figures = (
            f"Value {score.value} · Interactivity {score.interactivity} · "
            f"Integration {score.integration} · Resourcing {score.resourcing}"
        )
        assert (
            f"{score.channel_label} ({label_of(score.platform)}): "
            f"{VERDICT_LABELS[score.verdict]}, {score.overall} overall"
        ) in text
        assert figures in text
        assert re.search(
            rf"{re.escape(score.channel_label)} .*?{VERDICT_LABELS[score.verdict]} "
            rf"Value {score.value} Interactivity {score.interactivity} "
            rf"Integration {score.integration} Resourcing {score.resourcing} "
            rf"Overall {score.overall}\b",
            html_text,
        ), score.channel_label
    top = list(run.findings.order_by("-points", "code", "id")[:3])
    assert len(top) == 3
    for finding in top:
        assert one_line(finding.recommendation) in text
        assert finding.recommendation in html_text
        assert f"+{finding.points} points" in text
        assert f"+{finding.points} points" in html_text
    for part in (mail.text, mail.html):
        assert DASHBOARD in part and UNSUBSCRIBE in part
    assert "Nothing to compare with yet: this is the first audit." in text
    assert "Nothing to compare with yet: this is the first audit." in html_text


def test_the_trend_lists_the_scores_of_the_last_twelve_runs_oldest_first(organization):
    plan, channels = plan_with_channels(organization, 2)
    runs = [audit_run_now(organization=organization) for _ in range(13)]
    PlannedActivity.objects.filter(plan=plan, channel=channels[0]).delete()
    runs.append(audit_run_now(organization=organization))
    AuditRun.objects.filter(pk=runs[5].pk).update(score=41)
    mail = build(organization, runs[-1])
    expected = [AuditRun.objects.get(pk=r.pk).score for r in runs[-12:]]
    assert f"Trend over the last 12 audits: {' → '.join(map(str, expected))}" in mail.text
    assert "Trend over the last 12 audits, oldest first" in mail.html
    assert f"score {runs[-1].score} (▼ {runs[-2].score - runs[-1].score})" in mail.subject


def test_what_changed_lists_moved_channels_and_new_and_fixed_findings(organization):
    first, second = two_runs_with_a_change(organization)
    mail = build(organization, second)
    text, html_text = one_line(mail.text), visible(mail.html)

    before = {s.channel_key: s for s in first.scores.all()}
    moved = [s for s in second.scores.order_by("id") if before[s.channel_key].overall != s.overall]
    assert [(s.channel_label, before[s.channel_key].overall, s.overall) for s in moved] == [
        ("Channel c0", 76, 73),
        ("Channel c1", 66, 46),
        ("Channel c2", 68, 65),
    ]
    for score in moved:
        old = before[score.channel_key].overall
        arrow = "▲" if score.overall > old else "▼"
        line = f"{old} → {score.overall} {arrow} {abs(score.overall - old)}"
        assert f"{score.channel_label}: {old} → {score.overall} (" in text
        assert f"{score.channel_label} {line}" in html_text

    def keyed(run):
        return {
            (f.code, f.channel_key, f.message): f
            for f in run.findings.order_by("-points", "code", "id")
        }

    old, new = keyed(first), keyed(second)
    appeared = [f for k, f in new.items() if k not in old]
    gone = [f for k, f in old.items() if k not in new]
    assert (len(appeared), len(gone)) == (4, 8)
    assert (
        f"New findings ({len(appeared)})" in text and f"New findings ({len(appeared)})" in html_text
    )
    assert f"Fixed ({len(gone)})" in text and f"Fixed ({len(gone)})" in html_text
    for finding in appeared[:5]:
        assert one_line(finding.message) in text and finding.message in html_text
    for finding in gone[:5]:
        assert one_line(finding.message) in text and finding.message in html_text
    unchanged = [f for k, f in new.items() if k in old]
    changes = text.split("WHAT CHANGED")[1]
    for finding in unchanged:
        assert finding.message not in changes


def test_a_week_without_changes_says_so_in_one_line(organization):
    plan_with_channels(organization, 2)
    audit_run_now(organization=organization)
    run = audit_run_now(organization=organization)
    mail = build(organization, run)
    for part in (one_line(mail.text), visible(mail.html)):
        assert "Nothing changed: the same scores and the same findings as on " in part
        assert "New findings" not in part and "Fixed" not in part


def test_a_channel_no_longer_audited_is_listed_with_its_last_score(organization):
    plan, channels = plan_with_channels(organization, 2)
    audit_run_now(organization=organization)
    Channel.objects.filter(pk=channels[1].pk).update(active=False)
    run = audit_run_now(organization=organization)
    text = build(organization, run).text
    assert "Channel c1: no longer audited (was " in text


def test_hostile_names_are_escaped_in_html_and_kept_verbatim_in_text(organization):
    Organization.objects.filter(pk=organization.pk).update(name=HOSTILE)
    organization.refresh_from_db()
    plan, channels = plan_with_channels(organization, 2)
    Channel.objects.filter(pk=channels[0].pk).update(handle="", name=HOSTILE)
    run = audit_run_now(organization=organization)
    assert run.scores.get(channel_key="c0").channel_label == HOSTILE
    mail = build(organization, run)
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;"
    # The organization 3 times (title, heading, footer), the channel 8 times (the preheader,
    # two top findings' advice, place and reason, its row).
    assert mail.html.count(escaped) == 11
    assert f"{HOSTILE} (X / Twitter): " in mail.text
    assert "<script" not in mail.html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in mail.html
    assert HOSTILE in visible(mail.html)
    assert HOSTILE in mail.text
    assert mail.subject == f"{HOSTILE} · week 48, 2026 · score {run.score} (first audit)"


def test_the_subject_is_one_line_whatever_the_organization_name(organization):
    Organization.objects.filter(pk=organization.pk).update(name="Acme\r\nBcc: x@example.org")
    organization.refresh_from_db()
    plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    subject = build(organization, run).subject
    assert "\n" not in subject and "\r" not in subject
    assert subject == f"Acme Bcc: x@example.org · week 48, 2026 · score {run.score} (first audit)"


def test_the_html_loads_nothing_and_runs_nothing_and_links_only_the_two_addresses(
    organization,
):
    first, second = two_runs_with_a_change(organization)
    html = build(organization, second).html
    page = parse(html)
    forbidden = {"script", "style", "link", "img", "iframe", "object", "embed", "form", "input"}
    assert not forbidden & set(page.tags)
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("src", "srcset", "background", "action", "poster"), (tag, name)
        assert "url(" not in value and "javascript:" not in value.lower(), (tag, value)
    hrefs = {value for tag, name, value in page.attributes if name == "href"}
    assert hrefs == {DASHBOARD, UNSUBSCRIBE}
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {DASHBOARD, UNSUBSCRIBE}
    assert "max-width:600px" in html
    assert page.tags.count("table") > 5  # laid out with tables, not style sheets


def test_the_text_part_has_no_html_tags_or_entities(organization):
    Organization.objects.filter(pk=organization.pk).update(name="O'Brien & Daughters")
    organization.refresh_from_db()
    first, second = two_runs_with_a_change(organization)
    text = build(organization, second).text
    assert not re.search(r"</?[a-zA-Z][^>]*>", text)
    assert not re.search(r"&(#\d+|#x[0-9a-fA-F]+|[a-z]+);", text)
    assert "O'Brien & Daughters" in text
    assert max(len(line) for line in text.splitlines() if "http" not in line) <= 100


def test_the_number_of_queries_is_the_same_for_2_or_30_channels():
    def queries_for(n_channels: int, **kwargs) -> int:
        organization = OrganizationFactory()
        two_runs_with_a_change(organization, n_channels)
        run = AuditRun.objects.filter(organization=organization).order_by("-pk").first()
        organization = Organization.objects.get(pk=organization.pk)
        history = kwargs.pop("history", None)
        if history == "given":
            kwargs["history"] = list(
                AuditRun.objects.filter(organization=organization, status="done").order_by("pk")
            )
        with CaptureQueriesContext(connection) as queries:
            mail = build(organization, run, **kwargs)
        assert mail.html and mail.text
        # Gmail cuts a message past 102 kB, and with it the footer and its unsubscribe link.
        assert len(mail.html.encode()) < 90_000
        return len(queries)

    small, large = queries_for(2), queries_for(30)
    print(f"report email queries: {small} (2 channels), {large} (30 channels)")
    assert small == large == 3
    assert queries_for(30, history="given") == 2


def test_a_run_of_another_organization_is_refused(organization, other_organization):
    plan_with_channels(other_organization, 2)
    run = audit_run_now(organization=other_organization)
    with pytest.raises(ValueError):
        build(organization, run)
