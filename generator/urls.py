"""Where things are: the published address, and the links to the site's own files.

Pages link to the site's own files with relative links, so a built site works from any
host and any path (`python3 -m http.server -d site`, a GitHub Pages project path such
as `/repo/`, a mainland mirror). Only what is read away from the site must be absolute
and uses the published address (`site_url` in mkdocs.yml, or the AWARDSITE_URL
variable): feed items, calendar URLs and UIDs, the data files' page columns, and (by
mkdocs) canonical links and the sitemap. With no address set, those are relative too
(feeds to the feed, data files to the site root) and `NO_ADDRESS` says so.

mkdocs.yml also says whether the project is the demo (`is_demo`: `extra: demo: true`,
written by `demo.py`), read here for gathering and the `new` skeletons alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .paths import address

NO_ADDRESS = ("未设置网站地址（mkdocs.yml 的 site_url，或环境变量 AWARDSITE_URL）：网站照常可用，但订阅源条目、日历和数据文件中的页面链接为相对链接，"
              "且没有 canonical 链接与站点地图网址"
              " | no site address is set (site_url in mkdocs.yml, or the AWARDSITE_URL variable): the site works, but feed items,"
              " calendars and the data files' page columns carry relative links, and there are no canonical links or sitemap addresses")


def mkdocs_config(root: Path) -> dict:
    """The project's mkdocs.yml, read as mkdocs reads it (with `!ENV`)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    from .errors import DataError, Problem

    try:
        with open(root / "mkdocs.yml", encoding="utf-8") as file:
            config = yaml_load(file)
    except (ConfigurationError, UnicodeDecodeError) as exc:  # mkdocs says a YAML error as a ConfigurationError
        raise DataError([Problem("mkdocs.yml", 1, 1, "", f"mkdocs.yml 无法读取：{exc}".replace("\n", " "),
                                 f"mkdocs.yml cannot be read: {exc}".replace("\n", " "))]) from None
    return config if isinstance(config, dict) else {}


def site_url(root: Path) -> str | None:
    """The address the site is published at, as mkdocs.yml gives it (with `!ENV`), or None."""
    url = (mkdocs_config(root).get("site_url") or "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def is_demo(root: Path) -> bool:
    """Is the project at `root` a demo (mkdocs.yml: `extra: demo: true`, written by
    `demo.assemble`)? A demo holds fictional example cycles only, the real site none."""
    extra = mkdocs_config(root).get("extra")
    return isinstance(extra, dict) and extra.get("demo") is True


def up_to_site_root(key: str) -> str:
    """From the page rendered at `key` (zh/data.md, en/notices/x/2026/y.md) back to the
    root of the published site, as a relative link: zh/ is published at /, en/ at /en/,
    and a page `a/b.md` at `a/b/` (an `index.md` at its folder)."""
    lang, _, path = key.partition("/")
    folders = path.count("/") + (0 if path.rsplit("/", 1)[-1] == "index.md" else 1)
    return "../" * (folders + (lang != "zh"))


@dataclass(frozen=True)
class Links:
    """The exports and pages as seen from one place: `site` is the published address
    (for files read elsewhere) or the relative way back to the site root ("../../",
    or "" at the root itself)."""

    site: str

    @property
    def absolute(self) -> bool:
        return bool(urlsplit(self.site).scheme)

    @property
    def host(self) -> str:
        """The published host, which makes calendar UIDs unique; a fixed word without an address."""
        return urlsplit(self.site).hostname or "awardsite"  # a relative `site` has no host

    def lang_root(self, lang: str) -> str:
        return self.site if lang == "zh" else f"{self.site}{lang}/"

    def feed(self, lang: str, fmt: str, city: str | None = None) -> str:
        return f"{self.lang_root(lang)}feeds/{city or 'notices'}.{fmt}.xml"

    def ics(self, city: str | None = None) -> str:
        return f"{self.site}calendar/{city or 'deadlines'}.ics"

    def data(self, name: str) -> str:
        return f"{self.site}data/{name}"

    def file(self, path: str) -> str:
        """A file served as it is from the site's root (an official text: paths.source_file)."""
        return self.site + path

    def page(self, lang: str, path: str) -> str:
        """The address of a page rendered at `path` (`paths.<name>`: e.g. notices/x/y/z.md)."""
        return self.lang_root(lang) + address(path)


def official_source(url: str) -> bool:
    """Whether `url` is on a government host (`*.gov.cn`): an official source. Anything else
    (news, reposts, company or association pages) the pages mark as a secondary source."""
    host = (urlsplit(url).hostname or "").lower()
    return host == "gov.cn" or host.endswith(".gov.cn")
