from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("signup/confirm/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("account/", views.account, name="settings"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/email/", views.email_change_ask, name="email_change"),
    path("account/email/<str:token>/", views.email_confirm, name="email_confirm"),
    path("account/leave/<int:membership_id>/", views.leave, name="leave"),
]

# Django's password views reverse these names without a namespace.
password_urlpatterns = [
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
