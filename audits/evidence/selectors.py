"""Reads of the evidence: what each channel actually published, month by month, and what the
evidence page shows.

A count the imported formats cannot give is None ("unknown"), never 0: a legacy X analytics
CSV leaves pure retweets out, so a month read from one has no re-share count; a scheduler's
CSV does not tell replies from originals, nor whether a post carried a photo.
"""

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404

from outreach.models import Channel, Organization

from ..rubric.snapshot import ActualFacts
from .channels import CHANNEL, ELSEWHERE, OWN_WORK, ChannelMatcher
from .formats.base import ORIGINAL, QUOTE, REPLY, RESHARE, UNKNOWN, FormatInfo
from .formats.detect import READERS
from .models import EvidenceImport, Post

MONTH_FIELDS = ("items", "originals", "replies", "reshares", "with_link", "with_media", "polls")


def format_info(code: str) -> FormatInfo | None:
    return next((i for module in READERS for i in module.FORMATS if i.code == code), None)


def month_counts(posts) -> dict[str, int | None]:
    """One month's counts of a channel's posts, None where a format cannot tell."""
    formats = [format_info(code) for code in {p.format for p in posts}]

    def known(flag: str) -> bool:
        # Another tool's CSV shows kinds only through a mapped kind column: where every post
        # has a kind, replies and re-shares are known too.
        return all(
            info is not None and (getattr(info, flag) or info.network == "other")
            for info in formats
        )

    links_known = all(info is not None and info.extra.get("knows_links", True) for info in formats)

    def counted(condition, *, known_when: bool = True) -> int | None:
        return sum(1 for p in posts if condition(p)) if known_when else None

    # A post of unknown kind could be any of them; a format that never shows replies (or
    # re-shares) cannot say there were none.
    kinds_known = all(p.kind != UNKNOWN for p in posts)
    return {
        "items": len(posts),
        "originals": counted(lambda p: p.kind == ORIGINAL, known_when=kinds_known),
        "replies": counted(
            lambda p: p.kind == REPLY, known_when=kinds_known and known("knows_replies")
        ),
        "reshares": counted(
            lambda p: p.kind == RESHARE, known_when=kinds_known and known("knows_reshares")
        ),
        "with_link": counted(lambda p: bool(p.links), known_when=links_known),
        "with_media": counted(
            lambda p: p.has_media, known_when=all(p.has_media is not None for p in posts)
        ),
        "polls": counted(
            lambda p: p.is_poll,
            known_when=known("knows_polls") and all(p.is_poll is not None for p in posts),
        ),
    }


def actual_activity(*, organization: Organization) -> dict:
    """Per channel with evidence, its counts per calendar month (UTC): the shape that
    `actual_activity --json` prints."""
    by_channel = defaultdict(lambda: defaultdict(list))
    keys = {}
    posts = (
        Post.objects.for_organization(organization)
        .select_related("channel")
        .only(
            "channel__key",
            "published_at",
            "format",
            "kind",
            "links",
            "has_media",
            "is_poll",
        )
        .order_by("channel_id", "published_at")
    )
    for post in posts.iterator(chunk_size=2000):
        keys[post.channel_id] = post.channel.key
        month = post.published_at.astimezone(UTC).strftime("%Y-%m")
        by_channel[post.channel_id][month].append(post)
    return {
        "organization": organization.slug,
        "channels": [
            {
                "key": keys[channel_id],
                "months": {month: month_counts(items) for month, items in sorted(months.items())},
            }
            for channel_id, months in by_channel.items()
        ],
    }


@dataclass
class ChannelEvidence:
    channel: Channel
    posts: int = 0
    first_at: object = None
    last_at: object = None
    imports: list = field(default_factory=list)


def evidence_overview(*, organization: Organization) -> list[ChannelEvidence]:
    """Each channel with how many posts were imported, the period they cover and its files."""
    channels = list(Channel.objects.for_organization(organization).order_by("-active", "name"))
    summary = {
        row["channel_id"]: row
        for row in Post.objects.for_organization(organization)
        .values("channel_id")
        .annotate(n=Count("id"), first=Min("published_at"), last=Max("published_at"))
    }
    # A file belongs to the channel chosen on upload and to every channel it brought posts to.
    brought = defaultdict(set)
    for channel_id, source_id in (
        Post.objects.for_organization(organization)
        .values_list("channel_id", "source_id")
        .order_by()
        .distinct()
    ):
        brought[source_id].add(channel_id)
    imports = defaultdict(list)
    for evidence in evidence_imports(organization=organization):
        for channel_id in {evidence.channel_id, *brought.get(evidence.pk, ())} - {None}:
            imports[channel_id].append(evidence)
    result = []
    for channel in channels:
        row = summary.get(channel.pk, {})
        result.append(
            ChannelEvidence(
                channel=channel,
                posts=row.get("n", 0),
                first_at=row.get("first"),
                last_at=row.get("last"),
                imports=imports.get(channel.pk, []),
            )
        )
    return result


