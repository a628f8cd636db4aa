"""What a person sees, in Debian's Chromium: pages load with no console error, no
failed request and nothing from another host, on a desktop and a phone; the switcher
keeps the page, its anchor and its query; the days left follow the reader's clock.
Screenshots are left in tests/screenshots/ to look at. Search, the files a page links to,
and axe's audit and print have files of their own (test_browser_*.py), so the suite's
workers share them out."""

from __future__ import annotations

import pytest

from browsing import NOTICE, SHOTS, open_page

pytestmark = pytest.mark.browser
PAGES = ["", "en/", "regulations/xinyang/2022/", "en/regulations/xinyang/2022/", "regulations/", "en/about/",
         "compare/", "en/compare/", "en/compare/quota/", "guides/wuhan/", "en/guides/wuhan/",
         "regulations/xinyang/2022/parallel/",
         NOTICE, "en/" + NOTICE, "cities/baotou/", "en/cities/baotou/", "winners/", "en/winners/",
         "notices/", "en/notices/", "winners/wuhan/", "en/revocations/"]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(browser, origin, path, width):
    page, trouble = open_page(browser, origin + path, width)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{(path.strip('/') or 'home').replace('/', '_')}_{width}.png")
    assert page.locator("h1").first.is_visible()
    assert trouble == []
    page.close()


@pytest.mark.parametrize("site", ["origin", "mirror"])
def test_switching_language_keeps_the_page(browser, request, site):
    origin = request.getfixturevalue(site)
    page, trouble = open_page(browser, origin + "regulations/xinyang/2022/")
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == origin + "en/regulations/xinyang/2022/"
    assert page.locator("h1").first.inner_text().startswith("Xinyang Administrative Measures")
    assert trouble == []


def test_an_article_link_lands_on_the_article(browser, origin):
    page, trouble = open_page(browser, origin + "en/about/")
    with page.expect_navigation():
        page.locator("a[href*='xinyang/2022/#art-23']").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("en/regulations/xinyang/2022/#art-23")
    assert page.locator("#art-23").is_visible()
    assert trouble == []


@pytest.mark.parametrize("path", ["compare/", "en/compare/", "en/regulations/baotou/2025/parallel/",
                                  "regulations/linyi/2017/source/", "en/regulations/baotou/2025/source/",
                                  "notices/", "en/winners/", "en/revocations/", ""])
def test_wide_pages_fit_a_phone(browser, origin, path):
    page, trouble = open_page(browser, origin + path, 390)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    # nor does any table inside its own scroll box: wide tables are read as cards
    tables = page.evaluate("""[...document.querySelectorAll('.md-typeset table')].map(t => {
        const box = t.closest('.md-typeset__scrollwrap') || t;
        const wide = t.querySelectorAll('thead th').length >= 4;
        return [box.scrollWidth - box.clientWidth, !wide || t.querySelector('td[data-label]') !== null]; })""")
    assert all(extra <= 1 for extra, _ in tables), (path, tables)
    assert all(labelled for _, labelled in tables), (path, tables)
    if "compare" in path:
        first = page.locator("table.compare tbody td").first
        label = page.evaluate("td => getComputedStyle(td, '::before').content", first.element_handle())
        assert label.strip('"').split(" · ")[0] in ("包头市", "Baotou")
    assert trouble == []


@pytest.mark.parametrize("day, text", [
    ("2026-11-18", "Publicity not yet begun"),
    ("2026-11-23", "Objections open · 3 working days left"),
    ("2026-11-25", "Objections open · 1 working day left"),
    ("2026-11-26", "Publicity ended"),
])
def test_days_left_follow_the_page_clock(browser, origin, day, text):
    """The page was built as of 2026-11-23; the browser recounts from its own clock
    (Beijing time: 23:30 on the 25th in Berlin is already the 26th in Beijing)."""
    page = browser.new_page()
    page.clock.set_fixed_time(f"{day}T09:00:00+08:00")
    page.goto(origin + "en/" + NOTICE)
    assert page.locator(".reg-meta .period-status").inner_text() == text
    page.close()


