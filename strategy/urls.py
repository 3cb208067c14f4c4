from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.plan_current, name="plan"),
    path("revisions/<int:revision>/", views.plan_revision, name="revision"),
]
