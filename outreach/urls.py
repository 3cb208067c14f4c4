from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import health, views

# A bare 500 would also hide an unreachable database: this one answers 503 for that.
handler500 = health.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", health.robots, name="robots"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("o/<slug:org_slug>/", include("outreach.org_urls")),
    path("o/<slug:org_slug>/plan/", include("strategy.urls")),
    path("o/<slug:org_slug>/audits/", include("audits.runs.urls")),
    path("o/<slug:org_slug>/evidence/", include("audits.evidence.urls")),
    path("", include("audits.dashboard.urls")),
    path("", include("audits.reports.urls")),
]
