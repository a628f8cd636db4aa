"""A record's Markdown body → HTML that can only show text, lists and safe links.

Notice bodies are written by many people and copied from many sites, so they are
rendered through an allow-list rather than trusted: Python-Markdown with raw HTML
switched off (a `<script>` in the source is shown as text), then `nh3` (the Rust
`ammonia` sanitiser) keeps only the tags and attributes below. Links keep `href`
alone, and only http, https, mailto or a relative address (never `javascript:` or
`data:`), and never one that a browser reads as another host's (`//host`, `/\\host`);
every link gets `rel="nofollow noopener noreferrer"`. Images are not
kept at all: a body must not make a reader's browser fetch from another host.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

TAGS = frozenset({"p", "br", "strong", "em", "code", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr"})
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what a browser trims from an address


class _NoRawHtml(markdown.Extension):
    """Raw HTML in the source becomes text (escaped), block and inline alike."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _same_site_or_absolute(tag: str, attribute: str, value: str) -> str | None:
    """An address as a browser reads it (tabs and line breaks dropped, spaces and controls
    trimmed, backslashes as slashes): one starting `//` goes to another host while looking
    relative, so it is dropped; an absolute one keeps its scheme, which nh3 checks."""
    seen = "".join(c for c in value if c not in "\t\n\r").strip(_C0_AND_SPACE)
    return None if seen.replace("\\", "/").startswith("//") else value


def body_html(text: str) -> Markup:
    """Markdown → sanitised HTML on one line (safe to place inside a raw HTML block of a page)."""
    converter = markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")
    html = converter.convert(text)
    clean = nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                      url_schemes=set(URL_SCHEMES), link_rel=LINK_REL, strip_comments=True,
                      attribute_filter=_same_site_or_absolute)
    # Markdown of the page around it must not see a blank line (which would end the raw
    # block) nor anything at a line start: newlines are whitespace in HTML outside <pre>.
    return Markup(" ".join(clean.split("\n")).strip())
