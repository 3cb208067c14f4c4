"""The plan's API, under /api/v1/organizations/<org_slug>/plan/ (outreach.api.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.PlanDetail.as_view(), name="plan"),
    path("activities/", views.ActivityList.as_view(), name="plan_activities"),
    path("activities/<int:activity_id>/", views.ActivityDetail.as_view(), name="plan_activity"),
    path("links/", views.LinkList.as_view(), name="plan_links"),
    path("links/<int:link_id>/", views.LinkDetail.as_view(), name="plan_link"),
    path("submit/", views.PlanSubmit.as_view(), name="plan_submit"),
    path("approve/", views.PlanApprove.as_view(), name="plan_approve"),
    path("return/", views.PlanReturn.as_view(), name="plan_return"),
    path("revise/", views.PlanRevise.as_view(), name="plan_revise"),
    path("revisions/", views.RevisionList.as_view(), name="plan_revisions"),
    path("revisions/<int:revision>/", views.RevisionDetail.as_view(), name="plan_revision"),
    path("file/", views.PlanFile.as_view(), name="plan_file"),
]
