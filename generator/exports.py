"""Exports: the gathered records → feeds, calendars and open data files.

One job: turn what `collect` gathered and `periods` / `awards` / `derive` worked out
into files a program reads — RSS 2.0 and Atom feeds of notices per language (all
cities and per city, written by feedgen), iCalendar files of deadlines and publicity
ends (written by icalendar, Asia/Shanghai with its VTIMEZONE), and JSON and CSV of
regulation facts, notices, winners, revocations and the corrections of published records,
with the JSON Schema beside them.

The feeds' and calendars' words are the "feed.*" and "calendar.*" entries of
`site_templates/strings.yaml`, the site's one label table (words.py). The columns of
the data files come from one table, `open_data.yaml` (open_data.py), which also renders
the data page. Nothing here reads the clock: every date stamp comes from the records or
from `today`, and everything is sorted, so the same input and the same `--today` give
the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, Timezone

from . import paths
from .awards import named_count
from .calendar import SHANGHAI
from .collect import Corpus
from .corrections import corrected, field_label
from .model import CATEGORIES, NOTICE_KINDS, Citation, Notice, Winner
from .open_data import fields
from .periods import NoticeView
from .records import AwardRecords, award_records, grouped
from .schema import SCHEMAS, schema_text
from .urls import Links, site_url
from .words import Strings, Words, load_strings


LANGS = ("zh", "en")


def export_files(corpus: Corpus, today: dt.date, root: Path, records: AwardRecords | None = None) -> dict[str, str]:
    """Every export, as {path under the docs folder: text}; zh/ is published at /, en/ at /en/.
    `records` are the award records as of `today` (worked out here when not given)."""
    address = site_url(root)
    records = award_records(corpus, today) if records is None else records
    notices = records.notices
    strings = load_strings(root / "site_templates")  # the feeds' and calendars' words: "feed.*", "calendar.*"
    out: dict[str, str] = {}
    published = Links(address or "")  # without an address: paths from the site root
    for lang in LANGS:  # without an address, a feed's links lead from its folder (feeds/, en/feeds/) to the pages
        out |= feeds(corpus, notices, today, Links(address or "../" * (1 + (lang != "zh"))), lang, strings)
    out |= calendars(corpus, notices, today, published, strings)
    for name, rows in data_rows(corpus, records, today, published).items():
        out[f"zh/data/{name}.json"] = as_json(name, rows, today)
        out[f"zh/data/{name}.csv"] = as_csv(name, rows)
    for name, model in SCHEMAS.items():
        out[f"zh/data/schema/{name}"] = schema_text(model)
    return out


# ---------------------------------------------------------------- feeds

def _published(view: NoticeView) -> dt.datetime:
    return dt.datetime.combine(view.notice.published, dt.time(0), SHANGHAI)


def _summary(view: NoticeView, lang: str, corpus: Corpus, strings: Strings) -> str:
    n, city = view.notice, corpus.cities[view.city].info.name
    parts = [f"{getattr(city, lang)} · {getattr(NOTICE_KINDS[n.kind], lang)} · {getattr(view.cycle.title, lang)}"]
    if view.period and view.period.kind == "deadline":
        parts.append(strings.get("feed.deadline", lang, day=view.period.end.isoformat()))
    elif view.period:
        parts.append(strings.get("feed.publicity", lang, start=view.period.start.isoformat(),
                                 end=view.period.end.isoformat(), n=view.period.working_days))
    if view.period and view.period.provisional:
        parts.append(strings.get("feed.provisional", lang))
    parts.append(strings.get("feed.source", lang, url=n.source_url) if n.source_url else strings.get("feed.no_source", lang))
    return "\n".join(parts)


def _title(view: NoticeView, lang: str, strings: Strings) -> str:
    prefix = f"[{strings.get('example', lang)}] " if view.cycle.example else ""
    return prefix + getattr(view.notice.title, lang)


def _id(links: Links, lang: str, link: str, path: str) -> str:
    """A feed's or an entry's id: its address, or a URN of its place without an address
    (an id must be an absolute IRI)."""
    return link if links.absolute else f"urn:awardsite:{lang}:{path.removesuffix('.md')}"


def _entry(view: NoticeView, lang: str, corpus: Corpus, links: Links, strings: Strings) -> FeedEntry:
    link = links.page(lang, view.path)
    key = _id(links, lang, link, view.path)
    entry = FeedEntry()
    entry.id(key)
    entry.guid(key, permalink=links.absolute)
    entry.title(_title(view, lang, strings))
    entry.link(href=link)
    entry.published(_published(view))
    entry.updated(_published(view))
    entry.summary(_summary(view, lang, corpus, strings))  # RSS <description>, Atom <summary>
    entry.category(term=view.notice.kind, label=getattr(NOTICE_KINDS[view.notice.kind], lang))
    return entry


def feeds(corpus: Corpus, notices: list[NoticeView], today: dt.date, links: Links, lang: str,
          strings: Strings) -> dict[str, str]:
    """RSS 2.0 and Atom of the notices published by `today`, all cities and each city."""
    out = {}
    published = [(v, _entry(v, lang, corpus, links, strings)) for v in notices if v.notice.published <= today]
    by_city = grouped(published, lambda pair: pair[0].city)  # each entry is built once, for every feed it is in
    for city_id in (None, *corpus.cities):
        items = published if city_id is None else by_city.get(city_id, [])
        title = (strings.get("feed.city_title", lang, city=getattr(corpus.cities[city_id].info.name, lang))
                 if city_id else strings.get("feed.title", lang))
        name = city_id or "notices"
        for fmt in ("rss", "atom"):
            fg = FeedGenerator()
            fg.id(_id(links, lang, links.feed(lang, "atom", city_id), f"feeds/{name}"))
            fg.title(title)
            fg.subtitle(strings.get("feed.description", lang))
            fg.language("zh-CN" if lang == "zh" else "en")
            fg.link(href=links.feed(lang, fmt, city_id), rel="self")
            fg.link(href=links.page(lang, paths.notices()), rel="alternate")  # RSS <link>: the last one given
            # the newest item's day, or `today` for an empty feed: never the clock
            stamp = _published(items[0][0]) if items else dt.datetime.combine(today, dt.time(0), SHANGHAI)
            fg.updated(stamp)
            fg.lastBuildDate(stamp)
            for _, entry in reversed(items):  # feedgen prepends: oldest in first, newest on top
                fg.add_entry(entry)
            text = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
            out[f"{lang}/feeds/{name}.{fmt}.xml"] = text.decode("utf-8")
    return out


# ---------------------------------------------------------------- calendars

def calendars(corpus: Corpus, notices: list[NoticeView], today: dt.date, links: Links, strings: Strings) -> dict[str, str]:
    """The calendar of every city's deadlines, then one calendar per city. Each notice's
    event is built and serialised once, and its text goes into both calendars."""
    views = sorted((v for v in notices if v.period), key=lambda v: (v.period.end, v.city, v.cycle.cycle, v.notice.id))
    stamp = dt.datetime.combine(today, dt.time(0), SHANGHAI).astimezone(dt.timezone.utc)
    events = [(view, _event(view, corpus, links, stamp, strings).to_ical()) for view in views]
    by_city = grouped(events, lambda pair: pair[0].city)
    # Every event is in Beijing time, so a calendar with events needs this zone's
    # VTIMEZONE (what icalendar's add_missing_timezones would add), worked out once.
    zone = Timezone.from_tzid(SHANGHAI.key).to_ical()
    name = strings.words("calendar.name")
    out = {"zh/calendar/deadlines.ics": ics(name, [event for _, event in events], zone)}
    for city_id in corpus.cities:
        city = corpus.cities[city_id].info.name
        out[f"zh/calendar/{city_id}.ics"] = ics(Words(f"{city.zh}：{name.zh}", f"{city.en}: {name.en}"),
                                                [event for _, event in by_city.get(city_id, [])], zone)
    return out


def _event(view: NoticeView, corpus: Corpus, links: Links, stamp: dt.datetime, strings: Strings) -> Event:
    """The notice's last day as an event from 00:00 to 23:59:59 Asia/Shanghai: the
    period ends at midnight in Beijing, wherever the reader's calendar is set."""
    n, what = view.notice, view.period.kind
    kind = NOTICE_KINDS[n.kind]
    marked = strings.words("example")
    example = f"[{marked.zh} {marked.en}] " if view.cycle.example else ""
    ends = strings.words("calendar.ends")
    summary = Words(f"{kind.zh}{ends.zh}：{n.title.zh}", f"{kind.en} {ends.en}: {n.title.en}")
    event = Event()
    event.add("uid", f"{view.city}-{view.cycle.cycle}-{n.id}-{'deadline' if what == 'deadline' else 'publicity-end'}@{links.host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", dt.datetime.combine(view.period.end, dt.time(0), SHANGHAI))
    event.add("dtend", dt.datetime.combine(view.period.end, dt.time(23, 59, 59), SHANGHAI))
    event.add("summary", example + summary.joined())
    pages = [f"{links.page('zh', view.path)}\n{links.page('en', view.path)}"] if links.absolute else []
    event.add("description", "\n\n".join([_summary(view, "zh", corpus, strings), _summary(view, "en", corpus, strings), *pages]))
    if links.absolute:  # a calendar is read away from the site: a relative address would lead nowhere
        event.add("url", links.page("zh", view.path))
    event.add("categories", [kind.en])
    event.add("transp", "TRANSPARENT")
    return event


