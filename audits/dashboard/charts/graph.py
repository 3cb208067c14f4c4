"""The integration graph: channels grouped by platform family, arrows for the links between them,
islands (G4) and same-platform clusters without their own identity (G3) marked in words."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from outreach.platforms import BLOG, COMMUNITY, FAMILY_LABELS, MEDIA, MICRO_BLOG

from ._svg import (
    BAD,
    BAD_BG,
    BG,
    BRAND,
    LINE,
    MUTED,
    SURFACE,
    TEXT,
    WARN,
    WARN_BG,
    clean_id,
    fit,
    n,
    num,
    safe_url,
    svg,
    t,
    text_width,
    title_el,
)

LINK = "link"
POINTS_TO = "points_to"
FAMILY_ORDER = (MICRO_BLOG, COMMUNITY, MEDIA, BLOG)

NODE_W = 184
COL_GAP = 116
ROW_GAP = 26
MARGIN = 60
HEAD_H = 54
MAX_COLUMNS = 4  # more families than this get a column each; otherwise columns grow taller
MIN_WIDTH = 560
# Below this the graph stops shrinking; on phones it scrolls sideways in its container.
GRAPH_MIN_WIDTH = 620
ARROW_L = 10
ARROW_H = 9
MIN_STROKE = 1.5
MAX_STROKE = 7.0
LINK_STROKE = 1.6


@dataclass(frozen=True)
class GraphNode:
    """A channel. `is_island`: linked to nothing (G4); `lacks_identity`: one of several channels
    on one platform without a distinct identity (G3). `note` is a small line (e.g. the
    platform); `url` links the node."""

    key: str
    label: str
    family: str
    is_island: bool = False
    lacks_identity: bool = False
    active: bool = True
    note: str = ""
    url: str = ""


@dataclass(frozen=True)
class GraphEdge:
    """A directed relation between two channels: kind "link" (a standing cross-channel link,
    e.g. in the profile) or "points_to" (planned posts pointing there, `weight` posts a week).
    The graph draws one arrow per (from_key, to_key, kind); repeats are merged, weights added."""

    from_key: str
    to_key: str
    weight: float = 0.0
    kind: str = POINTS_TO

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", float(self.weight or 0))
        if self.kind not in (LINK, POINTS_TO):
            raise ValueError(f"unknown edge kind {self.kind!r}")


@dataclass(frozen=True)
class _Box:
    node: GraphNode
    x: float  # left
    y: float  # top
    h: float
    column: int

    @property
    def cx(self) -> float:
        return self.x + NODE_W / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def stroke_width(edge: GraphEdge) -> float:
    """Standing links are thin; post arrows grow with posts a week, between 1.5 and 7."""
    if edge.kind == LINK:
        return LINK_STROKE
    return min(MIN_STROKE + 0.55 * max(edge.weight, 0.0), MAX_STROKE)


def _status_lines(node: GraphNode) -> list[tuple[str, str, bool]]:
    """(text, colour, bold) lines under a node's label."""
    lines = []
    if node.note:
        lines.append((node.note, MUTED, False))
    if node.is_island:
        lines.append(("island", BAD, True))
    if node.lacks_identity:
        lines.append(("no distinct identity", WARN, True))
    if not node.active:
        lines.append(("inactive", MUTED, False))
    return lines


def _node_height(node: GraphNode) -> float:
    return 30 + 15 * len(_status_lines(node))


LABEL_SIZE = 14
LABEL_W = NODE_W - 16


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a.casefold(), b.casefold(), strict=False):
        if x != y:
            break
        length += 1
    return length


def _cut_keeping(text: str, start: int) -> str:
    """`text` cut to fit a node, keeping its part from `start` (what tells it apart): the
    beginning is shortened first ("Harbourside Le… Kids"), then that part's own end."""
    head, tail = text[:start].rstrip(), text[start:].strip()
    for length in range(len(head), 0, -1):
        candidate = f"{head[:length].rstrip()}… {tail}"
        if text_width(candidate, LABEL_SIZE, bold=True) <= LABEL_W:
            return candidate
    return "… " + fit(tail, LABEL_SIZE, LABEL_W - text_width("… ", LABEL_SIZE, bold=True), True)


