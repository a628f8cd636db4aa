"""The hand-written pages (`content/pages/<name>.<zh|en>.md`), checked before they are published.

They are Markdown the team writes, and their raw HTML is published as it is (who may
change them: `.github/CODEOWNERS`). So that a careless or compromised commit cannot
make the site run a script or fetch anything from another host, a page may hold no
element that runs or embeds something (`ELEMENTS`), no event attribute (`on…`), no
`javascript:`, `vbscript:` or `data:` address in any attribute, and nothing the
browser loads — an attribute in `LOADS`, a Markdown image — from another host. The
HTML is read with the standard library's tolerant parser, which takes the Markdown
around the tags as text; Markdown images and links and `{: …}` attribute lists are
read beside it. Each problem is located at the tag, image or list in the page file.

What a page says of the program's own tables it takes from them as it is published, so
that it cannot fall behind: the publishing guide's `<!-- notice kinds -->` becomes the
list of notice kinds (`model.NOTICE_KINDS`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from html.parser import HTMLParser
from pathlib import Path

from .errors import Problem
from .filekinds import PAGE
from .links import files
from .load import relative
from .model import NOTICE_KINDS

# elements that run a script, embed another document or bring styles, or redirect (meta) or re-base (base) the page
ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "base", "meta"})
LOADS = frozenset({"src", "srcset", "poster", "data", "background"})  # attributes whose address the browser fetches
SVG_LOADS = frozenset({"image", "use", "feimage"})  # SVG elements that fetch their href
SCHEMES = ("javascript", "vbscript", "data")
ASSETS = "site_templates/overrides/assets/"  # where a page's own images and files go (published at /assets/)

_ELEMENT = re.compile(r"<(" + "|".join(sorted(ELEMENTS)) + r")(?=[\s/>])", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # dropped before the scheme is read: all a browser drops (tabs, newlines), and more
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]*)", re.IGNORECASE)
# Markdown: an inline image or link ![alt](address "title") / [text](address), a reference
# image ![alt][label], a reference definition [label]: address, an attribute list {: key=value}
_INLINE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REFERENCE_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\])?")
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n]*?)[ ]*\}")
_ATTR_PAIR = re.compile(r"([^\s=\"'{}]+)=(?:\"([^\"]*)\"|'([^']*)'|([^\s}]+))")


KINDS_MARK = "<!-- notice kinds -->"  # where a page lists the kinds of notice `new notice --kind` takes


def published_text(text: str, lang: str) -> str:
    """A page's Markdown as it is published: with the lists it takes from the program."""
    return text.replace(KINDS_MARK, kinds_listed(lang))


def kinds_listed(lang: str) -> str:
    """The kinds of notice by key, with (in Chinese) the label, and when to use one
    where its label does not say."""
    if lang == "zh":
        return "、".join(f"`{key}`（{kind.zh}{'：' + kind.note.zh if kind.note else ''}）" for key, kind in NOTICE_KINDS.items())
    return ", ".join(f"`{key}`" + (f" ({kind.note.en})" if kind.note else "") for key, kind in NOTICE_KINDS.items())


def page_problems(root: Path) -> list[Problem]:
    """The problems of every hand-written page (`content/pages/*.md`; links are not read)."""
    out = []
    for path in files(PAGE.folder(root), "*.md", root):
        rel = relative(path, root)
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            out.append(Problem(rel, 1, 1, "", "页面不是 UTF-8 编码；请在编辑器中另存为 UTF-8",
                               "the page is not UTF-8: save it as UTF-8 in your editor"))
            continue
        out.extend(check_page(rel, text))
    return out


def check_page(rel: str, text: str) -> list[Problem]:
    """The problems of one page's text."""
    found: list[tuple[int, int, str, str]] = []
    tags = _Tags(found)
    # Comments and declarations (<!-- …, <![CDATA[ …, <? …) are read as text, so that one
    # Markdown shows as text (in `code`) cannot hide the tags after it; and a > at the
    # end closes a tag left open there, as a browser would with the tags Markdown adds.
    tags.feed(text.replace("<!", " !").replace("<?", " ?") + "\n>")  # the same length: positions hold
    tags.close()
    lines = _LineStarts(text)
    for match in _ELEMENT.finditer(text):  # wherever the parser did not see a tag (inside a value, say)
        found.append((*lines.at(match.start()), *_element(match.group(1).lower())))
    for match in _INLINE.finditer(text):
        address = html.unescape(match.group(2).strip("<>"))
        found.extend((*lines.at(match.start()), zh, en) for zh, en in _markdown_address(address, image=bool(match.group(1))))
    definitions = {}
    for match in _DEFINITION.finditer(text):  # [label]: address, for links and images alike
        address = definitions.setdefault(_label(match.group(1)), html.unescape(match.group(2).strip("<>")))
        found.extend((*lines.at(match.start()), zh, en) for zh, en in _markdown_address(address, image=False))
    for match in _REFERENCE_IMAGE.finditer(text):  # ![alt][label], ![alt][], ![alt]: an image from a definition
        address = definitions.get(_label(match.group(2) or match.group(1)))
        if address is not None and text[match.end():match.end() + 1] != "(" and _scheme(address) not in SCHEMES:
            found.extend((*lines.at(match.start()), zh, en) for zh, en in _markdown_address(address, image=True))
    for match in _ATTR_LIST.finditer(text):
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            name, value = pair.group(1).lower(), html.unescape(next(v for v in pair.group(2, 3, 4) if v is not None))
            found.extend((*lines.at(match.start()), zh, en)
                         for zh, en in _attribute(name, value, "属性列表 {: } 中的 ", " in an attribute list {: }", load=name in LOADS))
    return [Problem(rel, line, column, "", zh, en) for line, column, zh, en in sorted(set(found))]


