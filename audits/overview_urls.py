"""/dashboard/: the member's organizations side by side."""

from django.urls import path

from . import dashboard_views

app_name = "overview"

urlpatterns = [path("", dashboard_views.overview, name="all")]
