"""`awardsite new`: commented skeletons an office fills in, written where they belong.

`new cycle` writes `content/<city>/<cycle>.yaml`; `new notice` and `new revocation`
add an entry to an existing cycle file, keeping everything else in it (comments
included) and leaving it in the canonical layout. The cycle files are read as `check`
reads them: one that cannot be used gets check's located messages (exit 1), and nothing
is written. A city, a winner or a revocation given wrongly on the command line is
refused (exit 2) with what was probably meant: `--city 信阳` → xinyang, a winner's name →
its id, a winner already revoked → where. The skeletons (`skeletons/*.yaml`)
are valid as written, dated `today`, with every value the office must supply set to
the placeholder "待填写" / "to fill in": `check` reports each one that is left as
"still a placeholder" (placeholders.py), so nothing half-filled is published. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from string import Template

import yaml
from ruamel.yaml.error import YAMLError

from .canonical import canonical_text, round_trip_problem
from .errors import DataError, UsageError
from .filekinds import CYCLE, JURISDICTION, REGULATION, kind_of
from .links import files, folders
from .load import Document, load_file, relative
from .model import NOTICE_KINDS, Cycle, Fact, Name, Regulation
from .placeholders import PLACEHOLDER_ZH
from .urls import is_demo
from .validate import validate

PLACEHOLDER_URL = f"https://to-fill-in.example/{PLACEHOLDER_ZH}"
SKELETONS = Path(__file__).parent / "skeletons"


# ---------------------------------------------------------------- the commands

def new_cycle(root: Path, city: str, cycle_id: str, today: dt.date) -> tuple[Path, int]:
    """Write the skeleton of a new cycle file. Returns its path and the line to start at."""
    _known_city(root, city)
    _valid_cycle_id(cycle_id)
    path = CYCLE.at(root, city=city, cycle=cycle_id)
    if path.exists():
        raise UsageError(f"{_rel(root, path)} 已存在，不会覆盖；添加通知请用 awardsite new notice",
                         f"{_rel(root, path)} already exists and will not be overwritten; add a notice with awardsite new notice")
    year = int(cycle_id[-4:]) if re.search(r"(^|-)(19|20)\d\d$", cycle_id) else today.year
    regulation = _current_regulation(root, city, today)
    example = "example: true  # 示例数据，不是真实记录 / example data, not a real record" if is_demo(root) else ""  # the demo's cycles only
    text = _fill("cycle.yaml", city=city, cycle_id=_scalar(cycle_id), year=year,
                 regulation=_scalar(regulation) + "  # 所依据的办法版本 / the regulation version it runs under"
                 if regulation else "null  # 本站未收录所依据的办法 / the regulation is not held here", example=example)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(canonical_text(text, CYCLE), encoding="utf-8")
    return path, _line_of(path.read_text(encoding="utf-8"), "title:")


def new_notice(root: Path, city: str, cycle_id: str, kind: str, today: dt.date, notice_id: str | None = None) -> tuple[Path, int]:
    """Add a notice skeleton to a cycle file. Returns the file and the line the notice starts at."""
    path, _, cycle = _cycle_file(root, city, cycle_id)
    if kind not in NOTICE_KINDS:
        guess = difflib.get_close_matches(kind, list(NOTICE_KINDS), n=1)
        raise UsageError(f"未知的通知类别“{kind}”" + (f"；是否应为“{guess[0]}”？" if guess else "") + f"；可用：{', '.join(NOTICE_KINDS)}",
                         f"unknown notice kind '{kind}'" + (f"; did you mean '{guess[0]}'?" if guess else "") + f"; valid: {', '.join(NOTICE_KINDS)}")
    taken = {n.id for n in cycle.notices}
    if notice_id is None:  # the kind as an id: proposed-winners, else proposed-winners-2, -3, …
        base = kind.replace("_", "-")
        candidates = [base] + [f"{base}-{n}" for n in range(2, len(taken) + 3)]
        notice_id = next(c for c in candidates if c not in taken)
    elif not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", notice_id):
        raise UsageError(f"通知标识“{notice_id}”格式不符：只用小写英文字母、数字和连字符，如 proposed-winners",
                         f"notice id '{notice_id}' is not valid: lower-case letters, digits and hyphens only, e.g. proposed-winners")
    elif notice_id in taken:
        raise UsageError(f"本届已有 id 为“{notice_id}”的通知", f"the cycle already has a notice with id '{notice_id}'")
    info = NOTICE_KINDS[kind]
    example = cycle.example
    if info.period == "deadline":
        period = f"deadline: {today + dt.timedelta(days=30)}  # 申报截止日期，请核对 / submission deadline: check it"
    elif info.period == "publicity":
        days = _fact_param(root, city, cycle.regulation, info.dimension, "working_days") or 5
        period = (f"working_days: {days}  # 公示期（工作日），发布日为第 1 日；截止日由程序计算 /"
                  " publicity period in working days, the publication day is day 1; the end is computed")
    else:
        period = "body:\n  zh: 待填写\n  en: to fill in"
    objection = ("objection:  # 异议受理方式 / how to object\n"
                 "  office:\n    zh: 待填写\n    en: to fill in\n"
                 "  phone: 待填写\n  email: 待填写\n"
                 "  how:\n    zh: 待填写\n    en: to fill in") if info.takes_objections else ""
    candidates = ("candidates:  # 拟奖名单，每个拟奖对象一项；拟奖对象不是获奖者 / the proposed winners, one entry each; a candidate is not a winner\n"
                  "- id: candidate-1  # 获奖后沿用的标识 / the id it keeps if it is awarded\n"
                  "  name:\n    zh: 待填写\n"
                  "  kind: organisation  # 个人写 individual / individual for a person\n"
                  "  award: award  # 提名奖写 nomination / nomination for the nomination award") if info.lists_candidates else ""
    item = _fill("notice.yaml", id=notice_id, kind=kind, kind_zh=info.zh, kind_en=info.en, today=today,
                 source_url=_source_url(example), period=period, objection=objection, candidates=candidates)
    added = _add(root, path, "notices", item, notice_id)
    if info.decides == "winners":  # the decision names the winners: the candidates still on the list, to check against it
        for candidate in _standing_candidates(cycle):
            en = f"\n  en: {_scalar(candidate.name.en)}" if candidate.name.en else ""
            _add(root, path, "winners", _fill("winner.yaml", notice=notice_id, id=candidate.id, zh=_scalar(candidate.name.zh),
                                              en=en, kind=candidate.kind, award=candidate.award), candidate.id)
    return added


def _standing_candidates(cycle: Cycle) -> list:
    """The cycle's proposed winners not withdrawn and not yet among its winners."""
    awarded = {w.id for w in cycle.winners}
    return [c for n in cycle.notices for c in n.candidates if c.withdrawn is None and c.id not in awarded]


