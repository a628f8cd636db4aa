"""Stage 2, model: the record types, each field with a sentence in both languages.

These classes are the schema. `awardsite schema` exports them as JSON Schema, and
the descriptions below are what an editor shows the clerk while typing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator


def doc(zh: str, en: str) -> str:
    return f"{zh} / {en}"


Date = Annotated[dt.date, Field(strict=True)]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Record):
    zh: StrictStr = Field(min_length=1, description=doc("中文", "Chinese"))
    en: StrictStr = Field(min_length=1, description=doc("英文", "English"))


# ---------------------------------------------------------------- jurisdictions

class Jurisdiction(Record):
    """A city (or province, or the nation) that runs a quality award."""

    id: Slug = Field(description=doc("标识，与文件夹同名，小写英文", "identifier, the folder's name, lower-case ASCII"))
    level: Literal["prefecture", "province", "national", "district"] = Field(
        description=doc("行政级别", "administrative level"))
    name: Bilingual = Field(description=doc("名称", "name"))
    province: Bilingual | None = Field(None, description=doc("所属省份", "province it belongs to"))
    award: Bilingual = Field(description=doc("奖项名称", "the award's name"))


# ---------------------------------------------------------------- regulations

class Item(Record):
    number: StrictInt = Field(ge=1, description=doc("项号（（三）→ 3）", "item number ((三) → 3)"))
    label: StrictStr = Field(description=doc("项号原文，如“（一）”", "the label as printed, e.g. （一）"))
    zh: StrictStr = Field(description=doc("中文原文（逐字）", "Chinese text, verbatim"))
    en: StrictStr = Field(min_length=1, description=doc("英文译文（非官方）", "English translation (unofficial)"))


class Paragraph(Record):
    zh: StrictStr = Field(description=doc("中文原文（逐字）", "Chinese text, verbatim"))
    en: StrictStr = Field(min_length=1, description=doc("英文译文（非官方）", "English translation (unofficial)"))
    items: list[Item] = Field(default_factory=list, description=doc("本款所列各项", "the items of this paragraph"))


class Article(Record):
    number: StrictInt = Field(ge=1, description=doc("条号（第十二条 → 12）", "article number (第十二条 → 12)"))
    label: StrictStr = Field(description=doc("条号原文，如“第十二条”", "the label as printed, e.g. 第十二条"))
    paragraphs: list[Paragraph] = Field(min_length=1, description=doc("各款", "paragraphs"))


class Chapter(Record):
    number: StrictInt = Field(ge=1, description=doc("章号（按原文）", "chapter number, as printed"))
    label: StrictStr = Field(description=doc("章号原文，如“第一章”", "the label as printed, e.g. 第一章"))
    title: Bilingual = Field(description=doc("章名", "chapter title"))
    articles: list[Article] = Field(min_length=1, description=doc("各条", "articles"))


class Place(Record):
    """A unit of a regulation's text: an article, and optionally a paragraph and item."""

    article: StrictInt = Field(ge=1, description=doc("条", "article"))
    paragraph: StrictInt | None = Field(None, ge=1, description=doc("款（从 1 起）", "paragraph (from 1)"))
    item: StrictInt | None = Field(None, ge=1, description=doc("项", "item"))


class NotePlace(Record):
    """Where a note applies: a chapter, or an article (and its paragraph or item)."""

    chapter: StrictInt | None = Field(None, ge=1, description=doc("章", "chapter"))
    article: StrictInt | None = Field(None, ge=1, description=doc("条", "article"))
    paragraph: StrictInt | None = Field(None, ge=1, description=doc("款（从 1 起）", "paragraph (from 1)"))
    item: StrictInt | None = Field(None, ge=1, description=doc("项", "item"))


class Note(Record):
    where: NotePlace = Field(description=doc("所注之处", "the place the note is about"))
    zh: StrictStr = Field(description=doc("中文说明", "note in Chinese"))
    en: StrictStr = Field(description=doc("英文说明", "note in English"))


class RegulationText(Record):
    front_matter: list[Bilingual] = Field(
        default_factory=list, description=doc("办法标题之前的全部内容（印发通知等）", "everything before the measures' title"))
    heading: list[Bilingual] = Field(min_length=1, description=doc("办法标题各行", "the measures' title lines"))
    chapters: list[Chapter] = Field(min_length=1, description=doc("各章（按原文顺序）", "chapters, in printed order"))
    back_matter: list[Bilingual] = Field(
        default_factory=list, description=doc("正文之后的内容（如印发日期）", "anything printed after the last article"))
    notes: list[Note] = Field(default_factory=list, description=doc("原文特殊之处的说明", "notes on quirks of the original"))


