"""Issue 17, items 7, 9, 10 and 11, as a reader meets them in Chromium, on the site served
from another port and a sub-path: search across the languages, results that name their
city, the comparison topics found by their question, status badges that say what is open
(as built and as the browser recounts them), the offices' tab named for offices, and
titles and text a phone can read. Pages are found by their kind (a call, a publicity
notice, a topic), not by the names of the records, so the tests hold for any content."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from browsing import open_page, serve_folder

pytestmark = pytest.mark.browser

# What a badge says while a period is open, by what the period is for: the contract.
OPEN = {("zh", "deadline"): "正在受理申报", ("en", "deadline"): "Accepting applications",
        ("zh", "publicity"): "异议受理中", ("en", "publicity"): "Objections open"}
CLOSED = {("zh", "deadline"): "申报已截止", ("en", "deadline"): "Applications closed",
          ("zh", "publicity"): "公示已结束", ("en", "publicity"): "Publicity ended"}
UPCOMING = {("zh", "deadline"): "尚未开始受理申报", ("en", "deadline"): "Applications not yet open",
            ("zh", "publicity"): "公示尚未开始", ("en", "publicity"): "Publicity not yet begun"}
ROOT = {"zh": "", "en": "en/"}


@pytest.fixture(scope="module")
def origin(built_site):
    yield from serve_folder(built_site, "/mirror/search/")


def results(page, path: str) -> list[dict]:
    """Open the search page at `path` (…search/?q=…), show every result ("load more"), and
    read them: each one's link, title, excerpt and the tags that name what the title may
    not (Key: value)."""
    page.goto(path)
    page.wait_for_selector(".pagefind-ui__result-link, .pagefind-ui__message", timeout=15000)
    page.wait_for_load_state("networkidle")  # Pagefind fills in the results as their fragments arrive
    while page.locator(".pagefind-ui__button").count():
        page.locator(".pagefind-ui__button").click()
        page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    return page.evaluate("""[...document.querySelectorAll('.pagefind-ui__result')].map(r => ({
        href: r.querySelector('.pagefind-ui__result-link').href,
        title: r.querySelector('.pagefind-ui__result-title').textContent.trim(),
        tags: Object.fromEntries([...r.querySelectorAll('.pagefind-ui__result-tag')]
            .map(t => t.textContent.trim().split(/: (.*)/s).slice(0, 2))),
        excerpt: (r.querySelector('.pagefind-ui__result-excerpt') || {textContent: ''}).textContent.trim() }))""")


# ---- 7. search

@pytest.mark.parametrize("lang, query, other", [("zh", "revocation", "en"), ("en", "撤销", "zh")])
def test_a_query_in_the_other_language_is_offered_the_other_languages_search(browser, origin, lang, query, other):
    """'revocation' on the Chinese site (撤销 on the English one) finds next to nothing
    there: the page offers, set apart under the box, the same search in the other language,
    whose results are that language's pages."""
    page, trouble = open_page(browser, origin + ROOT[lang])
    page.locator(".site-search-form__input").fill(query)  # as a reader does: the box in the header
    page.keyboard.press("Enter")
    offer = page.locator("#search-elsewhere")
    offer.wait_for(state="visible", timeout=15000)
    assert "search-elsewhere--likely" in offer.get_attribute("class")
    assert query in offer.inner_text()
    link = offer.locator("a")
    href = link.evaluate("a => a.href")
    assert href.startswith(origin + ROOT[other] + "search/") and parse_qs(urlsplit(href).query)["q"] == [query]
    with page.expect_navigation():
        link.click()
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_load_state("networkidle")
    hrefs = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")
    assert hrefs
    assert all(h.startswith(origin + "en/") == (other == "en") for h in hrefs), hrefs
    assert page.locator(".pagefind-ui__search-input").input_value() == query
    assert trouble == []
    page.close()


def test_a_query_in_the_pages_language_offers_the_other_language_quietly(browser, origin):
    page, trouble = open_page(browser, origin + "search/?q=公示")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    offer = page.locator("#search-elsewhere")
    assert offer.is_visible() and "search-elsewhere--likely" not in offer.get_attribute("class")
    assert trouble == []
    page.close()


