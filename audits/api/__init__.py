"""The audits' and the evidence's REST API under /api/v1/organizations/<slug>/ (docs/api.md)."""