def evidence_imports(*, organization: Organization, limit: int = 50) -> list[EvidenceImport]:
    """The latest uploaded files, newest first (without their bytes)."""
    return list(
        EvidenceImport.objects.for_organization(organization)
        .select_related("channel", "created_by")
        .defer("content")
        .order_by("-created_at", "-id")[:limit]
    )


def evidence_import_get(*, organization: Organization, import_id: int) -> EvidenceImport:
    return get_object_or_404(
        EvidenceImport.objects.for_organization(organization)
        .select_related("channel")
        .defer("content"),
        pk=import_id,
    )


def csv_columns(evidence: EvidenceImport) -> list[str]:
    """The header of a CSV waiting for its columns to be named (the file's first row)."""
    content = EvidenceImport.objects.filter(pk=evidence.pk).values_list("content", flat=True)[0]
    if not content:
        return []
    first_line = bytes(content[:65536]).decode("utf-8-sig", errors="replace").splitlines()[:1]
    return [c.strip() for row in csv.reader(first_line) for c in row if c.strip()]


def suggested_columns(columns: list[str]) -> dict:
    """The generic CSV reader's guess of which column holds what."""
    from .formats.generic_csv import suggest_mapping

    return suggest_mapping(columns)


def actual_facts_by_organization(
    *, organizations: list[Organization], weeks: dict[int, int]
) -> dict[int, dict[str, ActualFacts]]:
    """`actual_facts` of many organizations (a worker's batch), by organization id: one query
    finds which have imported posts at all; only those are read further."""
    with_posts = set(
        Post.objects.for_organizations([o.pk for o in organizations])
        .values_list(Post.tenant_path, flat=True)
        .distinct()
    )
    return {
        o.pk: actual_facts(organization=o, weeks=weeks[o.pk]) if o.pk in with_posts else {}
        for o in organizations
    }


def actual_facts(*, organization: Organization, weeks: int) -> dict[str, ActualFacts]:
    """What each channel with imported posts published in its audited period: the `weeks`
    weeks up to its latest post (shorter when its posts begin later). Two queries."""
    latest = dict(
        Post.objects.for_organization(organization)
        .values("channel_id")
        .annotate(last=Max("published_at"))
        .values_list("channel_id", "last")
    )
    if not latest:
        return {}
    window = Q()
    for channel_id, last in latest.items():
        window |= Q(channel_id=channel_id, published_at__gt=last - timedelta(weeks=weeks))
    posts = defaultdict(list)
    for post in (
        Post.objects.for_organization(organization).filter(window).select_related("channel")
    ):
        posts[post.channel_id].append(post)
    matcher = ChannelMatcher.for_organization(organization)
    return {
        items[0].channel.key: _facts(items, latest[channel_id], weeks, matcher)
        for channel_id, items in posts.items()
    }


def _facts(posts, last, weeks: int, matcher: ChannelMatcher) -> ActualFacts:
    first = min(p.published_at for p in posts)
    span = Decimal((last - first).total_seconds()) / Decimal(7 * 24 * 3600)
    counts = month_counts(posts)
    kinds_known = counts["originals"] is not None
    content = [p for p in posts if p.kind in (ORIGINAL, QUOTE)] if kinds_known else None
    links_known = counts["with_link"] is not None and content is not None
    own = external = None
    to_channels = None
    if links_known:
        own, external, to_channels = 0, 0, defaultdict(int)
        for post in content:
            targets = {matcher.link_target(url, channel=post.channel) for url in post.links}
            own += any(kind == OWN_WORK for kind, _ in targets)
            external += any(kind == ELSEWHERE for kind, _ in targets)
            for key in {key for kind, key in targets if kind == CHANNEL}:
                to_channels[key] += 1
    delays = sorted(
        p.reply_delay_seconds
        for p in posts
        if p.kind == REPLY and p.reply_delay_seconds is not None
    )
    return ActualFacts(
        weeks=max(Decimal(1), min(Decimal(weeks), span)),
        period_end=last.date(),
        items=len(posts),
        content=len(content) if content is not None else None,
        replies=counts["replies"],
        reshares=counts["reshares"],
        own_work=own,
        external=external,
        to_channels=dict(to_channels) if to_channels is not None else None,
        reply_delay_median_hours=_hours(_percentile(delays, 50)),
        reply_delay_p90_hours=_hours(_percentile(delays, 90)),
        authors=tuple(sorted({p.author for p in posts if p.author})),
    )


def _percentile(values: list[int], percent: int) -> int | None:
    """The nearest-rank percentile of sorted `values` (None without values)."""
    if not values:
        return None
    rank = max(1, math.ceil(percent / 100 * len(values)))
    return values[rank - 1]


def _hours(seconds: int | None) -> Decimal | None:
    return None if seconds is None else (Decimal(seconds) / 3600).quantize(Decimal("0.01"))
