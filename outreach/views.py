from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse

from . import selectors, services
from .access import LAST_ORGANIZATION_COOKIE, org_member_required
from .accounts.policy import may_create_organization
from .forms import (
    AssignmentForm,
    ChannelForm,
    MemberInviteForm,
    MemberRoleForm,
    StaffMemberForm,
    add_service_errors,
)
from .models import Assignment, Channel, Membership, StaffMember
from .selectors import channel_list, member_list, staff_choices, staff_list


def _post_only() -> HttpResponseNotAllowed:
    # Views that only act on POST look their object up first, so that another organization's
    # object is 404 whatever the method; only then is a GET told 405.
    return HttpResponseNotAllowed(["POST"])


@dataclass(frozen=True)
class Removal:
    """The "remove" section under an edit form: what removing does, and the button doing it."""

    heading: str
    text: str
    url: str
    button: str


def _form_page(request, form, save, **page):
    """What every add/edit page does. On a valid POST, `save(cleaned_data)` calls the service,
    says what it did and returns the redirect; a service's refusal is shown on the form, which
    keeps what was typed. Otherwise the page renders (outreach/object_form.html) with `page`:
    title, crumbs (the last one is where "Cancel" leads), submit_label and, where there is one,
    removal."""
    if request.method == "POST" and form.is_valid():
        try:
            return save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "outreach/object_form.html", {"form": form, **page})


def _url(request, name: str, *args) -> str:
    """The address of one of the organization's pages."""
    return reverse(f"outreach:{name}", args=[request.organization.slug, *args])


@login_required
def home(request):
    """The member's organizations; straight to the one they used last, or their only one."""
    memberships = selectors.memberships_of(user=request.user)
    slugs = {m.organization.slug for m in memberships}
    last = request.COOKIES.get(LAST_ORGANIZATION_COOKIE)
    if last in slugs and not request.GET.get("choose"):
        return redirect("outreach:organization", org_slug=last)
    if len(memberships) == 1:
        return redirect("outreach:organization", org_slug=memberships[0].organization.slug)
    return render(
        request,
        "outreach/home.html",
        {
            "memberships": memberships,
            "may_create_organization": may_create_organization(request.user),
        },
    )


@org_member_required
def organization_home(request):
    """An organization's front door: managers see the dashboard, comms staff the plan."""
    if request.membership.is_manager:
        return redirect("dashboard:show", org_slug=request.organization.slug)
    return redirect("strategy:plan", org_slug=request.organization.slug)


# Channels


@org_member_required
def channel_index(request):
    return render(
        request,
        "outreach/channel_list.html",
        {"channels": channel_list(organization=request.organization)},
    )


@org_member_required
def channel_detail(request, channel_key):
    channel = selectors.channel_page_get(organization=request.organization, key=channel_key)
    assign_form = AssignmentForm(people=staff_choices(organization=request.organization))
    return render(
        request, "outreach/channel_detail.html", {"channel": channel, "assign_form": assign_form}
    )


@org_member_required
def channel_add(request):
    def save(data):
        channel = services.channel_create(
            organization=request.organization, actor=request.user, **data
        )
        messages.success(request, f"Added the channel {channel}.")
        return redirect("outreach:channel", request.organization.slug, channel.key)

    return _form_page(
        request,
        ChannelForm(request.POST or None),
        save,
        title="Add a channel",
        crumbs=[(_url(request, "channels"), "Channels")],
        submit_label="Add channel",
    )


@org_member_required
def channel_edit(request, channel_key):
    channel = _channel(request, channel_key)
    initial = model_to_dict(channel, fields=services.CHANNEL_FIELDS)

    def save(data):
        changed = services.channel_update(channel=channel, actor=request.user, data=data)
        _saved_message(request, channel, changed)
        return redirect("outreach:channel", request.organization.slug, channel.key)

    return _form_page(
        request,
        ChannelForm(request.POST or None, initial=initial),
        save,
        title=f"Edit {channel.name}",
        crumbs=_channel_crumbs(request, channel),
        submit_label="Save changes",
    )


@org_member_required
def channel_deactivate(request, channel_key):
    channel = _channel(request, channel_key)
    if request.method != "POST":
        return _post_only()
    if services.channel_deactivate(channel=channel, actor=request.user):
        messages.success(
            request,
            f"Deactivated {channel}: its plan entries and past audits are kept, and the audit "
            "leaves it out from now on.",
        )
    return redirect("outreach:channel", request.organization.slug, channel.key)


