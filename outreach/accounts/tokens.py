"""The sign-up confirmation link: the address, signed, valid SIGNUP_LINK_DAYS.

It works once by what it does: it creates the login for that address, and a login that exists
makes the link "already used". Nothing is stored until then, so an address typed by someone
else leaves no trace but the email its owner may ignore."""

from django.conf import settings
from django.core import signing

SALT = "outreach.accounts.signup"


def signup_token(email: str) -> str:
    return signing.dumps({"email": email}, salt=SALT, compress=True)


class SignupLinkInvalid(Exception):
    """The link is expired, cut short or altered; `expired` says which."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def signup_email(token: str) -> str:
    """The address a link confirms, or SignupLinkInvalid."""
    return _link_data(token, salt=SALT)["email"]


def _link_data(token: str, *, salt: str) -> dict:
    """What a link of SIGNUP_LINK_DAYS signed, or SignupLinkInvalid saying whether it expired."""
    try:
        return signing.loads(token, salt=salt, max_age=settings.SIGNUP_LINK_DAYS * 86400)
    except signing.SignatureExpired as error:
        raise SignupLinkInvalid(expired=True) from error
    except signing.BadSignature as error:
        raise SignupLinkInvalid(expired=False) from error


INVITATION_SALT = "outreach.accounts.invitation"


def invitation_token(invitation) -> str:
    """The invitation's link token: its id and nonce, signed with the time it is sent."""
    return signing.TimestampSigner(salt=INVITATION_SALT).sign_object(
        {"i": invitation.pk, "n": invitation.nonce}
    )


class InvitationLinkInvalid(Exception):
    """Why an invitation link is refused: "invalid", "expired", "used" or "withdrawn"."""

    def __init__(self, reason: str, invitation=None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_from_token(token: str):
    """The pending invitation a link stands for, or InvitationLinkInvalid saying why not. A
    resent invitation's older links are "invalid" (their nonce was replaced)."""
    from ..models import Invitation

    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    try:
        data = signer.unsign_object(token)
    except signing.BadSignature as error:
        raise InvitationLinkInvalid("invalid") from error
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(pk=data.get("i"), nonce=data.get("n"))
        .first()
    )
    if invitation is None:
        raise InvitationLinkInvalid("invalid")
    if invitation.accepted_at is not None:
        raise InvitationLinkInvalid("used", invitation)
    if invitation.withdrawn_at is not None:
        raise InvitationLinkInvalid("withdrawn", invitation)
    try:
        signer.unsign_object(token, max_age=settings.INVITATION_DAYS * 86400)
    except signing.SignatureExpired as error:
        raise InvitationLinkInvalid("expired", invitation) from error
    return invitation


EMAIL_CHANGE_SALT = "outreach.accounts.email_change"


def email_change_token(user, new_email: str) -> str:
    """The link that moves `user`'s login to `new_email`: signed with a piece of the password
    hash, so that it dies when the password changes (as a reset link does)."""
    return signing.dumps(
        {"u": user.pk, "e": new_email, "h": user.password[-12:]}, salt=EMAIL_CHANGE_SALT
    )


def email_change_from_token(token: str) -> tuple[int, str, str]:
    """(user id, new address, password piece), or SignupLinkInvalid."""
    data = _link_data(token, salt=EMAIL_CHANGE_SALT)
    return data["u"], data["e"], data["h"]
