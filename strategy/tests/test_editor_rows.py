"""The plan editor's rows written as HTML: one option per drop-down unless every option is
asked for, values and labels escaped, text rows that post their id alone."""

import re
from decimal import Decimal
from types import SimpleNamespace

from strategy.editor_rows import (
    Row,
    activity_row,
    activity_text_row,
    editor_choices,
    link_row,
    plain_number,
)

HOSTILE = '<script>alert("x")</script>'


def choices():
    channels = [
        SimpleNamespace(
            pk=1, key="tw", platform="twitter", handle="@acme", name="Acme on X", active=True
        ),
        SimpleNamespace(pk=2, key="old", platform="blog", handle="", name=HOSTILE, active=False),
    ]
    people = [SimpleNamespace(pk=7, name="Ana Ruiz"), SimpleNamespace(pk=8, name="Bo Lee")]
    return editor_choices(channels=channels, people=people)


def saved_row(**values):
    return Row(
        prefix="act-3",
        values={
            "id": "41",
            "channel": "1",
            "kind": "reply",
            "per_week": "2.5",
            "minutes_each": "5",
            "owner": "7",
            "links_to": "2",
            "notes": "",
            **values,
        },
    )


def options(html: str, name: str) -> list[str]:
    select = html.split(f'name="{name}"')[1].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_plain_numbers_are_written_as_typed():
    assert plain_number(Decimal("1.00")) == "1"
    assert plain_number(Decimal("100.00")) == "100"  # not 1E+2
    assert plain_number(Decimal("0.25")) == "0.25"
    assert plain_number(5) == "5" and plain_number(None) == ""


def test_a_saved_row_carries_its_selected_options_only():
    html = activity_row(saved_row(), choices())
    assert options(html, "act-3-kind") == ["Reply"]
    assert options(html, "act-3-owner") == ["Ana Ruiz"]
    assert options(html, "act-3-links_to") == [
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (inactive)"
    ]
    assert html.count("data-choices") == 3
    assert 'name="act-3-channel"' not in html  # the section's; read from the stored row
    assert 'name="act-3-per_week" value="2.5"' in html


def test_every_option_is_listed_when_asked_and_a_new_row_lists_every_kind():
    html = activity_row(saved_row(), choices(), every=True)
    assert options(html, "act-3-owner") == ["—", "Ana Ruiz", "Bo Lee"]
    assert '<option value="7" selected>Ana Ruiz</option>' in html
    assert "data-choices" not in html

    new = activity_row(Row(prefix="act-9", values={"channel": "1"}, is_new=True), choices())
    assert options(new, "act-9-kind")[:2] == ["Choose…", "Point to own work"]
    assert options(new, "act-9-owner") == ["—"]
    assert 'name="act-9-channel" value="1"' in new


def test_errors_show_in_their_cell_and_above_the_row():
    row = saved_row(per_week="-3")
    row.errors = {"per_week": ["Too few."], "": ["Not part of this plan."]}
    html = activity_row(row, choices())
    assert html.startswith('<tr class="row-errors">')
    assert "Not part of this plan." in html.split("data-row>")[0]
    cell = html.split('name="act-3-per_week"')[1].split("</td>")[0]
    assert 'aria-invalid="true"' in cell and "<li>Too few.</li>" in cell
    assert 'class="row row--error"' in html


def test_a_text_row_posts_its_id_alone_and_escapes_what_it_shows():
    html = activity_text_row(saved_row(notes=HOSTILE), choices())
    assert re.findall(r'name="([^"]+)"', html) == ["act-3-id"]
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") == 2  # the note, and the channel it points to
    assert '<td data-value="7">Ana Ruiz</td>' in html


def test_a_value_not_among_the_options_shows_as_itself():
    html = activity_row(saved_row(owner="999"), choices())
    assert options(html, "act-3-owner") == ["999"]


def test_a_link_row_lists_the_three_ways_always():
    row = Row(
        prefix="link-0", values={"id": "5", "from_channel": "1", "to_channel": "2", "how": "embed"}
    )
    html = link_row(row, choices())
    assert options(html, "link-0-from_channel") == ["Acme on X"]
    assert options(html, "link-0-how") == ["Choose…", "Profile link", "Embed", "Cross-post"]


def test_an_inactive_channel_is_offered_only_where_a_row_already_points_at_it():
    """A deactivated channel (a retired duplicate, say) stays out of every 'Points to' and link
    drop-down, except the one whose row holds it, so that saving that row changes nothing."""
    inactive = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (inactive)"
    pointing = activity_row(saved_row(), choices(), every=True)
    assert options(pointing, "act-3-links_to") == ["—", "Acme on X", inactive]
    elsewhere = activity_row(saved_row(links_to="1"), choices(), every=True)
    assert options(elsewhere, "act-3-links_to") == ["—", "Acme on X"]
    link = link_row(Row(prefix="link-0", values={}, is_new=True), choices())
    assert inactive not in options(link, "link-0-to_channel")
