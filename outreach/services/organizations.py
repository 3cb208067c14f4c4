"""The organization's own settings."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from ..models import ChangeRecord, Organization
from .history import change_record
from .validation import full_clean_reporting


@transaction.atomic
def organization_report_settings_update(
    *,
    organization: Organization,
    actor,
    report_weekday: int,
    report_hour: int,
    timezone: str,
    report_recipients: list[str],
) -> list[str]:
    """Set when the weekly report goes out and to which extra addresses; returns what
    changed. Every bad address is named, and nothing is written then."""
    recipients, bad = [], []
    for address in report_recipients:
        address = address.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
        else:
            if address not in recipients:
                recipients.append(address)
    values = {
        "report_weekday": report_weekday,
        "report_hour": report_hour,
        "timezone": timezone,
        "report_recipients": recipients,
    }
    changed = [name for name, value in values.items() if getattr(organization, name) != value]
    for name in changed:
        setattr(organization, name, values[name])
    errors = {}
    if bad:
        errors["report_recipients"] = f"Not an email address: {', '.join(bad)}."
    full_clean_reporting(organization, errors=errors)
    if changed:
        organization.save(update_fields=changed)
        change_record(
            organization=organization,
            actor=actor,
            subject=ChangeRecord.Subject.MEMBER,
            summary="Changed the weekly report: " + ", ".join(n.replace("_", " ") for n in changed),
        )
    return changed


_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@transaction.atomic
def organization_web_domains_update(
    *, organization: Organization, actor, web_domains: list[str]
) -> bool:
    """Set the organization's own web domains (a post linking there points to its own work);
    returns whether they changed. Addresses are cut to their domain ("https://www.acme.org/x"
    is acme.org); anything that is no domain is named, and nothing is written then."""
    domains, bad = [], []
    for value in web_domains:
        value = value.strip().lower()
        if not value:
            continue
        host = (urlsplit(value).hostname if "://" in value else value.split("/")[0]) or ""
        host = host.removeprefix("www.")
        if not _DOMAIN.match(host):
            bad.append(value)
        elif host not in domains:
            domains.append(host)
    if bad:
        raise ValidationError({"web_domains": f"Not a web domain: {', '.join(bad)}."})
    if domains == organization.web_domains:
        return False
    organization.web_domains = domains
    organization.save(update_fields=["web_domains"])
    change_record(
        organization=organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary="Set the organization's web domains: " + (", ".join(domains) or "none"),
    )
    return True
