"""Starting an organization, outside any organization's pages (/organizations/…)."""

from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [path("new/", views.organization_new, name="new")]
