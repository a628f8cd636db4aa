"""A deterministic synthetic project for the benchmark: N jurisdictions, in provinces of
twelve, each with one regulation of realistic size and M award cycles. Every name says
it is synthetic (合成省01, 合成市001 / Synthetic City 001, 合成企业…（合成数据）); nothing here is a real record.

The regulation of each synthetic city is the Xinyang text (36 articles, every
dimension coded with its citations) under the synthetic city's name, so that the
text, the citations and the findings cost what real ones cost. Each cycle has six
notices (the call, three publicity notices, the decision, a correction), 5 to 15
winners with checksum-valid made-up credit codes, and every seventh cycle a revocation.
Its cycles are fictional (`example: true`), so the project is a demo project, as the
examples' is (generator/demo.py): its mkdocs.yml says `extra: demo: true`, and every page
carries the demo banner. Cycle files are written in the canonical layout (`awardsite fmt` would change nothing), as
an office's files are once CI has run `awardsite check --strict` on them.

    python benchmarks/synthetic.py OUT --cities 50 --cycles 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml
from stdnum.cn import uscc

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # run on its own as well as from benchmarks/run

from generator.demo import demo_config  # noqa: E402
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}.schema.json\n"
PROVINCE_SIZE = 12  # cities to a synthetic province: 333 cities make 28 (the country's 333 are in 27 provinces)
BANNER = "# SYNTHETIC benchmark data (benchmarks/synthetic.py): not a real record.\n"
OBJECTION = {"office": {"zh": "合成市场监督管理局（合成数据）", "en": "Synthetic Market Regulation Bureau (synthetic)"},
             "phone": "0000-00000000", "email": "objection@example.org"}


def credit_code(n: int) -> str:
    base = "914100" + f"{n:011d}"
    return base + uscc.calc_check_digit(base)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # the loader refuses anchors and aliases
        return True


def dump(path: Path, schema: str, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(SCHEMA_LINE.format(schema) + BANNER + text, encoding="utf-8")


def regulation(city: str, number: int, template: dict) -> dict:
    reg = dict(template, city=city, version="2022",
               title={"zh": f"合成市{number:03d}市长质量奖管理办法（合成数据）",
                      "en": f"Synthetic City {number:03d} Measures for the Mayor's Quality Award (synthetic)"})
    for key in ("supersedes", "source_url", "source_file", "status_note"):
        reg.pop(key, None)
    return reg


def notice(id: str, kind: str, title: str, published: dt.date, **extra) -> dict:
    return {"id": id, "kind": kind, "title": {"zh": f"{title}（合成数据）", "en": f"{kind.replace('_', ' ').capitalize()} (synthetic)"},
            "published": published, **extra}


def cycle(city: str, number: int, year: int, serial: int, rng: random.Random) -> dict:
    start = dt.date(year, 3, 2)
    publicity = {"working_days": 5, "objection": OBJECTION}
    winners = []
    for w in range(rng.randint(5, 15)):
        n = number * 10_000 + (year - 2000) * 100 + w
        winners.append({"id": f"w{year}-{w:02d}", "name": {"zh": f"合成企业{n}有限公司（合成数据）"},
                        "kind": "organisation", "award": "award" if w < 2 else "nomination",
                        "sector": {"zh": "制造业", "en": "Manufacturing"}, "credit_code": credit_code(n)})
    data = {
        "city": city, "cycle": f"synthetic-{year}",
        "title": {"zh": f"{year}年度合成市{number:03d}市长质量奖（合成数据）", "en": f"{year} Synthetic City {number:03d} award (synthetic)"},
        "year": year, "regulation": "2022", "example": True,
        "notices": [
            notice("call", "call_for_applications", "申报通知", start, deadline=start + dt.timedelta(days=58)),
            notice("internal", "internal_publicity", "内部公示", start + dt.timedelta(days=35), **publicity),
            notice("acceptance", "acceptance_list", "受理名单公示", start + dt.timedelta(days=88), **publicity),
            notice("proposed", "proposed_winners", "拟奖名单公示", start + dt.timedelta(days=206), **publicity),
            notice("decision", "award_decision", "表彰决定", start + dt.timedelta(days=250), document=f"合成〔{year}〕{serial}号"),
            notice("correction", "correction", "更正", start + dt.timedelta(days=260)),
        ],
        "winners": winners,
    }
    if serial % 7 == 0:
        data["revocations"] = [{"winner": winners[0]["id"], "decided": start + dt.timedelta(days=300),
                                "grounds": [{"article": 34, "paragraph": 1}],
                                "reason": {"zh": "发生重大质量事故（合成数据）", "en": "A major quality accident (synthetic)"}}]
    return data


def generate(out: Path, cities: int, cycles: int, seed: int = 1) -> Path:
    """Write the synthetic project to `out` (emptied first); returns `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(demo_config(config), encoding="utf-8")  # fictional cycles: a demo project
    shutil.copytree(ROOT / "site_templates", out / "site_templates")
    for table in ("dimensions.yaml", "glossary.yaml"):
        (out / "city_rules").mkdir(exist_ok=True)
        shutil.copy(ROOT / "city_rules" / table, out / "city_rules" / table)
    shutil.copytree(ROOT / "content" / "calendar", out / "content" / "calendar")
    pages = out / "content" / "pages"  # the real pages cite real regulations: stand-ins with the same names
    pages.mkdir(parents=True)
    for page in sorted((ROOT / "content" / "pages").glob("*.md")):
        zh = page.name.endswith(".zh.md")
        title = "合成数据" if zh else "Synthetic data"
        page_body = (f'---\ntitle: "{title}"\n---\n\n# {title} {{#top}}\n\n'
                     + ("## 工作日 {#working-days}\n\n## 异议 {#objections}\n" if zh else
                        "## Working days {#working-days}\n\n## Objections {#objections}\n"))
        (pages / page.name).write_text(page_body, encoding="utf-8")
    template = yaml.safe_load((ROOT / "city_rules" / "xinyang" / "2022.yaml").read_text(encoding="utf-8"))
    rng, serial = random.Random(seed), 0
    for number in range(1, cities + 1):
        city = f"syn{number:03d}"
        province = (number - 1) // PROVINCE_SIZE + 1
        dump(out / "city_rules" / city / "jurisdiction.yaml", "jurisdiction", {
            "id": city, "level": "prefecture",
            "name": {"zh": f"合成市{number:03d}（合成数据）", "en": f"Synthetic City {number:03d}"},
            "province": {"zh": f"合成省{province:02d}（合成数据）", "en": f"Synthetic Province {province:02d}"},
            "award": {"zh": f"合成市{number:03d}市长质量奖", "en": f"Synthetic City {number:03d} Mayor's Quality Award"}})
        dump(out / "city_rules" / city / "2022.yaml", "regulation", regulation(city, number, template))
        for year in range(2026 - cycles + 1, 2027):
            serial += 1
            dump(out / "content" / city / f"synthetic-{year}.yaml", "cycle", cycle(city, number, year, serial, rng))
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cities", type=int, default=5)
    parser.add_argument("--cycles", type=int, default=10)
    args = parser.parse_args()
    print(generate(args.out, args.cities, args.cycles))