def test_a_chinese_result_names_its_city_and_same_titles_are_told_apart(browser, origin):
    """公示 finds the publicity notices of several cities, some with the same title: each
    notice's result names its city (the city's own page agrees), its kind and its cycle."""
    page, trouble = open_page(browser, origin + "search/")
    found = results(page, origin + "search/?q=公示")
    notices = [r for r in found if urlsplit(r["href"]).path.startswith(urlsplit(origin).path + "notices/")
               and urlsplit(r["href"]).path.count("/") > urlsplit(origin).path.count("/") + 2]
    assert notices, [r["href"] for r in found]
    for result in notices:
        assert {"城市", "类别", "届次"} <= set(result["tags"]), result
    city_ids = {urlsplit(r["href"]).path.split("/notices/")[1].split("/")[0] for r in notices}
    for city_id in city_ids:
        page.goto(origin + f"cities/{city_id}/")
        title = page.locator("h1").inner_text()
        named = {r["tags"]["城市"] for r in notices if f"/notices/{city_id}/" in r["href"]}
        assert len(named) == 1 and title.startswith(named.pop()), (city_id, title)
    by_title: dict[str, set] = {}
    for result in notices:
        by_title.setdefault(result["title"], set()).add((result["tags"]["城市"], result["tags"]["届次"]))
    same = {title: told for title, told in by_title.items() if sum(r["title"] == title for r in notices) > 1}
    assert all(len(told) == sum(r["title"] == title for r in notices) for title, told in same.items()), same
    assert trouble == []
    page.close()


def test_chinese_excerpts_are_long_enough_to_read(browser, origin):
    page, trouble = open_page(browser, origin + "search/")
    found = results(page, origin + "search/?q=公示")
    excerpts = [r["excerpt"] for r in found if r["excerpt"]]
    assert excerpts and min(len(e) for e in excerpts) >= 30, excerpts  # they were about 15 characters
    assert trouble == []
    page.close()


def test_a_comparison_topic_is_found_by_its_question(browser, origin):
    """'prize money' finds /en/compare/prize_money/, the cities' rules on it side by side."""
    page, trouble = open_page(browser, origin + "en/search/")
    found = results(page, origin + "en/search/?q=prize%20money")
    assert origin + "en/compare/prize_money/" in [r["href"] for r in found[:5]], [r["href"] for r in found]
    assert trouble == []
    page.close()


def test_a_topic_is_not_found_again_by_the_articles_it_quotes(built_site, browser, origin):
    """The articles a topic page quotes are found on their regulation pages, not a second
    time on the topic page: a phrase from a quoted article finds the regulation only."""
    soup = BeautifulSoup((built_site / "compare/prize_money/index.html").read_text(encoding="utf-8"), "html.parser")
    quoted = soup.select(".topic-grid .article p")
    assert quoted
    phrase = max((p.get_text() for p in quoted), key=len)
    phrase = re.split(r"[，。；：、]", phrase)[0][:12]
    page, trouble = open_page(browser, origin + "search/")
    hrefs = [r["href"] for r in results(page, origin + "search/?q=" + phrase)]
    assert any("/regulations/" in h for h in hrefs), (phrase, hrefs)
    assert not [h for h in hrefs if "/compare/prize_money/" in h], (phrase, hrefs)
    assert trouble == []
    page.close()


# ---- 10. status badges say what is open

def periods(built_site, lang: str) -> list[dict]:
    """The notices table's periods, as built: kind, status, dates, text and notice link."""
    soup = BeautifulSoup((built_site / ROOT[lang] / "notices/index.html").read_text(encoding="utf-8"), "html.parser")
    found = []
    for badge in soup.select(".period-status[data-kind]"):
        row = badge.find_parent("tr")
        [link] = [a["href"] for a in row.find_all("a")]  # the notice's title
        status = next(c.removeprefix("status-") for c in badge["class"] if c.startswith("status-"))
        found.append(dict(kind=badge["data-kind"], status=status, start=badge["data-start"], end=badge["data-end"],
                          text=badge.get_text(), href=ROOT[lang] + "notices/" + link))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_built_badges_say_what_is_open(built_site, lang):
    found = periods(built_site, lang)
    assert {p["kind"] for p in found} == {"deadline", "publicity"}
    for p in found:
        words = {"open": OPEN, "closed": CLOSED, "upcoming": UPCOMING}[p["status"]][lang, p["kind"]]
        assert p["text"].startswith(words), p
    assert any(p["status"] == "open" for p in found)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["deadline", "publicity"])
