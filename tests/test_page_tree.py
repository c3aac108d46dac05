"""A report page's HTML read into elements: void elements, stray end tags, nested tables."""

from backday_analysis.rendering.page_tree import cells, descendants, head_rows, parse


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
    assert head_rows(table) == {head}
    assert [c.text() for c in cells(body)] == ["1", "inner"]
    assert cells(body)[0].style() == {"text-align": "right", "background": "#fff"}


def test_a_self_closed_element_keeps_its_attributes_where_it_stands():
    root = parse("<div><p>x<col style='width:40%' span/></p></div>")
    (col,) = descendants(root, "col")
    assert col.attributes == {"style": "width:40%", "span": ""}
    assert [c.tag for c in descendants(root, "p")] == ["p"]
    assert root.children[0].children[0].children[1] is col


def test_an_end_tag_closes_the_innermost_element_of_its_name():
    root = parse("<div><div>a</div>b</div>")
    (outer,) = root.children
    assert outer.children[0].text() == "a" and outer.children[1] == "b"


def test_rows_without_a_head_and_tables_inside_cells():
    root = parse(
        "<table><colgroup><col></colgroup><tr> <td>a</td> </tr>"
        "<tr><td><table><colgroup><col><col></colgroup></table></td></tr></table>"
    )
    (table,) = [t for t in root.children if t.tag == "table"]
    first = next(descendants(table, "tr"))
    assert head_rows(table) == set()
    assert [c.text() for c in cells(first)] == ["a"]
    assert len(list(descendants(table, "col"))) == 1


def test_an_end_tag_closes_what_is_still_open_inside_its_element():
    root = parse("<div><p>a</div>b")
    assert [c if isinstance(c, str) else c.tag for c in root.children] == ["div", "b"]


def test_a_body_row_equal_to_a_head_row_is_not_taken_for_it():
    root = parse("<table><thead><tr><td>x</td></tr></thead><tr><td>x</td></tr></table>")
    (table,) = descendants(root, "table")
    head, body = descendants(table, "tr")
    assert head_rows(table) == {head} and body not in head_rows(table)
