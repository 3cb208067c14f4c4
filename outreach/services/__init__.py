"""Writes of the outreach app: members, channels, staff and their assignments.

Every write validates with full_clean(), runs in one transaction with the ChangeRecord that
tells the organization's history what happened, and raises ValidationError (keyed by field
where there is one) when it refuses, having written nothing. Editing services compare the
given values with the stored ones, write only when one differs and return what changed.
"""

from .channels import (
    CHANNEL_FIELDS,
    channel_activate,
    channel_create,
    channel_deactivate,
    channel_update,
)
from .history import change_record
from .invitations import (
    invitation_accept,
    invitation_resend,
    invitation_send,
    invitation_withdraw,
)
from .members import MemberAdded, member_add, member_leave, member_remove, member_set_role
from .organizations import organization_report_settings_update, organization_web_domains_update
from .sessions import login_session_forget, login_session_record, user_sessions_end
from .staffing import (
    STAFF_FIELDS,
    assignment_create,
    assignment_remove,
    assignment_update,
    staff_create,
    staff_remove,
    staff_update,
)

__all__ = [
    "CHANNEL_FIELDS",
    "STAFF_FIELDS",
    "MemberAdded",
    "assignment_create",
    "assignment_remove",
    "assignment_update",
    "change_record",
    "channel_activate",
    "channel_create",
    "channel_deactivate",
    "channel_update",
    "invitation_accept",
    "invitation_resend",
    "invitation_send",
    "invitation_withdraw",
    "login_session_forget",
    "login_session_record",
    "member_add",
    "member_leave",
    "member_remove",
    "member_set_role",
    "organization_report_settings_update",
    "organization_web_domains_update",
    "staff_create",
    "staff_remove",
    "staff_update",
    "user_sessions_end",
]