def _node_labels(nodes: Sequence[GraphNode]) -> dict[str, str]:
    """Each node's label as it fits its box, never reading the same as another channel's: where
    cutting the end would make two alike, they are cut in the middle instead, keeping where they
    differ; if even that does not tell them apart, they are numbered. The full label is in the
    node's <title>."""
    shown = {node.key: fit(node.label, LABEL_SIZE, LABEL_W, bold=True) for node in nodes}

    def alike() -> list[list[GraphNode]]:
        groups: dict[str, list[GraphNode]] = {}
        for node in nodes:
            groups.setdefault(shown[node.key].casefold(), []).append(node)
        return [group for group in groups.values() if len(group) > 1]

    for group in alike():
        for node in group:
            if shown[node.key] == node.label:
                continue  # it fits whole: the others are the ones to cut differently
            differs = max(
                _common_prefix(node.label, other.label) for other in group if other is not node
            )
            start = node.label.rfind(" ", 0, differs) + 1
            shown[node.key] = _cut_keeping(node.label, start)
    for group in alike():
        for number, node in enumerate(group, start=1):
            suffix = f" ({number})"
            room = LABEL_W - text_width(suffix, LABEL_SIZE, bold=True)
            shown[node.key] = fit(node.label, LABEL_SIZE, room, bold=True) + suffix
    return shown


def _family_label(family: str) -> str:
    return FAMILY_LABELS.get(family, family.replace("_", " ").capitalize())


def _layout(nodes: Sequence[GraphNode]) -> tuple[list[_Box], list[tuple[str, float, float]], float]:
    """Boxes, family headings (label, left, right) and the content height. Families are columns
    left to right; a family with many channels spreads over several columns, balanced so that
    the whole graph keeps to about MAX_COLUMNS columns and grows downwards instead."""
    families: dict[str, list[GraphNode]] = {}
    for family in FAMILY_ORDER:
        families[family] = []
    for node in nodes:
        families.setdefault(node.family, []).append(node)
    families = {f: members for f, members in families.items() if members}
    limit = max(MAX_COLUMNS, len(families))
    rows = max(4, math.ceil(len(nodes) / limit))
    while sum(math.ceil(len(m) / rows) for m in families.values()) > limit:
        rows += 1
    columns: list[list[GraphNode]] = []
    headings: list[tuple[str, int, int]] = []
    for family, members in families.items():
        count = math.ceil(len(members) / rows)
        per = math.ceil(len(members) / count)
        first = len(columns)
        columns.extend(members[i : i + per] for i in range(0, len(members), per))
        headings.append((_family_label(family), first, len(columns) - 1))
    heights = [sum(_node_height(m) for m in col) + ROW_GAP * (len(col) - 1) for col in columns]
    tallest = max(heights, default=0)
    boxes = []
    for index, column in enumerate(columns):
        x = MARGIN + index * (NODE_W + COL_GAP)
        y = HEAD_H + (tallest - heights[index]) / 2
        for node in column:
            boxes.append(_Box(node, x, y, _node_height(node), index))
            y += _node_height(node) + ROW_GAP
    spans = [
        (label, MARGIN + a * (NODE_W + COL_GAP), MARGIN + b * (NODE_W + COL_GAP) + NODE_W)
        for label, a, b in headings
    ]
    return boxes, spans, tallest


def _merge(edges: Sequence[GraphEdge], known: set[str]) -> list[GraphEdge]:
    merged: dict[tuple[str, str, str], GraphEdge] = {}
    for edge in edges:
        if edge.from_key == edge.to_key or not {edge.from_key, edge.to_key} <= known:
            continue
        key = (edge.from_key, edge.to_key, edge.kind)
        if key in merged:
            edge = GraphEdge(
                edge.from_key, edge.to_key, merged[key].weight + edge.weight, edge.kind
            )
        merged[key] = edge
    return list(merged.values())


