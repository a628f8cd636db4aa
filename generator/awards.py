"""After the award: each winner's standing as of a day, revocations with the ban that
follows, and the duties a regulation puts on holders.

Every rule comes from the facts of the regulation the cycle ran under (`title_validity`,
`revocation_ban`, `winner_obligations`, `monitoring_visits`); a cycle whose regulation
is not held here gets `unknown`, never a guess. Nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .collect import Corpus
from .derive import add_years
from .model import Candidate, Count, Cycle, Fact, Notice, Regulation, Revocation, Winner

# winner statuses (labels in strings.yaml "winner.<status>"): current, no_expiry, expired, revoked, unknown;
# these two hold the title
HOLDING = ("current", "no_expiry")


def fact(reg: Regulation | None, key: str) -> Fact | None:
    """The regulation's coded answer on `key`, or None if it is not held or silent."""
    if reg is None or reg.text is None:
        return None
    found = reg.facts.get(key)
    return None if found is None or found.not_specified else found


def cycle_regulation(corpus: Corpus, cycle: Cycle) -> Regulation | None:
    return corpus.regulation(cycle.city, cycle.regulation) if cycle.regulation else None


def decision_of(cycle: Cycle, winner: Winner) -> Notice | None:
    """The award decision that names `winner`: the one its `decision` gives, else the
    cycle's only one (None for a winner transcribed from a report of the decision)."""
    found = cycle.decisions
    if winner.decision is not None:
        return found.get(winner.decision)
    return next(iter(found.values())) if len(found) == 1 else None


def same_winner(a: Winner | Candidate, b: Winner | Candidate) -> bool:
    """The same organisation or person: by credit code where both have one, else by Chinese name."""
    if a.credit_code and b.credit_code:
        return a.credit_code == b.credit_code
    return a.name.zh == b.name.zh


def awarded_as(winner: Winner, candidate: Candidate) -> bool:
    """Whether `winner` is `candidate` awarded: the same id, or the same organisation or person."""
    return winner.id == candidate.id or same_winner(winner, candidate)


def candidate_standing(cycle: Cycle, candidate: Candidate, open_for_objections: bool = True) -> str:
    """Where a proposed winner stands in its cycle: withdrawn, awarded (a winner of the
    cycle is the same), not_awarded (the cycle's decision is out without it), proposed
    (its publicity still open or not yet begun) or unrecorded (the publicity is over or
    its period unknown, and no decision is recorded here: one may well exist)."""
    if candidate.withdrawn is not None:
        return "withdrawn"
    if any(awarded_as(w, candidate) for w in cycle.winners):
        return "awarded"
    if cycle.decisions:
        return "not_awarded"
    return "proposed" if open_for_objections else "unrecorded"


def named_count(cycle: Cycle, count: Count) -> int:
    """How many of the winners a count speaks of the cycle names: those of its category
    (and of its tier, where the count gives one)."""
    return sum(w.category == count.category and (count.tier is None or w.tier == count.tier) for w in cycle.winners)


def winner_decided(cycle: Cycle, winner: Winner) -> dt.date | None:
    """The day `winner` was awarded: its own `decided`, else its decision's date."""
    if winner.decided is not None:
        return winner.decided
    decision = decision_of(cycle, winner)
    return decision.published if decision else None


@dataclass(frozen=True)
class Ban:
    """The re-application ban a revocation triggers."""

    known: bool  # the regulation is held
    until: dt.date | None  # last day of the ban
    permanent: bool
    fact: Fact | None  # the regulation's ban, where it applies to this revocation's grounds
    rule: Fact | None = None  # the regulation's coded ban, whether or not a day follows from it (a bar counted
    #                           from the act rather than the revocation is said in words only)


@dataclass(frozen=True)
class RevocationView:
    revocation: Revocation
    cycle: Cycle  # the cycle whose file records it; its regulation is cited
    regulation: Regulation | None
    winner: "WinnerView"
    ban: Ban


@dataclass(frozen=True)
class WinnerView:
    winner: Winner
    cycle: Cycle
    regulation: Regulation | None
    decided: dt.date | None
    valid_until: dt.date | None
    status: str
    revocation: Revocation | None


