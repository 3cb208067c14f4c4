from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.plan_current, name="plan"),
    path("start/", views.plan_start, name="start"),
    path("submit/", views.plan_submit_view, name="submit"),
    path("approve/", views.plan_approve_view, name="approve"),
    path("return/", views.plan_return_view, name="return"),
    path("revise/", views.plan_revise_view, name="revise"),
    path("download/", views.plan_download, name="download"),
    path("upload/", views.plan_upload_view, name="upload"),
    path("revisions/<int:revision>/", views.plan_revision, name="revision"),
]
