from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import health, views
from .accounts import views as account_views
from .accounts.urls import password_urlpatterns

# A bare 500 would also hide an unreachable database: this one answers 503 for that.
handler500 = health.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", health.robots, name="robots"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include(password_urlpatterns)),
    path("", include("outreach.accounts.urls")),
    # Starting an organization can load a plan (an example or a file): the plan is strategy's.
    path("organizations/", include("strategy.onboarding_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("outreach.api.urls")),
    path("", include("outreach.notice_urls")),
    path("o/<slug:org_slug>/", include("outreach.org_urls")),
    path("o/<slug:org_slug>/plan/", include("strategy.urls")),
    path("o/<slug:org_slug>/audits/", include("audits.runs.urls")),
    path("o/<slug:org_slug>/evidence/", include("audits.evidence.urls")),
    path("", include("audits.dashboard.urls")),
    path("", include("audits.reports.urls")),
]
