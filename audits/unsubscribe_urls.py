"""The unsubscribe link of the weekly report email: /unsubscribe/<token>/, no login."""

from django.urls import path

from . import report_views

urlpatterns = [path("<str:token>/", report_views.unsubscribe, name="unsubscribe")]
