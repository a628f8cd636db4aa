"""Searching as a reader does, in Chromium, on the site served from a sub-path: each
language's search finds that language's pages only, and every request a key page makes,
its search included, stays on the site (the figures are kept in tests/screenshots/)."""

from __future__ import annotations

import pytest

from browsing import NOTICE, open_page, save_figures, search

pytestmark = pytest.mark.browser
KEY_PAGES = ["", "regulations/xinyang/2022/", "compare/", NOTICE, "winners/", "guides/xinyang/", "notices/", "data/"]


def test_chinese_search_finds_chinese_pages_only(browser, origin):
    page, trouble = open_page(browser, origin + "compare/")
    hrefs = search(page, "回避")
    assert any("regulations/" in h for h in hrefs), hrefs
    assert not [h for h in hrefs if "/en/" in h], hrefs
    assert trouble == []


def test_english_search_finds_english_pages_only(browser, origin):
    page, trouble = open_page(browser, origin + "en/regulations/")
    hrefs = search(page, "objection")
    assert hrefs and all(h.startswith(origin + "en/") for h in hrefs), hrefs
    assert trouble == []


@pytest.mark.parametrize("lang, query, expected", [
    ("", "示例茶业有限公司", "winners/"),   # an organisation's name → the winners' list
    ("", "公示期", "notices/"),                     # a Chinese term
    ("", "撤销", "revocations/"),
    ("en/", "revocation", "en/revocations/"),       # an English term
    ("en/", "publicity period", "en/notices/"),
])
def test_search_finds_the_page_in_the_readers_language_only(browser, origin, lang, query, expected):
    page, trouble = open_page(browser, origin + lang + "about/")
    hrefs = search(page, query)
    assert any(h.startswith(origin + expected) for h in hrefs), hrefs
    if lang:
        assert all(h.startswith(origin + "en/") for h in hrefs), hrefs
    else:
        assert not [h for h in hrefs if h.startswith(origin + "en/")], hrefs
    assert trouble == []


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_every_request_a_key_page_makes_stays_on_the_site(browser, origin, path, lang):
    page = browser.new_page()  # a context of its own: every request from a cold start is counted
    requests, sizes = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    page.goto(origin + lang + path)
    page.wait_for_load_state("networkidle")
    search(page, "示例" if not lang else "example")  # the search index is loaded too
    page.close()
    elsewhere = [u for u in requests if not u.startswith((origin, "data:", "blob:"))]
    save_figures("requests", lang + path, {"requests": len(requests), "bytes": sum(sizes)})
    print(f"{lang + path or '/'}: {len(requests)} requests, {sum(sizes)} bytes")
    assert requests and elsewhere == []
