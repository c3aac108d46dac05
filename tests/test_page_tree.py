"""A report page's HTML read into elements: void elements, stray end tags, nested tables."""

from backday_analysis.rendering.page_tree import cells, descendants, parse, within


def test_void_elements_hold_nothing_and_a_stray_end_tag_is_ignored():
    root = parse("<p>a<br>b<img src='x.png'/>c</span>d</p><p>e</p>")
    first, second = root.children
    assert [c if isinstance(c, str) else c.tag for c in first.children] == [
        "a",
        "br",
        "b",
        "img",
        "c",
        "d",
    ]
    assert first.text() == "abcd" and second.text() == "e"


def test_a_tables_rows_cells_and_sections_are_found_but_not_a_nested_tables():
    root = parse(
        "<table><thead><tr><th>H</th></tr></thead><tbody>"
        "<tr><td style='text-align: right; background:#fff'>1</td>"
        "<td><table><tr><td>inner</td></tr></table></td></tr></tbody></table>"
    )
    (table,) = descendants(root, "table")
    head, body = descendants(table, "tr")
    assert within(table, head, "thead") and not within(table, body, "thead")
    assert [c.text() for c in cells(body)] == ["1", "inner"]
    assert cells(body)[0].style() == {"text-align": "right", "background": "#fff"}
