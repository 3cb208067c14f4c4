"""Pages of one organization, under /o/<org_slug>/.

Each kind of object has its own URL kwarg name (channel_key, staff_key, assignment_id,
membership_id, invitation_id): the tenancy test aims every one of them at another
organization's object.
"""

from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("", views.organization_home, name="organization"),
    path("channels/", views.channel_index, name="channels"),
    # Before the channel page: "new" is a reserved channel key (services.RESERVED_CHANNEL_KEYS).
    path("channels/new/", views.channel_add, name="channel_add"),
    path("channels/<slug:channel_key>/", views.channel_detail, name="channel"),
    path("channels/<slug:channel_key>/edit/", views.channel_edit, name="channel_edit"),
    path(
        "channels/<slug:channel_key>/deactivate/",
        views.channel_deactivate,
        name="channel_deactivate",
    ),
    path("channels/<slug:channel_key>/activate/", views.channel_activate, name="channel_activate"),
    path(
        "channels/<slug:channel_key>/assignments/new/",
        views.assignment_add,
        name="assignment_add",
    ),
    path("assignments/<int:assignment_id>/edit/", views.assignment_edit, name="assignment_edit"),
    path(
        "assignments/<int:assignment_id>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path("staff/", views.staff_index, name="staff"),
    path("staff/new/", views.staff_add, name="staff_add"),
    path("staff/<slug:staff_key>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<slug:staff_key>/remove/", views.staff_remove, name="staff_remove"),
    path("members/", views.member_index, name="members"),
    path("members/new/", views.member_add, name="member_add"),
    path("members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("members/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
    path(
        "invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