@org_member_required
def channel_activate(request, channel_key):
    channel = _channel(request, channel_key)
    if request.method != "POST":
        return _post_only()
    if services.channel_activate(channel=channel, actor=request.user):
        messages.success(request, f"Reactivated {channel}: the next audit includes it again.")
    return redirect("outreach:channel", request.organization.slug, channel.key)


def _channel(request, channel_key) -> Channel:
    return selectors.channel_get(organization=request.organization, key=channel_key)


# Staff


@org_member_required
def staff_index(request):
    return render(
        request,
        "outreach/staff_list.html",
        {"people": staff_list(organization=request.organization)},
    )


@org_member_required
def staff_add(request):
    def save(data):
        person = services.staff_create(
            organization=request.organization, actor=request.user, **data
        )
        messages.success(request, f"Added {person.name} to the staff.")
        return redirect("outreach:staff", request.organization.slug)

    return _form_page(
        request,
        StaffMemberForm(request.POST or None),
        save,
        title="Add a person to the staff",
        crumbs=[(_url(request, "staff"), "Staff")],
        submit_label="Add person",
    )


@org_member_required
def staff_edit(request, staff_key):
    person = _person(request, staff_key)
    initial = model_to_dict(person, fields=services.STAFF_FIELDS)

    def save(data):
        changed = services.staff_update(person=person, actor=request.user, data=data)
        _saved_message(request, person, changed)
        return redirect("outreach:staff", request.organization.slug)

    return _form_page(
        request,
        StaffMemberForm(request.POST or None, initial=initial),
        save,
        title=f"Edit {person.name}",
        crumbs=[(_url(request, "staff"), "Staff")],
        submit_label="Save changes",
        removal=_staff_removal(request, person),
    )


def _staff_removal(request, person: StaffMember) -> Removal:
    channels = selectors.staff_channel_names(person=person)
    count = f"{len(channels)} assignment{pluralize(len(channels))}"
    listed = f" ({', '.join(channels)})" if channels else ""
    return Removal(
        heading=f"Remove {person.name}",
        text=f"Removing {person.name} also ends their {count}{listed}; planned activities they "
        "own stay in the plan without an owner, and approved revisions keep their name. This "
        "cannot be undone.",
        url=_url(request, "staff_remove", person.key),
        button=f"Remove {person.name} and {count}",
    )


@org_member_required
def staff_remove(request, staff_key):
    person = _person(request, staff_key)
    if request.method != "POST":
        return _post_only()
    assignments = services.staff_remove(person=person, actor=request.user)
    messages.success(
        request,
        f"Removed {person.name} and {assignments} assignment{pluralize(assignments)}; "
        "activities they owned now have no owner (approved revisions keep their name).",
    )
    return redirect("outreach:staff", request.organization.slug)


def _person(request, staff_key) -> StaffMember:
    return selectors.staff_get(organization=request.organization, key=staff_key)


# Assignments


@org_member_required
def assignment_add(request, channel_key):
    channel = _channel(request, channel_key)
    people = staff_choices(organization=request.organization)

    def save(data):
        assignment = services.assignment_create(channel=channel, actor=request.user, **data)
        messages.success(request, f"Assigned {assignment.staff.name} to {channel}.")
        return redirect("outreach:channel", request.organization.slug, channel.key)

    return _form_page(
        request,
        AssignmentForm(request.POST or None, people=people),
        save,
        title=f"Assign a person to {channel.name}",
        crumbs=_channel_crumbs(request, channel),
        submit_label=f"Assign to {channel.name}",
    )


@org_member_required
def assignment_edit(request, assignment_id):
    assignment = _assignment(request, assignment_id)
    channel, person = assignment.channel, assignment.staff
    initial = {
        "hours_per_week": assignment.hours_per_week,
        "duties": assignment.duties,
        "backup": assignment.backup,
    }

    def save(data):
        changed = services.assignment_update(assignment=assignment, actor=request.user, data=data)
        _saved_message(request, assignment, changed)
        return redirect("outreach:channel", request.organization.slug, channel.key)

    return _form_page(
        request,
        AssignmentForm(request.POST or None, initial=initial),
        save,
        title=f"{person.name}'s work on {channel.name}",
        crumbs=_channel_crumbs(request, channel),
        submit_label="Save changes",
        removal=Removal(
            heading="Remove",
            text=f"{person.name} stays on the staff; only their work on {channel.name} ends.",
            url=_url(request, "assignment_remove", assignment.pk),
            button=f"Remove {person.name} from {channel.name}",
        ),
    )


