from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.run_index, name="runs"),
    path("run/", views.run_start, name="start"),
    # A run is addressed by its number within the organization (1, 2, …), not its id.
    path("<int:number>/", views.run_detail, name="run"),
    path("<int:number>/status/", views.run_status, name="status"),
]
