"""The site-wide lists cut into pages that do not grow with the country (issue 18).

The notices, the winners, the revocations and the comparison list every city's records. With a few
cities each is one page, as it always was; past a bound (`Bounds`) the list's own page
(notices/, winners/, revocations/, compare/ and each topic) keeps a bounded part — the
latest notices, winners and revocations, the first compared jurisdictions — and links to one page per province,
which holds all of that province's records. A province's page grows with its cities and
years, not with the number of provinces. Every record stays linked from a list page;
the open data files (data/*.json, *.csv) still hold everything.

A city's province is its jurisdiction's `province` (grouped by the Chinese name); a city
with none (a municipality, a city-state) is a province of its own. Each province gets a
slug for its pages' paths, made from its English name.

This module decides what each page holds; the templates only present it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .collect import Corpus
from .records import AwardRecords


@dataclass(frozen=True)
class Bounds:
    """Where a list stops being one page, and what its own page keeps then."""

    list_up_to: int = 500   # notices, winners or revocations: up to this many rows, one page (as the real site and the demo)
    latest: int = 100       # past it, the list's page shows the latest this many (and what is open now)
    compare_up_to: int = 12  # a comparison of up to this many jurisdictions is one page; past it, the first this many


@dataclass(frozen=True)
class Province:
    """A province as the pages group cities: its slug, its name (zh, en) and its cities."""

    slug: str
    zh: str
    en: str
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Paging:
    """What each site-wide list page holds. `paged` lists say so; their province pages
    hold each province's share (only provinces with a record get a page)."""

    provinces: dict[str, Province]                 # slug → province, by slug
    province_of: dict[str, str]                    # city id → slug
    notices_paged: bool
    notices: list                                  # the rows of notices/index (NoticeView)
    notices_by_province: dict[str, list] = field(default_factory=dict)
    winners_paged: bool = False
    winners: list = field(default_factory=list)    # the rows of winners/index: ((city, winner id), WinnerView)
    winners_by_province: dict[str, list] = field(default_factory=dict)
    revocations_paged: bool = False
    revocations: list = field(default_factory=list)  # the rows of revocations/index (RevocationView)
    revocations_by_province: dict[str, list] = field(default_factory=dict)
    compare_paged: bool = False
    columns: list = field(default_factory=list)    # the columns of compare/index and of each topic page
    all_columns: list = field(default_factory=list)  # every compared jurisdiction's
    columns_by_province: dict[str, list] = field(default_factory=dict)

    def compare_folder(self, city: str) -> str:
        """The comparison folder (from the language root) whose pages show `city`'s column."""
        if not self.compare_paged or any(view.reg.city == city for view in self.columns):
            return "compare/"
        return f"compare/province/{self.province_of[city]}/"


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
    """What the notices, winners and comparison pages hold, as of the records' day."""
    bounds = bounds or Bounds()
    groups = provinces(corpus)
    province_of = {city: slug for slug, p in groups.items() for city in p.cities}

    def by_province(rows: list, city) -> dict[str, list]:
        out: dict[str, list] = {slug: [] for slug in groups}
        for row in rows:
            out[province_of[city(row)]].append(row)
        return {slug: part for slug, part in out.items() if part}

    notices_paged = len(records.notices) > bounds.list_up_to
    notices = records.notices
    if notices_paged:  # the latest, and whatever is open now (newest first, as the whole list)
        latest = set(map(id, notices[:bounds.latest]))
        notices = [v for v in notices if id(v) in latest or v.status == "open"]
    winners = list(records.winners.items())
    winners_paged = len(winners) > bounds.list_up_to
    if winners_paged:  # the latest decided (the order of the list kept among equals)
        winners = sorted(winners, key=lambda kv: kv[1].decided or dt.date(kv[1].cycle.year or 1990, 1, 1), reverse=True)[:bounds.latest]
    revocations_paged = len(records.revocations) > bounds.list_up_to
    compare_paged = len(columns) > bounds.compare_up_to
    return Paging(
        provinces=groups, province_of=province_of,
        notices_paged=notices_paged, notices=notices,
        notices_by_province=by_province(records.notices, lambda v: v.city) if notices_paged else {},
        winners_paged=winners_paged, winners=winners,
        winners_by_province=by_province(list(records.winners.items()), lambda kv: kv[0][0]) if winners_paged else {},
        revocations_paged=revocations_paged,
        revocations=records.revocations[:bounds.latest] if revocations_paged else records.revocations,
        revocations_by_province=by_province(records.revocations, lambda v: v.cycle.city) if revocations_paged else {},
        compare_paged=compare_paged, columns=columns[:bounds.compare_up_to] if compare_paged else columns, all_columns=columns,
        columns_by_province=by_province(columns, lambda view: view.reg.city) if compare_paged else {},
    )