def _geometry(a: _Box, b: _Box, lane: int) -> tuple[tuple[float, float], ...]:
    """Start, control and end of a quadratic curve from box a to box b. Between columns the curve
    leaves a's facing side and bends to its left, so the reverse arrow bends the other way; within
    a column, downward arrows run on the right, upward ones on the left."""
    bend = 26 + 18 * lane
    if a.column == b.column:
        side = 1 if b.cy > a.cy else -1
        sx = a.x + NODE_W if side > 0 else a.x
        start, end = (sx, a.cy), (sx, b.cy)
        # The curve reaches half as far as its control point; keep it inside the margin.
        reach = min(30 + 18 * lane + abs(b.cy - a.cy) * 0.12, 2 * (MARGIN - 30))
        control = (sx + side * reach, (a.cy + b.cy) / 2)
        return start, control, end
    # Fan the ends out along the side, towards the other box, so that arrows sharing a box
    # do not all meet in one point.
    ay = a.cy + max(min((b.cy - a.cy) * 0.1, a.h / 3), -a.h / 3)
    by = b.cy + max(min((a.cy - b.cy) * 0.1, b.h / 3), -b.h / 3)
    if b.x > a.x:
        start, end = (a.x + NODE_W, ay), (b.x, by)
    else:
        start, end = (a.x, ay), (b.x + NODE_W, by)
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    control = (
        (start[0] + end[0]) / 2 + dy / length * bend,
        (start[1] + end[1]) / 2 - dx / length * bend,
    )
    return start, control, end


def _edge(edge: GraphEdge, a: _Box, b: _Box, lane: int, prefix: str) -> str:
    start, control, end = _geometry(a, b, lane)
    # Stop short by the arrowhead's length; the marker's base sits at the end of the stroke.
    ex, ey = end[0] - control[0], end[1] - control[1]
    length = math.hypot(ex, ey) or 1.0
    stop = (end[0] - ex / length * ARROW_L, end[1] - ey / length * ARROW_L)
    path = (
        f"M{n(start[0])},{n(start[1])} Q{n(control[0])},{n(control[1])} {n(stop[0])},{n(stop[1])}"
    )
    names = f"{a.node.label} → {b.node.label}"
    if edge.kind == LINK:
        tip, colour, dash, marker = (
            f"{names}: profile link",
            MUTED,
            ' stroke-dasharray="6 4"',
            "link",
        )
    else:
        posts = "post" if num(edge.weight) == "1" else "posts"
        tip = f"{names}: {num(edge.weight)} {posts} a week"
        colour, dash, marker = BRAND, "", "posts"
    out = [
        f'<g class="chart-edge" data-from="{t(edge.from_key)}" data-to="{t(edge.to_key)}" '
        f'data-kind="{t(edge.kind)}">{title_el(tip)}'
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{n(stroke_width(edge))}"'
        f'{dash} marker-end="url(#{prefix}-arrow-{marker})"/>'
    ]
    if edge.kind != LINK:
        mx = 0.25 * start[0] + 0.5 * control[0] + 0.25 * end[0]
        my = 0.25 * start[1] + 0.5 * control[1] + 0.25 * end[1]
        out.append(
            f'<text x="{n(mx)}" y="{n(my + 4)}" text-anchor="middle" font-size="11" '
            f'font-weight="700" fill="{BRAND}" stroke="{SURFACE}" stroke-width="3" '
            f'paint-order="stroke">{t(num(edge.weight))}/wk</text>'
        )
    out.append("</g>")
    return "".join(out)


