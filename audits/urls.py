from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.run_index, name="runs"),
    path("run/", views.run_start, name="start"),
    path("<int:run_id>/", views.run_detail, name="run"),
    path("<int:run_id>/status/", views.run_status, name="status"),
]
