"""Getting in and one's own account: sign-up (when SIGNUP is open), password reset and change
(Django's views with the app's templates, links from SITE_URL), the account page, leaving an
organization."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from ..models import Membership
from ..selectors import memberships_of
from ..services.accounts import (
    LoginExists,
    email_change,
    email_change_request,
    login_create,
    normalized_email,
    signup_request,
)
from ..services.invitations import invitation_accept
from ..services.members import member_leave
from .forms import AccountForm, EmailChangeForm, LoginCreateForm, SignupForm
from .policy import may_create_organization, signup_open
from .tokens import (
    InvitationLinkInvalid,
    SignupLinkInvalid,
    email_change_from_token,
    invitation_from_token,
    signup_email,
)

# Django's login backend by name: the throttling backend (axes) wants a request to authenticate,
# and a login made here follows a confirmed link, not a typed password.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SENT_TO = "accounts.signup_sent_to"


def log_in(request, user) -> None:
    login(request, user, backend=MODEL_BACKEND)


def signup(request):
    """Ask for an address; the answer is the same page whether or not it has a login."""
    if not signup_open():
        raise Http404("Sign-up is off.")
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signup_request(email=form.cleaned_data["email"])
        request.session[SENT_TO] = form.cleaned_data["email"]
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request):
    if not signup_open():
        raise Http404("Sign-up is off.")
    return render(
        request,
        "accounts/signup_sent.html",
        {"email": request.session.get(SENT_TO, ""), "days": settings.SIGNUP_LINK_DAYS},
    )


def signup_confirm(request, token: str):
    """The link from the email: the person chooses their name and password, and is in."""
    if not signup_open():
        raise Http404("Sign-up is off.")
    try:
        email = signup_email(token)
    except SignupLinkInvalid as invalid:
        return _link_refused(request, expired=invalid.expired)
    form = LoginCreateForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            user = login_create(
                email=email,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except LoginExists:
            return _link_refused(request, used=True)
        log_in(request, user)
        messages.success(request, f"Welcome, {user.first_name}. Your login is ready.")
        if may_create_organization(user):
            return redirect("organizations:new")
        return redirect("home")
    if request.method != "POST" and _has_login(email):
        return _link_refused(request, used=True)
    return render(request, "accounts/signup_confirm.html", {"form": form, "email": email})


def _has_login(email: str) -> bool:
    return get_user_model().objects.filter(username=email).exists()


def _link_refused(request, *, expired=False, used=False):
    """An expired, used or damaged link: a page that says which and what to do (410 for a link
    that worked once, 400 for one that never could)."""
    return render(
        request,
        "accounts/link_refused.html",
        {"expired": expired, "used": used, "days": settings.SIGNUP_LINK_DAYS},
        status=410 if expired or used else 400,
    )


def invitation(request, token: str):
    """The link of an invitation email. Signed in with the invited address: join. Not signed
    in: log in first when the address has a login, or create the login here (whatever SIGNUP
    says: a manager vouched for the address)."""
    try:
        invitation = invitation_from_token(token)
    except InvitationLinkInvalid as refused:
        return render(
            request,
            "accounts/invitation_refused.html",
            {"reason": refused.reason, "invitation": refused.invitation},
            status=400 if refused.reason == "invalid" else 410,
        )
    page = {"invitation": invitation}
    user = request.user
    if user.is_authenticated:
        if normalized_email(user.email or user.username) != invitation.email:
            return render(
                request, "accounts/invitation.html", {**page, "wrong_login": True}, status=403
            )
        if request.method == "POST":
            return _joined(request, invitation_accept(invitation=invitation, user=user))
        return render(request, "accounts/invitation.html", {**page, "join": True})
    if _has_login(invitation.email):
        login_url = f"{reverse('login')}?next={request.path}"
        return render(request, "accounts/invitation.html", {**page, "login_url": login_url})
    form = LoginCreateForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = login_create(
                    email=invitation.email,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                )
                membership = invitation_accept(invitation=invitation, user=user)
        except (LoginExists, ValidationError):
            return redirect(request.path)  # accepted or signed up meanwhile: the page says which
        log_in(request, user)
        return _joined(request, membership)
    return render(request, "accounts/invitation.html", {**page, "form": form})


def _joined(request, membership):
    messages.success(
        request,
        f"Welcome to {membership.organization.name}: you are "
        f"{membership.get_role_display().lower()} here.",
    )
    return redirect("outreach:organization", membership.organization.slug)


@login_required
def account(request, *, email_form=None, status=200):
    """One's own page: name, address, password, notifications, organizations."""
    posted = request.method == "POST" and email_form is None
    form = AccountForm(request.POST if posted else None, initial={"name": request.user.first_name})
    if posted and form.is_valid():
        name = form.cleaned_data["name"].strip()
        if name != request.user.first_name:
            request.user.first_name = name
            request.user.save(update_fields=["first_name"])
            messages.success(request, "Your name is saved.")
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "email_form": email_form or EmailChangeForm(user=request.user),
            "memberships": memberships_of(user=request.user),
            "may_create_organization": may_create_organization(request.user),
        },
        status=400 if form.errors else status,
    )


@login_required
@require_POST
def email_change_ask(request):
    """Ask to log in with another address: the link goes to that address. The answer is the
    same whether or not the address has a login (the email to it says which)."""
    form = EmailChangeForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            email_change_request(user=request.user, new_email=form.cleaned_data["email"])
        except ValidationError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(
                request,
                f"We sent a link to {form.cleaned_data['email']}: open it to log in with that "
                "address from then on. Until then, nothing changes.",
            )
            return redirect("accounts:settings")
    return account(request, email_form=form, status=400)


def email_confirm(request, token: str):
    """The link sent to the new address: the login moves there."""
    try:
        user_id, new_email, piece = email_change_from_token(token)
    except SignupLinkInvalid as invalid:
        return _link_refused(request, expired=invalid.expired)
    user = email_change(user_id=user_id, new_email=new_email, password_piece=piece)
    if user is None:
        return _link_refused(request)
    messages.success(request, f"You now log in with {new_email}.")
    return redirect("accounts:settings" if request.user.is_authenticated else "login")


@login_required
@require_POST
def leave(request, membership_id: int):
    """Leave one organization; the person stays logged in for the others."""
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "user"),
        pk=membership_id,
        user=request.user,
    )
    try:
        member_leave(membership=membership)
    except ValidationError as error:
        messages.error(request, f"Not left: {' '.join(error.messages)}")
        return redirect("accounts:settings")
    # Leaving ends the person's sessions (as any removal does): this one goes on under a new
    # key (login() alone keeps the old, deleted key of a person already logged in).
    request.session.cycle_key()
    log_in(request, request.user)
    messages.success(request, f"You left {membership.organization.name}.")
    return redirect("accounts:settings")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with its link built from SITE_URL (the address people reach the app at,
    not whatever host the request named) and the same answer for any address."""

    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    template_name = "accounts/password_reset.html"

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is changed. Other browsers are logged out.")
        return response


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_sent.html",
    extra_context={"days": settings.PASSWORD_RESET_TIMEOUT // 86400},
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html"
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = PasswordChangeView.as_view()


def login_links() -> dict:
    """What the login page offers besides logging in."""
    return {
        "signup_url": reverse("accounts:signup") if signup_open() else "",
        "reset_url": reverse("password_reset"),
    }


class LoginView(auth_views.LoginView):
    """Django's login, offering the reset and (when open) the sign-up."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **login_links()}
