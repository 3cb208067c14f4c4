"""The evidence pages: upload, follow the import, name a CSV's columns, delete, web domains."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from audits.evidence.models import ColumnMapping, EvidenceImport, Post
from outreach.tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def mastodon(organization):
    return ChannelFactory(
        organization=organization, key="ma", platform="mastodon", handle="@acme@social.example"
    )


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    def upload(client, organization, name, content=None, **data):
        content = (SAMPLES / name).read_bytes() if content is None else content
        # The view enqueues the import on commit; tasks run in-process in tests, so the
        # import is done when the commit's callbacks have run; then the page is followed.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("evidence:index", args=[organization.slug]),
                {"file": SimpleUploadedFile(name, content), **data},
            )
        if response.status_code != 302:
            return response
        page = client.get(response.url)
        page.redirect_chain = [(response.url, 302)]
        return page

    return upload


def test_an_upload_is_imported_and_its_page_says_what_it_brought(
    upload, comms_client, organization, mastodon
):
    page = upload(comms_client, organization, "mastodon_outbox.json")
    evidence = EvidenceImport.objects.get()
    assert page.redirect_chain == [
        (reverse("evidence:import", args=[organization.slug, evidence.pk]), 302)
    ]
    html = page.content.decode()
    assert "<strong>7</strong> new posts" in html
    assert "They cover 1 Mar 2024 to 5 Mar 2024." in html
    assert Post.objects.filter(channel=mastodon).count() == 7
    status = comms_client.get(reverse("evidence:status", args=[organization.slug, evidence.pk]))
    assert status.json() | {"body_url": ""} == {
        "status": "done",
        "label": "Imported",
        "finished": True,
        "items_read": 7,
        "posts_added": 7,
        "posts_known": 0,
        "error": "",
        "body_url": "",
    }


def test_a_file_that_is_no_export_is_refused_on_the_form_and_nothing_is_stored(
    upload, comms_client, organization, mastodon
):
    page = upload(comms_client, organization, "page.html", b"<html><body>Hi</body></html>")
    assert page.status_code == 400
    assert "page.html: this is not an export the planner reads" in page.content.decode()
    assert not EvidenceImport.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused_by_its_size(upload, comms_client, organization, mastodon):
    page = upload(comms_client, organization, "mastodon_outbox.json")
    assert page.status_code == 400
    assert "over the limit of 1 kB" in page.content.decode()
    assert not EvidenceImport.objects.exists()


def test_a_tools_csv_asks_for_its_columns_then_imports(
    upload, django_capture_on_commit_callbacks, comms_client, organization
):
    blog = ChannelFactory(organization=organization, key="fb", platform="facebook", handle="")
    content = b"When,What,Who\n2024-01-05 16:05,Hello there,Ana\n"
    page = upload(comms_client, organization, "export.csv", content, channel=blog.pk)
    evidence = EvidenceImport.objects.get()
    html = page.content.decode()
    assert evidence.needs_mapping and "Name the columns" in html
    assert '<option value="When">When</option>' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = comms_client.post(
            reverse("evidence:columns", args=[organization.slug, evidence.pk]),
            {"channel": blog.pk, "date": "When", "text": "What", "author": "Who"},
        )
    page = comms_client.get(response.url)
    assert "<strong>1</strong> new post" in page.content.decode()
    assert list(Post.objects.values_list("channel__key", "author")) == [("fb", "Ana")]
    assert ColumnMapping.objects.get(channel=blog).mapping == {
        "date": "When",
        "text": "What",
        "author": "Who",
    }


def test_only_a_manager_deletes_a_channels_posts(
    upload, comms_client, manager_client, organization, mastodon
):
    upload(comms_client, organization, "mastodon_outbox.json")
    url = reverse("evidence:delete", args=[organization.slug, "ma"])
    assert comms_client.post(url).status_code == 403
    assert Post.objects.count() == 7
    page = manager_client.post(url, follow=True)
    assert "Deleted the 7 imported posts of" in page.content.decode()
    assert not Post.objects.exists()


def test_a_manager_sets_the_web_domains_and_a_wrong_one_is_named(manager_client, organization):
    url = reverse("evidence:domains", args=[organization.slug])
    page = manager_client.post(url, {"web_domains": "https://www.acme.example/about\nnot a domain"})
    assert page.status_code == 400
    assert "Not a web domain: not a domain." in page.content.decode()
    manager_client.post(url, {"web_domains": "https://www.acme.example/about\nacme.org"})
    organization.refresh_from_db()
    assert organization.web_domains == ["acme.example", "acme.org"]


def test_the_page_lists_channels_without_evidence_as_audited_on_the_plan(
    comms_client, organization, mastodon
):
    page = comms_client.get(reverse("evidence:index", args=[organization.slug]))
    assert "no evidence: audited on the plan alone" in page.content.decode()
