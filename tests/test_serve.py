"""The output folder served as podcast apps fetch it: MIME types and byte ranges."""

from __future__ import annotations

import http.client

import pytest

from conftest import serving

DATA = bytes(range(256)) * 40  # 10 240 bytes, every offset recognisable


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "briefing-2026-11-24.mp3").write_bytes(DATA)
    for name in ("feed.xml", "briefing-2026-11-24.vtt", "briefing-2026-11-24.txt",
                 "briefing-2026-11-24.chapters.json", "briefing-2026-11-24.html", "cover.png"):
        (folder / name).write_bytes(b"x")
    (folder / ".briefing-state.json").write_text("{}")
    (tmp_path / "secret.txt").write_text("outside the folder")
    with serving(folder) as base:
        host, port = base.removeprefix("http://").strip("/").split(":")
        yield folder, host, int(port)


def get(site, path, headers=None, method="GET"):
    _, host, port = site
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_whole_file_says_it_accepts_ranges(site):
    response, body = get(site, "/briefing-2026-11-24.mp3")
    assert response.status == 200 and body == DATA
    assert response.getheader("Accept-Ranges") == "bytes"
    assert response.getheader("Content-Length") == str(len(DATA))


@pytest.mark.parametrize("header, first, last", [
    ("bytes=0-99", 0, 99),
    ("bytes=1000-1999", 1000, 1999),
    ("bytes=10000-", 10000, 10239),
    ("bytes=-240", 10000, 10239),
    ("bytes=10200-99999", 10200, 10239),  # a last byte past the end is cut to the end
    ("bytes=0-0", 0, 0),
])
def test_range_gets_206_and_exactly_those_bytes(site, header, first, last):
    response, body = get(site, "/briefing-2026-11-24.mp3", {"Range": header})
    assert response.status == 206
    assert body == DATA[first:last + 1]
    assert response.getheader("Content-Range") == f"bytes {first}-{last}/{len(DATA)}"
    assert response.getheader("Content-Length") == str(last - first + 1)
    assert response.getheader("Content-Type") == "audio/mpeg"


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-30000", "bytes=-0", "bytes=500-100"])
def test_range_outside_the_file_gets_416(site, header):
    response, body = get(site, "/briefing-2026-11-24.mp3", {"Range": header})
    assert response.status == 416
    assert response.getheader("Content-Range") == f"bytes */{len(DATA)}"
    assert body == b""


@pytest.mark.parametrize("header", ["bytes=0-9,20-29", "items=0-9", "bytes=abc"])
def test_ranges_it_does_not_do_get_the_whole_file(site, header):
    response, body = get(site, "/briefing-2026-11-24.mp3", {"Range": header})
    assert response.status == 200 and body == DATA


def test_if_range_from_an_older_copy_gets_the_whole_new_file(site):
    headers = {"Range": "bytes=0-9", "If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"}
    response, body = get(site, "/briefing-2026-11-24.mp3", headers)
    assert response.status == 200 and body == DATA
    current = get(site, "/briefing-2026-11-24.mp3")[0].getheader("Last-Modified")
    response, body = get(site, "/briefing-2026-11-24.mp3", {"Range": "bytes=0-9", "If-Range": current})
    assert response.status == 206 and body == DATA[:10]


def test_head_gives_the_headers_only(site):
    response, body = get(site, "/briefing-2026-11-24.mp3", {"Range": "bytes=5-9"}, method="HEAD")
    assert response.status == 206 and body == b""
    assert response.getheader("Content-Length") == "5"


@pytest.mark.parametrize("name, mime", [
    ("feed.xml", "application/rss+xml; charset=utf-8"),
    ("briefing-2026-11-24.vtt", "text/vtt; charset=utf-8"),
    ("briefing-2026-11-24.txt", "text/plain; charset=utf-8"),
    ("briefing-2026-11-24.html", "text/html; charset=utf-8"),
    ("briefing-2026-11-24.chapters.json", "application/json"),
    ("cover.png", "image/png"),
])
def test_mime_types(site, name, mime):
    response, _ = get(site, "/" + name)
    assert response.status == 200
    assert response.getheader("Content-Type") == mime


@pytest.mark.parametrize("path", ["/.briefing-state.json", "/../secret.txt", "/%2e%2e/secret.txt", "/nope.mp3"])
def test_hidden_missing_and_outside_files_are_not_served(site, path):
    assert get(site, path)[0].status == 404


def test_the_folder_lists_its_files_but_not_the_hidden_ones(site):
    response, body = get(site, "/")
    assert response.status == 200
    assert b"feed.xml" in body and b"briefing-state" not in body