def ics(name: Words, events: list[bytes], zone: bytes) -> str:
    """One calendar, called `name`, of `events` (all cities', or one city's), serialised, in the order given.

    An iCalendar file is its own properties between BEGIN:VCALENDAR and END:VCALENDAR,
    with each component's lines (BEGIN:VTIMEZONE … END:VTIMEZONE, BEGIN:VEVENT …
    END:VEVENT) before the END: icalendar writes the calendar's own lines, and the
    components' text goes in before its last line, exactly where icalendar puts it."""
    cal = Calendar()
    cal.add("prodid", "-//awardsite//Mayor's Quality Award deadlines//ZH-EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name.joined())
    cal.add("x-wr-timezone", SHANGHAI.key)
    end = b"END:VCALENDAR\r\n"
    head = cal.to_ical()
    if not head.endswith(end):
        raise ValueError("icalendar no longer ends a calendar with END:VCALENDAR")
    components = [zone, *events] if events else []
    return b"".join([head.removesuffix(end), *components, end]).decode("utf-8")


# ---------------------------------------------------------------- open data

def _places(cites: list[Citation]) -> str:
    return ";".join(".".join(str(x) for x in (c.article, c.paragraph, c.item) if x is not None) for c in cites)


def _pair(value, lang: str) -> str:
    return getattr(value, lang) or "" if value is not None else ""


def data_rows(corpus: Corpus, records: AwardRecords, today: dt.date, links: Links) -> dict[str, list[dict]]:
    """The rows of each data file, keyed as open_data.yaml documents them."""
    views = records.regulations
    dims = {d.key: d for d in corpus.dimensions}
    order = {key: i for i, key in enumerate(dims)}  # facts in the dimensions' order, then the rest by key
    facts = []
    for city_id, city in corpus.cities.items():
        for reg in city.regulations:
            path = paths.regulation(city_id, reg.version)
            for key in sorted(reg.facts, key=lambda k: (order.get(k, len(dims)), k)):
                fact = reg.facts[key]
                facts.append(dict(
                    city=city_id, city_zh=city.info.name.zh, city_en=city.info.name.en, version=reg.version,
                    title_zh=reg.title.zh, title_en=reg.title.en, status=views[(city_id, reg.version)].status,
                    dimension=key, dimension_zh=dims[key].zh if key in dims else "", dimension_en=dims[key].en if key in dims else "",
                    not_specified=fact.not_specified, value_zh=_pair(fact.value, "zh"), value_en=_pair(fact.value, "en"),
                    articles=_places(fact.cite), quotes=" | ".join(c.quote for c in fact.cite if c.quote),
                    page_zh=links.page("zh", path), page_en=links.page("en", path),
                    source_url=reg.source_url or "", source_file=reg.source_file or "", example=False))
    rows_notices = []
    for v in sorted(records.notices, key=lambda v: (v.city, v.cycle.cycle, v.notice.published, v.notice.id)):
        n, city, p = v.notice, corpus.cities[v.city].info.name, v.period
        rows_notices.append(dict(
            city=v.city, city_zh=city.zh, city_en=city.en, cycle=v.cycle.cycle, cycle_title_zh=v.cycle.title.zh,
            cycle_title_en=v.cycle.title.en, id=n.id, kind=n.kind, kind_zh=NOTICE_KINDS[n.kind].zh,
            kind_en=NOTICE_KINDS[n.kind].en, title_zh=n.title.zh, title_en=n.title.en, published=n.published.isoformat(),
            document=n.document or "", issuer_zh=_pair(n.issuer, "zh"), issuer_en=_pair(n.issuer, "en"),
            period_kind=p.kind if p else "", period_start=p.start.isoformat() if p else "",
            period_end=p.end.isoformat() if p else "", working_days=p.working_days if p else None,
            provisional=p.provisional if p else False, status=v.status or "",
            objection_phone=(n.objection.phone or "") if n.objection else "",
            objection_email=(n.objection.email or "") if n.objection else "",
            page_zh=links.page("zh", v.path), page_en=links.page("en", v.path),
            source_url=n.source_url or "", example=v.cycle.example))
    rows_winners = []
    for (city_id, _), w in sorted(records.winners.items()):
        x, city = w.winner, corpus.cities[city_id].info.name
        rows_winners.append(_winner_row(x, dict(
            city=city_id, city_zh=city.zh, city_en=city.en, cycle=w.cycle.cycle, id=x.id, name_zh=x.name.zh,
            name_en=x.name.en or "", name_en_official=x.name.en_official, kind=x.kind, award=x.award,
            tier_zh=_pair(x.tier, "zh"), tier_en=_pair(x.tier, "en"), sector_zh=_pair(x.sector, "zh"),
            sector_en=_pair(x.sector, "en"), district_zh=_pair(x.district, "zh"), district_en=_pair(x.district, "en"),
            employer_zh=_pair(x.employer, "zh"), employer_en=_pair(x.employer, "en"),
            decided=w.decided.isoformat() if w.decided else "", valid_until=w.valid_until.isoformat() if w.valid_until else "",
            status=w.status, page_zh=links.page("zh", paths.city_winners(city_id)), page_en=links.page("en", paths.city_winners(city_id)),
            source_url=_winner_source(w), example=w.cycle.example)))
    rows_counts = []
    for city_id, city in corpus.cities.items():
        for cycle in city.cycles:
            for c in cycle.counts:
                rows_counts.append(dict(
                    city=city_id, city_zh=city.info.name.zh, city_en=city.info.name.en, cycle=cycle.cycle,
                    cycle_title_zh=cycle.title.zh, cycle_title_en=cycle.title.en, category=c.category,
                    category_zh=CATEGORIES[c.category].zh, category_en=CATEGORIES[c.category].en, tier_zh=_pair(c.tier, "zh"),
                    tier_en=_pair(c.tier, "en"), count=c.count, named=named_count(cycle, c),
                    page_zh=links.page("zh", paths.city(city_id)), page_en=links.page("en", paths.city(city_id)),
                    source_url=c.source_url, example=cycle.example))
    rows_revocations = []
    for r in sorted(records.revocations, key=lambda r: (r.cycle.city, r.revocation.decided, r.revocation.winner)):
        x = r.revocation
        rows_revocations.append(dict(
            city=r.cycle.city, cycle=r.cycle.cycle, winner=x.winner, winner_name_zh=r.winner.winner.name.zh,
            decided=x.decided.isoformat(), document=x.document or "", grounds=_places(x.grounds),
            reason_zh=x.reason.zh, reason_en=x.reason.en, ban_until=r.ban.until.isoformat() if r.ban.until else "",
            ban_permanent=r.ban.permanent, page_zh=links.page("zh", paths.revocations()),
            page_en=links.page("en", paths.revocations()), source_url=x.source_url or "", example=r.cycle.example))
    rows = dict(regulation_facts=facts, notices=rows_notices, winners=rows_winners, winner_counts=rows_counts,
                revocations=rows_revocations, corrections=_correction_rows(corpus, records, links))
    for name, table in rows.items():
        documented = list(fields()[name]["columns"])
        for row in table:
            if list(row) != documented:
                raise ValueError(f"{name}: the columns written {list(row)} are not those documented in open_data.yaml {documented}")
    return rows


def _winner_row(winner: Winner, worked_out: dict) -> dict:
    """A winner's row of the winners file, in open_data.yaml's order: each column that
    names a `field` of the winner holds it as it is (empty where it has none), and the
    others are `worked_out` by data_rows."""
    columns = fields()["winners"]["columns"]
    row = worked_out | {name: getattr(winner, column["field"]) or "" for name, column in columns.items() if "field" in column}
    if set(row) != set(columns):
        return row  # which data_rows refuses, naming the columns written and those documented
    return {name: row[name] for name in columns}


def _winner_source(w) -> str:
    """A winner's source: its own, else its cycle's award decision's, else the cycle's first."""
    decision = next((n.source_url for n in w.cycle.decisions.values() if n.source_url), None)
    return w.winner.source_url or decision or (w.cycle.sources[0].url if w.cycle.sources else "")


def _correction_rows(corpus: Corpus, records: AwardRecords, links: Links) -> list[dict]:
    """Each correction of a notice or a winner: the record, the field, the old and the new text, when and why."""
    found = [(v.city, v.cycle, "notice", v.notice, Notice, v.path, v.notice.source_url or "") for v in records.notices]
    found += [(city_id, w.cycle, "winner", w.winner, Winner, paths.city_winners(city_id), _winner_source(w))
              for (city_id, _), w in records.winners.items()]
    rows = []
    for city_id, cycle, record, x, model, path, source in sorted(found, key=lambda f: (f[0], f[1].cycle, f[2], f[3].id)):
        city = corpus.cities[city_id].info.name
        for c, now in corrected(x):
            rows.append(dict(
                city=city_id, city_zh=city.zh, city_en=city.en, cycle=cycle.cycle, record=record, id=x.id,
                field=c.field, field_zh=field_label(model, c.field, "zh"), field_en=field_label(model, c.field, "en"),
                was=c.was, now=now or "", date=c.date.isoformat(), why_zh=c.why.zh, why_en=c.why.en,
                page_zh=links.page("zh", path), page_en=links.page("en", path), source_url=source, example=cycle.example))
    return rows


def as_json(name: str, rows: list[dict], today: dt.date) -> str:
    table = fields()[name]
    return json.dumps({"dataset": name, "as_of": today.isoformat(), "description": {"zh": table["zh"], "en": table["en"]},
                       "fields": list(table["columns"]), "records": rows},
                      ensure_ascii=False, indent=1) + "\n"


def as_csv(name: str, rows: list[dict]) -> str:
    """UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese right);
    true/false for yes/no, an empty cell for none, a text that a spreadsheet would take
    for a formula with a ' in front (`_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields()[name]["columns"])
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    return "\ufeff" + buffer.getvalue()


# What makes a spreadsheet program read a cell as a formula (=HYPERLINK(…), =cmd|' /C calc'!A0,
# @SUM(…)): OWASP's list. A text starting so gets a ' in front, which the program reads
# as "this is text"; numbers, true/false and dates (ISO dates start with a digit) never
# start so, and the JSON files, which are data and not a sheet, keep the text as it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str | int:
    """One value as its CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
