"""The integration graph's node labels: cut to fit, but never two channels reading the same."""

import xml.etree.ElementTree as ET

from audits.dashboard.charts import GraphNode, integration_graph
from audits.dashboard.charts._svg import text_width
from audits.dashboard.charts.graph import LABEL_SIZE, LABEL_W

SVG = "{http://www.w3.org/2000/svg}"


def drawn_labels(nodes) -> dict[str, tuple[str, str]]:
    """(the label drawn, the node's <title>) by key."""
    root = ET.fromstring(str(integration_graph(nodes, [])))  # noqa: S314 - our own output
    out = {}
    for node in root.iter():
        if "chart-node" in (node.get("class") or "").split():
            shown = "".join(next(node.iter(f"{SVG}text")).itertext())
            out[node.get("data-key")] = (shown, node.find(f"{SVG}title").text)
    return out


def test_long_names_alike_at_the_start_are_cut_where_they_differ():
    """'Harbourside Learning Centre' and '… for Kids' no longer both read 'Harbourside Learni…':
    each keeps its distinct end, fits its box, and has its full name in its <title>."""
    names = {
        "a": "Harbourside Learning Centre",
        "b": "Harbourside Learning for Kids",
        "c": "Harbourside Learning (@hl)",
        "d": "Harbourside Learning (@hl_kids)",
        "e": "Blog",
    }
    nodes = [
        GraphNode(key, name, "micro_blog" if key != "e" else "blog") for key, name in names.items()
    ]
    labels = drawn_labels(nodes)
    shown = [label for label, _ in labels.values()]
    assert len(set(shown)) == len(shown)
    assert labels["a"][0].endswith("Centre") and labels["b"][0].endswith("for Kids")
    assert labels["d"][0].endswith("(@hl_kids)") and labels["e"][0] == "Blog"
    for key, (label, title) in labels.items():
        assert text_width(label, LABEL_SIZE, bold=True) <= LABEL_W
        assert title.startswith(names[key])


def test_names_alike_after_the_cut_keep_their_distinct_end():
    """Long names that differ only in their last word read apart by that word."""
    long = "Harbourside Learning Community Programme for the Whole North Shore Region"
    nodes = [GraphNode(key, f"{long} {key.upper()}", "micro_blog") for key in "xyz"]
    shown = [label for label, _ in drawn_labels(nodes).values()]
    assert len(set(shown)) == 3 and all(label.endswith(("X", "Y", "Z")) for label in shown)
    assert all(text_width(label, LABEL_SIZE, bold=True) <= LABEL_W for label in shown)


def test_channels_of_the_same_name_are_numbered():
    """Two channels labelled alike (the dashboard's labels tell namesakes apart, but a chart may
    be given any) still read as two."""
    nodes = [GraphNode(key, "Harbourside Learning Centre", "micro_blog") for key in "ab"]
    shown = sorted(label for label, _ in drawn_labels(nodes).values())
    assert shown[0].endswith("(1)") and shown[1].endswith("(2)")