def applies_to(rule: Fact, revocation: Revocation) -> bool:
    """Whether a rule about revocations (`revocation_ban`, `revocation_window`) covers
    this one: where the rule names the articles it follows from (`params.articles`),
    only a revocation on one of those grounds."""
    articles = rule.params.get("articles")
    return articles is None or any(ground.article in articles for ground in revocation.grounds)


def ban_after(reg: Regulation | None, revocation: Revocation) -> Ban:
    found = fact(reg, "revocation_ban")
    if found is None or not applies_to(found, revocation):
        return Ban(reg is not None and reg.text is not None, None, False, None, found)
    decided = revocation.decided
    if found.params.get("permanent"):
        return Ban(True, None, True, found, found)
    years = found.params.get("years")
    return Ban(True, add_years(decided, years) - dt.timedelta(days=1) if years else None, False, found, found)


def winner_views(corpus: Corpus, today: dt.date) -> dict[tuple[str, str], WinnerView]:
    """Every winner's standing as of `today`, keyed by (city, winner id)."""
    views = {}
    for city_id, city in corpus.cities.items():
        revoked = {r.winner: r for c in city.cycles for r in c.revocations}
        for cycle in city.cycles:
            reg = cycle_regulation(corpus, cycle)
            validity = fact(reg, "title_validity")
            years = validity.params.get("years") if validity else None
            for winner in cycle.winners:
                decided = winner_decided(cycle, winner)
                valid_until = add_years(decided, years) - dt.timedelta(days=1) if years and decided else None
                if winner.id in revoked:
                    status = "revoked"
                elif decided is None or reg is None or reg.text is None:
                    status = "unknown"
                elif valid_until is not None:
                    status = "current" if decided <= today <= valid_until else "expired"
                else:
                    status = "no_expiry"
                views[(city_id, winner.id)] = WinnerView(winner, cycle, reg, decided, valid_until, status,
                                                         revoked.get(winner.id))
    return views


def revocation_views(corpus: Corpus, winners: dict[tuple[str, str], WinnerView]) -> list[RevocationView]:
    """Every revocation with its winner and ban, newest first."""
    out = []
    for city_id, city in corpus.cities.items():
        for cycle in city.cycles:
            reg = cycle_regulation(corpus, cycle)
            for revocation in cycle.revocations:
                out.append(RevocationView(revocation, cycle, reg, winners[(city_id, revocation.winner)],
                                          ban_after(reg, revocation)))
    return sorted(out, key=lambda v: (v.revocation.decided, v.cycle.city), reverse=True)


@dataclass(frozen=True)
class Duty:
    """What a regulation asks of holders, with the next fixed due date if it has one."""

    regulation: Regulation
    key: str  # winner_obligations | monitoring_visits
    fact: Fact
    next_due: dt.date | None

    @property
    def places(self) -> list:
        """The fact's citations, each unit once (two quotes from one paragraph cite it twice)."""
        seen, out = set(), []
        for cite in self.fact.cite:
            if (cite.article, cite.paragraph, cite.item) not in seen:
                seen.add((cite.article, cite.paragraph, cite.item))
                out.append(cite)
        return out


def duties(corpus: Corpus, holders: list[WinnerView], today: dt.date) -> list[Duty]:
    """The duties of the regulations that current holders won under."""
    out, seen = [], set()
    for view in holders:
        reg = view.regulation
        if reg is None or reg.version in seen:
            continue
        seen.add(reg.version)
        for key in ("winner_obligations", "monitoring_visits"):
            found = fact(reg, key)
            if found is None:
                continue
            due = found.params.get("annual_report_due")
            out.append(Duty(reg, key, found, next_date(due, today) if due else None))
    return out


def next_date(month_day: str, today: dt.date) -> dt.date:
    """The next date (today included) that falls on MM-DD."""
    month, day = (int(x) for x in month_day.split("-"))
    this_year = dt.date(today.year, month, day)
    return this_year if this_year >= today else dt.date(today.year + 1, month, day)
