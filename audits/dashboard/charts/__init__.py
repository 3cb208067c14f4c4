"""Server-side SVG charts of audit results: pure functions, plain dataclasses in, a SafeString of
inline SVG out. Readable without JavaScript; colour is never the only signal (every cell and bar
prints its number, every meaningful shape has a <title>), and every chart is `role="img"`
labelled by its own <title> and <desc>. Pass a distinct `id_prefix` to each chart on a page.
"""

from .graph import LINK, POINTS_TO, GraphEdge, GraphNode, integration_graph
from .heatmap import HeatmapRow, score_heatmap
from .hours import HoursRow, hours_bars
from .trend import TrendPoint, trend_chart

__all__ = [
    "LINK",
    "POINTS_TO",
    "GraphEdge",
    "GraphNode",
    "HeatmapRow",
    "HoursRow",
    "TrendPoint",
    "hours_bars",
    "integration_graph",
    "score_heatmap",
    "trend_chart",
]
