"""Where the site is put (issue 13): built as the README builds it, with no published
address, the site works from any host and path; feeds, calendars and data files carry
links that still lead somewhere, and `build` says in one line what lacks an address.
With an address, only what is read away from the site uses it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import PUBLISHED_URL, ROOT, copy_project, run_cli
from generator import paths
from generator.page_types import PAGE_TYPES, PageLinks
from generator.urls import NO_ADDRESS, up_to_site_root


@pytest.mark.parametrize("key, way_back", [
    ("zh/index.md", ""), ("en/index.md", "../"), ("zh/data.md", "../"), ("en/data.md", "../../"),
    ("zh/notices/index.md", "../"), ("zh/notices/xinyang/example-2026/acceptance-list.md", "../../../../"),
    ("en/regulations/xinyang/2022/parallel.md", "../../../../../"),
])
def test_a_page_finds_the_site_root_from_where_it_is_published(key, way_back):
    assert up_to_site_root(key) == way_back


def test_every_kind_of_page_has_its_path_and_its_template():
    """Its row makes its path, which `paths` and `urls` both give by its name."""
    for page_type in PAGE_TYPES:
        assert callable(page_type.path) and getattr(paths, page_type.name) is page_type.path, page_type.name
        assert getattr(PageLinks("index.md"), page_type.name) is not None
        assert (ROOT / "site_templates" / page_type.template).is_file(), page_type.template
    assert len({page_type.name for page_type in PAGE_TYPES}) == len(PAGE_TYPES)


def test_a_page_path_is_made_by_its_row_alone():
    """paths.py makes no page's path of its own: only the files that are not pages."""
    own = {name for name, value in vars(paths).items() if callable(value) and getattr(value, "__module__", None) == paths.__name__}
    assert own == {"source_name", "source_file", "address", "__getattr__"}
    with pytest.raises(AttributeError, match="no kind of page is called 'statistic'"):
        paths.statistic()
    with pytest.raises(AttributeError):
        PageLinks("index.md").statistic()


# a page path spelled in a template: a Markdown file named, or a way back up by hand
_SPELLED = re.compile(r"\.md\b(?!\.j2)|\.\./|\./")


def test_no_template_spells_a_page_path_by_hand():
    """Every link to a page goes through `urls` (its row of page_types.PAGE_TYPES), so a page's path is made in one place."""
    for template in sorted((ROOT / "site_templates").glob("*.j2")):
        text = re.sub(r"\{%#.*?#%\}", "", template.read_text(encoding="utf-8"), flags=re.DOTALL)  # comments may name paths
        spelled = [line for line in text.splitlines() if _SPELLED.search(line)]
        assert not spelled, (template.name, spelled)


@pytest.mark.parametrize("here, kind, args, link", [
    ("index.md", "regulation", ("xinyang", "2022"), "regulations/xinyang/2022.md"),
    ("notices/xinyang/example-2026/acceptance-list.md", "city", ("xinyang",), "../../../cities/xinyang.md"),
    ("compare/province/henan/revocation_ban.md", "topic", ("revocation_ban",), "../../../compare/revocation_ban.md"),
])
def test_a_link_to_a_page_leads_from_the_linking_page_to_its_markdown_file(here, kind, args, link):
    assert getattr(PageLinks(here), kind)(*args) == link


@pytest.mark.parametrize("here, path, address", [
    ("compare/index.md", "compare/index.md", "./"), ("compare/revocation_ban.md", "compare/index.md", "../"),
    ("compare/province/henan/index.md", "compare/province/henan/index.md", "./"),
    ("compare/province/henan/revocation_ban.md", "compare/province/henan/index.md", "../"),
    ("notices/index.md", "index.md", "../"), ("index.md", "cities/xinyang.md", "cities/xinyang/"),
])
def test_a_published_address_is_relative_as_mkdocs_makes_it(here, path, address):
    """As mkdocs.utils.get_relative_url, but that the home page is a folder too ("../", not "..")."""
    assert PageLinks(here).address(path) == address


def test_a_build_without_an_address_says_so_in_one_line_and_still_builds(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    result = run_cli("build", "--today", "2026-11-23", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == NO_ADDRESS
    assert "AWARDSITE_URL" in NO_ADDRESS and "site_url" in NO_ADDRESS
    assert (project / "site" / "en" / "index.html").is_file()
    addressed = run_cli("build", "--today", "2026-11-23", cwd=project, env={"AWARDSITE_URL": PUBLISHED_URL})
    assert addressed.returncode == 0 and NO_ADDRESS not in addressed.stdout


def test_no_page_links_to_the_published_address(published_site):
    """Pages link to the site's own pages and files relatively, whatever address the build was given."""
    for html in sorted(published_site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        own = [a["href"] for a in soup.select("a[href]") if a["href"].startswith(PUBLISHED_URL)]
        assert own == [], (html, own)


@pytest.mark.parametrize("feed_path", ["feeds/notices.rss.xml", "feeds/xinyang.atom.xml", "en/feeds/notices.atom.xml",
                                       "en/feeds/wuhan.rss.xml"])
def test_without_an_address_feed_links_lead_from_the_feed_to_the_page(built_site, feed_path):
    parsed = feedparser.parse((built_site / feed_path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries
    lang_root = "en/" if feed_path.startswith("en/") else ""
    for entry in parsed.entries:
        assert entry.link.startswith("../") and "://" not in entry.link, entry.link
        page = (built_site / feed_path).parent / entry.link / "index.html"
        assert page.resolve().is_file(), entry.link
        assert page.resolve().relative_to(built_site.resolve()).as_posix().startswith(lang_root + "notices/")
        assert entry.id.startswith(f"urn:awardsite:{'en' if lang_root else 'zh'}:notices/")


def test_without_an_address_calendars_have_no_url_and_stable_uids(built_site):
    events = list(Calendar.from_ical((built_site / "calendar" / "deadlines.ics").read_bytes()).walk("VEVENT"))
    assert events
    assert all(str(e["uid"]).endswith("@awardsite") for e in events)
    assert all("url" not in e for e in events)


def test_without_an_address_the_data_files_give_pages_from_the_site_root(built_site):
    rows = json.loads((built_site / "data" / "notices.json").read_text(encoding="utf-8"))["records"]
    assert rows
    for row in rows:
        assert (built_site / row["page_zh"] / "index.html").is_file(), row["page_zh"]
        assert row["page_en"].startswith("en/") and (built_site / row["page_en"] / "index.html").is_file()


def test_without_an_address_the_sitemap_gives_paths_and_no_page_claims_a_canonical_address(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>/</loc>" in sitemap and "<loc>/en/data/</loc>" in sitemap and "None" not in sitemap
    assert BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "link", rel="canonical") is None


def test_with_an_address_canonical_links_and_the_sitemap_use_it(published_site):
    soup = BeautifulSoup((published_site / "en" / "data" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == PUBLISHED_URL + "en/data/"
    assert f"<loc>{PUBLISHED_URL}en/data/</loc>" in (published_site / "sitemap.xml").read_text(encoding="utf-8")


def test_nothing_in_the_repository_leads_outside_it():
    root = Path(__file__).resolve().parent.parent
    for path in [root / "Makefile", root / ".ci" / "run", *sorted((root / "tests").glob("*.py")),
                 *sorted((root / "generator").glob("*.py"))]:
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and '"shared"' not in text, path
