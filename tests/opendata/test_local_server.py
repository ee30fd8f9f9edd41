"""The clients end to end over real HTTP, against a server on 127.0.0.1 that serves the
response files. Nothing leaves the machine; every call has a short timeout and the server stops
when the test ends.
"""

import contextlib
import gzip
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from framja.indicators.http import JsonClient, OpenDataError, UrllibTransport
from framja.indicators.kolada import KoladaClient
from framja.indicators.pxweb import PxWebV1Client, PxWebV2Client, Selection, dataset_records
from framja.indicators.records import ValueRecord

from .fakes import FIXTURES

KOLADA_HOST = "https://api.kolada.se"
PXWEB_V2_HOST = "https://statistikdatabasen.scb.se"

ROUTES = {
    ("GET", "/v3/kpi?title=fall&per_page=2"): "kolada_kpi_page1.json",
    ("GET", "/v3/kpi?title=fall&per_page=2&page=2"): "kolada_kpi_page2.json",
    ("GET", "/v3/data/kpi/N00992/year/2024?from_date=2025-01-01"): "kolada_updates.json",
    ("POST", "/api/v1/sv/Halsodata/Levnadsvanor/fysisk_aktivitet.px"): "pxweb_v1_data.json",
    (
        "GET",
        "/api/v2/tables/TAB9001/data?lang=sv&outputFormat=json-stat2"
        "&valueCodes[Region]=1280,00&valueCodes[Kon]=*&valueCodes[Tid]=top(2)",
    ): "pxweb_v2_data.json",
}


@dataclass
class Seen:
    method: str
    path: str
    body: bytes
    user_agent: str


@dataclass
class Server:
    base: str
    seen: list[Seen] = field(default_factory=list)
    busy_left: int = 1


def make_handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.answer()

        def do_POST(self) -> None:
            self.answer()

        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            server.seen.append(Seen(self.command, self.path, body, self.headers["User-Agent"]))
            if self.path == "/busy" and server.busy_left:
                server.busy_left -= 1
                return self.reply(429, b"Too Many Requests", {"Retry-After": "0"})
            if self.path == "/busy":
                return self.reply(200, b'{"ok": true}')
            if self.path == "/gzip":
                return self.reply(
                    200, gzip.compress(b'{"packed": true}'), {"Content-Encoding": "gzip"}
                )
            if self.path == "/html":
                return self.reply(200, b"<!doctype html><p>Underh\xc3\xa5ll</p>")
            if self.path == "/slow":
                time.sleep(0.5)
                # The client has given up by now; its closed connection is expected.
                with contextlib.suppress(ConnectionError):
                    self.reply(200, b"{}")
                return None
            name = ROUTES.get((self.command, self.path))
            if name is None:
                return self.reply(404, b"Not Found")
            text = (FIXTURES / name).read_text(encoding="utf-8")
            # next_url and links name the real hosts; point them back here.
            text = text.replace(KOLADA_HOST, server.base).replace(PXWEB_V2_HOST, server.base)
            return self.reply(200, text.encode())

        def reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def server(monkeypatch) -> Iterator[Server]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    state = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def http(timeout: float = 5.0) -> JsonClient:
    return JsonClient(transport=UrllibTransport(timeout=timeout), max_retries=2, backoff=0)


def test_kolada_over_http_pages_and_reads_updates(server):
    with override_settings(KOLADA_BASE_URL=f"{server.base}/v3"):
        client = KoladaClient(http=http(), per_page=2)
        kpis = client.search_kpis("fall")
        records = list(client.data(kpis=["N00992"], years=[2024], from_date="2025-01-01"))

    assert [kpi.id for kpi in kpis] == ["U21432", "N20500", "U79133"]
    assert records[1] == ValueRecord("N00992", "1280", "2024", "T", None, deleted=True)
    assert [record.deleted for record in records] == [False, True, True, False]
    assert [seen.path for seen in server.seen] == [
        "/v3/kpi?title=fall&per_page=2",
        "/v3/kpi?title=fall&per_page=2&page=2",
        "/v3/data/kpi/N00992/year/2024?from_date=2025-01-01",
    ]
    assert all(seen.user_agent.startswith("Framja/") for seen in server.seen)


def test_pxweb_v1_posts_and_v2_gets_over_http(server):
    v1 = PxWebV1Client(f"{server.base}/api/v1/sv/Halsodata", http=http())
    v2 = PxWebV2Client(f"{server.base}/api/v2", http=http())

    posted = v1.query(
        "Levnadsvanor/fysisk_aktivitet.px",
        [Selection.item("Region", "00", "21"), Selection.top("År", 2)],
    )
    got = v2.data("TAB9001", {"Region": ["1280", "00"], "Kon": ["*"], "Tid": ["top(2)"]})

    assert json.loads(server.seen[0].body) == {
        "query": [
            {"code": "Region", "selection": {"filter": "item", "values": ["00", "21"]}},
            {"code": "År", "selection": {"filter": "top", "values": ["2"]}},
        ],
        "response": {"format": "json-stat2"},
    }
    assert len(list(dataset_records(posted))) == 12
    assert list(dataset_records(got))[-1] == ValueRecord(
        "BE0101N1", "0000", "2025Q3", "K", None, status=".."
    )


def test_the_real_transport_retries_unpacks_and_reports(server):
    client = http()

    assert client.get(f"{server.base}/busy") == {"ok": True}
    assert client.get(f"{server.base}/gzip") == {"packed": True}
    with pytest.raises(OpenDataError, match="är inte JSON"):
        client.get(f"{server.base}/html")
    with pytest.raises(
        OpenDataError, match=re.escape("svarade med HTTP-status 404. Svaret: ”Not Found”")
    ):
        client.get(f"{server.base}/saknas")
    with pytest.raises(OpenDataError, match=re.escape("svarade inte inom 0.1 sekunder")):
        http(timeout=0.1).get(f"{server.base}/slow")
    assert [seen.path for seen in server.seen[:2]] == ["/busy", "/busy"]


def test_the_real_transport_names_a_server_that_is_not_there():
    # given a port that nothing listens on
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/"

    with pytest.raises(OpenDataError, match=re.escape(f"Kunde inte nå {url}: ")):
        http(timeout=1).get(url)
