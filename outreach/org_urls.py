"""Pages of one organization, under /o/<org_slug>/."""

from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("", views.organization_home, name="organization"),
    path("channels/", views.channel_index, name="channels"),
    path("channels/<slug:channel_key>/", views.channel_detail, name="channel"),
    path("staff/", views.staff_index, name="staff"),
    path("members/", views.member_index, name="members"),
]
