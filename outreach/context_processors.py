from .palette import PALETTE_CSS


def palette(request):
    """The colours as CSS custom properties, for the page head (`outreach.palette`)."""
    return {"palette_css": PALETTE_CSS}


def memberships(request):
    """The member's organizations, for the organization switcher in the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "my_memberships": user.memberships.select_related("organization").order_by(
            "organization__name"
        )
    }
