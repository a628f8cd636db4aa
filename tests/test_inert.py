"""Issue 8: anything a record can contain reaches the reader as text. Names, titles and
reasons holding HTML, script or template syntax are shown literally; notice bodies keep
only an allow-list (no raw HTML, no javascript: or data: links, no images). Asserted on
the built HTML of the real project with tests/scenarios/inert/example-hostile.yaml added,
and a regulation version whose official text is hostile (hostile-source.yaml, .source.txt)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SCENARIOS, copy_project, run_cli
from generator.markup import body_html

CYCLE = "example-hostile"
SOURCE = "hostile-source"  # a version of Xinyang's regulation, with its official text


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("inert") / "project", examples=True)
    shutil.copy(SCENARIOS / "inert" / f"{CYCLE}.yaml", project / "content" / "xinyang" / f"{CYCLE}.yaml")
    for name in (f"{SOURCE}.yaml", f"{SOURCE}.source.txt"):
        shutil.copy(SCENARIOS / "inert" / name, project / "city_rules" / "xinyang" / name)
    result = run_cli("build", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


PAGES = [f"{lang}{path}" for lang in ("", "en/") for path in (
    f"notices/xinyang/{CYCLE}/script-in-title", f"notices/xinyang/{CYCLE}/links",
    f"notices/xinyang/{CYCLE}/images-and-frames", f"notices/xinyang/{CYCLE}/break-out",
    f"notices/xinyang/{CYCLE}/allowed-markdown", f"notices/xinyang/{CYCLE}/corrected", "notices", "winners", "winners/xinyang", "revocations",
    "cities/xinyang", "", f"regulations/xinyang/{SOURCE}", f"regulations/xinyang/{SOURCE}/source")]


def assert_inert(page: BeautifulSoup, where: str) -> None:
    for script in page.find_all("script"):
        assert "alert" not in script.get_text() and not (script.get("src") or "").startswith(("http", "//")), where
    for tag in page.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, (where, tag.name, handlers)
        for name in ("href", "src", "action", "data", "formaction"):
            value = "".join(str(tag.get(name) or "").split()).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (where, tag)
    content = page.find("article") or page  # the theme's own search form and icons are outside it
    for tag in content.find_all(True):  # no record restyles, covers or focuses the page
        assert not {"style", "autofocus", "tabindex"} & set(tag.attrs), (where, tag.name, tag.attrs)
    for tag in content.find_all(["pre", "code", "hr"]):  # no fence, indentation or rule from a record
        made_so = tag.get("class") == ["source-text"] or (tag.name != "pre" and tag.find_parent(class_="notice-body"))
        assert made_so, (where, tag)  # the official text's own <pre>; `code` and rules a body may have
    assert len(content.find_all("h1")) == (1 if content.name == "article" else 0), where  # no underline made one
    for tag in content.find_all(["img", "iframe", "object", "embed", "svg", "style", "form"]):
        if tag.name == "img":
            assert not (tag.get("src") or "").startswith(("http", "//")), (where, tag)
        elif tag.name == "svg":  # the theme's own icons only
            assert "alert" not in str(tag), (where, tag)
        elif tag.name == "form":  # the notices table's own filter, which submits nowhere
            assert tag.get("class") == ["notice-filters"] and not tag.get("action"), (where, tag)
        elif tag.name == "style":
            assert "display:none" not in tag.get_text(), where
        else:
            raise AssertionError(f"{where}: <{tag.name}> from a record")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_showing_the_hostile_cycle_is_inert(site, path):
    assert_inert(soup(site, path), path)


def text_of(site: Path, path: str) -> str:
    return soup(site, path).find("article").get_text()


def test_html_and_script_in_names_and_titles_are_shown_as_text(site):
    zh = text_of(site, f"notices/xinyang/{CYCLE}/script-in-title")
    assert "<script>alert('title')</script>示例决定" in zh
    en = text_of(site, f"en/notices/xinyang/{CYCLE}/script-in-title")
    assert "<img src=x onerror=alert('title')> {{ config }} *not emphasis*" in en
    assert "示例<script>alert('name')</script>有限公司" in text_of(site, "winners/xinyang")
    assert "Example <b onmouseover=alert('name')>Co</b> | pipe [x](javascript:alert('md'))" in text_of(site, "en/winners")
    assert "示例：<script>alert('reason')</script>" in text_of(site, "revocations")


def test_template_syntax_in_records_is_shown_literally(site):
    assert "示例{{ 7*7 }}{% raw %}公司" in text_of(site, "winners")
    assert "Example {{ 7*7 }} Co {%# comment #%}" in text_of(site, "en/winners/xinyang")
    assert "Example cycle <script>alert('cycle')</script> {% if true %}jinja{% endif %}" in text_of(site, "en/cities/xinyang")
    assert "{{ 7*7 }}" in text_of(site, "en/revocations")


def test_a_hostile_official_text_is_shown_character_for_character_and_offered_as_it_is(site):
    held = (SCENARIOS / "inert" / f"{SOURCE}.source.txt").read_bytes()
    for lang in ("", "en/"):
        page = soup(site, f"{lang}regulations/xinyang/{SOURCE}/source")
        article = page.find("article")
        [pre] = article.find_all("pre")
        assert pre.get_text().removeprefix("\n") == held.decode("utf-8")  # a browser drops the newline after <pre>
        assert pre.find(True) is None  # no element inside it: every < of the text is text
        assert not article.find_all(["script", "img"]) and len(article.find_all("h1")) == 1  # "# not a heading" is not one
        shown_title = article.h1 if lang == "" else article.find(class_="reg-meta")  # English pages give it in the list
        assert "示例办法<script>alert('title')</script>" in shown_title.get_text()
        link = article.find("a", download=True)
        page_folder = site / f"{lang}regulations/xinyang/{SOURCE}/source"
        assert (page_folder / link["href"]).resolve().read_bytes() == held


def body(site: Path, path: str):
    return soup(site, path).find(class_="notice-body")


def test_links_keep_only_safe_schemes_and_get_rel(site):
    zh = body(site, f"notices/xinyang/{CYCLE}/links")
    assert [a.get("href") for a in zh.find_all("a")] == [None, None, None]
    en = body(site, f"en/notices/xinyang/{CYCLE}/links")
    links = {a.get_text(): a.get("href") for a in en.find_all("a")}
    assert links == {"ok": "https://www.example.gov.cn/a", "relative": "../../", "mail": "mailto:office@example.org"}
    assert all(a["rel"] == ["nofollow", "noopener", "noreferrer"] for a in en.find_all("a"))
    assert "<a href=\"javascript:alert('raw')\">raw</a>" in en.get_text()


def test_no_images_frames_or_objects_from_a_body(site):
    for lang in ("", "en/"):
        found = body(site, f"{lang}notices/xinyang/{CYCLE}/images-and-frames")
        assert not found.find_all(["img", "iframe", "object", "svg", "style"])
    assert "<iframe src=\"https://evil.example/\"></iframe>" in body(site, f"notices/xinyang/{CYCLE}/images-and-frames").get_text()


def test_a_body_cannot_close_the_block_around_it(site):
    page = soup(site, f"notices/xinyang/{CYCLE}/break-out")
    found = page.find(class_="notice-body")
    assert "</div></article><script>alert('breakout')</script><div>" in found.get_text()
    assert found.find_parent("article") is not None
    en = body(site, f"en/notices/xinyang/{CYCLE}/break-out")
    assert "<script>alert('entity')</script>" in en.get_text()  # entities decode to text, never to tags
    assert not en.find_all(["b", "script"]) and "{{ 7*7 }}" in en.get_text()


def test_allowed_markdown_still_formats(site):
    zh = body(site, f"notices/xinyang/{CYCLE}/allowed-markdown")
    assert zh.find("strong").get_text() == "加粗" and zh.find("em").get_text() == "强调"
    assert [li.get_text() for li in zh.find_all("li")] == ["第一项", "第二项"] and zh.find("blockquote")
    en = body(site, f"en/notices/xinyang/{CYCLE}/allowed-markdown")
    assert en.find("ol") and en.find("code").get_text() == "code"


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)", "![i](https://evil.example/a.png)", "<iframe src=//evil.example>",
    "&#60;script&#62;alert(1)&#60;/script&#62;", "</div><script>alert(1)</script>", "[x](  javascript:alert(1))",
    "[x](java&#x09;script:alert(1))", "<a href='javascript:alert(1)'>x</a>", "[x]: javascript:alert(1)\n\n[y][x]",
    "<https://ok.example/>", "<javascript:alert(1)>",
])
def test_body_html_leaves_nothing_active(source):
    html = BeautifulSoup(str(body_html(source)), "html.parser")
    assert_inert(html, source)
    assert not html.find_all(["script", "img", "iframe"])
    assert "\n" not in str(body_html(source))


def test_a_corrected_text_is_shown_struck_through_as_text(site):
    """`was` and `why` stand in a table cell: whatever they hold stays text in that one
    cell (attribute lists, images, links, line breaks, table rows) (issue 19)."""
    for lang in ("", "en/"):
        page = soup(site, f"{lang}notices/xinyang/{CYCLE}/corrected")
        table = page.find(id="corrections").find_next("table")
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == 4 and all(len(row.find_all("td")) == 4 for row in rows)
        struck = [" ".join(row.find("del").get_text().split()) for row in rows]  # as a browser shows it
        assert struck[0] == "![x](https://evil.invalid/q04.png){: onerror=alert(1) }"
        assert struck[1] == "第一行 {: tabindex=0 autofocus onfocus=alert(1) }"  # a line break shows as a space
        assert struck[3] == "Cover {: style=position:fixed;inset:0;z-index:9999 }"
        assert not table.find_all(["img", "a"])
    winners = soup(site, "winners/xinyang").find("article")
    assert "![x](https://evil.invalid/q04.png){: onerror=alert(1) }" in [d.get_text() for d in winners.find_all("del")]


def test_a_body_link_to_another_host_is_not_kept_as_relative(site):
    links = {a.get_text(): a.get("href") for a in body(site, f"notices/xinyang/{CYCLE}/corrected").find_all("a")}
    assert links == {"远处": None, "反斜杠": None, "本站": "../../"}


def test_a_reason_with_table_rows_and_blank_lines_stays_in_its_cell(site):
    """A blank line or `| … |` in one city's reason must not end the shared table and
    turn every row after it, other cities' included, into a paragraph (issue 19)."""
    for lang in ("", "en/"):
        article = soup(site, f"{lang}revocations").find("article")
        forged = [cell for cell in article.find_all("td") if cell.get_text().strip().startswith("伪造")]
        assert not forged
        for text in article.find_all(string=lambda s: "伪造城市" in s):
            assert text.find_parent("td") is not None, text
        assert not [p for p in article.find_all("p") if p.get_text().lstrip().startswith("|")]


def test_notes_keep_their_paragraphs_and_make_no_other_block(site):
    for lang, first in (("", "说明的第一段 ==="), ("en/", "A heading? ---")):
        article = soup(site, f"{lang}cities/xinyang").find("article")
        paragraphs = [" ".join(p.get_text().split()) for p in article.find_all("p")]
        assert first in paragraphs  # the underline is text in the paragraph, not a heading
    zh = [" ".join(p.get_text().split()) for p in soup(site, "cities/xinyang").find("article").find_all("p")]
    assert "~~~ 围栏之内？ ~~~" in zh and "缩进的代码？" in zh
    assert "1. 不是列表 - 也不是列表 {: style=position:fixed;inset:0;z-index:9999 }" in zh
