"""Issue 19: the filters every value passes through (`md`, `md_block`, `h`, `marked`,
`yaml_string`) leave nothing for Markdown or HTML to read as markup. Each is put where
the templates put it, converted by Python-Markdown with the extensions mkdocs.yml turns
on, and the HTML must hold the text, whitespace aside, and nothing else: no element,
no attribute, no extra row."""

from __future__ import annotations

import html
import re

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.render import h, marked, md, md_block, yaml_string

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXTENSIONS = ["tables", "fenced_code", *[e if isinstance(e, str) else next(iter(e)) for e in CONFIG["markdown_extensions"]]]

# what Markdown and HTML make markup of, and text around it
PIECES = ["\n", "\n\n", "\u2028", "\u2029", "\r\n", "    ", "\t", " ", "|", "---", "===", "~~~", "```", "`", "*", "_", "**", "#", "# ", "> ", "- ", "+ ",
          "1. ", "2) ", "!!! note", "[x]", "(javascript:alert(1))", "![i](https://evil.invalid/a.png)", "{: onerror=alert(1) }",
          "{: style=position:fixed }", "{#id}", "<script>", "<img src=x onerror=alert(1)>", "</td>", "<div markdown=1>", "&",
          "&amp;", "&#60;", "&lt;", '"', "'", "\\", "[TOC]", "*[HTML]: x", "<https://evil.invalid/>", "{{ x }}", "示例", "Co."]
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=5)),
                   max_size=25).map("".join)


def convert(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")


def shown(text: str) -> str:
    """Text as a browser shows it: runs of whitespace as one space."""
    return " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(hostile)
def test_a_value_in_a_table_cell_stays_text_in_its_cell(value):
    page = convert(f"| a | b | c |\n|---|---|---|\n| {md(value)} | <del>{h(value)}</del> | <span title=\"{h(value)}\">x</span> |\n")
    rows = page.find("tbody").find_all("tr")
    assert len(rows) == 1 and [len(r.find_all("td")) for r in rows] == [3]
    first, second, third = rows[0].find_all("td")
    assert first.find(True) is None and shown(first.get_text()) == shown(value)
    assert [t.name for t in second.find_all(True)] == ["del"] and shown(second.get_text()) == shown(value)
    [span] = third.find_all(True)
    assert list(span.attrs) == ["title"] and shown(span["title"]) == shown(value) and span.get_text() == "x"


@settings(max_examples=200, deadline=None)
@given(hostile)
def test_a_value_in_a_paragraph_or_a_raw_html_block_makes_no_element(value):
    for source, element in ((f"text before\n\n{md(value)}\n", "p"), (f"{md_block(value)}\n", "p"),
                            (f"<p>{h(value)}</p>\n", "p"), (f"<p>{marked(value, [value[:3]])}</p>\n", "p")):
        page = convert(source)
        names = {tag.name for tag in page.find_all(True)} - {element, "mark"}
        assert not names, (source, str(page))
        assert not [tag for tag in page.find_all(True) if set(tag.attrs)], (source, str(page))
        assert shown(page.get_text()).endswith(shown(value)) or not shown(value)


def test_notes_keep_their_paragraphs():
    page = convert(md_block("First paragraph\n===\n\n    second, indented\n- not a list\n\n\n1. third"))
    assert [shown(p.get_text()) for p in page.find_all("p")] == [
        "First paragraph ===", "second, indented - not a list", "1. third"]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_front_matter_reads_back_as_the_title_whatever_it_holds(title):
    """mkdocs shows a page whose front matter YAML cannot read as Markdown, title and all."""
    assert yaml.safe_load(f"---\ntitle: {yaml_string(title)}\n---"[4:-4]) == {"title": html.escape(title, quote=False)}


def test_control_and_line_separator_characters_are_escaped_in_front_matter():
    written = str(yaml_string("Notice\x7f\x85\u2028 ![x](https://evil.invalid/q.png){: onerror=alert(1) }"))
    assert re.fullmatch(r'"[ -~]*"', written), written  # printable ASCII only, the rest as escapes
