"""The output folder served as podcast apps fetch it: MIME types and byte ranges."""

from __future__ import annotations

import http.client
import socket
import threading

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


@pytest.mark.parametrize("path", [
    "/.briefing-state.json", "/%2ebriefing-state.json", "/%2Ebriefing-state.json", "/./.briefing-state.json",
    "/x/../.briefing-state.json", "//.briefing-state.json", "/.briefing-state.json?x=1", "/state-link.json",
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/nope.mp3",
])
def test_hidden_missing_and_outside_files_are_not_served_however_the_path_is_written(site, path):
    folder = site[0]
    (folder / "state-link.json").symlink_to(folder / ".briefing-state.json")  # a link to a hidden file is hidden
    response, body = get(site, path)
    assert response.status in (400, 404)
    assert b"secret" not in body and b"{}" not in body


def test_links_are_followed_only_inside_the_folder(site, tmp_path):
    folder = site[0]
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text("private")
    (folder / "etc-link").symlink_to(outside)
    (folder / "secret-link.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "latest.mp3").symlink_to(folder / "briefing-2026-11-24.mp3")
    for path in ("/etc-link/", "/etc-link/private.txt", "/secret-link.txt"):
        response, body = get(site, path)
        assert response.status == 404, path
        assert b"private" not in body and b"outside" not in body
    response, body = get(site, "/latest.mp3")
    assert response.status == 200 and body == DATA


def test_folders_are_never_listed_and_the_root_is_the_index_page(site):
    folder = site[0]
    (folder / "old").mkdir()
    (folder / "old" / "briefing-2026-11-01.mp3").write_bytes(b"x")
    for path in ("/", "/old", "/old/"):
        response, body = get(site, path)
        assert response.status == 404, path
        assert b"feed.xml" not in body and b"briefing-2026-11-01" not in body
    assert get(site, "/old/briefing-2026-11-01.mp3")[0].status == 200
    (folder / "index.html").write_text("<h1>Le Briefing</h1>")
    response, body = get(site, "/")
    assert response.status == 200 and body == b"<h1>Le Briefing</h1>"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"


@pytest.mark.parametrize("path", ["/%00", "/feed.xml%00.txt", "/%ff%fe", "/%zz", "/feed%2Fxml", "/%0a", "/%1b]0;x%07",
                                  "feed.xml", "*"])
def test_a_malformed_path_gets_400_and_the_server_goes_on(site, path, capsys):
    response, body = get(site, path)
    assert response.status == 400
    assert get(site, "/feed.xml")[0].status == 200
    assert "Traceback" not in capsys.readouterr().err


def _server(folder, **options):
    from briefing.publish.serve import make_server

    server = make_server(folder, "127.0.0.1", 0, quiet=True, **options)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@pytest.mark.parametrize("client", ["idle", "trickling"])
def test_a_slow_client_is_let_go(site, client):
    server = _server(site[0], timeout=0.5)
    stop = threading.Event()
    try:
        with socket.create_connection(server.server_address[:2], timeout=60) as connection:
            if client == "trickling":  # one header byte at a time, never done: each comes within the timeout
                def trickle():
                    try:
                        connection.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                        while not stop.wait(0.05):  # timing-ok: the pause between bytes is what is tested
                            connection.sendall(b"a")
                    except OSError:
                        pass  # let go
                threading.Thread(target=trickle, daemon=True).start()
            # the server closes the connection (reading gets the end of the stream) instead of waiting on
            assert connection.recv(1024) == b""
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
