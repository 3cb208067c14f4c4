"""The evidence pages: upload an export file, follow its import, name a CSV's columns, see what
each channel actually published, and (managers) delete a channel's imported posts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.access import org_member_required
from outreach.forms import add_service_errors
from outreach.selectors import channel_get
from outreach.services import organization_web_domains_update

from .forms import ColumnMappingForm, EvidenceUploadForm, WebDomainsForm
from .selectors import csv_columns, evidence_import_get, evidence_overview, suggested_columns
from .services import channel_evidence_delete, evidence_import_create, evidence_import_map_columns
from .tasks import evidence_enqueue


@org_member_required
def evidence_index(request):
    organization = request.organization
    form = EvidenceUploadForm(
        request.POST or None, request.FILES or None, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            evidence = evidence_import_create(
                organization=organization,
                file_name=upload.name,
                size=upload.size,
                stream=upload,
                channel=form.cleaned_data["channel"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            evidence_enqueue(evidence)
            return redirect("evidence:import", organization.slug, evidence.pk)
    return _index(request, form=form, status=400 if form.errors else 200)


def _index(request, *, form=None, domains_form=None, status=200):
    organization = request.organization
    return render(
        request,
        "audits/evidence_list.html",
        {
            "form": form or EvidenceUploadForm(organization=organization),
            "domains_form": domains_form
            or WebDomainsForm(initial={"web_domains": "\n".join(organization.web_domains)}),
            "channels": evidence_overview(organization=organization),
        },
        status=status,
    )


@org_member_required
def import_detail(request, import_id: int):
    """One file's import: its progress while a worker reads it, then what it brought."""
    evidence = evidence_import_get(organization=request.organization, import_id=import_id)
    context = {"evidence": evidence}
    if evidence.needs_mapping:
        columns = csv_columns(evidence)
        context["mapping_form"] = ColumnMappingForm(
            organization=request.organization,
            columns=columns,
            initial={"channel": evidence.channel, **suggested_columns(columns)},
        )
    template = (
        "audits/_evidence_import_body.html"
        if request.GET.get("part") == "body"
        else "audits/evidence_import.html"
    )
    return render(request, template, context)


@org_member_required
def import_status(request, import_id: int):
    evidence = evidence_import_get(organization=request.organization, import_id=import_id)
    return JsonResponse(
        {
            "status": evidence.status,
            "label": evidence.get_status_display(),
            "finished": evidence.is_finished,
            "items_read": evidence.items_read,
            "posts_added": evidence.posts_added,
            "posts_known": evidence.posts_known,
            "error": evidence.error,
            "body_url": reverse("evidence:import", args=[request.organization.slug, evidence.pk])
            + "?part=body",
        }
    )


@org_member_required
def import_columns(request, import_id: int):
    """Name the columns of a CSV that waits for them; the file is then read again."""
    evidence = evidence_import_get(organization=request.organization, import_id=import_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    columns = csv_columns(evidence) if evidence.needs_mapping else []
    form = ColumnMappingForm(request.POST, organization=request.organization, columns=columns)
    if not evidence.needs_mapping or not form.is_valid():
        return render(
            request,
            "audits/evidence_import.html",
            {"evidence": evidence, "mapping_form": form if evidence.needs_mapping else None},
            status=400,
        )
    evidence = evidence_import_map_columns(
        evidence=evidence, channel=form.cleaned_data["channel"], mapping=form.mapping()
    )
    evidence_enqueue(evidence)
    return redirect("evidence:import", request.organization.slug, evidence.pk)


@org_member_required
def channel_evidence_remove(request, channel_key: str):
    channel = channel_get(organization=request.organization, key=channel_key)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.membership.is_manager:
        return HttpResponseForbidden("Only managers delete a channel's imported posts.")
    deleted = channel_evidence_delete(channel=channel)
    messages.success(request, f"Deleted the {deleted} imported posts of {channel.name}.")
    return redirect("evidence:index", request.organization.slug)


@org_member_required
@require_POST
def web_domains_update(request):
    """A manager says which web domains are the organization's own."""
    if not request.membership.is_manager:
        return HttpResponseForbidden("Only managers set the organization's web domains.")
    form = WebDomainsForm(request.POST)
    if form.is_valid():
        try:
            changed = organization_web_domains_update(
                organization=request.organization,
                actor=request.user,
                web_domains=form.cleaned_data["web_domains"].splitlines(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Web domains saved." if changed else "Nothing changed.")
            return redirect("evidence:index", request.organization.slug)
    return _index(request, domains_form=form, status=400)
