"""The plan's REST API under /api/v1/organizations/<slug>/plan/ (docs/api.md)."""
