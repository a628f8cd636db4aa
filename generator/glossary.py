"""Reading the English against the glossary: one job, for tests/test_glossary.py.

Every unit of a regulation's text (a line of the front matter or heading, a chapter
title, a paragraph, an item, a line of the back matter) whose Chinese holds a glossary
term must say it in English the glossary's way; and its modal verbs must match the
Chinese (可 is "may", 应当/应/须/必须 are "shall" or "must"). Where a unit departs for a
reason, `city_rules/glossary_exceptions.yaml` lists it, and an exception that no longer
applies is itself a drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, StrictStr

from .load import load_file
from .model import Bilingual, GlossaryTerm, Line, Record, Regulation, Slug, doc

# ---------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """One translated unit, with the place a clerk looks for it."""

    city: str
    version: str
    where: str  # "Art. 13(1), item 4", "heading 1", "chapter 2 title"
    zh: str
    en: str

    @property
    def file(self) -> str:
        return f"city_rules/{self.city}/{self.version}.yaml"


def units(reg: Regulation) -> Iterator[Unit]:
    """Every translated unit of a regulation's text, in order."""
    if reg.text is None:
        return
    text = reg.text

    def unit(where: str, zh: str, en: str) -> Unit:
        return Unit(reg.city, reg.version, where, zh, en)

    for n, line in enumerate(text.front_matter, 1):
        yield unit(f"front matter {n}", line.zh, line.en)
    for n, line in enumerate(text.heading, 1):
        yield unit(f"heading {n}", line.zh, line.en)
    for chapter in text.chapters:
        yield unit(f"chapter {chapter.number} title", chapter.title.zh, chapter.title.en)
        for article in chapter.articles:
            for p, paragraph in enumerate(article.paragraphs, 1):
                yield unit(f"Art. {article.number}({p})", paragraph.zh, paragraph.en)
                for item in paragraph.items:
                    yield unit(f"Art. {article.number}({p}), item {item.number}", item.zh, item.en)
    for n, line in enumerate(text.back_matter, 1):
        yield unit(f"back matter {n}", line.zh, line.en)


# ---------------------------------------------------------------- terms

# Typographic quotes are the plain ones: Mayor’s is Mayor's.
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _pattern(form: str) -> re.Pattern:
    """A rendering whose last word may take a regular ending: evaluation panels,
    publicised, publicising, trophies, applied. Anything else (vetted, came into
    force) is one of the term's `variants`."""
    form = form.translate(QUOTES).lower()
    if re.search(r"[^aeiou]y$", form):
        stem, endings = form[:-1], r"(?:y|ies|ied|ying)"
    elif form.endswith("e"):
        stem, endings = form[:-1], r"(?:e|es|ed|ing)"
    else:
        stem, endings = form, r"(?:s|es|ed|ing)?"
    return re.compile(r"(?<!\w)" + re.escape(stem) + endings + r"(?!\w)")


def renderings(term: GlossaryTerm) -> list[str]:
    """The English forms a unit may use for `term`: each of the glossary's renderings
    (`apply; application` is two), without a parenthesis that explains it
    (`accept (an application)` is `accept`), and the term's listed variants."""
    forms = [re.sub(r"\s*\([^)]*\)", "", part).strip() for part in term.en.split(";")]
    return [f for f in [*forms, *term.variants] if f]


def says(en: str, term: GlossaryTerm) -> bool:
    """Whether an English text uses one of the term's renderings (case aside)."""
    text = en.translate(QUOTES).lower()
    return any(_pattern(form).search(text) for form in renderings(term))