def new_revocation(root: Path, city: str, cycle_id: str, winner: str, today: dt.date) -> tuple[Path, int]:
    """Add a revocation skeleton to a cycle file. Returns the file and the line it starts at."""
    path, here, cycle = _cycle_file(root, city, cycle_id)
    winners, revoked = {}, {}
    for other in _cycle_files(root, city):  # every cycle of the city, as check reads them
        doc, record = (here, cycle) if other == path else _load_cycle(root, other)
        winners.update((w.id, w) for w in record.winners)
        revoked.update((r.winner, (doc, i)) for i, r in enumerate(record.revocations) if r.winner not in revoked)
    if winner not in winners:
        raise _unknown_winner(winner, winners)
    if winner in revoked:
        doc, i = revoked[winner]
        line, column = doc.where(("revocations", i))
        raise UsageError(f"{doc.rel}:{line}:{column}: revocations[{i}]: 获奖者“{winner}”已有撤销决定；同一获奖者不再添加；如需修改，请编辑这条记录",
                         f"winner '{winner}' already has a revocation; not adding another; to change it, edit this one")
    dimension = "revocation_grounds_individual" if winners[winner].kind == "individual" else "revocation_grounds_organisation"
    # the regulation's first listed ground, as precisely as the regulation lists it (art. 33(1), art. 22)
    fact = _fact(root, city, cycle.regulation, dimension)
    first = fact.cite[0] if fact is not None and fact.cite else None
    article = (f"{first.article}  # 办法所列的第一项撤销情形；请改为撤销决定所依据的条款 /"
               " the first ground the regulation lists: change it to the one the decision relies on") if first else 1
    finer = "\n".join(f"  {key}: {getattr(first, key)}" for key in ("paragraph", "item") if first and getattr(first, key) is not None)
    item = _fill("revocation.yaml", winner=winner, today=today, article=article, finer=finer, source_url=_source_url(cycle.example))
    return _add(root, path, "revocations", item, winner)


# ---------------------------------------------------------------- helpers

def _fill(name: str, **values) -> str:
    text = Template((SKELETONS / name).read_text(encoding="utf-8")).substitute(**values)
    return "\n".join(line for line in text.split("\n") if line.strip()) + "\n"


def _scalar(text: str) -> str:
    """A string as YAML must write it: quoted when it would read as something else."""
    return yaml.safe_dump(text, allow_unicode=True).removesuffix("\n...\n").strip()


def _source_url(example: bool) -> str:
    if example:
        return ""  # an example cycle may omit it
    return f"source_url: {PLACEHOLDER_URL}  # 官方网页地址 / the official web address"


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _read(path: Path, root: Path):
    """The plain data of a YAML file, or None where it cannot be read (`check` says why)."""
    doc, _ = load_file(path, root)
    return doc.data if doc is not None else None


