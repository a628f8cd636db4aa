"""The site-wide lists cut into pages that do not grow with the country (issue 18).

The notices, the winners, the revocations and the comparison list every city's records.
With a few cities each is one page, as it always was; past a bound (`Bounds`) the list's
own page (notices/, winners/, revocations/, compare/ and each topic) keeps a bounded
part — the latest notices (and those open now), winners and revocations, the first
compared jurisdictions — and links to one page per province, which holds all of that
province's records (`<list>/province/<slug>/`; the comparison's with its topics,
`compare/province/<slug>/<topic>/`). A province's page grows with its cities and years,
not with the number of provinces. Every record stays linked from a list page; the open
data files (data/*.json, *.csv) still hold everything.

A city's province is its jurisdiction's `province` (grouped by the Chinese name); a city
with none (a municipality, a city-state) is a province of its own. Each province gets a
slug for its pages' paths, made from its English name.

This module decides what each page holds; the templates only present it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .collect import Corpus
from .records import AwardRecords


@dataclass(frozen=True)
class Bounds:
    """Where a list stops being one page, and what its own page keeps then."""

    list_up_to: int = 500    # notices, winners or revocations: up to this many, one page (the real site, the demo)
    latest: int = 100        # past it, the list's page shows the latest this many (and the notices open now)
    compare_up_to: int = 12  # a comparison of up to this many jurisdictions is one page; past it, the first this many


@dataclass(frozen=True)
class Province:
    """A province as the pages group cities: its slug, its name (zh, en) and its cities."""

    slug: str
    zh: str
    en: str
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """One site-wide list: whether it is paged, the rows its own page shows (all of them,
    unless paged) and, paged, each province's rows (only provinces with one)."""

    paged: bool
    rows: list
    by_province: dict[str, list]
    total: int  # rows in all


@dataclass(frozen=True)
class Paging:
    """What each site-wide list page holds."""

    provinces: dict[str, Province]  # slug → province, by slug
    province_of: dict[str, str]     # city id → slug
    notices: Listing                # NoticeView, newest first
    winners: Listing                # ((city, winner id), WinnerView)
    revocations: Listing            # RevocationView, newest first
    compare: Listing                # the compared versions (RegulationView): the columns, or a topic's sections

    def compare_province(self, city: str) -> Province | None:
        """The province whose comparison pages show `city`'s column, or None: the
        comparison's own pages (paths.compare, paths.topic)."""
        if not self.compare.paged or any(view.reg.city == city for view in self.compare.rows):
            return None
        return self.provinces[self.province_of[city]]


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def provinces(corpus: Corpus) -> dict[str, Province]:
    """Every city's province, by slug (sorted): a province named in a jurisdiction groups
    the cities that name it (by its Chinese name; the English and the slug are those of
    the first city); a city with none stands alone, under its own name and id."""
    groups: dict[str, tuple[str, str, list[str], str]] = {}  # zh name (or the city's id) → (zh, en, cities, slug)
    for city_id, city in corpus.cities.items():
        info = city.info
        key = info.province.zh if info.province else "\0" + city_id
        if key not in groups:
            name = info.province or info.name
            groups[key] = (name.zh, name.en, [], _slug(info.province.en) if info.province else city_id)
        groups[key][2].append(city_id)
    out: dict[str, Province] = {}
    for zh, en, cities, slug in groups.values():
        slug = slug or cities[0]
        unique, n = slug, 1
        while unique in out:  # two provinces whose English names make one slug
            n += 1
            unique = f"{slug}-{n}"
        out[unique] = Province(unique, zh, en, tuple(cities))
    return dict(sorted(out.items()))


def plan(corpus: Corpus, records: AwardRecords, columns: list, bounds: Bounds | None = None) -> Paging:
    """What the notices, winners, revocations and comparison pages hold, as of the records' day."""
    bounds = bounds or Bounds()
    groups = provinces(corpus)
    province_of = {city: slug for slug, p in groups.items() for city in p.cities}

    def listing(rows: list, up_to: int, city, first) -> Listing:
        """`rows` as one page, or past `up_to` the `first` of them and each province's."""
        if len(rows) <= up_to:
            return Listing(False, rows, {}, len(rows))
        parts: dict[str, list] = {slug: [] for slug in groups}
        for row in rows:
            parts[province_of[city(row)]].append(row)
        return Listing(True, first(rows), {slug: part for slug, part in parts.items() if part}, len(rows))

    def latest_and_open(notices: list) -> list:  # newest first, as the whole list
        latest = set(map(id, notices[:bounds.latest]))
        return [v for v in notices if id(v) in latest or v.status == "open"]

    def latest_decided(winners: list) -> list:  # the list's order kept among equals
        return sorted(winners, key=lambda kv: kv[1].decided or dt.date(kv[1].cycle.year or 1990, 1, 1),
                      reverse=True)[:bounds.latest]

    return Paging(
        provinces=groups, province_of=province_of,
        notices=listing(records.notices, bounds.list_up_to, lambda v: v.city, latest_and_open),
        winners=listing(list(records.winners.items()), bounds.list_up_to, lambda kv: kv[0][0], latest_decided),
        revocations=listing(records.revocations, bounds.list_up_to, lambda v: v.cycle.city,
                            lambda rows: rows[:bounds.latest]),
        compare=listing(columns, bounds.compare_up_to, lambda view: view.reg.city,
                        lambda rows: rows[:bounds.compare_up_to]),
    )
