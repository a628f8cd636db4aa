"""Gather every record of the project, typed and cross-checked, before anything is written.

The project's folders are walked in sorted order, never through a symbolic link
(each link is a problem: `links.py`); every file is loaded and validated, and the
hand-written pages are checked for what they may not hold (`pages.py`); then the
checks that need the complete set run (a regulation sits in its jurisdiction's
folder, its `source_file` is a readable text in that folder, `supersedes` names a
version that exists, each fact's citation points at a unit of the text and its quote
occurs there, and a cycle marked `example: true` sits only in a demo project, where
every cycle must be one: `demo.py`). All problems of a run are gathered and raised once,
as one `DataError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, Problem
from .links import files, folders, linked_sources, through_link
from .load import MAX_BYTES, NOT_IN_FILE, Document, load_file, read_bytes, relative
from .calendar import WorkCalendar
from .filekinds import CALENDAR, CYCLE, DIMENSIONS, GLOSSARY, JURISDICTION, REGULATION, FileKind, kind_of, path_of
from .model import NOTICE_KINDS, CalendarYear, Cycle, Dimension, GlossaryTerm, Jurisdiction, Regulation
from .pages import page_problems
from .periods import counted_end
from .placeholders import placeholder_problems
from .text import find_article, unit_zh
from .urls import is_demo
from .validate import validate

if TYPE_CHECKING:
    from .cache import Documents


@dataclass
class City:
    """A jurisdiction with its regulation versions, newest issued first."""

    info: Jurisdiction
    regulations: list[Regulation] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)  # oldest first


@dataclass
class Corpus:
    """Everything the site is made of, known good."""

    cities: dict[str, City]
    dimensions: list[Dimension]
    glossary: list[GlossaryTerm]
    calendar: list[CalendarYear]
    sources: dict[str, Document]  # the documents of the records (all but the lists), by path: `source`
    originals: dict[tuple[str, str], str] = field(default_factory=dict)  # (city, version) → its official text
    demo: bool = False  # the demo project (demo.py): fictional examples only, where the real site holds none

    def regulation(self, city: str, version: str) -> Regulation | None:
        found = self.cities.get(city)
        return next((r for r in found.regulations if r.version == version), None) if found else None

    def original(self, reg: Regulation) -> str | None:
        """The official text a version was made from (its `source_file`), if one is held."""
        return self.originals.get((reg.city, reg.version))

    def work_calendar(self) -> WorkCalendar:
        return WorkCalendar(self.calendar)

    def source(self, record: Jurisdiction | Regulation | CalendarYear | Cycle) -> Document:
        """The document a record came from: the file at its path (`filekinds.path_of`)."""
        return self.sources[path_of(record)]


def gather(root: Path, known: Documents | None = None) -> Corpus:
    """Load, validate and cross-check the whole project at `root`. With `known` (the
    cache's table of documents), a file whose bytes are known good is not parsed
    again, and each file that gives no problem of its own is added to it."""
    problems: list[Problem] = linked_sources(root)  # a link is reported, and nothing is read through one
    problems.extend(page_problems(root))  # the hand-written pages: no script, nothing loaded from another host
    sources: dict[str, Document] = {}  # by path; a record's own path once it is known good
    originals: dict[tuple[str, str], str] = {}

    def read(path: Path, kind: FileKind) -> list[tuple]:
        """The file's records (one, or each of its list) as the table says it holds, each
        with its document; none where it cannot be read."""
        if through_link(path, root):
            return []
        raw = read_bytes(path) if known is not None else None
        doc = known.get(path, relative(path, root), raw) if raw is not None else None
        if doc is not None:
            records, found = _records(doc, kind.model, kind.many)
            if not found:  # as it was: validated again, cross-checked below like any other
                return register(records, doc, kind)
        doc, found = load_file(path, root, raw)
        if doc is None:
            problems.extend(found)
            return []
        found = found + placeholder_problems(doc)  # office workflow: a skeleton's "待填写 / to fill in" left in
        records, more = _records(doc, kind.model, kind.many)
        problems.extend(found + more)
        if known is not None and raw is not None and not found and not more:
            known.put(doc, raw)
        return register(records, doc, kind)

    def register(records: list, doc: Document, kind: FileKind) -> list[tuple]:
        if not kind.many:
            sources[doc.rel] = doc
        return [(record, doc) for record in records]

    def of_kind(paths: list[Path], kind: FileKind) -> list[Path]:
        return [path for path in paths if kind_of(relative(path, root)) is kind]

    dimensions = [d for d, _ in read(root / DIMENSIONS.path, DIMENSIONS)]
    glossary = [g for g, _ in read(root / GLOSSARY.path, GLOSSARY)]
    cities: dict[str, City] = {}
    regulations: dict[str, list[tuple[Regulation, Document]]] = {}  # the city's versions, each with its document
    for folder in folders(root / "city_rules", root):
        info_path = JURISDICTION.at(root, id=folder.name)
        if not info_path.exists() and not info_path.is_symlink():
            problems.append(Problem(info_path.relative_to(root).as_posix(), 1, 1, "",
                                    "缺少 jurisdiction.yaml（地区名称、级别）", "jurisdiction.yaml (name, level) is missing"))
            continue
        for info, doc in read(info_path, JURISDICTION):
            if info.id != folder.name:
                problems.append(doc.problem(("id",), f"id 应与文件夹同名：“{folder.name}”",
                                            f"id must be the folder's name: '{folder.name}'"))
            cities[folder.name] = City(info)
        for path in of_kind(files(folder, "*.yaml", root), REGULATION):
            for reg, doc in read(path, REGULATION):
                problems.extend(_check_regulation_place(reg, doc, folder.name, path.stem))
                original, found = _read_original(reg, doc, folder)
                problems.extend(found)
                if original is not None:
                    originals[(reg.city, reg.version)] = original
                if folder.name in cities:
                    regulations.setdefault(folder.name, []).append((reg, doc))
    calendar = []
    for path in of_kind(files(CALENDAR.folder(root), "*.yaml", root), CALENDAR):
        for year, doc in read(path, CALENDAR):
            calendar.append(year)
            problems.extend(_check_calendar_year(year, doc, path.stem))

    # the other folders of content/ hold award cycles, one folder per jurisdiction
    demo = is_demo(root)  # a demo project holds examples only, the real site none (demo.py)
    cycles: dict[str, list[tuple[Cycle, Document]]] = {}  # the city's cycles, each with its document
    for folder in folders(root / "content", root):
        for path in of_kind(files(folder, "*.yaml", root), CYCLE):
            for cycle, doc in read(path, CYCLE):
                if folder.name not in cities:
                    problems.append(doc.problem(("city",), f"没有地区“{folder.name}”：请先建立 city_rules/{folder.name}/",
                                                f"no jurisdiction '{folder.name}': add city_rules/{folder.name}/ first"))
                    continue
                problems.extend(_check_file_place(doc, "content", folder.name, cycle.city, "cycle", cycle.cycle, path.stem))
                problems.extend(_check_fiction(cycle, doc, demo))
                cycles.setdefault(folder.name, []).append((cycle, doc))
    work_calendar = WorkCalendar(calendar)

    known_keys = {d.key for d in dimensions}
    for key, city in cities.items():
        placed = sorted(regulations.get(key, []), key=lambda pair: version_order(pair[0]), reverse=True)
        city.regulations = [reg for reg, _ in placed]
        versions = {r.version for r in city.regulations}
        for reg, doc in placed:
            if reg.supersedes and reg.supersedes not in versions:
                problems.append(doc.problem(("supersedes",), f"找不到被取代的版本“{reg.supersedes}”；现有版本：{', '.join(sorted(versions))}",
                                            f"no version '{reg.supersedes}' to supersede; versions here: {', '.join(sorted(versions))}"))
            problems.extend(_check_facts(reg, doc, known_keys))
        placed_cycles = sorted(cycles.get(key, []), key=lambda pair: _cycle_order(pair[0]))
        city.cycles = [cycle for cycle, _ in placed_cycles]
        problems.extend(_check_cycles(city, placed_cycles, work_calendar))
    if problems:
        raise DataError(problems)
    return Corpus(cities, dimensions, glossary, calendar, sources, originals, demo)


def gather_with_cache(root: Path) -> Corpus:
    """`gather`, with the documents known good from earlier runs (`.awardsite-cache/`),
    which it brings up to date: the commands use this; tests and tools call `gather`.

    Gathering makes about a million objects that live as long as the run, and next to
    no garbage: Python's cycle collector, walking them again and again as they pile up,
    doubles the time (333 cities: 17 s → 8.7 s without it), so it waits until the end."""
    from .cache import Documents

    known = Documents(root)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return gather(root, known)
    finally:  # the files that were good are remembered even when another has a problem
        if collecting:
            gc.enable()
        known.save()


def _records(doc: Document, model, many: bool) -> tuple[list, list[Problem]]:
    """The file's records (one, or a list of them where `many`) and the problems found validating."""
    if not many:
        record, found = validate(doc, model)
        return ([record] if record is not None else []), found
    if not isinstance(doc.data, list):
        return [], [doc.problem((), "应为列表（每项以 - 开头）", "expected a list (entries starting with -)")]
    records, problems = [], []
    for i, entry in enumerate(doc.data):
        record, found = validate(doc, model, entry, (i,))
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


_EARLIEST, _LATEST = dt.date.min, dt.date.max


def version_order(reg: Regulation) -> tuple:
    """Newest first, by the date issued (or effective); a version known without a date goes
    by the year its id begins with ("2016", "2025-draft"), and one with neither by its id,
    after the dated ones, except an undated draft, which is a proposal: first."""
    day = reg.issued or reg.effective
    if day is None and reg.version[:4].isdigit():
        day = dt.date(int(reg.version[:4]), 1, 1)
    if day is None:
        day = _LATEST if reg.draft else _EARLIEST
    return day, reg.version


def _cycle_order(cycle: Cycle) -> tuple:
    """Oldest first: by year (else the first notice's year), then session, first notice, id."""
    first = min((n.published for n in cycle.notices), default=None)
    year = cycle.year or (first.year if first else 0)
    return (year, cycle.session or 0, first or _EARLIEST, cycle.cycle)


def _check_file_place(doc: Document, area: str, folder: str, city: str, id_field: str, id_value: str,
                      stem: str) -> list[Problem]:
    """A record sits in its city's folder (`area/<city>/`) in the file named for its id."""
    out = []
    if city != folder:
        out.append(doc.problem(("city",), f"文件位于 {area}/{folder}/，city 应为“{folder}”，实际为“{city}”",
                               f"the file is in {area}/{folder}/, so city must be '{folder}', not '{city}'"))
    if id_value != stem:
        out.append(doc.problem((id_field,), f"{id_field} 应与文件名相同：“{stem}”", f"{id_field} must match the file name: '{stem}'"))
    return out


def _check_fiction(cycle: Cycle, doc: Document, demo: bool) -> list[Problem]:
    """The public site holds real records only, and the demo project fictional examples only."""
    if cycle.example and not demo:
        return [doc.problem(("example",), f"example: true 表示虚构的示例记录，而公开网站只收录真实记录：示例请放在示例项目 "
                                          f"examples/content/{cycle.city}/ 中（用 make demo 生成示例网站）",
                            f"example: true marks a fictional example, and the public site holds real records only: examples belong "
                            f"in the demo project, examples/content/{cycle.city}/ (built with make demo)")]
    if demo and not cycle.example:
        return [doc.problem(("example",), "示例项目只收录虚构的示例记录：请写 example: true；真实记录请放在 content/ 中",
                            "the demo project holds fictional examples only: write example: true; real records belong in content/")]
    return []


def _check_regulation_place(reg: Regulation, doc: Document, folder: str, stem: str) -> list[Problem]:
    out = _check_file_place(doc, "city_rules", folder, reg.city, "version", reg.version, stem)
    if reg.effective and reg.expires and reg.expires < reg.effective:
        out.append(doc.problem(("expires",), f"失效日期 {reg.expires} 早于施行日期 {reg.effective}",
                               f"expires {reg.expires} is before effective {reg.effective}"))
    if reg.effective and reg.effective_rule:
        out.append(doc.problem(("effective_rule",), "effective 与 effective_rule 只能写一个", "give effective or effective_rule, not both"))
    if reg.expires and reg.expiry_rule:
        out.append(doc.problem(("expiry_rule",), "expires 与 expiry_rule 只能写一个", "give expires or expiry_rule, not both"))
    return out


def _read_original(reg: Regulation, doc: Document, folder: Path) -> tuple[str | None, list[Problem]]:
    """The official text named by `source_file`: a file in the city's own folder (no path
    leading out of it, not a link), in UTF-8, with no control characters a page could
    not show as they are (tabs and line ends are fine)."""
    if reg.source_file is None:
        return None, []
    name, place = reg.source_file, ("source_file",)
    here = f"city_rules/{folder.name}/"
    path = folder / name
    if path.is_symlink():  # not read: gathering reports every link
        return None, []
    if not path.resolve().is_relative_to(folder.resolve()):
        return None, [doc.problem(place, f"原文文件须位于本地区文件夹 {here} 内（写文件名，如“{reg.version}.source.txt”），实际为“{name}”",
                                  f"the source text must be a file in {here} (give its name, e.g. '{reg.version}.source.txt'), not '{name}'")]
    if not path.is_file():  # no "did you mean": the nearest name is usually another version's text
        return None, [doc.problem(place, f"找不到原文文件 {here}{name}：请把官方原文放在该处，或删去 source_file",
                                  f"no file {here}{name}: put the official text there, or remove source_file")]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [doc.problem(place, f"原文文件过大（{size} 字节，上限 {MAX_BYTES} 字节）",
                                  f"the source text is too large ({size} bytes; the limit is {MAX_BYTES})")]
    try:
        text = path.read_bytes().decode("utf-8")  # as bytes: no newline translation, the page shows it as it is
    except UnicodeDecodeError:
        return None, [doc.problem(place, f"原文文件 {here}{name} 不是 UTF-8 编码；请另存为 UTF-8",
                                  f"the source text {here}{name} is not UTF-8; save it as UTF-8")]
    found = NOT_IN_FILE.search(text)  # the one rule every file is read by (load.py)
    if found is not None:
        control = found.group()
        return None, [doc.problem(place, f"原文文件 {here}{name} 含有不可打印的控制字符 U+{ord(control):04X}",
                                  f"the source text {here}{name} contains the control character U+{ord(control):04X}, which cannot be printed")]
    return text, []


def _check_calendar_year(year: CalendarYear, doc: Document, stem: str) -> list[Problem]:
    out = []
    if str(year.year) != stem:
        out.append(doc.problem(("year",), f"year 应与文件名相同：{stem}", f"year must match the file name: {stem}"))
    for name in ("holidays", "workdays"):
        for i, day in enumerate(getattr(year, name)):
            if day.year != year.year:
                out.append(doc.problem((name, i), f"{day} 不在 {year.year} 年内", f"{day} is not in {year.year}"))
    for i, day in enumerate(year.workdays):
        if day.weekday() < 5:
            out.append(doc.problem(("workdays", i), f"{day} 不是周末：调休上班日应为周六或周日",
                                   f"{day} is not a weekend day: a make-up working day falls on a Saturday or Sunday"))
    return out


def _check_facts(reg: Regulation, doc: Document, known_keys: set[str]) -> list[Problem]:
    out = []
    if reg.facts and reg.text is None:
        out.append(doc.problem(("facts",), "没有全文的版本不能编码比较维度", "a version without text cannot carry facts"))
        return out
    for key, fact in reg.facts.items():
        if key not in known_keys:
            guess = difflib.get_close_matches(key, sorted(known_keys), n=1)
            out.append(doc.problem(("facts", key), f"未知的比较维度“{key}”" + (f"；是否应为“{guess[0]}”？" if guess else ""),
                                   f"unknown dimension '{key}'" + (f"; did you mean '{guess[0]}'?" if guess else ""), key=True))
        for i, number in enumerate(fact.params.get("articles", [])):
            if not isinstance(number, int) or find_article(reg.text, number) is None:
                out.append(doc.problem(("facts", key, "params", "articles", i), f"本办法没有第 {number} 条",
                                       f"the regulation has no article {number}"))
        for i, cite in enumerate(fact.cite):
            place = ("facts", key, "cite", i)
            unit = unit_zh(reg.text, cite)
            if unit is None:
                out.append(doc.problem(place, f"所引条款不存在或不唯一：第{cite.article}条"
                                       + (f"第{cite.paragraph}款" if cite.paragraph else "") + (f"第{cite.item}项" if cite.item else ""),
                                       f"cited unit does not exist or is ambiguous: article {cite.article}"
                                       + (f" paragraph {cite.paragraph}" if cite.paragraph else "") + (f" item {cite.item}" if cite.item else "")))
            elif cite.quote is None:
                out.append(doc.problem(place, "缺少 quote：请摘录所引条文中的原文片段", "quote is missing: copy a snippet of the cited text"))
            elif cite.quote not in unit:
                out.append(doc.problem(place + ("quote",), f"引文“{cite.quote}”不在所引条文中", f"the quote '{cite.quote}' does not occur in the cited text"))
    if reg.text is not None:
        missing = sorted(known_keys - set(reg.facts))
        if missing:
            out.append(doc.problem(("facts",), f"缺少比较维度：{', '.join(missing)}（未规定的写 not_specified: true）",
                                   f"dimensions not coded: {', '.join(missing)} (write not_specified: true where the text is silent)"))
    return out


def _check_cycles(city: City, placed: list[tuple[Cycle, Document]], calendar: WorkCalendar) -> list[Problem]:
    """The checks that need all of a city's cycles (`placed`: each with its document):
    references, ids, periods."""
    out = []
    versions = {r.version: r for r in city.regulations}
    winner_ids: dict[str, str] = {}
    for cycle, doc in placed:
        if cycle.regulation is not None and cycle.regulation not in versions:
            out.append(doc.problem(("regulation",), f"找不到办法版本“{cycle.regulation}”；现有版本：{', '.join(sorted(versions))}；未收录时写 null",
                                   f"no regulation version '{cycle.regulation}'; versions here: {', '.join(sorted(versions))}; write null if it is not held"))
        seen: set[str] = set()
        for i, notice in enumerate(cycle.notices):
            out.extend(_check_notice(cycle, notice, doc, ("notices", i), calendar, seen))
            for j, candidate in enumerate(notice.candidates):
                out.extend(_check_english_name(cycle, candidate, doc, ("notices", i, "candidates", j)))
        for i, winner in enumerate(cycle.winners):
            out.extend(_check_english_name(cycle, winner, doc, ("winners", i)))
            out.extend(_check_decision(cycle, winner, doc, ("winners", i)))
            if winner.id in winner_ids:
                out.append(doc.problem(("winners", i, "id"), f"winner id“{winner.id}”重复（已用于 {winner_ids[winner.id]}）；同一单位再次获奖请用新的 id",
                                       f"duplicate winner id '{winner.id}' (already used in {winner_ids[winner.id]}); a second award needs its own id"))
            winner_ids.setdefault(winner.id, doc.rel)
    revoked: dict[str, str] = {}  # winner id → where its revocation is
    for cycle, doc in placed:
        reg = versions.get(cycle.regulation or "")
        for i, revocation in enumerate(cycle.revocations):
            place = ("revocations", i)
            if revocation.winner in revoked:
                out.append(doc.problem(place + ("winner",), f"获奖者“{revocation.winner}”已有撤销决定（{revoked[revocation.winner]}）；一项奖励只能撤销一次，如需修改请编辑那条记录",
                                       f"winner '{revocation.winner}' already has a revocation ({revoked[revocation.winner]}); an award is revoked once: edit that one"))
            revoked.setdefault(revocation.winner, f"{doc.rel}:{doc.where(place)[0]}")
            if revocation.winner not in winner_ids:
                out.append(doc.problem(place + ("winner",), f"找不到获奖者“{revocation.winner}”（本市各届均无此 id）",
                                       f"no winner '{revocation.winner}' in any of the city's cycles"))
            if revocation.source_url is None and not cycle.example:
                out.append(doc.problem(place, "缺少 source_url：真实记录须注明来源", "source_url is missing: a real record needs its source"))
            if reg is None or reg.text is None:
                out.append(doc.problem(place + ("grounds",), "撤销依据须引用本届所依据办法的条款，但本站未收录该办法全文",
                                       "grounds cite the cycle's regulation, but its text is not held here"))
                continue
            for j, ground in enumerate(revocation.grounds):
                if unit_zh(reg.text, ground) is None:
                    out.append(doc.problem(place + ("grounds", j), f"所引条款在 {reg.version} 版中不存在：第{ground.article}条",
                                           f"cited unit does not exist in version {reg.version}: article {ground.article}"))
                elif ground.quote and ground.quote not in unit_zh(reg.text, ground):
                    out.append(doc.problem(place + ("grounds", j, "quote"), f"引文“{ground.quote}”不在所引条文中",
                                           f"the quote '{ground.quote}' does not occur in the cited text"))
    return out


def _check_english_name(cycle: Cycle, awardee, doc: Document, place: tuple) -> list[Problem]:
    """A real winner or candidate is named in English too: an English page never shows a
    Chinese-only name (a translation is marked as unofficial unless en_official says otherwise)."""
    if cycle.example or awardee.name.en is not None:
        return []
    return [doc.problem(place + ("name",), f"缺少英文名称 name.en：真实记录的获奖者与拟奖对象须有英文名称。来源载有该单位自己的英文名称时照录并写"
                                           f" en_official: true；否则写译名（个人写拼音），网站标为非官方译名（{awardee.name.zh}）",
                        f"name.en is missing: a real winner or candidate needs an English name. Copy the organisation's own where a"
                        f" source gives it, with en_official: true; otherwise write a translation (a person's name in pinyin), which"
                        f" the site marks as unofficial ({awardee.name.zh})")]


def _check_decision(cycle: Cycle, winner, doc: Document, place: tuple) -> list[Problem]:
    """A winner exists only through a decision: the cycle's award decision that names it,
    or, for a winner transcribed from a report of a decision this site does not hold,
    the day it was awarded and that report."""
    found = cycle.decisions
    listed = "、".join(found) or "—"
    if winner.decision is not None:
        if winner.decision in found:
            return []
        return [doc.problem(place + ("decision",), f"decision“{winner.decision}”不是本届的表彰决定（kind: award_decision）；本届的表彰决定：{listed}",
                            f"decision '{winner.decision}' is not an award decision of this cycle (kind: award_decision); this cycle's: {listed}")]
    if len(found) > 1:
        return [doc.problem(place, f"本届有多份表彰决定（{listed}）：请用 decision 写明授奖的是哪一份",
                            f"this cycle has several award decisions ({listed}): say which one awarded it, in decision")]
    if found or winner.source_url is not None:
        return []
    return [doc.problem(place, "获奖者只由表彰决定产生：请在本届加入表彰决定（kind: award_decision）；本站未收录决定、转录自报道时，写明该报道"
                               "（source_url）及其所载授奖日期（decided）。拟奖名单请写在拟奖名单公示（proposed_winners）的 candidates 中",
                        "a winner exists only through a decision: add the cycle's award decision (kind: award_decision); for a winner transcribed"
                        " from a report of a decision not held here, give the report (source_url) and the day awarded if it says (decided)."
                        " Proposed winners go in the candidates of the proposed_winners notice")]


def _check_notice(cycle: Cycle, notice, doc: Document, place: tuple, calendar: WorkCalendar, seen: set[str]) -> list[Problem]:
    out = []
    if notice.id in seen:
        out.append(doc.problem(place + ("id",), f"通知 id“{notice.id}”在本届中重复", f"duplicate notice id '{notice.id}' in this cycle"))
    seen.add(notice.id)
    if notice.source_url is None and not cycle.example:
        out.append(doc.problem(place, "缺少 source_url：真实记录须注明来源", "source_url is missing: a real record needs its source"))
    kind = NOTICE_KINDS[notice.kind]
    if kind.takes_objections and cycle.example and notice.objection is None:
        out.append(doc.problem(place, "公示须写明异议受理方式（objection）", "a publicity notice needs its objection contact (objection)"))
    for name in ("end", "deadline"):
        day = getattr(notice, name)
        if day is not None and day < notice.published:
            out.append(doc.problem(place + (name,), f"{name} {day} 早于发布日期 {notice.published}",
                                   f"{name} {day} is before the publication date {notice.published}"))
            return out
    if notice.end is not None and notice.working_days is not None:
        counted = counted_end(notice, calendar)
        if counted != notice.end:
            out.append(doc.problem(place + ("end",),
                                   f"end 为 {notice.end}，但自 {notice.published} 起 {notice.working_days} 个工作日截至 {counted}；请核对其一",
                                   f"end is {notice.end}, but {notice.working_days} working days from {notice.published} end on {counted}; correct one of them"))
    return out