def terms_in(zh: str, glossary: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """The glossary terms a Chinese text holds, longest first: a longer term claims its
    characters (市长质量奖提名奖 is not also 市长质量奖), so a shorter term counts only
    where it stands outside every longer one."""
    taken = [False] * len(zh)
    found = []
    for term in sorted(glossary, key=lambda t: (-len(t.zh), t.zh)):
        hit = False
        for match in re.finditer(re.escape(term.zh), zh):
            span = range(match.start(), match.end())
            if not any(taken[i] for i in span):
                hit = True
                for i in span:
                    taken[i] = True
        if hit:
            found.append(term)
    return found


# ---------------------------------------------------------------- modal verbs

# 可 as a modal verb ("may"): 可以, and 可 before a verb. Not in a word of its own:
# 认可 (recognise), 许可 (licence), 可靠 (reliable), 可行 (feasible), 不可 (must not), …
NOT_MODAL_KE = ("认可", "许可", "可靠", "可行", "不可", "可能", "可持续", "可追溯", "可信", "可控", "可比", "可视",
                "可复制", "可推广", "宁可", "即可", "可观", "可喜")
# 应 as "shall": 应当, 应该, 应 before a verb. Not in 相应 (corresponding), 供应 (supply), …
NOT_MODAL_YING = ("相应", "对应", "供应", "应用", "响应", "适应", "效应", "反应", "应对", "应急", "回应", "理应")
NOT_MODAL_XU = ("无须", "毋须", "必需")
# A prohibition is a duty too: "shall not" renders it, so 可 beside 不得 may stand with "shall".
PROHIBITION = ("不得", "严禁", "禁止")
SHALL = re.compile(r"\b(shall|must)\b", re.IGNORECASE)


def _without(zh: str, words: tuple[str, ...]) -> str:
    for word in words:
        zh = zh.replace(word, "\u3000" * len(word))
    return zh


def may(zh: str) -> bool:
    """Whether Chinese text uses 可 as a modal verb ("may")."""
    return "可" in _without(zh, NOT_MODAL_KE)


def shall(zh: str) -> bool:
    """Whether Chinese text states a duty with 应当, 应, 须 or 必须."""
    return "应" in _without(zh, NOT_MODAL_YING) or "须" in _without(zh, NOT_MODAL_XU)


def pieces(zh: str, en: str) -> list[tuple[str, str]]:
    """A unit as sentences (and clauses between semicolons) side by side, where the
    Chinese and the English have as many; else the unit whole. A "shall" in one
    sentence is then not charged to a 可 in another."""
    zh_parts = [p for p in re.split(r"(?<=[。；])", zh) if p.strip()]
    en_parts = [p for p in re.split(r"(?<=[.;])\s+", en) if p.strip()]
    return list(zip(zh_parts, en_parts)) if len(zh_parts) == len(en_parts) else [(zh, en)]


def modal_drift(zh: str, en: str) -> tuple[str, str] | None:
    """The modal rule a unit breaks, as ("可" or "应", the English piece), or None:
    a 可 (may) with no 应/须 or prohibition beside it, rendered with "shall"/"must";
    or a 应当/应/须/必须 (shall) rendered with neither "shall" nor "must"."""
    for zh_part, en_part in pieces(zh, en):
        duty, prohibition = shall(zh_part), any(w in zh_part for w in PROHIBITION)
        says_shall = bool(SHALL.search(en_part))
        if may(zh_part) and not duty and not prohibition and says_shall:
            return "可", en_part
        if duty and not says_shall:
            return "应", en_part
    return None


# ---------------------------------------------------------------- the reading


class Exemption(Record):
    """A unit whose English departs from the glossary or the modal rule, and why."""

    city: Slug = Field(description=doc("地区标识", "the jurisdiction's id"))
    version: StrictStr = Field(description=doc("办法版本标识", "the regulation's version id"))
    units: list[Line] = Field(min_length=1, description=doc(
        "所涉单元，写法同检查报告（如“Art. 13(1), item 4”“chapter 6 title”）",
        "the units, written as the check names them (e.g. 'Art. 13(1), item 4', 'chapter 6 title')"))
    term: Line = Field(description=doc(
        "词汇表中的中文术语；或情态规则：“可”（可译作 shall/must）、“应”（应/须未译作 shall/must）",
        "the glossary term (Chinese); or a modal rule: 可 (rendered with shall/must), 应 (应/须 without shall/must)"))
    reason: Bilingual = Field(description=doc("原因", "the reason"))


MODAL_RULES = {"可": "may (not shall or must)", "应": "shall or must"}


@dataclass(frozen=True)
class Drift:
    """A unit's English that departs from the glossary or the modal rule."""

    unit: Unit
    term: str  # the glossary term, or 可 / 应 for the modal rules
    expected: str
    english: str  # what the English says (for a modal drift, the sentence where it can be told)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.unit.city, self.unit.version, self.unit.where, self.term)

    def __str__(self) -> str:
        u = self.unit
        return (f"{u.file}: {u.where}: 中文有“{self.term}”，英文应作 {self.expected!r} / the Chinese has {self.term},"
                f" so the English should say {self.expected!r}, but it says: {self.english!r}")


def read_exemptions(path: Path, root: Path) -> list[Exemption]:
    document, problems = load_file(path, root)
    if problems:
        raise ValueError("; ".join(str(p) for p in problems))
    return [Exemption.model_validate(entry) for entry in document.data or []]


def drifts(regulations: list[Regulation], glossary: list[GlossaryTerm]) -> tuple[list[Drift], int]:
    """Every drift in the regulations' English, and the number of units read."""
    found, read = [], 0
    for reg in regulations:
        for unit in units(reg):
            read += 1
            for term in terms_in(unit.zh, glossary):
                if not says(unit.en, term):
                    found.append(Drift(unit, term.zh, " or ".join(renderings(term)), unit.en))
            modal = modal_drift(unit.zh, unit.en)
            if modal:
                found.append(Drift(unit, modal[0], MODAL_RULES[modal[0]], modal[1]))
    return found, read


def reading(regulations: list[Regulation], glossary: list[GlossaryTerm],
            exemptions: list[Exemption]) -> tuple[list[Drift], list[str]]:
    """The drifts no exemption excuses, and the exemptions that excuse nothing (stale)."""
    found, _ = drifts(regulations, glossary)
    excused = {(e.city, e.version, where, e.term): e for e in exemptions for where in e.units}
    left = [d for d in found if d.key not in excused]
    used = {d.key for d in found}
    stale = [f"city_rules/{city}/{version}.yaml: {where}: {term}: listed in glossary_exceptions.yaml, but the"
             f" English no longer departs there; remove it / 此处译文已无偏离，请从 glossary_exceptions.yaml 删去"
             for (city, version, where, term) in excused if (city, version, where, term) not in used]
    return left, stale
