"""Tenancy: the one mechanism that scopes every query to an organization or a member.

Every model that belongs to an organization uses `TenantQuerySet` and names, in `tenant_path`,
the lookup from itself to its organization. Views reach objects only through
`Model.objects.for_organization(request.organization)`, and reach the organization itself only
through `Organization.objects.for_user(request.user)` (see `outreach.views.org_member_required`),
so another organization's object is simply not found: 404.
"""

from django.db import models


class TenantQuerySet(models.QuerySet):
    def _path(self) -> str:
        return self.model.tenant_path

    def for_organization(self, organization):
        return self.filter(**{self._path(): organization})

    def for_organizations(self, organizations):
        """For work done for many organizations at once (a worker's batch), never for a member's
        request; each row's organization id is `values_list(Model.tenant_path)`."""
        return self.filter(**{f"{self._path()}__in": organizations})

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{f"{self._path()}__memberships__user": user})
