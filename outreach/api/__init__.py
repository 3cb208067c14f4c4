"""The REST API under /api/v1/ (docs/api.md): this package holds the shared base (tenancy,
errors, validation through the browser's forms), the organization's channels, staff and
assignments, the token page and the URLs; strategy.api and audits.api hold their own."""
