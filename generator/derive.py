"""Stage 3, derive: what the records mean as of a given day.

Nothing here reads a file or the clock: the corpus, the calendar and `today` are
passed in, so the same input and the same day always give the same answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .collect import Corpus, version_order
from .model import Regulation

# status key → what it means; labels live in site_templates/strings.yaml
STATUSES = ("draft", "not_yet_effective", "in_force", "expired", "superseded", "unknown")


@dataclass(frozen=True)
class RegulationView:
    """A regulation version with its dates worked out and its status as of `today`."""

    reg: Regulation
    effective: dt.date | None
    expires: dt.date | None  # last day in force
    status: str
    superseded_by: str | None


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def effective_date(reg: Regulation) -> dt.date | None:
    if reg.effective:
        return reg.effective
    if reg.effective_rule and reg.issued:
        return reg.issued + dt.timedelta(days=reg.effective_rule.days_after_publication)
    return None


def expiry_date(reg: Regulation) -> dt.date | None:
    if reg.expires:
        return reg.expires
    start = effective_date(reg)
    if reg.expiry_rule and start:
        return add_years(start, reg.expiry_rule.years_after_effective) - dt.timedelta(days=1)
    return None


def regulation_views(corpus: Corpus, today: dt.date) -> dict[tuple[str, str], RegulationView]:
    """Every regulation version's dates and status as of `today`, keyed by (city, version)."""
    return {(city_id, view.reg.version): view for city_id, city in corpus.cities.items()
            for view in version_views(city.regulations, today)}


def version_views(regulations: list[Regulation], today: dt.date) -> list[RegulationView]:
    """One jurisdiction's versions, each with its dates and its status as of `today`."""
    replaced_by = {r.supersedes: r for r in regulations if r.supersedes and not r.draft}
    views = []
    for reg in regulations:
        effective, expires = effective_date(reg), expiry_date(reg)
        successor = replaced_by.get(reg.version)
        successor_start = effective_date(successor) if successor else None
        if reg.draft:
            status = "draft"
        elif successor and (successor_start is None or successor_start <= today):
            status = "superseded"
        elif expires and expires < today:
            status = "expired"
        elif effective and effective > today:
            status = "not_yet_effective"
        elif effective:
            status = "in_force"
        else:
            status = "unknown"
        views.append(RegulationView(
            reg, effective, expires, status, successor.version if successor and status == "superseded" else None))
    return views


def standing_version(regulations: list[Regulation], today: dt.date) -> Regulation | None:
    """The version a cycle begun `today` runs under (`awardsite new cycle`): of one
    jurisdiction's versions, the newest (`version_order`) issued by `today` that stands,
    in force or in force as far as its dates are known: not a draft, neither superseded
    nor expired, not yet to take effect; None where no version stands."""
    ordered = sorted(regulations, key=version_order, reverse=True)
    return next((view.reg for view in version_views(ordered, today) if view.status in ("in_force", "unknown")
                 and (view.reg.issued is None or view.reg.issued <= today)), None)


def compared_versions(corpus: Corpus, views: dict[tuple[str, str], RegulationView]) -> list[RegulationView]:
    """Each jurisdiction's newest version that has its text, in the corpus' order: the
    columns of the comparison and the subject of each city's application guide."""
    columns = []
    for city_id, city in corpus.cities.items():
        newest = next((r for r in city.regulations if r.text is not None), None)
        if newest is not None:
            columns.append(views[(city_id, newest.version)])
    return columns


def adopted_without_text(corpus: Corpus, views: dict[tuple[str, str], RegulationView],
                         compared: RegulationView) -> list[RegulationView]:
    """The versions of the compared one's jurisdiction that stand in its place but whose
    text is not held: adopted (not a draft), neither superseded nor expired, and issued
    after it (or, where the compared one is a draft, adopted at all). Wuhan's column is its
    public-comment draft, and the measures adopted from it are known by metadata only."""
    city = compared.reg.city
    out = []
    for reg in corpus.cities[city].regulations:
        view = views[(city, reg.version)]
        if reg.text is not None or reg.draft or view.status in ("superseded", "expired"):
            continue
        later = compared.reg.draft or (reg.issued and compared.reg.issued and reg.issued > compared.reg.issued)
        if later:
            out.append(view)
    return out
