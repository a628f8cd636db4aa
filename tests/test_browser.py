"""What a person sees, in Debian's Chromium: pages load with no console error, no
failed request and nothing from another host; the switcher keeps the page; Chinese
search finds Chinese pages. Screenshots are left in tests/screenshots/ to look at."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, copy_project, run_cli

pytestmark = pytest.mark.browser
SHOTS = ROOT / "tests" / "screenshots"
NOTICE = "notices/xinyang/example-2026/acceptance-list/"  # open 2026-11-19 to 11-25 (5 working days)
PAGES = ["", "en/", "regulations/xinyang/2022/", "en/regulations/xinyang/2022/", "regulations/", "en/about/",
         "compare/", "en/compare/", "en/compare/quota/", "guides/wuhan/", "en/guides/wuhan/",
         "regulations/xinyang/2022/parallel/",
         NOTICE, "en/" + NOTICE, "cities/baotou/", "en/cities/baotou/", "winners/", "en/winners/",
         "notices/", "en/notices/", "winners/wuhan/", "en/revocations/"]


MOUNT = "/mirror/awards/"  # served from a sub-path of another host and port than any address the build knows


class Mounted(http.server.SimpleHTTPRequestHandler):
    """Serves its folder at `mount` only, as a mirror's folder or a GitHub Pages project
    path would (a request outside it finds nothing), and quietly."""

    def __init__(self, *args, mount: str = "/", **kwargs):
        self.mount = mount  # before the base class's __init__, which handles the request
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "not-this-site")
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, *args):
        pass


def serve_folder(folder: Path, mount: str = "/", handler: type[Mounted] = Mounted):
    """Serve `folder` at http://127.0.0.1:<a free port><mount> (with `handler`, Mounted or
    a subclass); yields the site's address."""
    handler = functools.partial(handler, directory=str(folder), mount=mount)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def origin(built_site):
    """The site as the README builds it (no address set), served from a sub-path."""
    yield from serve_folder(built_site, MOUNT)


def open_page(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    trouble: list[str] = []
    page.on("console", lambda m: trouble.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: trouble.append(f"page error: {e}"))
    page.on("response", lambda r: trouble.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    site_origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    page.on("request", lambda r: trouble.append(f"off-site request {r.url}")
            if not r.url.startswith((site_origin, "data:")) else None)
    settled(page, lambda: page.goto(url))
    return page, trouble


FAVICON = "/assets/images/favicon.png"  # the theme's: what Chromium asks for once a page has loaded


def settled(page, load) -> None:
    """`load()` (a goto, a click), then wait until the page has loaded (its scripts run,
    its stylesheets and images in), asked for its favicon, and every request it made has
    been answered, so each failed request and console error is in. A page asks for
    nothing more once loaded (only the favicon), so this is the moment Playwright's
    "networkidle" reaches half a second later, after a quiet half second of its own."""
    pending, favicon = set(), []
    page.on("request", lambda r: (pending.add(r), favicon.append(r) if r.url.endswith(FAVICON) else None))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    load()
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 30
    while not favicon or pending:
        assert time.monotonic() < deadline, ("still waiting for", [r.url for r in pending] or "the favicon")
        page.wait_for_timeout(10)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(browser, origin, path, width):
    page, trouble = open_page(browser, origin + path, width)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{(path.strip('/') or 'home').replace('/', '_')}_{width}.png")
    assert page.locator("h1").first.is_visible()
    assert trouble == []
    page.close()


@pytest.fixture(scope="module")
def mirror(published_site):
    """A build made for its published address (PUBLISHED_URL), read from a mirror elsewhere."""
    yield from serve_folder(published_site, "/copy/")


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


def search(page, query: str) -> list[str]:
    """Search as a reader does: type `query` into the box in the header and press Enter,
    which opens the search page of the page's language; the links of the results."""
    page.locator(".site-search-form__input").fill(query)
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_load_state("networkidle")  # Pagefind fills in the results as their fragments arrive
    return [a.evaluate("a => a.href") for a in page.locator(".pagefind-ui__result-link").all()]


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


# ---- feeds, calendars, open data, accessibility, print (issue 5)
# Figures (requests and bytes per page, axe violations per page) are printed and saved
# in tests/screenshots/issue5-*.json for the record.
import json  # noqa: E402

from axe_playwright_python.sync_playwright import Axe  # noqa: E402

KEY_PAGES = ["", "regulations/xinyang/2022/", "compare/", NOTICE, "winners/", "guides/xinyang/", "notices/", "data/"]
AUDITED = ["", "regulations/xinyang/2022/", "compare/", NOTICE, "winners/", "guides/xinyang/", "data/", "search/?q=公示"]


def save_figures(name: str, key: str, value) -> None:
    SHOTS.mkdir(exist_ok=True)
    report = SHOTS / f"issue5-{name}.json"
    figures = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    figures[key] = value
    report.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_every_request_a_key_page_makes_stays_on_the_site(browser, origin, path, lang):
    page = browser.new_page()
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


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("path", AUDITED)
def test_axe_finds_no_serious_or_critical_violation(browser, origin, path, lang, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(origin + lang + path)
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    page.close()
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
    save_figures("axe", f"{lang + path} @{width}", {"counts": counts, "rules": sorted({v["id"] for v in violations})})
    print(f"{lang + path or '/'} @{width}: {counts} {sorted({v['id'] for v in violations})}")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("path", [NOTICE, "regulations/xinyang/2022/", "en/" + NOTICE, "en/regulations/xinyang/2022/"])
def test_a_notice_and_a_regulation_print_without_the_site_around_them(browser, origin, path):
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(origin + path)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".site-search-form", ".md-footer", ".subscribe"):
        assert all(not element.is_visible() for element in page.locator(chrome).all()), chrome
    assert page.locator("h1").first.is_visible()
    assert page.locator("article").first.bounding_box()["width"] >= 600  # the text takes the page
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} prints wider than the page by {overflow}px"
    for element in page.locator("article details").all():
        assert page.evaluate("d => getComputedStyle(d.lastElementChild).display", element.element_handle()) != "none"
        assert element.locator(":scope > :not(summary)").first.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"print_{path.strip('/').replace('/', '_')}.png", full_page=True)
    page.close()


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


