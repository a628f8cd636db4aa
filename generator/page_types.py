"""The kinds of page the site has, as one table (PAGE_TYPES) that render.py walks: each
kind's template, where its pages lie (`path`, a function of a page's ids), the pages it
makes (each one's own context, in a language) and how a page's ids are read from its
context. Adding a kind of page is one row here and its template (with its title in
strings.yaml); datasette's routes and pelican's `*_SAVE_AS` settings are read the same way.

A page's path is its Markdown file's path under the language root (zh/ or en/ of the docs
folder), the same in both languages. Every path the site links to is made by its row and
nowhere else: render.py writes each page at the path its row gives, the templates link
to it through `PageLinks` (`urls.<name>(ids…)`: the same function, relative to the page
linking, as mkdocs' `File.url_relative_to` does: `urls.regulation(city, version)` is
`../../regulations/<city>/<version>.md` from a notice), and the exports and the shards
through `paths.<name>(ids…)` (paths.py). mkdocs then turns each into the page's
published address, so a link is right from wherever it is written. A province
(paging.Province, or None for a list's own page) is given as itself; its `slug` names
its pages. Ids in a path are those the model has validated.

The site-wide lists and the comparison make one page more per province once paged
(paging.py decides which rows each page holds; here each is only listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .awards import HOLDING, duties
from .collect import Corpus
from .open_data import fields
from .paging import Listing, Paging
from .paths import address
from .records import AwardRecords
from .pages import published_text
from .schema import SCHEMAS


@dataclass(frozen=True)
class Site:
    """What the pages are made from: the records as of `today`, the compared versions
    (`columns`) and what each site-wide list page holds (`paging`)."""

    corpus: Corpus
    today: dt.date
    root: Path
    records: AwardRecords
    columns: list
    paging: Paging

    def versions(self) -> list[dict]:
        """Every regulation version, with its city and its view."""
        return [dict(city=city, reg=reg, view=self.records.regulations[(city_id, reg.version)])
                for city_id, city in self.corpus.cities.items() for reg in city.regulations]


def _once(site: Site, lang: str) -> list[dict]:
    """A page of its own, with nothing but the site's common context."""
    return [{}]


def _no_ids(**context) -> tuple:
    """A page of its own has no ids: its path is its kind's alone."""
    return ()


@dataclass(frozen=True)
class PageType:
    """A kind of page: its template; a page's path from its ids (`path(*ids)`, which the
    templates call as `urls.<name>(*ids)`); the context of each of its pages in a language
    (`each(site, lang)`, one page by default); and a page's ids from that context
    (`ids(**context)`, none by default)."""

    name: str
    template: str
    path: Callable[..., str]
    each: Callable[[Site, str], Iterable[dict]] = _once
    ids: Callable[..., tuple] = _no_ids

    def path_of(self, context: dict) -> str:
        """Where the page made from `context` lies."""
        return self.path(*self.ids(**context))


def _listed(listing: Listing, site: Site) -> list[dict]:
    """A site-wide list's own page, then (paged) one page per province holding its rows."""
    return [dict(rows=listing.rows, province=None)] + [
        dict(rows=rows, province=site.paging.provinces[slug]) for slug, rows in listing.by_province.items()]


def _compared(site: Site, lang: str) -> list[dict]:
    """The comparison's pages: its columns, their names and its province."""
    listing = site.paging.compare
    parts = [(listing.rows, None)] + [(rows, site.paging.provinces[slug]) for slug, rows in listing.by_province.items()]
    return [dict(columns=views, province=province,
                 compared_names=[getattr(site.corpus.cities[v.reg.city].info.name, lang) for v in views])
            for views, province in parts]


def _topics(site: Site, lang: str) -> list[dict]:
    """Each question of each comparison page."""
    return [dict(page, dimension=dimension) for page in _compared(site, lang) for dimension in site.corpus.dimensions]


def _hand_written(site: Site, lang: str) -> list[dict]:
    """The editors' pages in this language (content/pages/<name>.<lang>.md), kept as written."""
    return [dict(name=page.name.removesuffix(f".{lang}.md"), body=Markup(published_text(page.read_text(encoding="utf-8"), lang)))
            for page in sorted((site.root / "content" / "pages").glob(f"*.{lang}.md"))]