class Citation(Place):
    quote: StrictStr | None = Field(None, min_length=1, description=doc(
        "被引用文字的原文片段，须出现在该条（款、项）中", "a verbatim snippet that occurs in the cited unit"))


class Fact(Record):
    """One comparison dimension as one regulation answers it."""

    not_specified: StrictBool = Field(False, description=doc("本办法未作规定", "the regulation does not address it"))
    value: Bilingual | None = Field(None, description=doc("规定内容", "what the regulation says"))
    params: dict[str, Any] = Field(default_factory=dict, description=doc(
        "供核查使用的数值（见 dimensions.yaml）", "machine-readable values for the checks (see dimensions.yaml)"))
    cite: list[Citation] = Field(default_factory=list, description=doc("出处", "citations"))

    @model_validator(mode="after")
    def _said_or_silent(self) -> "Fact":
        if self.not_specified and (self.value or self.cite or self.params):
            raise ValueError("not_specified: true stands alone / not_specified: true 不能与 value、cite、params 同时出现")
        if not self.not_specified and (self.value is None or not self.cite):
            raise ValueError("a fact needs value and cite, or not_specified: true / 须有 value 与 cite，或写 not_specified: true")
        return self


class EffectiveRule(Record):
    days_after_publication: StrictInt = Field(ge=0, description=doc("公布之日起若干日后施行", "in force this many days after publication"))


class ExpiryRule(Record):
    years_after_effective: StrictInt = Field(ge=1, description=doc("施行之日起有效若干年", "valid this many years from taking effect"))


class Regulation(Record):
    """One version of a jurisdiction's award regulation."""

    city: Slug = Field(description=doc("所属地区标识（与文件夹同名）", "the jurisdiction's id (the folder's name)"))
    version: StrictStr = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$", description=doc(
        "版本标识（与文件名同名，如 \"2022\"）", "version id (the file's name, e.g. \"2022\")"))
    title: Bilingual = Field(description=doc("文件名称", "title"))
    doc_number: StrictStr | None = Field(None, description=doc("文号", "document number"))
    issuer: Bilingual | None = Field(None, description=doc("发文机关", "issuing authority"))
    issued: Date | None = Field(None, description=doc("印发（公布）日期", "date issued"))
    amended: list[Date] = Field(default_factory=list, description=doc("修正日期", "dates of amendment"))
    effective: Date | None = Field(None, description=doc("施行日期", "date it takes effect"))
    effective_rule: EffectiveRule | None = Field(None, description=doc("施行日期的规则", "rule that fixes the effective date"))
    expires: Date | None = Field(None, description=doc("失效日期（有效期最后一日）", "last day in force"))
    expiry_rule: ExpiryRule | None = Field(None, description=doc("有效期规则", "rule that fixes the expiry"))
    draft: StrictBool = Field(False, description=doc("征求意见稿", "a draft for public comment"))
    supersedes: StrictStr | None = Field(None, description=doc("被本文件取代的版本标识", "version id of the document it replaced"))
    source_url: StrictStr | None = Field(None, pattern=r"^https?://", description=doc("官方来源网址", "official source URL"))
    source_file: StrictStr | None = Field(None, description=doc("shared/regulations 中的原文副本", "the copy in shared/regulations"))
    status_note: Bilingual | None = Field(None, description=doc("关于日期或效力的说明", "a note on dates or status"))
    text: RegulationText | None = Field(None, description=doc("全文；仅知元数据时省略", "full text; omitted when only metadata is known"))
    facts: dict[StrictStr, Fact] = Field(default_factory=dict, description=doc(
        "比较维度的编码（键见 dimensions.yaml）", "coded comparison dimensions (keys in dimensions.yaml)"))


# ---------------------------------------------------------------- tables and calendar

class Dimension(Record):
    """A row of the comparison: one question every regulation answers (or is silent on)."""

    key: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    group: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]  # section of the comparison and the guides
    zh: StrictStr
    en: StrictStr
    params: StrictStr | None = None


class GlossaryTerm(Record):
    zh: StrictStr
    en: StrictStr
    note: Bilingual | None = None


class CalendarYear(Record):
    """The official holiday schedule of one year, as the State Council published it."""

    year: StrictInt = Field(ge=2000, le=2100, description=doc("年份", "year"))
    holidays: list[Date] = Field(description=doc("放假日（含周末）", "days off, weekends within them included"))
    workdays: list[Date] = Field(default_factory=list, description=doc("调休上班日（周末上班）", "make-up working days on weekends"))
    source: Bilingual = Field(description=doc("发布文件名称", "the notice that published it"))
    source_url: StrictStr | None = Field(None, pattern=r"^https?://", description=doc("来源网址", "source URL"))