def _node(box: _Box, label: str) -> str:
    node = box.node
    stroke, fill, width, dash = MUTED, SURFACE, 1.2, ""
    if not node.active:
        fill = BG
    if node.lacks_identity:
        stroke, fill, width = WARN, WARN_BG, 2.5
    if node.is_island:
        stroke, width, dash = BAD, 2.5, ' stroke-dasharray="7 4"'
        fill = BAD_BG if not node.lacks_identity else fill
    tip = [f"{node.label} ({_family_label(node.family)})"]
    if node.note:
        tip.append(node.note)
    if node.is_island:
        tip.append("island: no link to or from any other channel (G4)")
    if node.lacks_identity:
        tip.append("another channel on the same platform, without a distinct identity (G3)")
    if not node.active:
        tip.append("inactive")
    flags = f'data-island="{int(node.is_island)}" data-lacks-identity="{int(node.lacks_identity)}"'
    parts = [
        title_el("; ".join(tip)),
        f'<rect x="{n(box.x)}" y="{n(box.y)}" width="{NODE_W}" height="{n(box.h)}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
        f'<text x="{n(box.cx)}" y="{n(box.y + 20)}" text-anchor="middle" font-size="14" '
        f'font-weight="600" fill="{TEXT}">{t(label)}</text>',
    ]
    for i, (text, colour, bold) in enumerate(_status_lines(node)):
        weight = ' font-weight="700"' if bold else ""
        parts.append(
            f'<text x="{n(box.cx)}" y="{n(box.y + 36 + 15 * i)}" text-anchor="middle" '
            f'font-size="11.5"{weight} fill="{colour}" class="chart-flag">'
            f"{t(fit(text, 11.5, NODE_W - 14, bold=bold))}</text>"
        )
    url = safe_url(node.url)
    attrs = f'class="chart-node{" chart-link" if url else ""}" data-key="{t(node.key)}" {flags}'
    if url:
        return f'<a href="{t(url)}" {attrs}>' + "".join(parts) + "</a>"
    return f"<g {attrs}>" + "".join(parts) + "</g>"


