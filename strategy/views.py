"""The plan page: start a plan, edit a draft with the audit's figures beside each channel,
and move the plan through review. Views check access, validate, call one service, render."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from outreach.access import org_member_required
from outreach.accounts.policy import may_create_organization

from .editor_rows import figures_render, rows_render
from .forms import OrganizationStartForm, PlanEditor, PlanStartForm, ReturnForm, UploadForm
from .planfile import PLAN_FILE_MAX_BYTES, PlanFileError
from .review import review_plan
from .selectors import current_plan, plan_document, plan_history, plan_page, plan_revisions
from .services import (
    PlanNotEditable,
    StalePlan,
    organization_start,
    plan_approve,
    plan_create,
    plan_return,
    plan_revise,
    plan_submit,
    plan_upload,
)


def _editor_page(request, editor, *, review=None, status=200, preview=False):
    if review is None:
        review = review_plan(plan=editor.plan)
    sections = editor.sections(review)
    figures_render(sections, review)
    links_html, row_templates = rows_render(sections, editor, review)
    context = {
        "plan": editor.plan,
        "editor": editor,
        "sections": sections,
        "links_html": links_html,
        "row_templates": row_templates,
        "review": review,
        "preview": preview,
        "history": plan_history(organization=request.organization),
        "revisions": plan_revisions(organization=request.organization),
        "upload_form": UploadForm(),
    }
    return render(request, "strategy/plan_edit.html", context, status=status)


@org_member_required
def plan_current(request):
    """The current plan: a form to start one, the editor for a draft, or the read-only plan
    with its review actions."""
    plan = current_plan(request.organization)
    if plan is None:
        return render(request, "strategy/plan_start.html", {"form": PlanStartForm()})
    if not plan.is_editable:
        return _read_only_page(request, plan_page(organization=request.organization))
    # "?edit=<section id>": that section's drop-downs list every option (no JavaScript needed).
    edit = request.GET.get("edit", "")
    if request.method != "POST":
        return _editor_page(
            request, PlanEditor(organization=request.organization, plan=plan, edit=edit)
        )
    editor = PlanEditor(organization=request.organization, plan=plan, data=request.POST, edit=edit)
    if not editor.is_valid():
        if request.POST.get("part") == "figures":
            return HttpResponse(status=422)
        messages.error(
            request, "Some rows need a fix; nothing was saved, and what you typed is kept."
        )
        return _editor_page(request, editor)
    if request.POST.get("action") == "preview":
        activities, links = editor.unsaved_rows()
        review = review_plan(plan=plan, activities=activities, links=links)
        if request.POST.get("part") == "figures":
            return render(
                request,
                "strategy/_figures_all.html",
                {"sections": editor.sections(review), "review": review},
            )
        messages.info(request, "The figures below include your unsaved changes. Save to keep them.")
        return _editor_page(request, editor, review=review, preview=True)
    try:
        editor.save(request.user)
    except StalePlan as stale:
        return _stale_page(request, plan, stale)
    except PlanNotEditable as error:
        messages.error(request, f"Not saved: {error}")
        return redirect("strategy:plan", org_slug=request.organization.slug)
    messages.success(request, "Plan saved.")
    _plausibility_messages(request, editor)
    return redirect("strategy:plan", org_slug=request.organization.slug)


def _plausibility_messages(request, editor) -> None:
    """Figures that look like a slip are saved, and said once, by channel, beside "Plan saved"
    (the editor keeps showing them in the channel's figures until they change)."""
    names = {channel.key: str(channel) for channel in editor.channels}
    review = review_plan(plan=current_plan(request.organization))
    for key, warning in review.warnings if review else ():
        messages.warning(request, f"{names.get(key, key)}: {warning}")


def _stale_page(request, plan, stale):
    """Refuse a save based on an old version, keeping what the person typed: the form comes
    back with their input, the list of what changed meanwhile, and the current version, so
    saving again knowingly replaces those changes."""
    data = request.POST.copy()
    data["plan-version"] = str(stale.plan.version)
    plan.refresh_from_db()
    editor = PlanEditor(
        organization=request.organization, plan=plan, data=data, edit=request.GET.get("edit", "")
    )
    editor.is_valid()
    changes = "; ".join(
        f"{c.actor.email if c.actor else 'someone'}: {c.summary}" for c in stale.changes
    )
    messages.error(
        request,
        f"Not saved: {stale} What changed: {changes or 'the plan was saved again'}. "
        "Your version is kept below; check it, then save again to replace those changes.",
    )
    return _editor_page(request, editor, status=409)


def _read_only_page(request, context):
    plan = context["plan"]
    review = review_plan(plan=plan)
    context.update(
        {
            "review": review,
            "history": plan_history(organization=request.organization),
            "return_form": ReturnForm(),
            "is_current": context["revisions"] and context["revisions"][0].pk == plan.pk,
            "reviews_by_key": review.channels if review else {},
        }
    )
    return render(request, "strategy/plan_detail.html", context)


@org_member_required
def plan_revision(request, revision: int):
    """Any revision of the plan, read-only."""
    context = plan_page(organization=request.organization, revision=revision)
    if context["plan"] is None:
        raise Http404("No such revision of the plan.")
    return _read_only_page(request, context)


@org_member_required
@require_POST
def plan_start(request):
    if current_plan(request.organization) is not None:
        return redirect("strategy:plan", org_slug=request.organization.slug)
    form = PlanStartForm(request.POST)
    if not form.is_valid():
        return render(request, "strategy/plan_start.html", {"form": form})
    plan_create(organization=request.organization, user=request.user, **form.cleaned_data)
    messages.success(request, "Plan started. Add activities to each channel below.")
    return redirect("strategy:plan", org_slug=request.organization.slug)


def _current_or_404(request):
    plan = current_plan(request.organization)
    if plan is None:
        raise Http404("This organization has no plan yet.")
    return plan


def _lifecycle_step(request, step, success: str, **kwargs):
    try:
        step(plan=_current_or_404(request), user=request.user, **kwargs)
    except (PlanNotEditable, StalePlan) as error:
        messages.error(request, f"Not done: {error}")
    else:
        messages.success(request, success)
    return redirect("strategy:plan", org_slug=request.organization.slug)


@org_member_required
@require_POST
def plan_submit_view(request):
    version = request.POST.get("version")
    return _lifecycle_step(
        request,
        plan_submit,
        "Plan submitted: the managers can now approve it or return it with a comment.",
        expected_version=int(version) if version and version.isdigit() else None,
    )


@org_member_required(manager_only=True)
@require_POST
def plan_approve_view(request):
    return _lifecycle_step(request, plan_approve, "Plan approved. It is now read-only.")


@org_member_required(manager_only=True)
@require_POST
def plan_return_view(request):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not returned: say what should change.")
        return redirect("strategy:plan", org_slug=request.organization.slug)
    return _lifecycle_step(
        request, plan_return, "Plan returned to its authors.", comment=form.cleaned_data["comment"]
    )


@org_member_required
@require_POST
def plan_revise_view(request):
    return _lifecycle_step(
        request, plan_revise, "New revision started as a draft; the approved one stays as it was."
    )


@org_member_required
def plan_download(request):
    plan = _current_or_404(request)
    document = plan_document(organization=request.organization)
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    filename = f"{slugify(request.organization.slug)}-plan-r{plan.revision}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@org_member_required
@require_POST
def plan_upload_view(request):
    form = UploadForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            result = plan_upload(
                organization=request.organization,
                # Never more than the limit, plus one byte to notice a file over it.
                raw=form.cleaned_data["file"].read(PLAN_FILE_MAX_BYTES + 1),
                user=request.user,
            )
        except PlanFileError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                "Plan file uploaded."
                if result.changed
                else "The file matches the plan: nothing to change.",
            )
            return redirect("strategy:plan", org_slug=request.organization.slug)
    return render(
        request,
        "strategy/plan_upload.html",
        {"form": form, "errors": errors, "plan": current_plan(request.organization)},
        status=400,
    )


@login_required
def organization_new(request):
    """Start an organization (empty, from the example, or from a plan file) and become its first
    manager. Who may is the SIGNUP setting's (outreach.accounts.policy)."""
    if not may_create_organization(request.user):
        return render(request, "strategy/organization_new_refused.html", status=403)
    form = OrganizationStartForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file") if data["start"] == "file" else None
        try:
            organization = organization_start(
                name=data["name"],
                slug=data["slug"],
                creator=request.user,
                start=data["start"],
                # Never more than the limit, plus one byte to notice a file over it.
                raw=upload.read(PLAN_FILE_MAX_BYTES + 1) if upload else None,
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        except PlanFileError as error:
            errors = error.errors
            form.add_error("file", "This file cannot start the organization; see below.")
        else:
            messages.success(request, f"{organization.name} is ready, with you as its manager.")
            return redirect("outreach:organization", organization.slug)
    status = 400 if form.errors else 200
    return render(
        request, "strategy/organization_new.html", {"form": form, "errors": errors}, status=status
    )
