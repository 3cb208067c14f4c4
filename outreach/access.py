"""Access to an organization's pages: the view side of the tenancy mechanism.

Every page of an organization lives under /o/<org_slug>/ and is wrapped in
`org_member_required`: it finds the organization only among the member's own (so another
organization answers 404), and puts it on `request.organization` with the member's
`request.membership`. Views then read objects only through
`Model.objects.for_organization(request.organization)`.

The organization a member used last (where the home page sends them) is remembered in a cookie,
set only when it changes: kept in the session, it made every page write the session to the
database. The home page follows it only to one of the member's own organizations.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Membership

LAST_ORGANIZATION_COOKIE = "last_org"


def membership_resolve(*, user, org_slug: str) -> Membership:
    """The user's membership of the organization at `org_slug`, found only among their own
    (404 otherwise): how the pages and the API (outreach.api.base) both reach an organization."""
    return get_object_or_404(
        Membership.objects.select_related("organization"), user=user, organization__slug=org_slug
    )


def manager_require(membership: Membership) -> None:
    if not membership.is_manager:
        # Their own organization, so its existence is no secret: say "forbidden".
        raise PermissionDenied(MANAGER_ONLY_MESSAGE)


MANAGER_ONLY_MESSAGE = "Only the organization's managers can do this."


def org_member_required(view=None, *, manager_only: bool = False):
    def decorator(view_func):
        @login_required
        @wraps(view_func)
        def wrapper(request, org_slug, *args, **kwargs):
            membership = membership_resolve(user=request.user, org_slug=org_slug)
            if manager_only:
                manager_require(membership)
            request.organization = membership.organization
            request.membership = membership
            response = view_func(request, *args, **kwargs)
            if request.COOKIES.get(LAST_ORGANIZATION_COOKIE) != org_slug:
                response.set_cookie(
                    LAST_ORGANIZATION_COOKIE,
                    org_slug,
                    max_age=365 * 24 * 3600,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response

        return wrapper

    return decorator(view) if view is not None else decorator
