"""Plain data → typed records, with every schema error located and said twice.

pydantic finds what is wrong; this module says it the way a clerk needs it:
`file:line:column: field: 中文说明 | English explanation`, with what would be valid
and, for a near-miss field name, the name that was probably meant.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .load import Document

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
        current = _inner_model(field.annotation) if field else None
    return list(getattr(current, "model_fields", {}) or [])


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _problem(doc: Document, model: type[BaseModel], place: tuple, err: dict) -> Problem:
    loc = tuple(part for part in err["loc"] if not (isinstance(part, str) and part[:1].isupper()))
    full = place + loc
    kind, received, ctx = err["type"], err.get("input"), err.get("ctx") or {}
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
        return doc.problem(full, f"应为日期，格式 YYYY-MM-DD（如 2025-10-09），实际为 {shown(received)}",
                           f"expected a date as YYYY-MM-DD (e.g. 2025-10-09) but received {shown(received)}")
    if kind in ("int_type", "int_parsing", "int_from_float"):
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
    if kind == "string_pattern_mismatch":
        return doc.problem(full, f"格式不符（应匹配 {ctx.get('pattern')}），实际为 {shown(received)}",
                           f"wrong format (must match {ctx.get('pattern')}) but received {shown(received)}")
    if kind in ("greater_than_equal", "less_than_equal", "too_short", "too_long", "string_too_short"):
        return doc.problem(full, f"取值不符合要求：{err['msg']}，实际为 {shown(received)}", f"{err['msg']}, but received {shown(received)}")
    if kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
        en, _, zh = message.partition(" / ")
        return doc.problem(full, zh or en, en)
    return doc.problem(full, f"值无效：{err['msg']}，实际为 {shown(received)}", f"{err['msg']}, but received {shown(received)}")
