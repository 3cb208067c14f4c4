"""Getting in: sign-up with a confirmed address, password reset and change (Django's own views,
in the app's pages), and one's own account page. Invitations live in `outreach.invitations`."""