KNOWN_LISTED = 12  # an unknown --city lists the ids up to this many; past it, where they are


def _known_city(root: Path, city: str) -> None:
    names = _city_names(root)
    if city in names:
        return
    guess = _near_city(city, names)
    if guess is not None:
        zh, en = names[guess]
        raise UsageError(f"未知地区“{city}”；是否应为“{guess}”（{zh}）？--city 须写地区标识（city_rules/ 下的文件夹名）",
                         f"unknown city '{city}'; did you mean '{guess}' ({en})? --city takes the city's id (its folder in city_rules/)")
    # the ids themselves where they are few; the folder that lists them where they are many
    known = ", ".join(names) if len(names) <= KNOWN_LISTED else None
    known_zh = f"已有：{known}" if known else f"地区标识即 city_rules/ 下的文件夹名（共 {len(names)} 个）"
    known_en = f"known: {known}" if known else f"the ids are the folders of city_rules/ ({len(names)} of them)"
    raise UsageError(f"未知地区“{city}”；{known_zh}（新的地区请先建立 city_rules/{city}/jurisdiction.yaml）",
                     f"unknown city '{city}'; {known_en} (add city_rules/{city}/jurisdiction.yaml first)")


def _city_names(root: Path) -> dict[str, tuple[str, str]]:
    """Each city's id (its folder in city_rules/) and its names (zh, en), the id where a name cannot be read."""
    out = {}
    for folder in folders(root / "city_rules", root):  # as check finds them: no link
        path, city = JURISDICTION.at(root, id=folder.name), folder.name
        if not path.is_file() or path.is_symlink():
            continue
        data = _read(path, root)
        name = data.get("name") if isinstance(data, dict) else None
        name = name if isinstance(name, dict) else {}
        out[city] = tuple(value if isinstance(value := name.get(lang), str) and value.strip() else city for lang in ("zh", "en"))
    return out


def _near_city(city: str, names: dict[str, tuple[str, str]]) -> str | None:
    """The city meant by `city`: its id in any case, its Chinese name with or without 市,
    its English name, or a near miss of one of these; None when nothing is near."""
    spellings = {}
    for key, (zh, en) in names.items():
        for spelling in (key, en, zh, zh.removesuffix("市")):
            spellings.setdefault(spelling.strip().casefold(), key)
    typed = city.strip().casefold()
    if typed in spellings:
        return spellings[typed]
    near = difflib.get_close_matches(typed, list(spellings), n=1)
    return spellings[near[0]] if near else None


def _unknown_winner(winner: str, winners: dict) -> UsageError:
    """The refusal of a `--winner` that is no winner's id, with the id that was probably meant:
    the id of the winner of that name, or a near miss of an id or a name."""
    typed = winner.strip().casefold()
    named = sorted(key for key, w in winners.items() if typed in _spellings(w.name))
    if len(named) == 1:
        return UsageError(f"“{winner}”是获奖者 {named[0]} 的名称；请写 --winner {named[0]}",
                          f"'{winner}' is the name of winner {named[0]}; write --winner {named[0]}")
    if named:
        return UsageError(f"“{winner}”是获奖者 {'、'.join(named)} 的名称；请写 --winner 及其中要撤销的一个",
                          f"'{winner}' is the name of winners {', '.join(named)}; write --winner and the one to revoke")
    spellings = {}
    for key in sorted(winners):
        for spelling in (key.casefold(), *_spellings(winners[key].name)):
            spellings.setdefault(spelling, key)
    near = difflib.get_close_matches(typed, list(spellings), n=1)
    if near:
        guess = spellings[near[0]]
        name = winners[guess].name.zh
        return UsageError(f"本市各届没有获奖者“{winner}”；是否应为“{guess}”（{name}）？",
                          f"no winner '{winner}' in the city's cycles; did you mean '{guess}' ({name})?")
    known = ", ".join(sorted(winners))
    return UsageError(f"本市各届没有获奖者“{winner}”；现有：{known or '无'}",
                      f"no winner '{winner}' in the city's cycles; known: {known or 'none'}")


def _spellings(name: Name) -> set[str]:
    return {text.strip().casefold() for text in (name.zh, name.en) if text}


def _valid_cycle_id(cycle_id: str) -> None:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,31}", cycle_id):
        raise UsageError(f"届次标识“{cycle_id}”格式不符：只用小写英文字母、数字和连字符，如 2027 或 example-2027",
                         f"cycle id '{cycle_id}' is not valid: lower-case letters, digits and hyphens only, e.g. 2027 or example-2027")


