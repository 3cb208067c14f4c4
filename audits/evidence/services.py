"""Writes of the evidence: taking an export file in, reading it into posts, deleting evidence.

An import is all or nothing per file: the file is read whole (progress is counted as it goes),
every post is matched to a channel, and only then are the posts written, in one transaction.
A post already imported (the same network id on the same channel, from an overlapping export)
is counted as known and not written again. A file over `EVIDENCE_MAX_BYTES` is refused before
it is read.
"""

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from outreach.models import Channel, Organization

from .channels import ChannelMatcher
from .formats.base import EvidenceFileError, FormatInfo, ParsedPost
from .formats.detect import READERS, detect_format
from .models import ColumnMapping, EvidenceImport, Post

logger = logging.getLogger(__name__)

HEAD_BYTES = 64 * 1024  # what format detection looks at
PROGRESS_EVERY = 500  # items read between two progress updates
TEXT_KEPT = 1000  # characters of a post's text kept, for showing examples


def size_in_words(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB"


def evidence_import_create(
    *,
    organization: Organization,
    file_name: str,
    size: int,
    content: bytes | None = None,
    stream=None,
    channel: Channel | None = None,
    actor=None,
) -> EvidenceImport:
    """A queued import of one export file, once its size and format are acceptable.

    The size is checked first, from what the upload or the file system says, before any byte is
    read; then the format is told from the file's first bytes.
    """
    limit = settings.EVIDENCE_MAX_BYTES
    if size > limit:
        raise ValidationError(
            f"{file_name}: the file is {size_in_words(size)}, over the limit of "
            f"{size_in_words(limit)}. Export a shorter period, or split the file."
        )
    if content is None:
        content = stream.read(limit + 1)
        if len(content) > limit:  # the size given was wrong: never hold more than the limit
            raise ValidationError(
                f"{file_name}: the file is over the limit of {size_in_words(limit)}."
            )
    if channel is not None and channel.organization_id != organization.pk:
        raise ValidationError("That channel is not one of this organization's.")
    info = detect_format(content[:HEAD_BYTES])
    if info is None:
        raise ValidationError(
            f"{file_name}: this is not an export the planner reads. It reads X archives "
            "(tweets.js) and analytics CSVs, Mastodon outboxes and status lists, Bluesky author "
            "feeds, Meta Business Suite and LinkedIn post exports, and other tools' CSVs."
        )
    evidence = EvidenceImport(
        organization=organization,
        channel=channel,
        file_name=file_name[:255],
        size=size,
        content=content,
        format=info.code,
        created_by=actor,
    )
    if channel is not None:
        saved = ColumnMapping.objects.filter(channel=channel).first()
        if saved is not None:
            evidence.mapping = saved.mapping
    evidence.full_clean(exclude=["content"])
    evidence.save()
    return evidence


def evidence_import_map_columns(
    *, evidence: EvidenceImport, channel: Channel, mapping: dict
) -> EvidenceImport:
    """Name the columns of a generic CSV that was waiting for them, remember them for the
    channel's later files, and queue the file again."""
    with transaction.atomic():
        ColumnMapping.objects.update_or_create(channel=channel, defaults={"mapping": mapping})
        evidence.channel = channel
        evidence.mapping = mapping
        evidence.status = EvidenceImport.Status.QUEUED
        evidence.error = ""
        evidence.needs_mapping = False
        evidence.items_read = 0
        evidence.queued_at, evidence.sweeps = timezone.now(), 0
        evidence.save()
    return evidence


def _claim(import_id: int) -> EvidenceImport | None:
    with transaction.atomic():
        evidence = (
            EvidenceImport.objects.select_for_update(of=("self",))
            .select_related("organization", "channel")
            .get(pk=import_id)
        )
        if evidence.is_finished:
            return None  # imported or refused: a repeated task has nothing to do
        # A file left "reading" was being read by a worker that died: read it again. Storing
        # is all or nothing and skips known posts, so even two readers write each post once.
        evidence.status = EvidenceImport.Status.READING
        evidence.claimed_at = timezone.now()
        evidence.save(update_fields=["status", "claimed_at"])
        return evidence


def _read_posts(evidence: EvidenceImport, info: FormatInfo) -> list[ParsedPost]:
    reader = next(module for module in READERS if info in module.FORMATS)
    posts = []
    for post in reader.read(
        io.BytesIO(bytes(evidence.content)),
        info=info,
        name=evidence.file_name,
        timezone=evidence.organization.timezone,
        mapping=evidence.mapping or None,
    ):
        posts.append(post)
        if len(posts) % PROGRESS_EVERY == 0:
            EvidenceImport.objects.filter(pk=evidence.pk).update(items_read=len(posts))
    return posts


def _refuse(evidence: EvidenceImport, message: str, *, needs_mapping: bool = False) -> None:
    EvidenceImport.objects.filter(pk=evidence.pk).update(
        status=EvidenceImport.Status.FAILED,
        error=message[:4000],
        needs_mapping=needs_mapping,
        # A file waiting for its columns keeps its bytes, to be read again once they are named.
        content=evidence.content if needs_mapping else None,
        finished_at=timezone.now(),
    )


def evidence_import_execute(*, import_id: int) -> EvidenceImport:
    """Read a queued import into posts, all or nothing; safe to call twice."""
    evidence = _claim(import_id)
    if evidence is None:
        return EvidenceImport.objects.get(pk=import_id)
    info = next(i for i in _known_formats() if i.code == evidence.format)
    try:
        parsed = _read_posts(evidence, info)
    except EvidenceFileError as error:
        _refuse(
            evidence, str(error), needs_mapping=info.network == "other" and not evidence.mapping
        )
        return EvidenceImport.objects.get(pk=import_id)
    matcher = ChannelMatcher.for_organization(evidence.organization)
    unmatched = matcher.unmatched_accounts(parsed, info, chosen=evidence.channel)
    if unmatched:
        _refuse(evidence, matcher.unmatched_message(evidence.file_name, unmatched, info))
        return EvidenceImport.objects.get(pk=import_id)
    _store(evidence, info, parsed, matcher)
    return EvidenceImport.objects.get(pk=import_id)


def _store(evidence, info: FormatInfo, parsed: list[ParsedPost], matcher: ChannelMatcher) -> None:
    by_key = {}
    for post in parsed:
        channel = matcher.channel_for(post, info, chosen=evidence.channel)
        by_key.setdefault((channel.pk, post.network, post.post_id), (channel, post))
    with transaction.atomic():
        known = set()
        for channel_id in {key[0] for key in by_key}:
            ids = [key[2] for key in by_key if key[0] == channel_id]
            known |= {
                (channel_id, network, post_id)
                for network, post_id in Post.objects.filter(
                    channel_id=channel_id, post_id__in=ids
                ).values_list("network", "post_id")
            }
        new = [
            _post_row(evidence, info, channel, post)
            for key, (channel, post) in by_key.items()
            if key not in known
        ]
        # ignore_conflicts: a file imported twice at once still stores each post once.
        Post.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        times = [post.published_at for _, post in by_key.values()]
        EvidenceImport.objects.filter(pk=evidence.pk).update(
            status=EvidenceImport.Status.DONE,
            error="",
            needs_mapping=False,
            content=None,  # the posts keep what the audit needs; the file is not kept
            items_read=len(parsed),
            posts_added=len(new),
            posts_known=len(by_key) - len(new),
            first_post_at=min(times) if times else None,
            last_post_at=max(times) if times else None,
            finished_at=timezone.now(),
        )


def _post_row(evidence, info: FormatInfo, channel: Channel, post: ParsedPost) -> Post:
    return Post(
        organization_id=evidence.organization_id,
        channel=channel,
        source=evidence,
        format=info.code,
        network=post.network,
        post_id=post.post_id[:300],
        account=post.account[:200],
        published_at=post.published_at,
        kind=post.kind,
        text=post.text[:TEXT_KEPT],
        links=list(post.links),
        has_media=post.has_media,
        is_poll=post.is_poll,
        is_event=post.is_event,
        in_reply_to_id=(post.in_reply_to_id or "")[:300],
        in_reply_to_account=(post.in_reply_to_account or "")[:200],
        reply_delay_seconds=post.reply_delay_seconds,
        author=post.author[:200],
        url=post.url[:500],
    )


def evidence_import_fail(*, import_id: int, error: BaseException | str) -> None:
    """Record why an import could not finish (a crash, not a refused file)."""
    reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    EvidenceImport.objects.filter(pk=import_id).exclude(status=EvidenceImport.Status.DONE).update(
        status=EvidenceImport.Status.FAILED, error=reason[:4000], finished_at=timezone.now()
    )


def channel_evidence_delete(*, channel: Channel) -> int:
    """Delete every imported post of the channel (a manager's choice); returns how many."""
    deleted, _ = Post.objects.filter(channel=channel).delete()
    return deleted


def _known_formats() -> list[FormatInfo]:
    return [info for module in READERS for info in module.FORMATS]


# How often the sweeper puts a stuck import back on the queue before it fails it.
MAX_SWEEPS = 2
STUCK_REASON = (
    "This file was not read: {what} {minutes} minutes, {times} times over. The workers may be "
    "stopped; upload it again once they run."
)


def stuck_imports_sweep(*, now=None) -> list[EvidenceImport]:
    """Imports left waiting or being read past their limits (settings.WORK_QUEUED_LIMIT and
    WORK_RUNNING_LIMIT): each is put back on the queue, up to MAX_SWEEPS times, else failed
    with the reason. Returns the imports to send to a worker again (the caller enqueues them).
    An import waiting for its columns to be named is not stuck: it waits for a person."""
    now = now or timezone.now()
    queued_limit, running_limit = settings.WORK_QUEUED_LIMIT, settings.WORK_RUNNING_LIMIT
    stuck = EvidenceImport.objects.filter(
        Q(status=EvidenceImport.Status.QUEUED, queued_at__lt=now - queued_limit)
        | Q(status=EvidenceImport.Status.READING, claimed_at__lt=now - running_limit)
    ).order_by("pk")
    requeued = []
    with transaction.atomic():
        for evidence in stuck.select_for_update(skip_locked=True).only(
            "pk", "status", "sweeps", "organization_id"
        ):
            if evidence.sweeps < MAX_SWEEPS:
                evidence.status = EvidenceImport.Status.QUEUED
                evidence.queued_at, evidence.sweeps = now, evidence.sweeps + 1
                evidence.save(update_fields=["status", "queued_at", "sweeps"])
                requeued.append(evidence)
                continue
            was_queued = evidence.status == EvidenceImport.Status.QUEUED
            limit = queued_limit if was_queued else running_limit
            what = "no worker took it within" if was_queued else "its worker stopped after"
            evidence_import_fail(
                import_id=evidence.pk,
                error=STUCK_REASON.format(
                    what=what, minutes=round(limit.total_seconds() / 60), times=evidence.sweeps + 1
                ),
            )
    if requeued:
        logger.warning("Re-queued stuck evidence imports %s", [e.pk for e in requeued])
    return requeued