@org_member_required
def assignment_remove(request, assignment_id):
    assignment = _assignment(request, assignment_id)
    if request.method != "POST":
        return _post_only()
    services.assignment_remove(assignment=assignment, actor=request.user)
    messages.success(request, f"{assignment.staff.name} no longer works on {assignment.channel}.")
    return redirect("outreach:channel", request.organization.slug, assignment.channel.key)


def _channel_crumbs(request, channel: Channel) -> list[tuple[str, str]]:
    return [
        (_url(request, "channels"), "Channels"),
        (_url(request, "channel", channel.key), channel.name),
    ]


def _assignment(request, assignment_id) -> Assignment:
    return selectors.assignment_get(organization=request.organization, assignment_id=assignment_id)


# Members


@org_member_required
def member_index(request):
    return render(
        request,
        "outreach/member_list.html",
        {
            "members": member_list(organization=request.organization),
            "invitations": selectors.invitations_pending(organization=request.organization)
            if request.membership.is_manager
            else [],
        },
    )


@org_member_required(manager_only=True)
def member_add(request):
    """Invite a member: the email carries the link (docs/accounts.md)."""

    def save(data):
        # One answer whether or not the address already has a login elsewhere.
        invitation = services.invitation_send(
            organization=request.organization,
            actor=request.user,
            email=data["email"],
            role=data["role"],
        )
        messages.success(
            request,
            f"Invited {invitation.email} as {invitation.get_role_display().lower()}: the link in "
            f"their email works for {settings.INVITATION_DAYS} days.",
        )
        return redirect("outreach:members", request.organization.slug)

    return _form_page(
        request,
        MemberInviteForm(request.POST or None),
        save,
        title=f"Invite a member to {request.organization.name}",
        crumbs=[(_url(request, "members"), "Members")],
        submit_label="Send the invitation",
    )


@org_member_required(manager_only=True)
def invitation_resend(request, invitation_id):
    invitation = _invitation(request, invitation_id)
    return _members_step(
        request,
        lambda: services.invitation_resend(invitation=invitation, actor=request.user),
        f"Sent the invitation to {invitation.email} again; earlier links stop working.",
    )


@org_member_required(manager_only=True)
def invitation_withdraw(request, invitation_id):
    invitation = _invitation(request, invitation_id)
    return _members_step(
        request,
        lambda: services.invitation_withdraw(invitation=invitation, actor=request.user),
        f"Withdrew the invitation of {invitation.email}.",
    )


def _members_step(request, step, success: str):
    """A button of the members page: POST only (the object was looked up first, so another
    organization's is 404 whatever the method), the service's refusal or `success` said, back
    to the list."""
    if request.method != "POST":
        return _post_only()
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("outreach:members", request.organization.slug)


def _invitation(request, invitation_id):
    return selectors.invitation_get(organization=request.organization, invitation_id=invitation_id)


@org_member_required(manager_only=True)
def member_role(request, membership_id):
    membership = _membership(request, membership_id)
    email = membership.user.email

    def save(data):
        changed = services.member_set_role(
            membership=membership, actor=request.user, role=data["role"]
        )
        role = membership.get_role_display().lower()
        if changed:
            messages.success(request, f"{email} is now {role}.")
        else:
            messages.info(request, f"Nothing changed: {email} already is {role}.")
        return redirect("outreach:members", request.organization.slug)

    return _form_page(
        request,
        MemberRoleForm(request.POST or None, initial={"role": membership.role}),
        save,
        title=f"Role of {email}",
        crumbs=[(_url(request, "members"), "Members")],
        submit_label="Save role",
    )


@org_member_required(manager_only=True)
def member_remove(request, membership_id):
    membership = _membership(request, membership_id)
    return _members_step(
        request,
        lambda: services.member_remove(membership=membership, actor=request.user),
        f"Removed {membership.user.email} from {request.organization} and logged them out "
        "everywhere; their login stays for any other organization.",
    )


def _membership(request, membership_id) -> Membership:
    return selectors.membership_get(organization=request.organization, membership_id=membership_id)


def _saved_message(request, obj, changed: list[str]) -> None:
    if changed:
        messages.success(request, f"Saved the changes to {obj}.")
    else:
        messages.info(request, f"Nothing changed on {obj}.")
