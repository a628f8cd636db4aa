"""The page of a missing address, served as GitHub Pages serves it: the root 404.html,
status 404, for every missing path of either language and at any depth, for a site at
the root of its host and for one published below a path (a project site, /repo/). It
says what happened in Chinese and in English; its links, stylesheets, scripts and search
boxes work from wherever it is shown, on a desktop and a phone (axe finds nothing serious).
Screenshots: tests/screenshots/404_*.png."""

from __future__ import annotations

import contextlib
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from conftest import copy_project, run_cli
from browsing import SHOTS, Mounted, open_page, serve_folder

MISSING = ["no-such-page/", "en/no-such-page/", "en/regulations/nowhere/x/"]
LISTS = ["", "notices/", "regulations/"]  # each language's home and lists, below its root
ROOTS = {"zh": "", "en": "en/"}


class GitHubPages(Mounted):
    """A built site served as GitHub Pages serves it: below its mount (a project site lives
    at /repo/), a folder's index.html; for a missing path, or a folder without index.html,
    the site's 404.html with status 404."""

    def list_directory(self, path):
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def github_pages(site: Path, prefix: str):
    """Serve `site` as GitHub Pages would, at http://127.0.0.1:<a free port>`prefix`; yields that address."""
    return contextlib.contextmanager(serve_folder)(site, prefix, GitHubPages)


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    """The real content published as a GitHub Pages project site, at /repo/ of its host."""
    project = copy_project(tmp_path_factory.mktemp("project-site") / "project", examples=True)
    result = run_cli("build", "--today", "2026-11-23", cwd=project, env={"AWARDSITE_URL": "https://pages.example.org/repo/"})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module", params=["/", "/repo/"], ids=["root", "project-site"])
def base(request, built_site):
    """The address of the site's root, served as GitHub Pages does: at the root of a
    host (built as the README builds it), then below /repo/ (built for that address)."""
    site = built_site if request.param == "/" else request.getfixturevalue("project_site")
    with github_pages(site, request.param) as address:
        yield address


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def besides_its_own_404(trouble: list[str], url: str) -> list[str]:
    """What went wrong on the page at `url`, once its own status 404 is taken out (the
    response, and the console line Chromium writes for it): one of each is expected."""
    rest = list(trouble)
    for own in (f"404 {url}", f"console error: Failed to load resource: the server responded with a status of 404 (Not Found) ({url})"):
        assert own in rest, trouble
        rest.remove(own)
    return rest


# ---------------------------------------------------------------- the built file

def test_one_404_page_in_both_languages_at_the_root(built_site):
    """The Chinese build writes 404.html (its chrome: `<html lang="zh">`); the English
    build of mkdocs-static-i18n writes nothing over it, and makes no en/404.html."""
    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "zh"
    assert not (built_site / "en" / "404.html").exists()
    sections = {section["lang"]: section for section in soup.select("article .not-found > .not-found__language")}
    assert set(sections) == {"zh", "en"}
    for lang, root in ROOTS.items():  # absolute paths (the site is at the root of the host), to each language's pages
        targets = [a["href"] for a in sections[lang].find_all("a")] + [sections[lang].form["action"]]
        assert [(built_site / href.lstrip("/")).resolve() for href in targets] == \
            [(built_site / root / target).resolve() for target in [*LISTS, "search/"]]
        assert all((built_site / href.lstrip("/") / "index.html").is_file() for href in targets)
    assert "data-pagefind-body" not in str(soup)  # not a search result


# ---------------------------------------------------------------- in the browser

@pytest.mark.browser
@pytest.mark.parametrize("path", MISSING)
def test_a_missing_address_says_so_in_both_languages_and_every_link_works(browser, base, path):
    url = base + path
    page, trouble = open_page(browser, url)
    assert besides_its_own_404(trouble, url) == []  # every stylesheet and script loaded, nothing from another host
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("h1").inner_text() == "找不到页面 · Page not found"
    assert "本站没有这个地址的页面" in page.locator(".not-found__language[lang=zh]").inner_text()
    assert "There is no page at this address" in page.locator(".not-found__language[lang=en]").inner_text()
    assert page.locator(".not-found").evaluate("e => getComputedStyle(e).display") == "grid"  # site.css applies

    homes_and_lists = page.locator(".not-found a").evaluate_all("links => links.map(a => a.href)")
    assert homes_and_lists == [base + root + target for root in ROOTS.values() for target in LISTS]
    links = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    forms = page.locator("form[action]").evaluate_all("forms => forms.map(f => f.action)")
    assert set(forms) == {base + "search/", base + "en/search/"}
    host = "{0.scheme}://{0.netloc}/".format(urlsplit(base))  # a link that misses the /repo/ prefix is kept, and fails
    targets = sorted({u.split("#")[0] for u in links + forms if u.startswith(host)})
    assert len(targets) > 12  # the tabs and the navigation too
    assert {u: status(u) for u in targets} == {u: 200 for u in targets}
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("zh", "回避"), ("en", "objection")])
def test_the_search_box_of_each_language_opens_its_search_page(browser, base, lang, query):
    url = base + MISSING[-1]
    page, trouble = open_page(browser, url)
    page.locator(f"#not-found-q-{lang}").fill(query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0] == base + ROOTS[lang] + "search/"
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_load_state("networkidle")
    results = page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")
    assert results and all(r.startswith(base + ROOTS[lang]) for r in results), results
    assert all(("/en/" in r) == (lang == "en") for r in results), results
    assert status(results[0]) == 200
    assert besides_its_own_404(trouble, url) == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", MISSING[:2], ids=["zh", "en"])
def test_the_page_reads_on_a_desktop_and_a_phone(browser, base, path, width):
    url = base + path
    page, trouble = open_page(browser, url, width)
    if urlsplit(base).path == "/":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"404_{path.strip('/').replace('/', '_')}_{width}.png", full_page=True)
    zh, en = (page.locator(f".not-found__language[lang={lang}]").bounding_box() for lang in ROOTS)
    if width > 800:
        assert zh["y"] == en["y"] and zh["x"] < en["x"]  # side by side
    else:
        assert zh["y"] + zh["height"] <= en["y"]  # stacked
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("#not-found-q-en").is_visible() and page.locator("#not-found-q-zh").is_visible()
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert besides_its_own_404(trouble, url) == []
    page.close()
