"""A person's own pages, outside any organization: their notices and notification settings;
and the notice emails' unsubscribe link, which needs no login."""

from django.urls import path

from . import notice_views

app_name = "notices"

urlpatterns = [
    path("notices/", notice_views.notice_index, name="index"),
    path("notices/read/", notice_views.notice_read_all, name="read_all"),
    path("notices/<int:notice_id>/", notice_views.notice_detail, name="open"),
    path("account/notifications/", notice_views.notification_preferences, name="preferences"),
    path(
        "account/notifications/unsubscribe/<str:token>/",
        notice_views.notification_unsubscribe,
        name="unsubscribe",
    ),
]
