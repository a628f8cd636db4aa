"""Every kind of page, read on a phone (390 px) in both languages, as issue 17 asks: the
page does not scroll sideways, no two pieces of text are drawn over each other, and a wide
table's card label fits beside its cell rather than running into the next one.

The pages are found in the built site by their kind (the first notice, the first city …),
not by the names of records, so the test holds whatever the records are."""

from __future__ import annotations

from pathlib import Path

import pytest

from browsing import open_page

WIDTH = 390

# Each kind of page, as a path under the language root, or a glob for the first of its kind.
KINDS = {
    "home": "", "notices": "notices/", "notice": "notices/*/*/*/", "winners": "winners/", "city winners": "winners/*/",
    "revocations": "revocations/", "cities": "cities/", "city": "cities/*/", "regulations": "regulations/",
    "regulation": "regulations/*/*/", "parallel": "regulations/*/*/parallel/", "source": "regulations/*/*/source/",
    "compare": "compare/", "topic": "compare/*/", "guides": "guides/", "guide": "guides/*/", "glossary": "glossary/",
    "open data": "data/", "about": "about/", "for offices": "publish/", "search": "search/",
}


def first_of_kind(site: Path, pattern: str) -> str:
    """The first built page a path or glob names (a folder with its index.html), as a path."""
    if "*" not in pattern:
        return pattern
    found = sorted(p.parent for p in site.glob(pattern + "index.html")
                   if not any(part in ("en", "assets", "pagefind") for part in p.relative_to(site).parts[:1]))
    assert found, f"no page of the kind {pattern} in the built site"
    return found[0].relative_to(site).as_posix() + "/"


# Text drawn over text: the client rectangles of every visible text node, compared pairwise
# (in order of their top, so only neighbours are compared). Text hidden by the theme (the
# header's second title, screen-reader text clipped to a pixel) is left out.
OVERLAPS = """() => {
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    if (el.closest('[hidden], .md-header, .md-sidebar, .md-search, .md-dialog, .md-tooltip, script, style')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 2 || r.height < 2) continue;  // clipped screen-reader text
      boxes.push({top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: node.textContent.trim().slice(0, 30), node});
    }
  }
  boxes.sort((a, b) => a.top - b.top);
  const found = [];
  for (let i = 0; i < boxes.length && found.length < 5; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].top < boxes[i].bottom - 3; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.node === b.node) continue;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > 3 && down > 3) found.push(`"${a.text}" and "${b.text}"`);
    }
  }
  return found;
}"""

# A phone's card label is the cell's ::before, floated into its left padding: it must be no
# taller than the cell, or it runs into the next cell's label.
LABELS = """() => {
  const out = [];
  for (const td of document.querySelectorAll('table.cards td[data-label], table.compare td[data-label]')) {
    if (!td.checkVisibility()) continue;
    const style = getComputedStyle(td, '::before');
    if (style.content === 'none' || style.float === 'none') continue;
    const probe = document.createElement('div');
    probe.textContent = td.dataset.label;
    for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'width', 'wordBreak',
                     'overflowWrap', 'whiteSpace', 'paddingTop', 'paddingBottom']) probe.style[p] = style[p];
    Object.assign(probe.style, {position: 'absolute', visibility: 'hidden', boxSizing: style.boxSizing});
    document.body.appendChild(probe);
    const label = probe.getBoundingClientRect().height;
    probe.remove();
    const cell = td.getBoundingClientRect().height;
    if (label > cell + 1) out.push(`${td.dataset.label}: ${Math.round(label)}px in a ${Math.round(cell)}px cell`);
  }
  return out.slice(0, 5);
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_page_reads_on_a_phone(browser, origin, built_site, kind, lang):
    path = ("" if lang == "zh" else "en/") + first_of_kind(built_site, KINDS[kind])
    page, trouble = open_page(browser, origin + path, WIDTH)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    assert page.evaluate(OVERLAPS) == [], f"{path}: text drawn over text"
    assert page.evaluate(LABELS) == [], f"{path}: a card label taller than its cell"
    assert trouble == []
    page.close()
