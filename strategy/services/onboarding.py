"""Starting an organization in the browser: empty, from the worked example, or from a plan file,
with the person who starts it as its first manager. All or nothing: a file with a problem, or
a taken address, leaves no organization behind."""

import copy
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from outreach.models import ChangeRecord, Membership, Organization
from outreach.services import change_record, member_add

from ..planfile import PlanFileError, plan_document_parse
from .planfile_import import plan_import

EXAMPLE_PLAN = Path(__file__).resolve().parents[1] / "demo" / "demo-plan.json"
EXAMPLE_NAME = "Harbourside Learning Trust"

START_EMPTY, START_EXAMPLE, START_FILE = "empty", "example", "file"


def example_document(*, name: str, slug: str) -> dict:
    """The demo's plan as a starting point for `name`: its channels, people, duties, activities
    and links, with the demo's name replaced by the organization's and the demo's own handles,
    addresses and people's emails left blank (they are the demo's, not the organization's)."""
    document = json.loads(EXAMPLE_PLAN.read_text(encoding="utf-8"))
    document["organization"] = {**document["organization"], "name": name, "slug": slug}
    document["plan"]["title"] = f"{name}: first plan (from the example)"
    words = (EXAMPLE_NAME, "Harbourside Learning", "Harbourside")
    for channel in document["channels"]:
        for field in ("name", "identity"):
            for word in words:
                channel[field] = channel.get(field, "").replace(word, name)
        channel["handle"] = ""
    for person in document["staff"]:
        person["email"] = ""
    return document


def _organization_new(name: str, slug: str) -> Organization:
    organization = Organization(name=name.strip(), slug=slug.strip().lower())
    try:
        organization.full_clean()
    except ValidationError as error:
        if "slug" in getattr(error, "error_dict", {}):
            # Django's "Organization with this Slug already exists", in the page's words.
            messages = error.message_dict
            if any("already exists" in m for m in messages["slug"]):
                messages["slug"] = [f"The address “{organization.slug}” is taken; choose another."]
            raise ValidationError(messages) from error
        raise
    return organization


@transaction.atomic
def organization_start(
    *, name: str, slug: str, creator, start: str = START_EMPTY, raw: bytes | None = None
) -> Organization:
    """Create the organization (checked first: name and address), fill it as `start` says and
    make `creator` its manager. PlanFileError for a file that cannot be imported; nothing is
    written then."""
    organization = _organization_new(name, slug)
    if start == START_EMPTY:
        organization.save()
    else:
        if start == START_EXAMPLE:
            document = example_document(name=organization.name, slug=organization.slug)
        elif start == START_FILE:
            document = plan_document_parse(raw or b"")
            if not isinstance(document.get("organization"), dict):
                raise PlanFileError(["organization: missing; a plan file names its organization"])
            # The file may come from another organization: it goes into this new one.
            document = copy.deepcopy(document)
            document["organization"].update(name=organization.name, slug=organization.slug)
        else:
            raise ValueError(f"unknown start {start!r}")
        result = plan_import(document=document, user=creator)
        if not result.created:  # taken meanwhile: never import into someone else's
            raise ValidationError(
                {"slug": f"The address “{organization.slug}” is taken; choose another."}
            )
        organization = result.organization
    member_add(
        organization=organization,
        email=creator.email or creator.username,
        role=Membership.Role.MANAGER,
        actor=creator,
    )
    change_record(
        organization=organization,
        actor=creator,
        subject=ChangeRecord.Subject.MEMBER,
        summary={
            START_EMPTY: "Created the organization",
            START_EXAMPLE: "Created the organization from the worked example",
            START_FILE: "Created the organization from a plan file",
        }[start],
    )
    return organization