FILE_LINKS = ".md-content a[type], .md-content a[data-webcal]"  # feeds, calendars, data files and schemas


@pytest.mark.parametrize("path", ["data/", "en/data/", "notices/", "en/cities/xinyang/", "cities/wuhan/"])
def test_every_download_feed_and_calendar_link_answers_where_the_site_is_served(browser, origin, path):
    """Built as the README builds it and served from another port and a sub-path: each
    file link a reader clicks (a download, a feed, a calendar) brings its file, and a
    calendar subscription is a webcal:// address of this very server."""
    page, trouble = open_page(browser, origin + path)
    links = page.locator(FILE_LINKS)
    assert links.count() >= (30 if path.endswith("data/") else 4)
    host = urlsplit(origin).netloc
    # read once, in one call: the page is the same each time the test comes back to it
    read = links.evaluate_all("links => links.map(a => [a.href, a.hasAttribute('data-webcal')])")
    for i, (href, webcal) in enumerate(read):
        link = links.nth(i)
        if webcal:
            assert href.startswith(f"webcal://{host}{MOUNT}calendar/") and href.endswith(".ics"), href
            assert page.request.get("http://" + href.removeprefix("webcal://")).status == 200, href
            continue
        assert href.startswith(origin), href
        with page.context.expect_event("response", lambda r: r.url == href) as answer:
            link.click()  # a feed or a JSON file opens in the window; a calendar or a CSV file downloads
        assert answer.value.status == 200, href
        if page.url != origin + path:  # back to the page already seen settled (open_page): its scripts run, not idle
            page.goto(origin + path, wait_until="load")
    page.wait_for_load_state("networkidle")  # what the last one asks for is answered before trouble is read
    # Chromium asks the host for /favicon.ico when it shows a file bare: the host's, not the site's
    assert [t for t in trouble if not t.endswith(f"://{host}/favicon.ico)")] == []
    page.close()


@pytest.fixture(scope="module")
def preview_origin(tmp_path_factory):
    """The real content built as a preview of a day (`build --today`), served on its own."""
    project = copy_project(tmp_path_factory.mktemp("preview") / "project", examples=True)
    result = run_cli("build", "--today", "2026-11-25", cwd=project)
    assert result.returncode == 0, result.stderr
    yield from serve_folder(project / "site", "/preview/")


@pytest.mark.parametrize("clock", ["2026-11-18", "2026-12-06", "2027-06-01"])
def test_a_preview_shows_its_own_day_whatever_the_clock(browser, preview_origin, clock):
    """`build --today 2026-11-25` previews that day: the browser agrees with the HTML
    (objections open, one working day left) however far the reader's clock is (issue 15)."""
    page = browser.new_page()
    page.clock.set_fixed_time(f"{clock}T09:00:00+08:00")
    page.goto(preview_origin + "en/" + NOTICE)
    assert page.locator(".reg-meta .period-status").inner_text() == "Objections open · 1 working day left"
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
