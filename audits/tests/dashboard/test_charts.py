"""The server-side SVG charts: well-formed, accessible, every number printed, every shape titled,
hostile labels escaped. Plain functions, no database."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from audits.dashboard.charts import (
    LINK,
    POINTS_TO,
    GraphEdge,
    GraphNode,
    HeatmapRow,
    HoursRow,
    TrendPoint,
    hours_bars,
    integration_graph,
    score_heatmap,
    trend_chart,
)
from audits.dashboard.charts._svg import BAD, GOOD, contrast, text_on
from audits.dashboard.charts.graph import MAX_STROKE, MIN_STROKE, stroke_width
from audits.dashboard.charts.heatmap import fill_for

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & co"
CRITERIA = ("value", "interactivity", "integration", "resourcing", "overall")
SERIES = ("overall", "value", "interactivity", "integration", "resourcing")


def parse(svg) -> ET.Element:
    """The chart as an XML tree; fails the test when it is not well-formed."""
    return ET.fromstring(str(svg))  # noqa: S314 - our own output


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


def title_of(el: ET.Element) -> str:
    title = el.find(f"{SVG}title")
    assert title is not None, f"no <title> in {el.tag} {el.attrib}"
    return title.text or ""


def texts(el: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in el.iter(f"{SVG}text")]


def all_text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def view_box(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


def heatmap_rows() -> list[HeatmapRow]:
    return [
        HeatmapRow(
            "tw",
            "@acme",
            "needs_work",
            {"value": 72, "interactivity": 45, "integration": 30, "resourcing": 90, "overall": 59},
            links={"interactivity": "/runs/1/channels/tw#interactivity", "overall": "/runs/1/tw"},
            note="X / Twitter",
        ),
        HeatmapRow(
            "fb",
            "Acme page",
            "healthy",
            {"value": 88, "interactivity": 71, "integration": 80, "resourcing": 64, "overall": 76},
        ),
        HeatmapRow(
            "bl",
            "Blog",
            "fix_or_retire",
            {"value": 12, "interactivity": 0, "integration": 100, "resourcing": None},
        ),
    ]


def graph_nodes() -> list[GraphNode]:
    return [
        GraphNode("tw", "Acme on X", "micro_blog", note="X / Twitter"),
        GraphNode("tw2", "Acme Events on X", "micro_blog", lacks_identity=True),
        GraphNode("fb", "Acme page", "community"),
        GraphNode("yt", "Acme videos", "media", is_island=True),
        GraphNode("bl", "Acme blog", "blog", active=False),
    ]


def graph_edges() -> list[GraphEdge]:
    return [
        GraphEdge("tw", "fb", 3),
        GraphEdge("fb", "tw", 1),
        GraphEdge("tw", "fb", kind=LINK),
        GraphEdge("tw", "bl", 7),
        GraphEdge("tw2", "fb", 0.5),
    ]


def trend_points(count: int) -> list[TrendPoint]:
    return [
        TrendPoint(
            f"{i + 1} Nov",
            {name: (30 + 5 * i + j) % 101 for j, name in enumerate(SERIES)},
            run_url=f"/runs/{i + 1}",
        )
        for i in range(count)
    ]


def hours_rows() -> list[HoursRow]:
    return [
        HoursRow("Ann", 6, 5, True, "assigned", "capacity"),
        HoursRow("Ben", 2, 8, True, "assigned", "capacity"),
        HoursRow("Acme on X", 1.5, 4, False, "assigned", "needed"),
        HoursRow("Acme page", 5, 3, False, "assigned", "needed"),
    ]


ALL_CHARTS = {
    "heatmap": lambda: score_heatmap(heatmap_rows()),
    "graph": lambda: integration_graph(graph_nodes(), graph_edges()),
    "trend": lambda: trend_chart(trend_points(3)),
    "trend_empty": lambda: trend_chart([]),
    "hours": lambda: hours_bars(hours_rows()),
}


# --- every chart ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_is_an_accessible_scalable_svg(name):
    """Each chart is well-formed SVG with xmlns, a viewBox, width 100%, an inherited system
    font, and aria-labelledby pointing at its own <title> and <desc>, which are filled. It is
    one image (role img) unless it holds links, which an image would hide from assistive
    technology: then it is a group."""
    svg = ALL_CHARTS[name]()
    assert hasattr(svg, "__html__"), "templates must be able to print it as is"
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == ("group" if list(root.iter(f"{SVG}a")) else "img")
    assert root.get("width") == "100%"
    assert "system-ui" in root.get("font-family")
    width, height = view_box(root)
    assert width > 0 and height > 0
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text and desc.text


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_no_chart_shrinks_its_smallest_text_below_ten_pixels(name):
    """A chart scales down with its container (a phone's is narrow) only as far as its smallest
    text stays 10 px or more; below that width its container scrolls instead."""
    root = parse(ALL_CHARTS[name]())
    width, _ = view_box(root)
    min_width = float(re.search(r"min-width:([0-9.]+)px", root.get("style")).group(1))
    sizes = [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]
    assert min(sizes) * min_width / width >= 10 - 0.05


def test_a_chart_without_links_is_one_image():
    """No link inside (here: the heatmap without any URL): one image, read as its title and
    description."""
    root = parse(score_heatmap([HeatmapRow("k", "Acme", "healthy", {"value": 80})]))
    assert not list(root.iter(f"{SVG}a"))
    assert root.get("role") == "img"


def test_id_prefix_keeps_two_charts_on_one_page_apart():
    """Two graphs with different prefixes share no id, and markers point at their own chart; an
    id prefix that could break out of its attribute is cleaned."""
    first = parse(integration_graph(graph_nodes(), graph_edges(), id_prefix="one"))
    second = parse(integration_graph(graph_nodes(), graph_edges(), id_prefix="two"))
    ids_first = {el.get("id") for el in first.iter() if el.get("id")}
    ids_second = {el.get("id") for el in second.iter() if el.get("id")}
    assert ids_first and not ids_first & ids_second
    for path in first.iter(f"{SVG}path"):
        if path.get("marker-end"):
            assert re.fullmatch(r"url\(#one-arrow-\w+\)", path.get("marker-end"))
    root = parse(hours_bars(hours_rows(), id_prefix='x" onload="alert(1)'))
    assert root.get("onload") is None
    assert re.fullmatch(r"[A-Za-z][\w-]*", root.get("id"))


@pytest.mark.parametrize("name", ["heatmap", "graph", "trend", "hours"])
def test_hostile_labels_are_escaped(name):
    """Labels come from users: `<script>` and `&` arrive as text, never as elements; characters
    that XML forbids are dropped rather than breaking the document."""
    label = HOSTILE + "\x00\x07"
    svg = {
        "heatmap": lambda: score_heatmap(
            [HeatmapRow("k", label, "healthy", {"value": 80}, note=label)], columns=("value",)
        ),
        "graph": lambda: integration_graph(
            [GraphNode("a", label, "micro_blog", note=label), GraphNode("b", "B", "blog")],
            [GraphEdge("a", "b", 2)],
        ),
        "trend": lambda: trend_chart([TrendPoint(label, {"overall": 50})], series=("overall",)),
        "hours": lambda: hours_bars([HoursRow(label, 1, 2, True, label, label)]),
    }[name]()
    raw = str(svg)
    assert "<script" not in raw
    assert "&lt;script&gt;" in raw and "&amp; co" in raw
    root = parse(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    titles = " ".join(el.text or "" for el in root.iter(f"{SVG}title"))
    assert HOSTILE in titles


def test_links_are_never_javascript():
    """A URL with a script scheme is dropped: the cell is drawn without a link."""
    row = HeatmapRow(
        "k", "K", "healthy", {"value": 80}, links={"value": "javascript:alert(1)"}, url="data:x"
    )
    root = parse(score_heatmap([row], columns=("value",)))
    assert not list(root.iter(f"{SVG}a"))


# --- heatmap -------------------------------------------------------------------------------
def test_heatmap_has_a_cell_per_channel_and_column_with_its_number_and_title():
    """3 channels × 5 columns = 15 cells; each prints its score (or a dash when not scored) and
    has a title naming channel, criterion, score and band."""
    root = parse(score_heatmap(heatmap_rows()))
    cells = with_class(root, "chart-cell")
    assert len(cells) == 15
    labels = {row.key: row.label for row in heatmap_rows()}
    for cell in cells:
        name = f"{labels[cell.get('data-key')]} — {cell.get('data-column')}"
        (shown,) = texts(cell)
        if shown == "–":
            assert title_of(cell) == f"{name}: not scored"
        else:
            band = r"\((healthy|needs work|fix or retire)\)"
            assert re.fullmatch(rf"{re.escape(name)} {shown}/100 {band}", title_of(cell))
        assert len(cell.findall(f"{SVG}rect")) == 1
    by_place = {(c.get("data-key"), c.get("data-column")): c for c in cells}
    interactivity = by_place[("tw", "interactivity")]
    assert texts(interactivity) == ["45"]
    assert title_of(interactivity) == "@acme — interactivity 45/100 (needs work)"
    assert title_of(by_place[("fb", "overall")]) == "Acme page — overall 76/100 (healthy)"
    assert title_of(by_place[("bl", "value")]) == "Blog — value 12/100 (fix or retire)"
    assert texts(by_place[("bl", "resourcing")]) == ["–"]
    assert title_of(by_place[("bl", "resourcing")]) == "Blog — resourcing: not scored"
    assert texts(by_place[("bl", "overall")]) == ["–"]


def test_heatmap_links_cells_only_where_a_link_is_given():
    """@acme's interactivity and overall cells are links to the given URLs; the others are not."""
    root = parse(score_heatmap(heatmap_rows()))
    links = {(a.get("data-key"), a.get("data-column")): a.get("href") for a in root.iter(f"{SVG}a")}
    assert links == {
        ("tw", "interactivity"): "/runs/1/channels/tw#interactivity",
        ("tw", "overall"): "/runs/1/tw",
    }
    # A link's title is its accessible name.
    assert [title_of(a) for a in root.iter(f"{SVG}a")] == [
        "@acme — interactivity 45/100 (needs work)",
        "@acme — overall 59/100 (needs work)",
    ]


def test_heatmap_names_each_rows_verdict_in_words_and_heads_each_column():
    """Each row carries its verdict as text ("needs work", "healthy", "fix or retire"); the
    columns are headed by the criteria's names."""
    root = parse(score_heatmap(heatmap_rows()))
    verdicts = with_class(root, "chart-verdict")
    assert [texts(v) for v in verdicts] == [["needs work"], ["healthy"], ["fix or retire"]]
    head = with_class(root, "chart-head")[0]
    assert texts(head) == ["Value", "Interactivity", "Integration", "Resourcing", "Overall"]
    assert [texts(label)[0] for label in with_class(root, "chart-row-label")] == [
        "@acme",
        "Acme page",
        "Blog",
    ]


def test_heatmap_fills_run_from_red_through_amber_to_green_with_readable_numbers():
    """Below 40 the fills are red, 40-69 amber, 70+ green, and the number's colour reaches a
    contrast of at least 4.5:1 on every fill."""
    assert fill_for(0) == fill_for(19) != fill_for(20)
    assert fill_for(39) == BAD
    assert fill_for(100) == GOOD
    assert len({fill_for(score) for score in range(101)}) == 6
    for score in range(101):
        fill = fill_for(score)
        assert contrast(text_on(fill), fill) >= 4.5, (score, fill)


def test_heatmap_bands_scores_by_the_runs_thresholds_and_names_the_stored_verdict():
    """With healthy_from 80, a criterion at 75 is amber and titled "needs work", and the colour
    key and description say 80; the overall cell names the channel's stored verdict (needs work
    at 85, when a high finding stands), not its score's band."""
    thresholds = {"healthy_from": 80}
    row = HeatmapRow("tw", "@acme", "needs_work", {"value": 75, "overall": 85})
    root = parse(score_heatmap([row], thresholds=thresholds, columns=("value", "overall")))
    by_column = {c.get("data-column"): c for c in with_class(root, "chart-cell")}
    assert title_of(by_column["value"]) == "@acme — value 75/100 (needs work)"
    assert title_of(by_column["overall"]) == "@acme — overall 85/100 (needs work)"
    assert by_column["value"].find(f"{SVG}rect").get("fill") == fill_for(75, thresholds)
    assert fill_for(75, thresholds) != fill_for(75) == fill_for(70)
    assert fill_for(79, thresholds) == fill_for(60, thresholds) != fill_for(80, thresholds)
    assert "60–79" in texts(with_class(root, "chart-key")[0])
    assert "green 80 and above (healthy), amber 40 to 79 (needs work)" in (
        root.find(f"{SVG}desc").text
    )


def test_heatmap_with_no_rows_says_so():
    """No channels: the headers and a sentence, still a valid chart."""
    root = parse(score_heatmap([]))
    assert not with_class(root, "chart-cell")
    assert "No channels scored yet." in all_text(root)


# --- integration graph ---------------------------------------------------------------------
def edges_of(root: ET.Element) -> dict[tuple[str, str, str], ET.Element]:
    return {
        (e.get("data-from"), e.get("data-to"), e.get("data-kind")): e
        for e in with_class(root, "chart-edge")
    }


def test_graph_draws_every_node_and_one_arrow_per_pair_and_kind():
    """5 nodes; 5 distinct (from, to, kind) edges. Repeats are merged with weights added, and
    edges to unknown channels or to themselves are skipped."""
    edges = graph_edges() + [
        GraphEdge("tw", "bl", 2),
        GraphEdge("tw", "ghost", 2),
        GraphEdge("fb", "fb", 1),
    ]
    root = parse(integration_graph(graph_nodes(), edges))
    assert len(with_class(root, "chart-node")) == 5
    drawn = edges_of(root)
    assert set(drawn) == {
        ("tw", "fb", POINTS_TO),
        ("fb", "tw", POINTS_TO),
        ("tw", "fb", LINK),
        ("tw", "bl", POINTS_TO),
        ("tw2", "fb", POINTS_TO),
    }
    assert title_of(drawn[("tw", "bl", POINTS_TO)]) == "Acme on X → Acme blog: 9 posts a week"
    for edge in drawn.values():
        path = edge.find(f"{SVG}path")
        assert path.get("marker-end").startswith("url(#graph-arrow-")
    marker_ids = {m.get("id") for m in root.iter(f"{SVG}marker")}
    assert marker_ids == {"graph-arrow-posts", "graph-arrow-link"}


def test_graph_edges_say_what_they_are_in_words_and_in_dashes():
    """Posts are solid arrows titled with posts a week and printing the number; standing links are
    dashed and titled "profile link"."""
    drawn = edges_of(parse(integration_graph(graph_nodes(), graph_edges())))
    posts, back, link = (
        drawn[("tw", "fb", POINTS_TO)],
        drawn[("fb", "tw", POINTS_TO)],
        drawn[("tw", "fb", LINK)],
    )
    assert title_of(posts) == "Acme on X → Acme page: 3 posts a week"
    assert title_of(back) == "Acme page → Acme on X: 1 post a week"
    assert title_of(link) == "Acme on X → Acme page: profile link"
    assert texts(posts) == ["3/wk"]
    assert posts.find(f"{SVG}path").get("stroke-dasharray") is None
    assert link.find(f"{SVG}path").get("stroke-dasharray") == "6 4"


def test_graph_stroke_width_grows_with_weight_within_bounds():
    """More posts a week, thicker arrow; from 1.5 up to at most 7; standing links stay thin."""
    widths = [stroke_width(GraphEdge("a", "b", w)) for w in (0, 1, 3, 7, 100)]
    assert widths == sorted(widths) and len(set(widths)) == 5
    assert widths[0] == MIN_STROKE and widths[-1] == MAX_STROKE
    drawn = edges_of(parse(integration_graph(graph_nodes(), graph_edges())))

    def width(key):
        return float(drawn[key].find(f"{SVG}path").get("stroke-width"))

    assert (
        width(("tw2", "fb", POINTS_TO))
        < width(("fb", "tw", POINTS_TO))
        < width(("tw", "fb", POINTS_TO))
        < width(("tw", "bl", POINTS_TO))
    )
    assert width(("tw", "fb", LINK)) <= MIN_STROKE + 0.5


def test_opposite_arrows_bend_to_opposite_sides():
    """X → page and page → X are curves whose control points lie on either side of the
    straight line between the two boxes, so they never overlap."""
    drawn = edges_of(parse(integration_graph(graph_nodes(), graph_edges())))

    def control_y(key):
        d = drawn[key].find(f"{SVG}path").get("d")
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
        (x0, y0), (cx, cy), (x1, y1) = numbers[0:2], numbers[2:4], numbers[4:6]
        return cy - (y0 + (y1 - y0) * (cx - x0) / (x1 - x0))

    assert control_y(("tw", "fb", POINTS_TO)) * control_y(("fb", "tw", POINTS_TO)) < 0


def test_graph_marks_islands_and_g3_clusters_only_on_flagged_nodes():
    """The island gets a red dashed outline and the word "island"; the G3 channel an amber outline
    and "no distinct identity"; no other node carries either."""
    root = parse(integration_graph(graph_nodes(), graph_edges()))
    nodes = {g.get("data-key"): g for g in with_class(root, "chart-node")}
    for key, node in nodes.items():
        words = texts(node)
        rect = node.find(f"{SVG}rect")
        assert ("island" in words) == (key == "yt")
        assert ("no distinct identity" in words) == (key == "tw2")
        assert (node.get("data-island") == "1") == (key == "yt")
        assert (node.get("data-lacks-identity") == "1") == (key == "tw2")
        assert (rect.get("stroke") == BAD and bool(rect.get("stroke-dasharray"))) == (key == "yt")
        assert (rect.get("stroke") == "#8a5a00") == (key == "tw2")
    assert title_of(nodes["yt"]) == (
        "Acme videos (Media); island: no link to or from any other channel (G4)"
    )
    assert title_of(nodes["tw2"]) == (
        "Acme Events on X (Micro-blogs); another channel on the same platform, without a "
        "distinct identity (G3)"
    )
    assert "inactive" in texts(nodes["bl"])
    legend = all_text(with_class(root, "chart-legend")[0])
    assert "island" in legend and "no distinct identity" in legend and "standing link" in legend


def test_graph_groups_nodes_in_family_columns_left_to_right():
    """Micro-blogs, community pages, media, blogs: each family a column with its heading, in
    that order."""
    root = parse(integration_graph(graph_nodes(), graph_edges()))
    headings = [texts(g)[0] for g in with_class(root, "chart-family")]
    assert headings == ["Micro-blogs", "Community pages", "Media", "Blogs"]
    x = {
        g.get("data-key"): float(g.find(f"{SVG}rect").get("x"))
        for g in with_class(root, "chart-node")
    }
    assert x["tw"] == x["tw2"] < x["fb"] < x["yt"] < x["bl"]


def test_graph_layout_is_deterministic():
    """The same input draws the same picture, byte for byte."""
    assert str(integration_graph(graph_nodes(), graph_edges())) == str(
        integration_graph(graph_nodes(), graph_edges())
    )


def node_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    shift = 0.0
    for g in root.iter(f"{SVG}g"):
        match = re.fullmatch(r"translate\(([-\d.]+),0\)", g.get("transform") or "")
        if match:
            shift = float(match.group(1))
    boxes = []
    for node in with_class(root, "chart-node"):
        rect = node.find(f"{SVG}rect")
        x, y = float(rect.get("x")) + shift, float(rect.get("y"))
        boxes.append((x, y, x + float(rect.get("width")), y + float(rect.get("height"))))
    return boxes


def test_a_fifty_node_graph_keeps_every_node_inside_the_view_box_without_overlap():
    """50 channels (one family crowded): all drawn, inside the viewBox, none overlapping, and the
    picture grows downwards rather than past about four columns."""
    families = ["micro_blog", "community", "media", "blog"]
    nodes = [
        GraphNode(
            f"n{i}",
            f"Channel {i}",
            families[i % 4] if i < 30 else "micro_blog",
            is_island=i % 11 == 0,
            lacks_identity=i % 7 == 0,
        )
        for i in range(50)
    ]
    edges = [GraphEdge(f"n{i}", f"n{(i * 7 + 3) % 50}", i % 9) for i in range(50)]
    root = parse(integration_graph(nodes, edges))
    width, height = view_box(root)
    boxes = node_boxes(root)
    assert len(boxes) == 50
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert width <= 1300 < height
    assert len(with_class(root, "chart-edge")) == 50


def test_a_two_node_graph_is_wide_enough_for_its_legend():
    """Two channels still make a readable picture: both nodes, the arrows, the whole legend."""
    root = parse(
        integration_graph(
            [GraphNode("a", "A", "micro_blog"), GraphNode("b", "B", "micro_blog")],
            [GraphEdge("a", "b", 2), GraphEdge("b", "a", 1)],
        )
    )
    width, _ = view_box(root)
    assert width >= 560
    assert len(node_boxes(root)) == 2 and len(with_class(root, "chart-edge")) == 2
    assert len(texts(with_class(root, "chart-legend")[0])) == 5


def test_graph_without_nodes_says_so():
    """No channels: a sentence instead of an empty frame."""
    root = parse(integration_graph([], []))
    assert "No channels yet." in all_text(root)


def test_graph_edge_rejects_an_unknown_kind_and_accepts_decimal_weights():
    """Only "link" and "points_to"; a Decimal weight (as the figures give) works."""
    with pytest.raises(ValueError):
        GraphEdge("a", "b", 1, "both")
    assert GraphEdge("a", "b", Decimal("2.5")).weight == 2.5


# --- trend ---------------------------------------------------------------------------------
def points_of(root: ET.Element) -> list[ET.Element]:
    return with_class(root, "chart-point")


def test_trend_with_twelve_audits_draws_a_titled_circle_per_point_and_series():
    """12 audits × 5 series = 60 circles, each titled "<label>: <series> <score> (<band>)"; one
    line per series; every audit's column links to its report."""
    root = parse(trend_chart(trend_points(12)))
    circles = points_of(root)
    assert len(circles) == 60 and all(c.tag == f"{SVG}circle" for c in circles)
    assert "1 Nov: overall 30 (fix or retire)" in [title_of(c) for c in circles]
    assert "3 Nov: interactivity 42 (needs work)" in [title_of(c) for c in circles]
    assert len(list(root.iter(f"{SVG}polyline"))) == 5
    runs = [a for a in root.iter(f"{SVG}a") if "chart-run" in a.get("class")]
    assert [a.get("href") for a in runs] == [f"/runs/{i}" for i in range(1, 13)]
    assert title_of(runs[0]) == (
        "Audit of 1 Nov: overall 30, value 31, interactivity 32, integration 33, resourcing 34"
    )


def test_trend_with_one_audit_draws_points_without_lines():
    """One audit: a circle per series in the middle, no line to draw."""
    root = parse(trend_chart(trend_points(1)))
    circles = points_of(root)
    assert len(circles) == 5
    assert len({c.get("cx") for c in circles}) == 1
    assert not list(root.iter(f"{SVG}polyline"))


def test_trend_breaks_a_line_where_a_score_is_missing():
    """A missing score leaves a gap: that series is drawn as two lines around it."""
    points = trend_points(5)
    points[2] = TrendPoint("3 Nov", {"overall": 50, "value": None})
    root = parse(trend_chart(points, series=("overall", "value")))
    value = [g for g in with_class(root, "chart-series") if g.get("data-series") == "value"][0]
    assert len(value.findall(f"{SVG}polyline")) == 2
    assert len(value.findall(f"{SVG}circle")) == 4


def test_trend_series_differ_by_more_than_colour():
    """Every series has its own colour and its own dash pattern (overall solid), named in the
    legend."""
    root = parse(trend_chart(trend_points(4)))
    lines = {
        g.get("data-series"): g.find(f"{SVG}polyline") for g in with_class(root, "chart-series")
    }
    assert len({line.get("stroke") for line in lines.values()}) == 5
    assert len({line.get("stroke-dasharray") for line in lines.values()}) == 5
    legend = [all_text(item) for item in with_class(root, "chart-legend-item")]
    assert legend == ["Overall", "Value", "Interactivity", "Integration", "Resourcing"]


def test_trend_axis_runs_0_to_100_with_the_verdict_bands_named():
    """Gridlines at 0, 40, 70 and 100, each labelled; the bands named healthy, needs work and
    fix or retire."""
    root = parse(trend_chart(trend_points(2)))
    bands = with_class(root, "chart-bands")[0]
    assert len(bands.findall(f"{SVG}line")) == 4
    words = texts(bands)
    for label in ("0", "40", "70", "100", "healthy", "needs work", "fix or retire"):
        assert label in words


def test_trend_bands_each_point_by_its_own_run_and_draws_the_latest_runs_bands():
    """An audit under the defaults banded 75 healthy; the next, under healthy_from 80, bands
    75 as needs work. The background bands and gridlines are the latest run's."""
    points = [
        TrendPoint("1 Nov", {"overall": 75}, thresholds={"healthy_from": 70}),
        TrendPoint("8 Nov", {"overall": 75}, thresholds={"healthy_from": 80}),
    ]
    root = parse(trend_chart(points, series=("overall",)))
    assert [(title_of(c), c.get("data-band")) for c in points_of(root)] == [
        ("1 Nov: overall 75 (healthy)", "healthy"),
        ("8 Nov: overall 75 (needs work)", "needs_work"),
    ]
    words = texts(with_class(root, "chart-bands")[0])
    assert "80" in words and "70" not in words
    assert "Bands: 80 and above healthy, 40 to 79 needs work" in root.find(f"{SVG}desc").text


def test_trend_without_audits_says_there_are_none_yet():
    """No audits: a valid SVG whose text and description say so."""
    root = parse(trend_chart([]))
    assert not points_of(root)
    assert "No audits yet" in all_text(root)
    assert root.find(f"{SVG}desc").text == "No audits yet."


# --- hours ---------------------------------------------------------------------------------
def bars_of(root: ET.Element) -> list[ET.Element]:
    return with_class(root, "chart-bar")


def test_hours_bars_print_the_numbers_and_mark_crossing_the_limit():
    """Ann (6 h of 5 h capacity) is over: red, the excess hatched, "1 h over" printed. Acme on X
    (1.5 h of 4 h needed) is short: red, the shortfall outlined, "2.5 h short". Ben and Acme
    page are fine: green, no marks."""
    root = parse(hours_bars(hours_rows()))
    bars = bars_of(root)
    assert [b.get("data-bad") for b in bars] == ["1", "0", "1", "0"]
    ann, ben, tw, fb = bars
    assert "6 h assigned of 5 h capacity: 1 h over" in texts(ann)
    assert "2 h assigned of 8 h capacity" in texts(ben)
    assert "1.5 h assigned of 4 h needed: 2.5 h short" in texts(tw)
    assert "5 h assigned of 3 h needed" in texts(fb)
    assert title_of(ann) == "Ann: 6 h assigned of 5 h capacity: 1 h over"
    assert [len(with_class(bar, "chart-excess")) for bar in bars] == [1, 0, 0, 0]
    assert [len(with_class(bar, "chart-shortfall")) for bar in bars] == [0, 0, 1, 0]
    fills = [[r.get("fill") for r in b.findall(f"{SVG}rect")] for b in bars]
    assert BAD in fills[0] and BAD in fills[2]
    assert BAD not in fills[1] and GOOD in fills[1] and GOOD in fills[3]


def test_hours_limit_marker_sits_at_the_limit():
    """The limit line stands where the limit falls on the shared scale: Ann's 5 h left of the
    end of her 6 h, Ben's 8 h right of his 2 h."""
    root = parse(hours_bars(hours_rows()))
    ann, ben = bars_of(root)[:2]

    def limit_x(bar):
        return float(with_class(bar, "chart-limit")[0].get("x1"))

    def bar_end(bar):
        rects = bar.findall(f"{SVG}rect")[1:]
        return max(float(r.get("x")) + float(r.get("width")) for r in rects)

    assert limit_x(ann) < bar_end(ann)
    assert limit_x(ben) > bar_end(ben)
    assert limit_x(ben) > limit_x(ann)


def test_hours_bars_take_decimals_zeros_and_no_rows():
    """Decimal hours (as the figures give) work; all zeros do not divide by zero; no rows gives a
    sentence."""
    root = parse(hours_bars([HoursRow("Zed", Decimal("0"), Decimal("0"), True, "", "capacity")]))
    assert texts(bars_of(root)[0])[-1] == "0 h of 0 h capacity"
    assert "Nothing to compare yet." in all_text(parse(hours_bars([])))
