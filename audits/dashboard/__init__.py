"""The managers' dashboard: one organization's stored audit results as a heatmap, integration
graph, staffing and trend (server-drawn SVG in `charts/`), what to fix first, what changed, the
CSV exports, and the overview across a member's organizations. Reads stored results only."""
