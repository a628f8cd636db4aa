"""The files a page links to (feeds, calendars, data files, schemas), followed in Chromium
where the site is served from another port and a sub-path, and a preview of a day
(`build --today`) that the browser's clock does not undo (issues 5 and 15)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsing import MOUNT, NOTICE, open_page, serve_folder
from conftest import copy_project, run_cli

pytestmark = pytest.mark.browser


FILE_LINKS = ".md-content a[type], .md-content a[data-webcal]"  # feeds, calendars, data files and schemas


@pytest.mark.parametrize("path", ["data/", "en/data/", "notices/", "en/cities/xinyang/", "cities/wuhan/"])
def test_every_download_feed_and_calendar_link_answers_where_the_site_is_served(browser, origin, path):
    """Built as the README builds it and served from another port and a sub-path: each
    file link on the page (a download, a feed, a calendar) brings its file from the
    address the browser makes of it, and a calendar subscription is a webcal:// address of
    this very server. The first link of each kind (RSS, Atom, a calendar, JSON, CSV, a
    schema) is clicked, as a reader does; the others of its kind, alike but for their
    file (a data page has 192), are asked for by the browser at the same address."""
    page, trouble = open_page(browser, origin + path)
    links = page.locator(FILE_LINKS)
    assert links.count() >= (30 if path.endswith("data/") else 4)
    host = urlsplit(origin).netloc
    # read once, in one call: the page is the same each time the test comes back to it
    read = links.evaluate_all("links => links.map(a => [a.href, a.type, a.hasAttribute('data-webcal')])")
    clicked: set[str] = set()
    for i, (href, kind, webcal) in enumerate(read):
        if webcal:
            assert href.startswith(f"webcal://{host}{MOUNT}calendar/") and href.endswith(".ics"), href
            assert page.request.get("http://" + href.removeprefix("webcal://")).status == 200, href
            continue
        assert href.startswith(origin), href
        if kind in clicked:
            assert page.request.get(href).status == 200, href
            continue
        clicked.add(kind)
        with page.context.expect_event("response", lambda r: r.url == href) as answer:
            links.nth(i).click()  # a feed or a JSON file opens in the window; a calendar or a CSV file downloads
        assert answer.value.status == 200, href
        if page.url != origin + path:  # back to the page already seen settled (open_page): its scripts run, not idle
            page.goto(origin + path, wait_until="load")
    assert clicked >= {"application/rss+xml", "application/atom+xml", "text/calendar"}, clicked
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
