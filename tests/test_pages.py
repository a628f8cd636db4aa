"""Issue 19: the hand-written pages (content/pages/) keep their raw HTML, but `check` and
`build` refuse what would run a script or make the reader's browser fetch from another
host, each at its line and column in the page file, in Chinese and English."""

from __future__ import annotations

import pytest

from conftest import ROOT, run_cli
from generator.pages import check_page, page_problems

PAGE = "content/pages/about.en.md"
LAST_LINE = "1 个问题；网站未更新 | 1 problem(s); the site was not changed"
ASSETS = "site_templates/overrides/assets/"


def element(tag: str) -> str:
    return (f"手写页面不能含有 <{tag}> 元素（不允许脚本、嵌入的内容、自带的样式与跳转）；请删除它"
            f" | a hand-written page may not hold the element <{tag}> (no scripts, embedded content, styles of its own"
            " or redirects): remove it")


def handler(name: str, tag: str) -> str:
    return (f"<{tag}> 的 {name} 属性是事件处理程序（会运行脚本），不允许；请删除它"
            f" | the {name} attribute of <{tag}> is an event handler (it runs a script), which is not allowed: remove it")


def scheme(name: str, tag: str, what: str) -> str:
    return (f"<{tag}> 的 {name} 属性使用 {what}: 网址，不允许；请改用 https: 链接或本站的相对路径"
            f" | the {name} attribute of <{tag}> holds a {what}: address, which is not allowed: use an https: link or a path on this site")


def elsewhere(name: str, tag: str, address: str) -> str:
    return (f"<{tag}> 的 {name} 属性指向其他网站（{address}）：本站页面不从其他网站加载任何内容；请把文件放入 {ASSETS} 并使用相对路径"
            f" | the {name} attribute of <{tag}> points to another host ({address}): the site loads nothing from elsewhere;"
            f" put the file in {ASSETS} and give its relative path")


def image_elsewhere(address: str) -> str:
    return (f"Markdown 图片指向其他网站（{address}）：本站页面不从其他网站加载任何内容；请把图片放入 {ASSETS} 并使用相对路径"
            f" | the Markdown image points to another host ({address}): the site loads nothing from elsewhere;"
            f" put the image in {ASSETS} and give its relative path")


