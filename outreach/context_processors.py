from .accounts.policy import may_create_organization
from .palette import PALETTE_CSS
from .selectors import memberships_with_unread_notices


def palette(request):
    """The colours as CSS custom properties, for the page head (`outreach.palette`)."""
    return {"palette_css": PALETTE_CSS}


def memberships(request):
    """The member's organizations, for the organization switcher in the navigation, and their
    unread notices for the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    my_memberships = memberships_with_unread_notices(user=user)
    return {
        "my_memberships": my_memberships,
        # Summed from the same (cached) query when the top bar asks for it.
        "notices_unread": lambda: sum(m.unread_notices for m in my_memberships),
        "may_create_organization": may_create_organization(user),
    }