def test_the_browsers_recount_says_what_is_open(built_site, browser, origin, lang, kind):
    """On the first and after the last day of a call (a publicity notice), the page's own
    recount says accepting applications (objections open), then closed, in its language."""
    p = next(p for p in periods(built_site, lang) if p["kind"] == kind)
    for day, words in ((p["start"], OPEN), (p["end"], OPEN), ("2099-01-01", CLOSED)):
        page = browser.new_page()
        page.clock.set_fixed_time(f"{day}T09:00:00+08:00")
        page.goto(origin + p["href"].removesuffix(".md"))
        badge = page.locator(".reg-meta .period-status")
        assert badge.inner_text().startswith(words[lang, kind]), (day, badge.inner_text())
        page.close()


# ---- 9. the offices' tab

@pytest.mark.parametrize("lang, label, guides", [("zh", "发布指南（工作人员）", "申报指南"), ("en", "For offices", "Guides")])
def test_the_offices_tab_is_named_for_offices(browser, origin, lang, label, guides):
    page, trouble = open_page(browser, origin + ROOT[lang])
    tabs = {a.inner_text().strip(): a.evaluate("a => a.href") for a in page.locator(".md-tabs__link").all()}
    assert tabs[label] == origin + ROOT[lang] + "publish/"
    assert tabs[guides] == origin + ROOT[lang] + "guides/"
    assert "办事指南" not in tabs
    assert trouble == []
    page.close()


# ---- 11. titles and small text on a phone

LAST_LINE = """h => { const text = [...h.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  const node = [...h.childNodes].find(n => n.nodeType === 3); const range = document.createRange(); const tops = [];
  for (let i = 0; i < node.textContent.length; i++) { range.setStart(node, i); range.setEnd(node, i + 1);
    const r = range.getClientRects()[0]; if (r) tops.push(Math.round(r.top)); }
  const last = tops[tops.length - 1]; return { text, lastLine: tops.filter(t => t === last).length,
  height: h.getBoundingClientRect().height, lines: new Set(tops).size, lineHeight: parseFloat(getComputedStyle(h).lineHeight) }; }"""


@pytest.mark.parametrize("path", ["", "en/", "guides/", "en/guides/"])
def test_a_title_on_a_phone_leaves_no_character_alone_and_no_blank_line(browser, origin, path):
    page, trouble = open_page(browser, origin + path, 390)
    pages = [path] + [href.removeprefix(origin) for href in page.locator(".md-content article a[href]").evaluate_all(
        "links => links.map(a => a.href)") if "/guides/" in href and href.rstrip("/") != (origin + path).rstrip("/")][:3]
    for each in pages:
        page.goto(origin + each)
        title = page.locator(".md-content h1").evaluate(LAST_LINE)
        assert title["lines"] == 1 or title["lastLine"] > 1, (each, title)
        assert title["height"] < (title["lines"] + 0.5) * title["lineHeight"], (each, title)  # no line for the ¶
    assert trouble == []
    page.close()


SMALL_TEXT = """() => [...document.querySelectorAll('.md-main *, .md-footer *')].filter(el =>
    [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length
    && parseFloat(getComputedStyle(el).fontSize) < 14).map(el => el.tagName + '.' + el.className + ': '
    + getComputedStyle(el).fontSize + ' ' + el.textContent.trim().slice(0, 30))"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", "en/notices/", "en/compare/", "guides/", "search/?q=公示"])
def test_no_text_is_smaller_than_14_px(browser, origin, path, width):
    page, trouble = open_page(browser, origin + path, width)
    if "?q=" in path:
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        page.wait_for_load_state("networkidle")
    assert page.evaluate(SMALL_TEXT) == []
    labels = page.evaluate("""[...document.querySelectorAll('table.cards td')].filter(td => td.getClientRects().length)
        .map(td => parseFloat(getComputedStyle(td, '::before').fontSize))""")
    assert not labels or min(labels) >= 14
    assert trouble == []
    page.close()
