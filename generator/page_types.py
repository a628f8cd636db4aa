"""The kinds of page the site has, as one table (PAGE_TYPES) that render.py walks: each
kind's template, the pages it makes (each one's own context, in a language) and where
each lies (paths.py). Adding a kind of page is one row here, its path function and its
template; datasette's routes and pelican's `*_SAVE_AS` settings are read the same way.

The site-wide lists and the comparison make one page more per province once paged
(paging.py decides which rows each page holds; here each is only listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import paths
from .awards import HOLDING, duties
from .collect import Corpus
from .open_data import fields
from .paging import Listing, Paging
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


@dataclass(frozen=True)
class PageType:
    """A kind of page: its template, the context of each of its pages in a language
    (`each(site, lang)`), and a page's path from that context (`path(**context)`)."""

    name: str
    template: str
    each: Callable[[Site, str], Iterable[dict]]
    path: Callable[..., str]


def _once(site: Site, lang: str) -> list[dict]:
    """A page of its own, with nothing but the site's common context."""
    return [{}]


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
    PageType("home", "home.md.j2", _once, paths.home),
    PageType("regulations", "regulations.md.j2", _once, paths.regulations),
    PageType("regulation", "regulation.md.j2", lambda site, lang: site.versions(),
             lambda reg, **_: paths.regulation(reg.city, reg.version)),
    PageType("parallel", "parallel.md.j2",
             lambda site, lang: [page for page in site.versions() if page["reg"].text is not None],
             lambda reg, **_: paths.parallel(reg.city, reg.version)),
    PageType("source", "source.md.j2",
             lambda site, lang: [dict(page, original=site.corpus.original(page["reg"])) for page in site.versions()
                                 if site.corpus.original(page["reg"]) is not None],
             lambda reg, **_: paths.source(reg.city, reg.version)),
    PageType("compare", "compare.md.j2", _compared, lambda province, **_: paths.compare(province)),
    PageType("topic", "topic.md.j2", _topics, lambda dimension, province, **_: paths.topic(dimension.key, province)),
    PageType("guides", "guides.md.j2", _once, paths.guides),
    PageType("guide", "guide.md.j2",
             lambda site, lang: [dict(city=site.corpus.cities[view.reg.city], view=view) for view in site.columns],
             lambda city, **_: paths.guide(city.info.id)),
    PageType("glossary", "glossary.md.j2", _once, paths.glossary),
    PageType("search", "search.md.j2", _once, paths.search),  # Pagefind's interface; the index is made after mkdocs (site.py)
    PageType("notices", "notices.md.j2", lambda site, lang: _listed(site.paging.notices, site),
             lambda province, **_: paths.notices(province)),
    PageType("notice", "notice.md.j2", lambda site, lang: [dict(view=view) for view in site.records.notices],
             lambda view: paths.notice(view.city, view.cycle.cycle, view.notice.id)),
    PageType("winners", "winners.md.j2", lambda site, lang: _listed(site.paging.winners, site),
             lambda province, **_: paths.winners(province)),
    PageType("revocations", "revocations.md.j2", lambda site, lang: _listed(site.paging.revocations, site),
             lambda province, **_: paths.revocations(province)),
    PageType("cities", "cities.md.j2", _once, paths.cities),
    PageType("city_winners", "winners_city.md.j2",
             lambda site, lang: [dict(city=city, duties=duties(site.corpus, [w for w in site.records.winners_of(city_id)
                                                                             if w.status in HOLDING], site.today))
                                 for city_id, city in site.corpus.cities.items()],
             lambda city, **_: paths.city_winners(city.info.id)),
    PageType("city", "city.md.j2", lambda site, lang: [dict(city=city) for city in site.corpus.cities.values()],
             lambda city, **_: paths.city(city.info.id)),
    PageType("data", "data.md.j2",  # the open data files, documented
             lambda site, lang: [dict(data_fields=fields(), schema_names=sorted(SCHEMAS))], lambda **_: paths.data()),
    PageType("hand_written", "hand_written.md.j2", _hand_written, lambda name, **_: paths.hand_written(name)),
)