# each case: the line the page's third line becomes (the construct at column 7), and what `check` says
CASES = {
    "script": ("Intro <script>alert(1)</script>", element("script")),
    "script_upper_case": ("Intro <SCRIPT SRC=x.js></SCRIPT>", element("script")),
    "iframe": ('Intro <iframe src="https://evil.example/"></iframe>', element("iframe")),
    "object": ('Intro <object data="x.swf"></object>', element("object")),
    "embed": ('Intro <embed src="x.swf">', element("embed")),
    "style": ("Intro <style>body { display: none }</style>", element("style")),
    "event_handler": ('Intro <img src="../assets/logo.png" onerror="alert(1)">', handler("onerror", "img")),
    "event_handler_on_a_link": ('Intro <a href="#top" onmouseover="alert(1)">top</a>', handler("onmouseover", "a")),
    "javascript_address": ('Intro <a href="javascript:alert(1)">x</a>', scheme("href", "a", "javascript")),
    "javascript_address_hidden": ('Intro <a href=" JaVa&#x09;ScRipt:alert(1)">x</a>', scheme("href", "a", "javascript")),
    "vbscript_address": ('Intro <a href="vbscript:msgbox(1)">x</a>', scheme("href", "a", "vbscript")),
    "any_attribute": ('Intro <animate attributeName="href" to="javascript:alert(1)">', scheme("to", "animate", "javascript")),
    "data_address": ('Intro <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', scheme("href", "a", "data")),
    "image_from_elsewhere": ('Intro <img src="https://tracker.example/p.gif">', elsewhere("src", "img", "https://tracker.example/p.gif")),
    "image_over_http": ('Intro <img src="http://tracker.example/p.gif">', elsewhere("src", "img", "http://tracker.example/p.gif")),
    "protocol_relative": ('Intro <img src="//tracker.example/p.gif">', elsewhere("src", "img", "//tracker.example/p.gif")),
    "backslashes": ('Intro <img src="\\\\tracker.example\\p.gif">', elsewhere("src", "img", "\\\\tracker.example\\p.gif")),
    "slash_backslash": ('Intro <img src="/\\tracker.example/p.gif">', elsewhere("src", "img", "/\\tracker.example/p.gif")),
    "srcset": ('Intro <img src="a.png" srcset="a.png 1x, https://tracker.example/b.png 2x">',
               elsewhere("srcset", "img", "https://tracker.example/b.png")),
    "poster": ('Intro <video poster="https://tracker.example/p.jpg"></video>', elsewhere("poster", "video", "https://tracker.example/p.jpg")),
    "data_attribute": ('Intro <div data="https://tracker.example/x"></div>', elsewhere("data", "div", "https://tracker.example/x")),
    "media_source": ('Intro <source src="https://tracker.example/v.mp4" type="video/mp4">',
                     elsewhere("src", "source", "https://tracker.example/v.mp4")),
    "markdown_image": ("Intro ![logo](https://tracker.example/logo.png)", image_elsewhere("https://tracker.example/logo.png")),
    "markdown_image_protocol_relative": ('Intro ![logo](//tracker.example/logo.png "Logo")', image_elsewhere("//tracker.example/logo.png")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_construct_in_a_hand_written_page_is_located(case):
    line, message = CASES[case]
    text = f"# About\n\n{line}\n\nMore text.\n"
    assert [str(p) for p in check_page(PAGE, text)] == [f"{PAGE}:3:7: {message}"]


@pytest.mark.parametrize("case", ["script", "markdown_image", "event_handler"])
def test_check_and_build_refuse_the_page(scenario, case):
    line, message = CASES[case]
    pages = scenario / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "about.en.md").write_text(f"# About\n\n{line}\n", encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli(command, "--today", "2026-11-23", cwd=scenario)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1, result.stdout
        assert result.stderr.splitlines() == [f"{PAGE}:3:7: {message}", LAST_LINE]
        assert not (scenario / "site").exists()


def test_every_problem_of_a_page_is_reported_with_its_place():
    text = ("---\ntitle: About\n---\n\n# About {#top}\n\n"
            '<p onclick="go()">A <img src="https://a.example/x.png"></p>\n'
            "![one](https://b.example/1.png) and [a link](javascript:void(0))\n"
            "![two][logo]\n\n[logo]: https://c.example/2.png\n"
            'Text{: onclick="go()" }\n')
    assert [(p.line, p.column, p.en.split(" (")[0].split(",")[0]) for p in check_page(PAGE, text)] == [
        (7, 1, "the onclick attribute of <p> is an event handler"),
        (7, 21, "the src attribute of <img> points to another host"),
        (8, 1, "the Markdown image points to another host"),
        (8, 37, "the Markdown link holds a javascript: address"),
        (9, 1, "the Markdown image points to another host"),
        (12, 5, "the onclick attribute in an attribute list {: } is an event handler"),
    ]


def test_a_markdown_comment_or_code_cannot_hide_a_tag_from_the_check():
    text = "Write `<!--` to start a comment.\n\n<script>alert(1)</script>\n"
    assert [(p.line, p.column) for p in check_page(PAGE, text)] == [(3, 1)]
    assert [(p.line, p.column) for p in check_page(PAGE, 'Text <a title="x"\n<script src=x.js')] == [(2, 1)]


def test_what_a_page_may_hold_passes():
    text = ("---\ntitle: About\n---\n\n# About {#top}\n\n"
            '<details markdown><summary>More</summary>\n\nText with <strong>HTML</strong>.\n\n</details>\n\n'
            '<a href="https://www.gov.cn/" title="The official site">official</a> · <a href="mailto:x@example.org">mail</a>\n'
            '<img src="../assets/logo.png" alt="" srcset="../assets/logo.png 1x, ../assets/logo@2x.png 2x">\n'
            "![logo](../assets/logo.png) [the State Council](https://www.gov.cn/) [an article](regulations/xinyang/2022.md#art-23)\n"
            "Code: `content/<city>/<cycle>.yaml`, <http://127.0.0.1:8000/>, and a note{: .note }\n")
    assert check_page(PAGE, text) == []


def test_the_real_hand_written_pages_pass():
    assert sorted(p.name for p in (ROOT / "content" / "pages").glob("*.md")) == [
        "about.en.md", "about.zh.md", "publish.en.md", "publish.zh.md"]
    assert page_problems(ROOT) == []


def test_a_page_not_in_utf8_is_a_problem_not_a_traceback(scenario):
    pages = scenario / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "about.zh.md").write_bytes("# 关于\n".encode("gbk"))
    result = run_cli("check", "--today", "2026-11-23", cwd=scenario)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/pages/about.zh.md:1:1: 页面不是 UTF-8 编码；请在编辑器中另存为 UTF-8 | the page is not UTF-8: save it as UTF-8 in your editor",
        LAST_LINE]


def test_codeowners_names_who_reviews_the_pages_and_templates():
    entries = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    assert entries == [["*", "@awardsite/maintainers"], ["/content/pages/", "@awardsite/editors"],
                       ["/site_templates/", "@awardsite/editors"]]