def _cycle_file(root: Path, city: str, cycle_id: str) -> tuple[Path, Document, Cycle]:
    """The cycle file `new` adds to, read as check reads it."""
    _known_city(root, city)
    _valid_cycle_id(cycle_id)  # before it makes a path: not '../wuhan/4' nor '/etc/x'
    path = CYCLE.at(root, city=city, cycle=cycle_id)
    if not path.is_file() or path.is_symlink():
        known = sorted(p.stem for p in _cycle_files(root, city))
        raise UsageError(f"没有届次文件 {_rel(root, path)}；已有：{', '.join(known) or '无'}；新的一届请用 awardsite new cycle",
                         f"no cycle file {_rel(root, path)}; known: {', '.join(known) or 'none'}; start a new cycle with awardsite new cycle")
    return path, *_load_cycle(root, path)


def _load_cycle(root: Path, path: Path) -> tuple[Document, Cycle]:
    """A cycle file loaded and validated as `check` does it (placeholders allowed: a skeleton
    is filled in later). A file that cannot be used raises DataError with check's messages."""
    doc, problems = load_file(path, root)
    record = None
    if doc is not None:
        record, problems = validate(doc, Cycle)
    if problems:
        raise DataError(problems)
    return doc, record


def _cycle_files(root: Path, city: str) -> list[Path]:
    """The city's cycle files, as check finds them: no link."""
    return [path for path in files(CYCLE.folder(root, city=city), "*.yaml", root) if kind_of(relative(path, root)) is CYCLE]


def _regulations(root: Path, city: str) -> dict[str, Regulation]:
    """The city's regulation versions that load and validate, by version: one with problems
    is `check`'s to report, not `new`'s, and is passed over."""
    out = {}
    for path in files(REGULATION.folder(root, city=city), "*.yaml", root):
        if kind_of(relative(path, root)) is not REGULATION:
            continue
        doc, _ = load_file(path, root)
        reg, _ = validate(doc, Regulation) if doc is not None else (None, [])
        if reg is not None:
            out[reg.version] = reg
    return out


def _current_regulation(root: Path, city: str, today: dt.date) -> str | None:
    """The version a cycle begun `today` runs under, by the rule of the regulation pages (`derive`)."""
    from .derive import standing_version  # not at the top: derive reads the corpus of collect, which imports this module

    reg = standing_version(list(_regulations(root, city).values()), today)
    return reg.version if reg is not None else None


def _fact(root: Path, city: str, version, dimension: str | None) -> Fact | None:
    """A regulation's coded fact; None where it is missing or says the regulation is silent."""
    reg = _regulations(root, city).get(version) if version is not None and dimension else None
    fact = reg.facts.get(dimension) if reg is not None else None
    return fact if fact is not None and not fact.not_specified else None


def _fact_param(root: Path, city: str, version, dimension: str | None, name: str):
    fact = _fact(root, city, version, dimension)
    value = fact.params.get(name) if fact is not None else None
    return value if type(value) is int else None  # not a bool


def _add(root: Path, path: Path, key: str, item: str, label: str) -> tuple[Path, int]:
    """Append `item` to the list under top-level `key`, keeping the rest of the file."""
    try:
        text = canonical_text(path.read_text(encoding="utf-8"), CYCLE, block=key)
    except YAMLError as exc:  # read by check's parser, refused by the round trip's
        raise DataError([round_trip_problem(_rel(root, path), exc)]) from None
    lines = text.rstrip("\n").split("\n")
    entry = []
    for line in item.rstrip("\n").split("\n"):
        if line.startswith("#"):
            entry.append(line)
        elif not any(not e.startswith("#") for e in entry):
            entry.append("- " + line)
        else:
            entry.append("  " + line)
    fields = list(Cycle.model_fields)
    at = next((i for i, line in enumerate(lines) if re.match(rf"{key}:(\s|$)", line)), None)
    if at is not None:
        lines[at] = re.sub(r"^(\w+:)\s*\[\]", r"\1", lines[at])  # an empty list, `key: []`, opens the block
        end = next((i for i in range(at + 1, len(lines)) if re.match(r"[A-Za-z_]", lines[i])), len(lines))
        while end > at + 1 and lines[end - 1].startswith("#"):
            end -= 1
    else:
        later = fields[fields.index(key) + 1:]
        end = next((i for i, line in enumerate(lines) if re.match(r"([a-z_]+):", line) and line.split(":")[0] in later), len(lines))
        while end > 0 and lines[end - 1].startswith("#"):
            end -= 1
        entry.insert(0, f"{key}:")
    lines[end:end] = entry
    result = canonical_text("\n".join(lines) + "\n", CYCLE)
    path.write_text(result, encoding="utf-8")
    marker = next(e for e in entry if e.startswith("- "))
    return path, _line_of(result, marker, after=end)


def _line_of(text: str, start: str, after: int = 0) -> int:
    lines = text.split("\n")
    return next((i + 1 for i in range(after, len(lines)) if lines[i].startswith(start)), 1)
