"""The page where a person makes and revokes their API token (linked from their account)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from rest_framework.authtoken.models import Token

from ..services.api_tokens import api_token_create, api_token_revoke


@login_required
def api_token(request):
    """GET shows whether the person has a token; POST `create` makes one (shown this once) and
    POST `revoke` ends it."""
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if api_token_revoke(user=request.user):
                messages.success(request, "Your API token is revoked: it no longer works.")
            return redirect("api:token")
        new_key = api_token_create(user=request.user).key
    token = Token.objects.filter(user=request.user).first()
    return render(request, "outreach/api_token.html", {"token": token, "new_key": new_key})
