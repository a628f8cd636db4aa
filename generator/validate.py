"""Plain data → typed records, with every schema error located and said twice.

pydantic finds what is wrong; this module says it the way a clerk needs it:
`file:line:column: field: 中文说明 | English explanation`, with what would be valid
and, for a near-miss field name, the name that was probably meant.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .fieldtypes import record_type, words
from .load import Document
from .model import ONE_LINE
from .words import Invalid

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M], data: Any = None, place: tuple = ()) -> tuple[M | None, list[Problem]]:
    """Validate `data` (default: the whole document) as `model`."""
    data = doc.data if data is None else data
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(doc, model, place, err) for err in exc.errors(include_url=False)]


def shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at `loc` (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = record_type(field.annotation) if field else None
    return list(getattr(current, "model_fields", {}) or [])


def _words_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The words a field at `loc` takes besides its other values (its Literal strings)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = record_type(field.annotation) if field else None
    field = getattr(current, "model_fields", {}).get(loc[-1]) if loc and isinstance(loc[-1], str) else None
    return words(field.annotation) if field else []


def _data_path(data, loc: tuple) -> tuple:
    """`loc` as keys and indexes of the data: pydantic's own parts (a union member's type,
    such as 'Label', 'int' or "literal['unknown']") left out, a key the data holds kept
    whatever it is ('Title' at the top of a file), a missing field's name kept."""
    out, here = [], data
    for part in loc:
        if isinstance(here, dict) and part in here:
            here = here[part]
        elif isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here):
            here = here[part]
        elif isinstance(part, str) and (part[:1].isupper() or "[" in part or not isinstance(here, dict)):
            continue
        out.append(part)
    return tuple(out)