def test_the_clock_is_read_in_beijing_time(browser, origin):
    page = browser.new_page(timezone_id="Europe/Berlin")
    page.clock.set_fixed_time("2026-11-25T17:30:00+01:00")  # 00:30 on the 26th in Beijing
    page.goto(origin + "en/" + NOTICE)
    assert page.locator(".reg-meta .period-status").inner_text() == "Publicity ended"
    page.close()


def test_every_open_notice_on_the_home_page_says_how_to_object(browser, origin):
    for lang in ("", "en/"):
        page = browser.new_page()
        page.clock.set_fixed_time("2026-11-23T09:00:00+08:00")
        page.goto(origin + lang)
        links = [a.get_attribute("href") for a in page.locator("xpath=//h2[@id='open-notices']/following-sibling::*[.//table][1]//table//a").all()]
        notices = sorted({href.split("#")[0] for href in links if href})
        assert notices, "no open notice on the home page"
        for href in notices:
            page.goto(origin + lang + href)
            section = page.locator(".objection")
            assert section.is_visible(), href
            assert "0000-00000000" in section.inner_text(), href
        page.close()


@pytest.mark.parametrize("width, path, city, status", [(1280, "en/notices/", "Xinyang", ("Accepting applications", "Objections open")),
                                                      (390, "notices/", "信阳市", ("正在受理申报", "异议受理中"))])  # cards on a phone (issue 17)
def test_the_notices_table_filters_by_city_kind_and_status(browser, origin, width, path, city, status):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.clock.set_fixed_time("2026-11-23T09:00:00+08:00")
    page.goto(origin + path)
    rows = page.locator("article table tbody tr")
    total = rows.count()
    page.select_option("select[data-filter=city]", "xinyang")
    page.select_option("select[data-filter=status]", "open")
    visible = [r.inner_text() for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all(city in text and any(s in text for s in status) for text in visible), visible
    page.close()


# ---- public pages on a phone (issue 17)

@pytest.mark.parametrize("path", ["notices/", "en/revocations/", "", "en/"])
def test_wide_tables_on_a_desktop_have_room_and_keep_dates_whole(browser, origin, path):
    page, trouble = open_page(browser, origin + path, 1280)
    dates = page.evaluate("""[...document.querySelectorAll('.md-typeset table td time')].map(t => {
        const style = getComputedStyle(t);
        return [t.textContent, t.getBoundingClientRect().height, parseFloat(style.lineHeight)]; })""")
    assert dates, "no date cell"
    wrapped = [text for text, height, line in dates if height > line * 1.5]
    assert wrapped == [], f"dates broken over two lines on {path}: {wrapped}"
    cells = page.evaluate("""[...document.querySelectorAll('.md-typeset table.cards td')].map(td => {
        const style = getComputedStyle(td);
        return Math.min(parseFloat(style.paddingLeft), parseFloat(style.paddingRight)); })""")
    assert cells and min(cells) >= 4, (path, min(cells))
    short = page.evaluate("""[...document.querySelectorAll('.md-typeset table td .nobreak')].map(s =>
        [s.textContent, s.getClientRects().length > 1 && !s.textContent.includes(' ')])""")
    assert [text for text, broken in short if broken] == []
    assert trouble == []
    page.close()


def test_a_cited_paragraph_lands_below_the_header_with_its_article_heading(browser, origin):
    page, trouble = open_page(browser, origin + "regulations/xinyang/2022/#art-31-p1")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    target = page.evaluate("document.getElementById('art-31-p1').getBoundingClientRect().top")
    heading = page.evaluate("document.getElementById('art-31').getBoundingClientRect().top")
    assert header <= heading < target < 900, (header, heading, target)
    assert trouble == []
    page.close()


@pytest.mark.parametrize("path, expected", [
    ("regulations/xinyang/2022/#art-31-p1", "en/regulations/xinyang/2022/#art-31-p1"),
    ("search/?q=撤销", "en/search/?q=%E6%92%A4%E9%94%80"),
])
def test_switching_language_keeps_the_anchor_and_the_query(browser, origin, path, expected):
    page, trouble = open_page(browser, origin + path)
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == origin + expected
    assert trouble == []
    page.close()