def _markers(prefix: str) -> str:
    out = ["<defs>"]
    for name, colour in (("posts", BRAND), ("link", MUTED)):
        out.append(
            f'<marker id="{prefix}-arrow-{name}" viewBox="0 0 {ARROW_L} {ARROW_H}" refX="0" '
            f'refY="{n(ARROW_H / 2)}" markerWidth="{ARROW_L}" markerHeight="{ARROW_H}" '
            f'markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L{ARROW_L},{n(ARROW_H / 2)} L0,{ARROW_H} z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    return "".join(out)


LEGEND_ITEMS = (
    ("posts", "posts pointing there; number and thickness: posts a week"),
    ("link", "standing link (e.g. in the profile)"),
    ("island", "island: not linked to the rest of the strategy (G4)"),
    ("g3", "same platform, no distinct identity (G3)"),
)
LEGEND_SIZE = 12
LEGEND_TEXT_X = 50  # the sample's width and a gap


def _legend_column_width() -> float:
    return LEGEND_TEXT_X + max(text_width(text, LEGEND_SIZE) for _, text in LEGEND_ITEMS) + 30


def _legend(prefix: str, x: float, y: float, two_columns: bool) -> tuple[str, float]:
    column_w = _legend_column_width()
    out = [f'<g class="chart-legend"><text x="{n(x)}" y="{n(y)}" font-weight="700">Legend</text>']
    for i, (kind, text) in enumerate(LEGEND_ITEMS):
        col, row = (i % 2, i // 2) if two_columns else (0, i)
        ix, iy = x + col * column_w, y + 14 + row * 24
        if kind in ("posts", "link"):
            colour = BRAND if kind == "posts" else MUTED
            dash = ' stroke-dasharray="6 4"' if kind == "link" else ""
            width = 3 if kind == "posts" else LINK_STROKE
            out.append(
                f'<path d="M{n(ix)},{n(iy + 8)} H{n(ix + 30)}" stroke="{colour}" '
                f'stroke-width="{width}"{dash} marker-end="url(#{prefix}-arrow-{kind})"/>'
            )
        else:
            stroke, fill = (BAD, BAD_BG) if kind == "island" else (WARN, WARN_BG)
            dash = ' stroke-dasharray="5 3"' if kind == "island" else ""
            out.append(
                f'<rect x="{n(ix)}" y="{n(iy)}" width="40" height="16" rx="3" fill="{fill}" '
                f'stroke="{stroke}" stroke-width="2"{dash}/>'
            )
        out.append(
            f'<text x="{n(ix + LEGEND_TEXT_X)}" y="{n(iy + 12)}" font-size="{LEGEND_SIZE}">'
            f"{t(text)}</text>"
        )
    out.append("</g>")
    rows = 2 if two_columns else 4
    return "".join(out), 14 + rows * 24


def integration_graph(
    nodes: Sequence[GraphNode],
    edges: Sequence[GraphEdge],
    *,
    id_prefix: str = "graph",
    title: str = "How the channels point at each other",
) -> SafeString:
    """Channels as boxes in columns by platform family (micro-blogs, community pages, media,
    blogs, then any other family), with a heading per family; arrows for the edges, solid and
    growing with posts a week for "points_to", thin and dashed for standing links, each with a
    <title>. Opposite arrows bend to opposite sides. Islands get a red dashed outline and the word
    "island"; G3 clusters an amber outline and "no distinct identity". The layout is
    deterministic: same input, same picture. Edges to unknown keys and self-loops are skipped."""
    prefix = clean_id(id_prefix, "graph")
    boxes, headings, tallest = _layout(nodes)
    by_key = {box.node.key: box for box in boxes}
    merged = _merge(edges, set(by_key))
    columns = max((box.column for box in boxes), default=0) + 1
    content_w = MARGIN * 2 + columns * NODE_W + (columns - 1) * COL_GAP
    width = max(content_w, MIN_WIDTH)
    shift = (width - content_w) / 2
    two_columns = width >= 2 * MARGIN + 2 * _legend_column_width()
    legend_y = HEAD_H + tallest + 40
    legend, legend_h = _legend(prefix, MARGIN, legend_y, two_columns)
    height = legend_y + legend_h + 14
    body = [_markers(prefix), f'<g transform="translate({n(shift)},0)">']
    for label, left, right in headings:
        body.append(
            f'<g class="chart-family"><rect x="{n(left - 14)}" y="8" '
            f'width="{n(right - left + 28)}" '
            f'height="{n(HEAD_H + tallest)}" rx="8" fill="{BG}" stroke="{LINE}"/>'
            f'<text x="{n((left + right) / 2)}" y="32" text-anchor="middle" font-size="14" '
            f'font-weight="700" fill="{MUTED}">{t(label)}</text></g>'
        )
    if not boxes:
        body.append(f'<text x="{MARGIN}" y="{HEAD_H}" fill="{MUTED}">No channels yet.</text>')
    lanes: dict[tuple[str, str], int] = {}
    for edge in merged:
        lane = lanes.get((edge.from_key, edge.to_key), 0)
        lanes[(edge.from_key, edge.to_key)] = lane + 1
        body.append(_edge(edge, by_key[edge.from_key], by_key[edge.to_key], lane, prefix))
    labels = _node_labels([box.node for box in boxes])
    body.extend(_node(box, labels[box.node.key]) for box in boxes)
    body.append("</g>")
    body.append(legend)
    islands = sum(box.node.is_island for box in boxes)
    clusters = sum(box.node.lacks_identity for box in boxes)
    desc = (
        f"{len(boxes)} channel{'s' if len(boxes) != 1 else ''} and {len(merged)} "
        f"link{'s' if len(merged) != 1 else ''} between them; {islands} "
        f"island{'s' if islands != 1 else ''}, {clusters} without a distinct identity."
    )
    return svg(prefix, width, height, title, desc, body, "chart--graph", min_width=GRAPH_MIN_WIDTH)
