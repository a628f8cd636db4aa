"""Stage 2, model: the record types, each field with a sentence in both languages.

These classes are the schema. `awardsite schema` exports them as JSON Schema, and
the descriptions below are what an editor shows the clerk while typing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, ConfigDict, Discriminator, Field, StrictBool, StrictInt, StrictStr, Tag, field_validator,
                      model_validator)
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from .words import Invalid, Words


def doc(zh: str, en: str) -> str:
    """A field's description: one string, as the JSON Schema holds it ("中文 / English")."""
    return Words(zh, en).joined()


# Every date of a record lies in this range; a date outside it is a typing mistake,
# and the working-day engine need never count past it.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
Date = Annotated[dt.date, Field(strict=True, ge=FIRST_DATE, le=LAST_DATE)]
# An address as a page links it: http(s); a host of ASCII letters, digits, dots and
# hyphens (an internationalised one in its xn-- form), so the host a reader sees is the
# host the link goes to: no user-info before an @ (https://www.xinyang.gov.cn@evil.example/),
# no look-alike letters from other scripts; and after it, none of the characters that
# could end a Markdown link or an HTML attribute early (spaces, quotes, <>, brackets).
URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][^\s\"'<>()\[\]{}|\\^`]*)?$"
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# A name, a title, a label is one line: a line break would end the table row, list
# item or heading it stands in (the pages show it on one line in any case).
ONE_LINE = "^[^\n\r\u0085\u2028\u2029]*$"
Line = Annotated[StrictStr, Field(min_length=1, pattern=ONE_LINE)]


class Bilingual(Record):
    """Text in both languages, of one or more paragraphs (notes, reasons, how to object)."""

    zh: StrictStr = Field(min_length=1, description=doc("中文", "Chinese"))
    en: StrictStr = Field(min_length=1, description=doc("英文", "English"))


class Label(Record):
    """A name or a label in both languages, on one line (a sector, an office, an issuer)."""

    zh: Line = Field(description=doc("中文（一行）", "Chinese (one line)"))
    en: Line = Field(description=doc("英文（一行）", "English (one line)"))


# ---------------------------------------------------------------- jurisdictions

class Jurisdiction(Record):
    """A city (or province, or the nation) that runs a quality award."""

    id: Slug = Field(description=doc("标识，与文件夹同名，小写英文", "identifier, the folder's name, lower-case ASCII"))
    level: Literal["prefecture", "county", "province", "national", "district"] = Field(
        description=doc("行政级别（prefecture 地级市，county 县级市或县，district 市辖区）",
                        "administrative level (prefecture-level city, county-level city or county, urban district)"))
    name: Label = Field(description=doc("名称", "name"))
    province: Label | None = Field(None, description=doc("所属省份", "province it belongs to"))
    award: Label = Field(description=doc("奖项名称", "the award's name"))


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
    title: Label = Field(description=doc("章名", "chapter title"))
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
            raise Invalid("not_specified: true 不能与 value、cite、params 同时出现", "not_specified: true stands alone")
        if not self.not_specified and (self.value is None or not self.cite):
            raise Invalid("须有 value 与 cite，或写 not_specified: true", "a fact needs value and cite, or not_specified: true")
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
    title: Label = Field(description=doc("文件名称", "title"))
    doc_number: Line | None = Field(None, description=doc("文号", "document number"))
    issuer: Label | None = Field(None, description=doc("发文机关", "issuing authority"))
    issued: Date | None = Field(None, description=doc("印发（公布）日期", "date issued"))
    amended: list[Date] = Field(default_factory=list, description=doc("修正日期", "dates of amendment"))
    effective: Date | None = Field(None, description=doc("施行日期", "date it takes effect"))
    effective_rule: EffectiveRule | None = Field(None, description=doc("施行日期的规则", "rule that fixes the effective date"))
    expires: Date | None = Field(None, description=doc("失效日期（有效期最后一日）", "last day in force"))
    expiry_rule: ExpiryRule | None = Field(None, description=doc("有效期规则", "rule that fixes the expiry"))
    draft: StrictBool = Field(False, description=doc("征求意见稿", "a draft for public comment"))
    supersedes: StrictStr | None = Field(None, description=doc("被本文件取代的版本标识", "version id of the document it replaced"))
    source_url: StrictStr | None = Field(None, pattern=URL_PATTERN, description=doc("官方来源网址", "official source URL"))
    source_file: StrictStr | None = Field(None, description=doc(
        "官方原文的纯文本副本，与官方文件逐字节相同，放在本版本文件旁（如 \"2022.source.txt\"）",
        "the official text as a plain-text copy, byte for byte as published, beside this version's file (e.g. \"2022.source.txt\")"))
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
    """A term of the one English terminology (`city_rules/glossary.yaml`)."""

    zh: StrictStr = Field(min_length=1, description=doc("中文术语", "the Chinese term"))
    en: StrictStr = Field(min_length=1, description=doc(
        "英文译法；多个译法以“; ”分隔（如动词与名词），括号内为说明",
        "the English rendering; several are separated by '; ' (e.g. verb and noun), a parenthesis explains"))
    variants: list[Line] = Field(default_factory=list, description=doc(
        "译文中亦可接受的其他词形（不规则变化等，如 applies、came into force）；规则词尾（-s、-es、-d、-ed、-ing；y → ies、ied）无须列出",
        "other forms a translation may use (irregular inflections and the like, e.g. applies, came into force);"
        " the regular endings (-s, -es, -d, -ed, -ing; y → ies, ied) need not be listed"))
    note: Bilingual | None = Field(None, description=doc("向读者解释该术语的说明", "a note explaining the term to a reader"))


class CalendarYear(Record):
    """The official holiday schedule of one year, as the State Council published it."""

    year: StrictInt = Field(ge=2000, le=2100, description=doc("年份", "year"))
    holidays: list[Date] = Field(description=doc("放假日（含周末）", "days off, weekends within them included"))
    workdays: list[Date] = Field(default_factory=list, description=doc("调休上班日（周末上班）", "make-up working days on weekends"))
    source: Label = Field(description=doc("发布文件名称", "the notice that published it"))
    source_url: StrictStr | None = Field(None, pattern=URL_PATTERN, description=doc("来源网址", "source URL"))


# ---------------------------------------------------------------- award cycles

# What a notice's period is for: a call's submissions, until its `deadline`, or a
# publicity's objections, for its `working_days` (or until its `end`). A status badge says
# which is open: strings.yaml "period.<kind>.<status>" ("accepting applications",
# "objections open"), read by the pages and, for the browser's recount, by
# _period_strings.md.j2 and periods.js.
PERIOD_KINDS = ("deadline", "publicity")
# What a decision settles: who won the award, or whose award is withdrawn.
DECIDES = ("winners", "revocations")


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notice, and everything the code asks of one: its labels, the period it
    opens, what it lists or decides, its place in a cycle's timeline. Code, pages and
    the publishing guide ask the kind (`NOTICE_KINDS[notice.kind].decides`) rather than
    list kinds by name, so a new kind is one row here (and its key in the schema, which
    `awardsite schema` regenerates)."""

    key: str
    zh: str
    en: str
    step: int  # its place in a cycle's timeline, where a cycle's notices are shown by step, then by date
    period: str | None = None  # one of PERIOD_KINDS: what it is open for, or None (a decision has no period)
    dimension: str | None = None  # the regulation dimension that sets its minimum publicity period, if one does
    lists_candidates: bool = False  # its `candidates` are the proposed winners
    decides: str | None = None  # one of DECIDES: what it settles, or None (a ceremony names no winner)
    corrects: bool = False  # it corrects an earlier text, and so quotes the text it corrects
    note: Words | None = None  # when to use it, where its label does not say, for the publishing guide

    @property
    def takes_objections(self) -> bool:
        """A publicity: anyone may object while its period is open."""
        return self.period == "publicity"


# The kinds in the order of a cycle's timeline (steps go in tens, so that a new one fits between).
NOTICE_KINDS = {k.key: k for k in sorted((
    NoticeKind("call_for_applications", "申报通知", "Call for applications", 10, period="deadline"),
    NoticeKind("internal_publicity", "内部公示", "Internal publicity", 20, period="publicity", dimension="internal_publicity"),
    NoticeKind("recommendation_publicity", "推荐公示", "Recommendation publicity", 30, period="publicity"),
    NoticeKind("acceptance_list", "受理名单公示", "Acceptance list", 40, period="publicity", dimension="acceptance_publicity"),
    NoticeKind("proposed_winners", "拟奖名单公示", "Proposed winners", 50, period="publicity",
               dimension="proposed_winner_publicity", lists_candidates=True),
    NoticeKind("award_decision", "表彰决定", "Award decision", 60, decides="winners"),
    NoticeKind("award_ceremony", "颁奖大会", "Award ceremony", 70,  # reported where a decision is not
               note=Words("报道中只知颁奖大会时用，不产生获奖者", "a ceremony, where a report gives it and not the decision: it names no winner")),
    NoticeKind("revocation", "撤销决定", "Revocation", 80, decides="revocations"),
    NoticeKind("correction", "更正", "Correction", 90, corrects=True),
), key=lambda kind: kind.step)}


def kinds_that(question) -> list[str]:
    """The keys of the kinds `question(kind)` holds for, in timeline order."""
    return [key for key, kind in NOTICE_KINDS.items() if question(kind)]


# category key → labels; the keys are those of the `award_categories` and `quota` facts
CATEGORIES = {
    "organisation_award": Words("组织奖", "Organisation award"),
    "organisation_nomination": Words("组织提名奖", "Organisation nomination award"),
    "individual_award": Words("个人奖", "Individual award"),
    "individual_nomination": Words("个人提名奖", "Individual nomination award"),
}

Url = Annotated[StrictStr, Field(pattern=URL_PATTERN)]


MAX_WORKING_DAYS = 100  # publicity periods run 5 to 30 working days; a longer one is a typing mistake
MAX_NAME = 200  # the longest registered organisation names are well under 100 characters
MAX_TITLE = 500  # a notice's title as published; a longer one is a pasted body
UNKNOWN = "unknown"  # working_days of a publicity notice whose source does not state its period
# A publicity period in working days, or `unknown`: only that exact word is read as a
# word, anything else as a count, so a wrong value gets one message, not one per alternative.
WorkingDays = Annotated[
    Annotated[Annotated[StrictInt, Field(ge=1, le=MAX_WORKING_DAYS)], Tag("Count")] | Annotated[Literal["unknown"], Tag("Unknown")],
    Discriminator(lambda value: "Unknown" if value == UNKNOWN else "Count")]



class Title(Record):
    """A title in both languages, of a length a title can have."""

    zh: StrictStr = Field(min_length=1, max_length=MAX_TITLE, pattern=ONE_LINE, description=doc("中文", "Chinese"))
    en: StrictStr = Field(min_length=1, max_length=MAX_TITLE, pattern=ONE_LINE, description=doc("英文", "English"))


class Name(Record):
    zh: StrictStr = Field(min_length=1, max_length=MAX_NAME, pattern=ONE_LINE, description=doc("中文名称（以来源为准）", "Chinese name, as the source gives it"))
    en: StrictStr | None = Field(None, min_length=1, max_length=MAX_NAME, pattern=ONE_LINE, description=doc(
        "英文名称：来源载有该单位自己的英文名称时照录（并写 en_official: true），否则写本站译名（个人写拼音），网站标为非官方译名；"
        "真实记录必填", "English name: the organisation's own where a source gives it (with en_official: true), otherwise this"
        " site's translation (a person's name in pinyin), shown as unofficial; required in a real record"))
    en_official: StrictBool = Field(False, description=doc(
        "英文名称为该单位自己使用的名称（来源载明）", "the English name is the organisation's own, as a source gives it"))

    @model_validator(mode="after")
    def _official_needs_name(self) -> "Name":
        if self.en_official and self.en is None:
            raise Invalid("en_official: true 表示英文名称为该单位自己的名称，但未写 en",
                          "en_official: true says the English name is the organisation's own, but there is no en")
        return self


class Source(Record):
    url: Url = Field(description=doc("来源网址", "source URL"))
    title: Title = Field(description=doc("来源标题", "title of the source"))
    published: Date | None = Field(None, description=doc("发布日期", "date published"))


class Objection(Record):
    """Where and how to object to a publicity notice."""

    office: Label | None = Field(None, description=doc("受理异议的机构", "office that takes objections"))
    phone: Line | None = Field(None, description=doc("电话", "telephone"))
    email: Line | None = Field(None, description=doc("电子邮箱", "e-mail"))
    address: Bilingual | None = Field(None, description=doc("地址", "postal address"))
    how: Bilingual | None = Field(None, description=doc("提出异议的方式与要求", "how to object, and what to include"))


class Correction(Record):
    """A correction to a published record. The record holds the current text; the
    correction keeps what it was, when it changed and why, so nothing is silently rewritten."""

    date: Date = Field(description=doc("更正日期", "date of the correction"))
    field: StrictStr = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$", description=doc(
        "被更正的字段（点分路径，如 name.zh、title.en）", "the field corrected, as a dotted path (e.g. name.zh, title.en)"))
    was: StrictStr = Field(min_length=1, description=doc("更正前的原文", "the text before the correction"))
    why: Bilingual = Field(description=doc("更正原因", "why it was corrected"))


class Withdrawal(Record):
    """A candidate taken off the list during the publicity (after an objection, or by the applicant)."""

    date: Date = Field(description=doc("撤回日期", "date withdrawn"))
    reason: Bilingual = Field(description=doc("撤回原因（如异议成立）", "why (e.g. an objection upheld)"))
    source_url: Url | None = Field(None, description=doc("来源网址", "source URL"))


class Awardee(Record):
    """An organisation or a person put up for an award or given one: what a proposed
    winner (Candidate) and a winner share, checked alike."""

    id: Slug = Field(description=doc("标识（本市各届内唯一；拟奖对象获奖后沿用）", "identifier, unique across the city's cycles (a candidate keeps it as a winner)"))
    name: Name = Field(description=doc("获奖者名称", "the winner's name"))
    kind: Literal["organisation", "individual"] = Field(description=doc("组织或个人", "organisation or individual"))
    award: Literal["award", "nomination"] = Field(description=doc("市长质量奖或提名奖", "the award or the nomination award"))
    tier: Label | None = Field(None, description=doc(
        "奖项或等次的名称，照决定所载（设有多个等次时，如“经济类金奖”“质量管理创新奖”）",
        "the award or tier as the decision names it, where the scheme has several (e.g. Economy Gold Award)"))
    sector: Label | None = Field(None, description=doc("行业", "sector"))
    district: Label | None = Field(None, description=doc("所在区县", "district"))
    credit_code: StrictStr | None = Field(None, description=doc("统一社会信用代码（18 位，校验）", "unified social credit code (18 characters, checksum validated)"))
    employer: Label | None = Field(None, description=doc("个人获奖者的工作单位", "an individual winner's employer"))

    @property
    def category(self) -> str:
        return f"{self.kind}_{self.award}"

    @field_validator("credit_code")
    @classmethod
    def _checksum(cls, code: str | None) -> str | None:
        return valid_credit_code(code)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> "Awardee":
        if self.kind == "individual" and self.credit_code:
            raise Invalid("个人获奖者没有统一社会信用代码", "an individual has no credit code")
        if self.kind == "organisation" and self.employer:
            raise Invalid("employer 仅用于个人获奖者", "employer is for individuals")
        return self


class Candidate(Awardee):
    """A proposed winner, as a publicity notice lists it: not a winner until a decision names it."""

    name: Name = Field(description=doc("拟奖对象名称", "the candidate's name"))
    withdrawn: Withdrawal | None = Field(None, description=doc("公示期间撤回（日期、原因）", "withdrawn during the publicity (date, reason)"))


def valid_credit_code(code: str | None) -> str | None:
    """`code` if it is a valid unified social credit code (or None); else a bilingual error."""
    if code is not None:
        try:
            uscc.validate(code)
        except StdnumError as exc:
            raise Invalid(f"统一社会信用代码“{code}”无效（校验不符）；请按营业执照核对",
                          f"'{code}' is not a valid unified social credit code ({exc.message.rstrip('.').lower()}); "
                          "copy it from the business licence") from None
    return code


class Departure(Record):
    """A departure from the regulation that a notice acknowledges: which finding, and why."""

    finding: StrictStr = Field(pattern=r"^[a-z_]+$", description=doc(
        "发现类别（如 publicity_too_short 公示期短于规定）", "the kind of finding (e.g. publicity_too_short)"))
    why: Bilingual = Field(description=doc("偏离的原因（与发现一并公布）", "why the notice departs (published beside the finding)"))


class Notice(Record):
    """One published document of a cycle: a call, a publicity notice, a decision."""

    id: Slug = Field(description=doc("标识（本届内唯一，小写英文）", "identifier, unique in the cycle, lower-case ASCII"))
    kind: Literal[tuple(NOTICE_KINDS)] = Field(description=doc("通知类别", "kind of notice"))  # type: ignore[valid-type]
    title: Title = Field(description=doc("标题", "title"))
    published: Date = Field(description=doc("发布日期", "date published"))
    source_url: Url | None = Field(None, description=doc("官方来源网址（示例届次可省略）", "official source URL (may be omitted in an example cycle)"))
    document: Line | None = Field(None, description=doc("文号", "document number"))
    issuer: Label | None = Field(None, description=doc("发布机构", "issuing office"))
    body: Bilingual | None = Field(None, description=doc("正文（Markdown）", "body text (Markdown)"))
    deadline: Date | None = Field(None, description=doc("申报截止日期", "submission deadline"))
    working_days: WorkingDays | None = Field(None, description=doc(
        "公示期（工作日数），按通知所载；来源未载明公示期时写 unknown，并填写 period_note",
        "publicity period in working days, as the notice states it; unknown where the source does not state the period,"
        " with a period_note"))
    end: Date | None = Field(None, description=doc("公示截止日期（与工作日数同写时须一致）", "last day of the publicity (must agree with working_days where both are given)"))
    counting: Literal["from_next_working_day"] | None = Field(None, description=doc(
        "计算方法：默认发布日（为工作日时）为第 1 日；from_next_working_day 自次一工作日起算",
        "counting: by default the publication day (if a working day) is day 1; from_next_working_day starts on the next working day"))
    period_note: Bilingual | None = Field(None, description=doc(
        "公示期说明：working_days 为 unknown 时必填，说明所据来源未载明公示期（如“来源为新闻报道，未载明公示期”）",
        "note on the period: required with working_days: unknown, saying that the source does not state the publicity"
        " period (e.g. 'the source, a news report, does not state the period')"))
    objection: Objection | None = Field(None, description=doc("异议受理方式", "how to object"))
    candidates: list[Candidate] = Field(default_factory=list, description=doc(
        f"拟奖名单公示所列的候选者（仅 {'、'.join(kinds_that(lambda k: k.lists_candidates))}）；获奖者只由表彰决定产生",
        f"the candidates a proposed-winners notice lists ({', '.join(kinds_that(lambda k: k.lists_candidates))} only);"
        " winners come only from a decision"))
    corrections: list[Correction] = Field(default_factory=list, description=doc(
        "更正记录（日期、字段、原文、原因）；记录本身写更正后的内容", "corrections (date, field, old text, why); the record holds the corrected text"))

    @model_validator(mode="after")
    def _one_kind_of_period(self) -> "Notice":
        if self.deadline and (self.working_days or self.end):
            raise Invalid("deadline 与公示期（working_days、end）只能写一种",
                          "give a deadline, or a publicity period (working_days and/or end), not both")
        if self.candidates and not NOTICE_KINDS[self.kind].lists_candidates:
            listing = kinds_that(lambda k: k.lists_candidates)
            raise Invalid(f"candidates 只用于{'、'.join(f'{NOTICE_KINDS[key].zh}（{key}）' for key in listing)}；"
                          "获奖者写在 winners 中，并注明表彰决定",
                          f"candidates belong to a {' or '.join(listing)} notice; winners go under winners:, citing their decision")
        return self

    @model_validator(mode="after")
    def _publicity_period_stated(self) -> "Notice":
        """A notice that takes objections states its period, or says its source does not."""
        kind = NOTICE_KINDS[self.kind]
        if self.working_days == UNKNOWN:
            if not kind.takes_objections:
                raise Invalid(f"working_days: unknown 只用于来源未载明公示期的公示，不适用于{kind.zh}",
                              "working_days: unknown is for a publicity notice whose source does not state its period,"
                              f" not for a {kind.en.lower()}")
            if self.end is not None:
                raise Invalid("working_days: unknown 表示来源未载明公示期，但 end 写明了最后一日："
                              "请删去 working_days: unknown 与 period_note（只写 end 即可）",
                              "working_days: unknown says the source does not state the period, but end gives its last day:"
                              " remove working_days: unknown and the period_note (end alone states the period)")
            if self.period_note is None:
                raise Invalid("写 working_days: unknown 时须有 period_note（zh 与 en），说明所据来源未载明公示期",
                              "working_days: unknown needs a period_note (zh and en) saying that the source does not state"
                              " the publicity period")
        elif self.period_note is not None:
            raise Invalid("period_note 只用于说明 working_days: unknown；本通知已写明公示期，请删去 period_note（其他说明写入 body）",
                          "period_note explains working_days: unknown; this notice states its period, so remove period_note"
                          " (other remarks go in body)")
        if kind.takes_objections and self.working_days is None and self.end is None:
            was_deadline = (Words("deadline 是申报通知的申报截止日期，不是公示期；",
                                  "deadline is a call's submission deadline, not a publicity period; ")
                            if self.deadline else Words("", ""))
            raise Invalid(f"{was_deadline.zh}{kind.zh}须写明公示期：按通知所载写 working_days（工作日数）和/或 end"
                          "（公示最后一日）；来源未载明公示期的，写 working_days: unknown，并在 period_note 中说明",
                          f"{was_deadline.en}a publicity notice ({kind.en.lower()}) must state its period: write working_days"
                          " (the number of working days) and/or end (the last day) as the notice states them; where the"
                          " source does not state the period, write working_days: unknown and a period_note saying so")
        return self

    departures: list[Departure] = Field(default_factory=list, description=doc(
        "已知的偏离办法之处及其原因。新的通知（今天或以后发布，或上次提交后新增）偏离所依据的办法（如公示期短于规定）时，"
        "awardsite check 报错，除非在此写明：finding 为发现类别（如 publicity_too_short），why 为中英文原因；"
        "原因与该项发现一并公布。已发布的记录中的偏离仍为“发现”",
        "departures from the regulation the office knows of, with the reason. A new notice (published today or later, "
        "or added since the last commit) that departs from the regulation it runs under (e.g. a publicity period shorter "
        "than required) fails awardsite check unless it is listed here: finding is the kind of finding "
        "(e.g. publicity_too_short), why the reason in Chinese and English, published beside the finding. "
        "Departures in records already published stay findings"))


class Winner(Awardee):
    """One award or nomination award, as the decision (or a source) names it."""

    decision: Slug | None = Field(None, description=doc(
        f"授奖的表彰决定：本届 {' 或 '.join(kinds_that(lambda k: k.decides == 'winners'))} 通知的 id（本届只有一份表彰决定时可省略）",
        f"the decision that awarded it: the id of the cycle's {' or '.join(kinds_that(lambda k: k.decides == 'winners'))} notice"
        " (may be omitted when the cycle has exactly one)"))
    decided: Date | None = Field(None, description=doc(
        "授奖日期（默认取表彰决定的发布日期；本站未收录决定而转录自来源时，与 source_url 同写）",
        "date awarded (default: the decision's date; for a winner transcribed from a source that reports the decision, give it with source_url)"))
    source_url: Url | None = Field(None, description=doc("来源网址（与本届来源不同时）", "source URL, where it differs from the cycle's"))
    corrections: list[Correction] = Field(default_factory=list, description=doc(
        "更正记录（日期、字段、原文、原因）；记录本身写更正后的内容", "corrections (date, field, old text, why); the record holds the corrected text"))


# The tables of winners (and of a notice's candidates) on the pages, each with its columns
# in order; a page names the table (site_templates/_cycles.md.j2's `winner_table`). A
# column is one that `winner_cell` draws (a name, an award, a status, …) or else a field
# of the winner shown as it is ("—" where it has none), such as `credit_code`, under the
# heading open_data.yaml gives it beside its meaning in the winners data file.
WINNER_TABLES = {
    "winners": ("city", "cycle", "winner", "category", "sector", "district", "status"),  # every city's (winners.md.j2)
    "cycle": ("winner_marked", "category", "sector_district", "credit_code", "status"),  # a cycle's (city.md.j2)
    "city": ("winner", "cycle", "category", "decided", "valid_until", "status"),  # a city's (winners_city.md.j2)
    "candidates": ("candidate", "category", "sector_district", "credit_code", "candidate_standing"),  # a notice's (notice.md.j2)
}


class Count(Record):
    """How many won in a category, where the source gives a number but not every name."""

    category: Literal[tuple(CATEGORIES)] = Field(description=doc("类别", "category"))  # type: ignore[valid-type]
    tier: Label | None = Field(None, description=doc("奖项或等次的名称，照来源所载", "the award or tier as the source names it"))
    count: StrictInt = Field(ge=0, description=doc("获奖数量", "number of winners"))
    source_url: Url = Field(description=doc("来源网址", "source URL"))


class Revocation(Record):
    """A decision that takes an award back."""

    winner: Slug = Field(description=doc("被撤销者的 winner id（本市任一届）", "the winner's id (any cycle of the city)"))
    decided: Date = Field(description=doc("撤销决定日期", "date of the revocation decision"))
    document: Line | None = Field(None, description=doc("文号", "document number"))
    source_url: Url | None = Field(None, description=doc("来源网址（示例届次可省略）", "source URL (may be omitted in an example cycle)"))
    grounds: list[Citation] = Field(min_length=1, description=doc("撤销依据：所依据的本届办法条款", "grounds: the articles of the cycle's regulation relied on"))
    reason: Bilingual = Field(description=doc("撤销原因", "the reason given"))


class Cycle(Record):
    """One award cycle (届 or year) of a city: its notices, winners and revocations."""

    city: Slug = Field(description=doc("地区标识（与文件夹同名）", "the jurisdiction's id (the folder's name)"))
    cycle: StrictStr = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$", description=doc(
        "届次标识（与文件名同名，如 \"8\"、\"2014\"）", "cycle id (the file's name, e.g. \"8\" or \"2014\")"))
    title: Title = Field(description=doc("届次名称", "the cycle's name"))
    session: StrictInt | None = Field(None, ge=1, description=doc("第几届", "session number (第N届)"))
    year: StrictInt | None = Field(None, ge=1990, le=2100, description=doc("年度", "year"))
    regulation: StrictStr | None = Field(description=doc(
        "所依据的办法版本标识；本站未收录时写 null", "version id of the regulation it ran under; null when that version is not held"))
    example: StrictBool = Field(False, description=doc("示例数据（非真实记录）", "example data, not a real record"))
    sources: list[Source] = Field(default_factory=list, description=doc("本届的来源", "sources for the cycle"))
    notes: Bilingual | None = Field(None, description=doc("说明", "notes"))
    notices: list[Notice] = Field(default_factory=list, description=doc("通知与公示", "notices"))
    winners: list[Winner] = Field(default_factory=list, description=doc("获奖者", "winners"))
    counts: list[Count] = Field(default_factory=list, description=doc(
        "仅知数量时的获奖人数（如“10 家，未公布名单”）", "numbers of winners where names are not all published"))
    revocations: list[Revocation] = Field(default_factory=list, description=doc("撤销决定", "revocations"))

    @property
    def decisions(self) -> dict[str, Notice]:
        """The cycle's award decisions, by notice id."""
        return {n.id: n for n in self.notices if NOTICE_KINDS[n.kind].decides == "winners"}

    @property
    def candidate_lists(self) -> list[Notice]:
        """The cycle's notices that list proposed winners (its proposed-winners publicity)."""
        return [n for n in self.notices if NOTICE_KINDS[n.kind].lists_candidates]
