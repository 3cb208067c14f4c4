"""An export file is never left "waiting for a worker" for ever: the broker down at upload, a
worker that died while reading, a queue that lost the task."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from audits.evidence import services
from audits.evidence.models import EvidenceImport, Post
from audits.evidence.services import stuck_imports_sweep
from audits.evidence.tasks import sweep_stuck_imports
from audits.tests.factories import EvidenceImportFactory
from outreach.tests.factories import ChannelFactory

SAMPLES = Path(__file__).parent / "samples"
LIMITS = {"WORK_QUEUED_LIMIT": timedelta(minutes=10), "WORK_RUNNING_LIMIT": timedelta(minutes=5)}


@pytest.fixture
def mastodon(organization):
    return ChannelFactory(
        organization=organization, key="ma", platform="mastodon", handle="@acme@social.example"
    )


def queued_import(organization, **fields):
    content = (SAMPLES / "mastodon_outbox.json").read_bytes()
    return EvidenceImportFactory(
        organization=organization,
        file_name="outbox.json",
        size=len(content),
        content=content,
        format="mastodon_outbox",
        status="queued",
        **fields,
    )


@pytest.mark.django_db(transaction=True)  # the enqueue happens inside the request, as served
def test_with_the_broker_down_an_upload_is_refused_with_the_reason(
    comms_client, organization, mastodon, dead_broker
):
    response = comms_client.post(
        reverse("evidence:index", args=[organization.slug]),
        {
            "file": SimpleUploadedFile(
                "outbox.json", (SAMPLES / "mastodon_outbox.json").read_bytes()
            )
        },
        follow=True,
    )
    assert response.status_code == 200
    evidence = EvidenceImport.objects.get()
    assert evidence.status == "failed" and "task queue did not answer" in evidence.error
    assert "task queue did not answer" in response.content.decode()


@pytest.mark.django_db
def test_an_import_whose_worker_died_is_queued_again_and_read_once(
    organization, mastodon, django_capture_on_commit_callbacks
):
    evidence = queued_import(organization)
    EvidenceImport.objects.filter(pk=evidence.pk).update(
        status="reading", claimed_at=timezone.now() - timedelta(minutes=6)
    )
    with override_settings(**LIMITS), django_capture_on_commit_callbacks(execute=True):
        sweep_stuck_imports()  # tasks run in-process here: the file is read at once
    evidence.refresh_from_db()
    assert evidence.status == "done", evidence.error
    assert evidence.sweeps == 1 and evidence.posts_added == Post.objects.count() > 0


@pytest.mark.django_db
def test_an_import_left_queued_is_queued_again_then_failed(organization, dead_broker):
    now = timezone.now()
    evidence = queued_import(organization, queued_at=now - timedelta(minutes=11))
    waiting = queued_import(organization, queued_at=now - timedelta(minutes=9))
    with override_settings(**LIMITS):
        assert stuck_imports_sweep(now=now) == [evidence]
        waiting.refresh_from_db()
        assert waiting.sweeps == 0  # its limit had not passed
        EvidenceImport.objects.filter(pk=waiting.pk).update(status="done")
        for sweep in range(1, services.MAX_SWEEPS):
            assert stuck_imports_sweep(now=now + timedelta(minutes=11 * sweep)) == [evidence]
        assert stuck_imports_sweep(now=now + timedelta(minutes=11 * services.MAX_SWEEPS)) == []
    evidence.refresh_from_db()
    assert evidence.status == "failed"
    assert evidence.error.startswith("This file was not read: no worker took it within 10 minutes")


@pytest.mark.django_db
def test_an_import_waiting_for_its_columns_or_finished_is_never_swept(organization):
    long_ago = timezone.now() - timedelta(days=2)
    waiting_for_columns = queued_import(organization, queued_at=long_ago, needs_mapping=True)
    EvidenceImport.objects.filter(pk=waiting_for_columns.pk).update(status="failed")
    EvidenceImportFactory(organization=organization, queued_at=long_ago)  # done
    assert stuck_imports_sweep() == []
