"""Issue 18, beyond one machine: the site built in three shards (`awardsite build --shard
K/3`, each a matrix job of CI) and put together by `awardsite merge` is byte for byte the
site one `awardsite build` gives, search index included (generator/shards.py); a merge
refuses shards that disagree, and a site whose links lead nowhere (a shard missing)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from generator.collect import gather
from generator.errors import UsageError
from generator.paging import provinces
from generator.shards import NATIONAL, broken_links, parse_shard, partition, parts
from test_parallel_build import TODAY, digest

LAST_LINE = "网站未更新 | the site was not changed"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The demo project built whole, then in three shards."""
    project = copy_project(tmp_path_factory.mktemp("shards") / "project", examples=True)
    result = run_cli("build", "--today", TODAY, cwd=project)
    assert result.returncode == 0, result.stderr
    for k in (1, 2, 3):
        result = run_cli("build", "--today", TODAY, "--shard", f"{k}/3", "--site-dir", f"shard-{k}", cwd=project)
        assert result.returncode == 0, result.stderr
        assert f"Built shard {k}/3" in result.stdout
    return project


def merged(project: Path, *shards: str, site: str = "merged"):
    return run_cli("merge", *shards, "--site-dir", site, cwd=project)


def test_three_shards_merged_are_the_bytes_of_one_build(project):
    result = merged(project, "shard-1", "shard-2", "shard-3")
    assert result.returncode == 0, result.stderr
    whole, put_together = digest(project / "site"), digest(project / "merged")
    assert sorted(put_together) == sorted(whole)
    assert [name for name in whole if put_together[name] != whole[name]] == []
    assert not any((project / f"shard-{k}" / "pagefind").exists() for k in (1, 2, 3))  # the merge makes the index
    assert not (project / "shard-2" / "assets").exists()  # the theme's files: in shard 1 only


def test_each_shard_renders_its_provinces_and_shard_one_the_national_part(project):
    corpus = gather(project)
    owner = parts(corpus)
    docs = project / "build" / "docs"
    files = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    shards = partition(files, 3, owner.shard_of)
    assert sorted(path for shard in shards for path in shard) == files  # each file in exactly one shard
    assert {owner.shard_of(path) for path in shards[0]} >= {NATIONAL}
    assert all(NATIONAL not in {owner.shard_of(path) for path in shard} for shard in shards[1:])
    for slug in provinces(corpus):  # a province is never split
        assert sum(any(owner.shard_of(path) == slug for path in shard) for shard in shards) <= 1
    sizes = [len(shard) for shard in shards]
    assert max(sizes) - min(sizes) < max(sizes) / 2, sizes
    assert shards == partition(reversed(files), 3, owner.shard_of)  # stable


def test_a_page_belongs_to_its_citys_province(project):
    corpus = gather(project)
    owner = parts(corpus)
    slugs = provinces(corpus)
    wuhan = next(slug for slug, province in slugs.items() if "wuhan" in province.cities)
    for path in ("zh/regulations/wuhan/2024.md", "en/regulations/wuhan/draft/source/x.source.txt", "zh/guides/wuhan.md",
                 "en/cities/wuhan.md", "zh/winners/wuhan.md", "en/notices/wuhan/example-2025/call.md",
                 "zh/feeds/wuhan.atom.xml", "en/feeds/wuhan.rss.xml", "zh/calendar/wuhan.ics",
                 f"zh/notices/province/{wuhan}.md", f"en/compare/province/{wuhan}/index.md",
                 f"zh/compare/province/{wuhan}/eligibility.md"):
        assert owner.shard_of(path) == wuhan, path
    for path in ("zh/index.md", "en/winners/index.md", "zh/notices/index.md", "zh/compare/index.md", "zh/compare/x.md",
                 "zh/data/winners.csv", "zh/feeds/notices.atom.xml", "zh/calendar/deadlines.ics", "en/search.md",
                 "zh/guides/index.md", "zh/regulations/index.md"):
        assert owner.shard_of(path) == NATIONAL, path


def test_a_file_two_shards_wrote_differently_is_refused(project, tmp_path):
    clash = tmp_path / "shard-2"
    shutil.copytree(project / "shard-2", clash)
    (clash / "404.html").write_text((clash / "404.html").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = merged(project, "shard-1", str(clash), "shard-3", site="clashed")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"404.html：分片 shard-1 与 {clash} 中的内容不同，未合并 | "
        f"404.html: the shards shard-1 and {clash} hold different bytes; not merged", LAST_LINE]
    assert not (project / "clashed").exists()


def test_a_missing_shard_leaves_links_that_lead_nowhere_and_is_refused(project):
    result = merged(project, "shard-1", "shard-3", site="incomplete")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "link(s) that lead nowhere" in result.stderr and "(no such file / 无此文件)" in result.stderr
    assert not (project / "incomplete").exists()


def test_a_shard_is_named_k_of_n():
    assert parse_shard("2/3") == (2, 3)
    for wrong in ("0/3", "4/3", "3", "a/b", "1/0"):
        with pytest.raises(UsageError):
            parse_shard(wrong)


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top"><a href="a/">a</a> <a href="a/#here">here</a> <a href="a/#gone">gone</a> <a href="b/">b</a>'
        ' <a href="#top">top</a> <a href="https://example.org/x/">elsewhere</a> <a href="mailto:x@example.org">mail</a>'
        '<script>var x = \'<a href="nowhere/">\';</script><!-- <a href="nor/here/"> --></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><a href="../index.html#top">up</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["/index.html: b/ (no such file / 无此文件)",
                                      "/index.html: a/#gone (no such anchor / 无此锚点)"]
