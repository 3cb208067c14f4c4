"""Reads of the evidence: what each channel actually published, month by month, and what the
evidence page shows.

A count the imported formats cannot give is None ("unknown"), never 0: a legacy X analytics
CSV leaves pure retweets out, so a month read from one has no re-share count; a scheduler's
CSV does not tell replies from originals, nor whether a post carried a photo.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC

from django.db.models import Count, Max, Min
from django.shortcuts import get_object_or_404

from outreach.models import Channel, Organization

from .formats.base import ORIGINAL, REPLY, RESHARE, UNKNOWN, FormatInfo
from .formats.detect import READERS
from .models import EvidenceImport, Post

MONTH_FIELDS = ("items", "originals", "replies", "reshares", "with_link", "with_media", "polls")


def format_info(code: str) -> FormatInfo | None:
    return next((i for module in READERS for i in module.FORMATS if i.code == code), None)


def month_counts(posts) -> dict[str, int | None]:
    """One month's counts of a channel's posts, None where a format cannot tell."""
    formats = [format_info(code) for code in {p.format for p in posts}]

    def known(flag: str) -> bool:
        return all(info is not None and getattr(info, flag) for info in formats)

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