def _problem(doc: Document, model: type[BaseModel], place: tuple, err: dict) -> Problem:
    record = doc.data
    for part in place:
        record = record[part] if isinstance(record, (dict, list)) else None
    loc = _data_path(record, tuple(err["loc"]))
    full = place + loc
    kind, received, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    written = doc.written.get(full)
    if written is not None and kind in ("string_type", "string_sub_type"):
        return _unquoted(doc, full, written, received)
    if isinstance(received, str) and _FULL_WIDTH.search(received) and (
            kind.startswith(("date", "int")) or kind in ("string_pattern_mismatch", "is_instance_of")):
        half = received.translate(_TO_HALF_WIDTH)
        return doc.problem(full, f"含有全角字符：{shown(received)}；请改用半角数字与符号，如 {shown(half)}",
                           f"{shown(received)} has full-width characters; use half-width digits and signs: {shown(half)}")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint_zh = f"；是否应为“{guess[0]}”？" if guess else f"；可用字段：{', '.join(allowed)}"
        hint_en = f"; did you mean '{guess[0]}'?" if guess else f"; valid fields: {', '.join(allowed)}"
        return doc.problem(full, f"未知字段“{name}”{hint_zh}", f"unknown field '{name}'{hint_en}", key=True)
    if kind == "missing":
        return doc.problem(full[:-1], f"缺少必填字段“{loc[-1]}”", f"required field '{loc[-1]}' is missing")
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        guess = difflib.get_close_matches(str(received), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")], n=1)
        hint_zh = f"；是否应为“{guess[0]}”？" if guess else ""
        hint_en = f"; did you mean '{guess[0]}'?" if guess else ""
        return doc.problem(full, f"应为以下之一：{expected}，实际为 {shown(received)}{hint_zh}",
                           f"expected one of {expected} but received {shown(received)}{hint_en}")
    if kind.startswith("date") or (kind == "is_instance_of" and "date" in err["msg"]):
        if isinstance(received, dt.datetime):
            return doc.problem(full, f"应为日期（YYYY-MM-DD），不要写时间：{received}",
                               f"expected a date (YYYY-MM-DD) without a time, but received {received}")
        if isinstance(received, str) and (m := _LOOSE_DATE.match(received.strip())):
            year, month, day = (int(g) for g in m.groups())
            suggestion = f"{year:04d}-{month:02d}-{day:02d}"
            return doc.problem(full, f"日期须写作 YYYY-MM-DD（月、日各两位），实际为 {shown(received)}；是否应为 {suggestion}？",
                               f"write dates as YYYY-MM-DD with two-digit month and day, not {shown(received)}; did you mean {suggestion}?")
        return doc.problem(full, f"应为日期，格式 YYYY-MM-DD（如 2025-10-09），实际为 {shown(received)}",
                           f"expected a date as YYYY-MM-DD (e.g. 2025-10-09) but received {shown(received)}")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        words = _words_at(model, loc)  # a count that may also be a word: working_days: unknown
        if words:
            guess = difflib.get_close_matches(str(received), words, n=1)
            hint_zh = f"；是否应为“{guess[0]}”？" if guess else ""
            hint_en = f"; did you mean '{guess[0]}'?" if guess else ""
            return doc.problem(full, f"应为整数或 {' 或 '.join(words)}，实际为 {shown(received)}{hint_zh}",
                               f"expected a whole number or {' or '.join(words)} but received {shown(received)}{hint_en}")
        return doc.problem(full, f"应为整数，实际为 {shown(received)}", f"expected a whole number but received {shown(received)}")
    if kind in ("string_type", "string_sub_type"):
        hint_zh = "（YAML 会把 yes/no/on/off 读成真假值，把 0123 读成数字：请加引号）" if isinstance(received, (bool, int, float)) else ""
        hint_en = " (YAML reads yes/no/on/off as true/false and 0123 as a number: put the value in quotes)" if hint_zh else ""
        return doc.problem(full, f"应为文字，实际为 {shown(received)}{hint_zh}",
                           f"expected text but received {shown(received)}{hint_en}")
    if kind == "bool_type":
        return doc.problem(full, f"应为 true 或 false，实际为 {shown(received)}", f"expected true or false but received {shown(received)}")
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        want_zh, want_en = ("列表（每行以 - 开头）", "a list (lines starting with -)") if kind == "list_type" else ("字段映射（键: 值）", "a mapping (key: value)")
        return doc.problem(full, f"应为{want_zh}，实际为 {shown(received)}", f"expected {want_en} but received {shown(received)}")
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^[a-z0-9][a-z0-9-]"):
        return doc.problem(full, f"标识只能由小写英文字母 a–z、数字和连字符 - 组成（不能有 /、.. 或空格），实际为 {shown(received)}",
                           f"an id may hold only lower-case letters a-z, digits and '-' (no '/', '..' or spaces), but received {shown(received)}")
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^https?://"):
        return doc.problem(full, f"网址须以 http:// 或 https:// 开头；主机名只能由英文字母、数字、点和连字符组成，不能含 @"
                           f"（中文域名请写作 xn-- 形式）；其余部分不含空格、引号、<>、括号（请用 %20 等编码），实际为 {shown(received)}",
                           f"a URL must start with http:// or https://; its host may hold only ASCII letters, digits, dots and hyphens, and no @"
                           f" (write an internationalised domain in its xn-- form); the rest holds no spaces, quotes, <>, or brackets"
                           f" (percent-encode them, e.g. %20), but received {shown(received)}")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ONE_LINE:
        return doc.problem(full, f"此项只能写一行（名称、标题、文号等不能换行），实际为 {shown(received)}",
                           f"this is one line (a name, title or document number has no line breaks), but received {shown(received)}")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return doc.problem(full, f"文字过长（{len(received)} 个字符，上限 {limit}）", f"text too long ({len(received)} characters; the limit is {limit})")
    if kind == "string_pattern_mismatch":
        return doc.problem(full, f"格式不符（应匹配 {ctx.get('pattern')}），实际为 {shown(received)}",
                           f"wrong format (must match {ctx.get('pattern')}) but received {shown(received)}")
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = ctx.get("ge", ctx.get("le"))
        limit, got = (str(v) if isinstance(v, dt.date) else v for v in (limit, received))
        if kind == "greater_than_equal":
            return doc.problem(full, f"应不小于 {limit}，实际为 {got}", f"must be at least {limit}, but received {got}")
        return doc.problem(full, f"应不大于 {limit}，实际为 {got}", f"must be at most {limit}, but received {got}")
    if kind in ("too_short", "too_long", "string_too_short"):
        return doc.problem(full, f"取值不符合要求：{err['msg']}，实际为 {shown(received)}", f"{err['msg']}, but received {shown(received)}")
    if kind == "value_error" and isinstance(ctx.get("error"), Invalid):  # a record's own check (model.py), in both languages
        said = ctx["error"].words
        return doc.problem(full, said.zh, said.en)
    if kind == "value_error":  # a library's ValueError: its one text, in both places
        message = str(ctx.get("error", err["msg"]))
        return doc.problem(full, message, message)
    return doc.problem(full, f"值无效：{err['msg']}，实际为 {shown(received)}", f"{err['msg']}, but received {shown(received)}")


# Full-width digits and signs, as a Chinese input method types them: ２０２５－０１－０５
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff0d\uff0f\uff1a\uff0e]")
_TO_HALF_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF0D: "-", 0xFF0F: "/", 0xFF1A: ":", 0xFF0E: "."}
_LOOSE_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def _unquoted(doc: Document, place: tuple, written: str, received: Any) -> Problem:
    """A value written without quotes that YAML 1.1 read as something else: say so, and say to quote it."""
    return doc.problem(place, f"应为文字，但 {written} 未加引号，YAML 把它读成了 {shown(received)}；请写作 \"{written}\"",
                       f"expected text, but YAML reads the unquoted {written} as {shown(received)}; write it in quotes: \"{written}\"")