PAGE_TYPES = (
    PageType("home", "home.md.j2", lambda: "index.md"),
    PageType("regulations", "regulations.md.j2", lambda: "regulations/index.md"),
    # a regulation version's page: its particulars and its text
    PageType("regulation", "regulation.md.j2", lambda city, version: f"regulations/{city}/{version}.md",
             each=lambda site, lang: site.versions(), ids=lambda reg, **_: (reg.city, reg.version)),
    # a version's Chinese and English side by side (only a version whose text is held)
    PageType("parallel", "parallel.md.j2", lambda city, version: f"regulations/{city}/{version}/parallel.md",
             each=lambda site, lang: [page for page in site.versions() if page["reg"].text is not None],
             ids=lambda reg, **_: (reg.city, reg.version)),
    # the official text a version was made from, shown as held (the text itself as a file: paths.source_file)
    PageType("source", "source.md.j2", lambda city, version: f"regulations/{city}/{version}/source.md",
             each=lambda site, lang: [dict(page, original=site.corpus.original(page["reg"])) for page in site.versions()
                                      if site.corpus.original(page["reg"]) is not None],
             ids=lambda reg, **_: (reg.city, reg.version)),
    # the comparison: its first columns (or all), or one province's
    PageType("compare", "compare.md.j2",
             lambda province=None: f"compare/province/{province.slug}/index.md" if province else "compare/index.md",
             each=_compared, ids=lambda province, **_: (province,)),
    # one question of the comparison, the jurisdictions' articles side by side
    PageType("topic", "topic.md.j2",
             lambda key, province=None: f"compare/province/{province.slug}/{key}.md" if province else f"compare/{key}.md",
             each=_topics, ids=lambda dimension, province, **_: (dimension.key, province)),
    PageType("guides", "guides.md.j2", lambda: "guides/index.md"),
    # a city's application guide, for its compared version
    PageType("guide", "guide.md.j2", lambda city: f"guides/{city}.md",
             each=lambda site, lang: [dict(city=site.corpus.cities[view.reg.city], view=view) for view in site.columns],
             ids=lambda city, **_: (city.info.id,)),
    PageType("glossary", "glossary.md.j2", lambda: "glossary.md"),
    PageType("search", "search.md.j2", lambda: "search.md"),  # Pagefind's interface; the index is made after mkdocs (site.py)
    # the notices: the latest (or all), or one province's
    PageType("notices", "notices.md.j2",
             lambda province=None: f"notices/province/{province.slug}.md" if province else "notices/index.md",
             each=lambda site, lang: _listed(site.paging.notices, site), ids=lambda province, **_: (province,)),
    PageType("notice", "notice.md.j2", lambda city, cycle, notice_id: f"notices/{city}/{cycle}/{notice_id}.md",
             each=lambda site, lang: [dict(view=view) for view in site.records.notices],
             ids=lambda view: (view.city, view.cycle.cycle, view.notice.id)),
    # the winners: the latest decided (or all), or one province's
    PageType("winners", "winners.md.j2",
             lambda province=None: f"winners/province/{province.slug}.md" if province else "winners/index.md",
             each=lambda site, lang: _listed(site.paging.winners, site), ids=lambda province, **_: (province,)),
    # the revocations: the latest (or all), or one province's
    PageType("revocations", "revocations.md.j2",
             lambda province=None: f"revocations/province/{province.slug}.md" if province else "revocations/index.md",
             each=lambda site, lang: _listed(site.paging.revocations, site), ids=lambda province, **_: (province,)),
    PageType("cities", "cities.md.j2", lambda: "cities/index.md"),
    # a city's winners: current holders, past winners, and their duties
    PageType("city_winners", "winners_city.md.j2", lambda city_id: f"winners/{city_id}.md",
             each=lambda site, lang: [dict(city=city, duties=duties(site.corpus, [w for w in site.records.winners_of(city_id)
                                                                                  if w.status in HOLDING], site.today))
                                      for city_id, city in site.corpus.cities.items()],
             ids=lambda city, **_: (city.info.id,)),
    # a city's award cycles: each one's timeline, winners, revocations and findings
    PageType("city", "city.md.j2", lambda city_id: f"cities/{city_id}.md",
             each=lambda site, lang: [dict(city=city) for city in site.corpus.cities.values()],
             ids=lambda city, **_: (city.info.id,)),
    # the open data files, feeds and calendars, documented
    PageType("data", "data.md.j2", lambda: "data.md",
             each=lambda site, lang: [dict(data_fields=fields(), schema_names=sorted(SCHEMAS))]),
    # a page the editors wrote (content/pages/<name>.<lang>.md: about, …)
    PageType("hand_written", "hand_written.md.j2", lambda name: f"{name}.md", each=_hand_written,
             ids=lambda name, **_: (name,)),
)

# each kind's path, by its name: `urls.<name>` in the templates, `paths.<name>` elsewhere
PATHS = {page_type.name: page_type.path for page_type in PAGE_TYPES}


class PageLinks:
    """The pages as linked from the page at `here`: `base` (its way back to the language
    root, "../" per folder) before each kind's path, for a Markdown link that mkdocs
    turns into the page's address. A link is a path made of validated ids, so it is
    written as it is (Markup), never escaped."""

    def __init__(self, here: str):
        self.here = here
        self.base = "../" * here.count("/")

    def __getattr__(self, kind: str):
        if kind not in PATHS:
            raise AttributeError(f"no kind of page is called {kind!r} (generator/page_types.py)")
        path = PATHS[kind]
        return lambda *args: Markup(self.base + path(*args))

    def address(self, path: str) -> Markup:
        """The published page at `path` as a relative address from this published page, as
        mkdocs' get_relative_url makes it ("./", "../"): for a script, which reads no Markdown."""
        start, to = address(self.here).split("/")[:-1], address(path).split("/")[:-1]
        common = 0
        while common < min(len(start), len(to)) and start[common] == to[common]:
            common += 1
        return Markup("/".join([".."] * (len(start) - common) + to[common:]) or ".") + "/"