class _Tags(HTMLParser):
    """Each refused element and attribute, with the line and column of its tag."""

    def __init__(self, found: list):
        super().__init__(convert_charrefs=True)
        self.found = found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        if tag in ELEMENTS:  # the element goes, with its attributes
            self.found.append((line, offset + 1, *_element(tag)))
            return
        for name, value in attrs:
            load = name in LOADS or (tag in SVG_LOADS and name in ("href", "xlink:href"))
            self.found.extend((line, offset + 1, zh, en) for zh, en in _attribute(name, value, f"<{tag}> 的 ", f" of <{tag}>", load))

    handle_startendtag = handle_starttag


def _element(tag: str) -> tuple[str, str]:
    return (f"手写页面不能含有 <{tag}> 元素（不允许脚本、嵌入的内容、自带的样式与跳转）；请删除它",
            f"a hand-written page may not hold the element <{tag}> (no scripts, embedded content, styles of its own "
            "or redirects): remove it")


def _attribute(name: str, value: str | None, whose_zh: str, whose_en: str, load: bool) -> list[tuple[str, str]]:
    """What is wrong with one attribute (`load`: the browser fetches its address)."""
    if name.startswith("on"):
        return [(f"{whose_zh}{name} 属性是事件处理程序（会运行脚本），不允许；请删除它",
                 f"the {name} attribute{whose_en} is an event handler (it runs a script), which is not allowed: remove it")]
    if value is None:
        return []
    scheme = _scheme(value)
    if scheme in SCHEMES:
        return [(f"{whose_zh}{name} 属性使用 {scheme}: 网址，不允许；请改用 https: 链接或本站的相对路径",
                 f"the {name} attribute{whose_en} holds a {scheme}: address, which is not allowed: use an https: link or a path on this site")]
    elsewhere = next((a for a in _fetched(name, value, load) if _other_host(a)), None)
    if elsewhere is not None:
        return [(f"{whose_zh}{name} 属性指向其他网站（{_shown(elsewhere)}）：本站页面不从其他网站加载任何内容；"
                 f"请把文件放入 {ASSETS} 并使用相对路径",
                 f"the {name} attribute{whose_en} points to another host ({_shown(elsewhere)}): the site loads nothing "
                 f"from elsewhere; put the file in {ASSETS} and give its relative path")]
    return []


def _fetched(name: str, value: str, load: bool) -> list[str]:
    """The addresses in an attribute that the browser fetches."""
    if name == "style":  # background: url(…)
        return _CSS_URL.findall(value)
    if not load:
        return []
    if name == "srcset":  # "a.png 1x, b.png 2x": each candidate's address
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    return [value]


def _markdown_address(address: str, image: bool) -> list[tuple[str, str]]:
    scheme = _scheme(address)
    what_zh, what_en = ("Markdown 图片", "the Markdown image") if image else ("Markdown 链接", "the Markdown link")
    if scheme in SCHEMES:
        return [(f"{what_zh}使用 {scheme}: 网址，不允许；请改用 https: 链接或本站的相对路径",
                 f"{what_en} holds a {scheme}: address, which is not allowed: use an https: link or a path on this site")]
    if image and _other_host(address):
        return [(f"{what_zh}指向其他网站（{_shown(address)}）：本站页面不从其他网站加载任何内容；请把图片放入 {ASSETS} 并使用相对路径",
                 f"{what_en} points to another host ({_shown(address)}): the site loads nothing from elsewhere; "
                 f"put the image in {ASSETS} and give its relative path")]
    return []


def _scheme(address: str) -> str | None:
    """The address's scheme as a browser reads it (lower case, whitespace dropped), or None."""
    match = _SCHEME.match(_IGNORED.sub("", address).lower())
    return match.group(1) if match else None


def _other_host(address: str) -> bool:
    """Does the browser fetch this address from another host: any scheme (http:, https:, …),
    or a protocol-relative one (//host, \\\\host, /\\host, \\/host)?"""
    bare = _IGNORED.sub("", address)
    return _scheme(bare) is not None or bare[:2].replace("\\", "/") == "//"


def _label(label: str) -> str:
    return " ".join(label.split()).lower()  # Markdown matches reference labels so


def _shown(address: str, limit: int = 80) -> str:
    """An address as a message can show it: no control or invisible characters, not too long."""
    clean = "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in address)
    return clean if len(clean) <= limit else clean[:limit] + "…"


class _LineStarts:
    """Offsets in a text → line and column (both from 1)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
