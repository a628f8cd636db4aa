"""`awardsite serve` shows the site on localhost, as the public will see it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_shows_both_languages(tmp_path):
    project = copy_project(tmp_path / "project", examples=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--today", "2026-11-23",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, pages = time.time() + 90, {}
        while time.time() < deadline and len(pages) < 2:
            for path in ("", "en/"):
                try:
                    pages[path] = urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5).read().decode()
                except OSError:
                    time.sleep(1)
        assert "市长质量奖公开信息平台" in pages[""]
        entry = urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", timeout=5).read()
        assert b'"zh"' in entry and b'"en"' in entry  # search works while serving too
        assert "Mayor&#39;s Quality Award: the public record" in pages["en/"] or \
            "Mayor's Quality Award: the public record" in pages["en/"]
    finally:
        server.terminate()
        server.wait(timeout=20)
