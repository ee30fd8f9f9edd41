"""The JSON-over-HTTP layer: retries on 429, the rate limit, decoding and Swedish errors."""

import json
import re

import pytest

from framja.indicators.http import (
    JsonClient,
    OpenDataError,
    RateLimit,
    Request,
    Response,
    ShapeReader,
    UrllibTransport,
    with_query,
)

from .fakes import FakeTransport

URL = "https://data.example/api"


class Clock:
    """A clock that only moves when the client sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def answers(*responses: Response):
    queue = list(responses)
    return lambda request: queue.pop(0)


def test_it_waits_as_told_by_retry_after_and_tries_again():
    clock = Clock()
    fake = FakeTransport(
        {URL: answers(Response(429, b"", {"retry-after": "7"}), Response(200, b'{"ok": true}'))}
    )

    data = JsonClient(transport=fake, sleep=clock.sleep, clock=clock).get(URL)

    assert data == {"ok": True}
    assert clock.slept == [7.0]
    assert len(fake.requests) == 2


def test_it_backs_off_exponentially_and_gives_up_in_swedish():
    clock = Clock()
    busy = Response(429, b"Too Many Requests")
    fake = FakeTransport({URL: answers(*[busy] * 5)})

    with pytest.raises(OpenDataError) as caught:
        JsonClient(transport=fake, sleep=clock.sleep, clock=clock, max_retries=4).get(URL)

    assert clock.slept == [1.0, 2.0, 4.0, 8.0]
    assert len(fake.requests) == 5
    assert str(caught.value) == (
        f"{URL} tar inte emot fler anrop just nu (HTTP-status 429, för många anrop), "
        "inte heller efter 5 försök. Försök igen senare."
    )


def test_it_caps_the_wait():
    clock = Clock()
    fake = FakeTransport(
        {URL: answers(Response(503, b"", {"retry-after": "3600"}), Response(200, b"[]"))}
    )

    assert JsonClient(transport=fake, sleep=clock.sleep, clock=clock, max_delay=30).get(URL) == []
    assert clock.slept == [30.0]


def test_it_keeps_to_the_rate_limit():
    # given 3 calls per 10 seconds
    clock = Clock()
    fake = FakeTransport(default=b"{}")
    client = JsonClient(
        transport=fake, rate_limit=RateLimit(calls=3, period=10), sleep=clock.sleep, clock=clock
    )

    # when
    for _ in range(3):
        client.get(URL)
        clock.now += 1
    client.get(URL)
    client.get(URL)

    # then the fourth call waits until the first is 10 s old, the fifth until the second is
    assert clock.slept == [7.0, 1.0]
    assert len(fake.requests) == 5


def test_it_posts_json_in_utf_8():
    fake = FakeTransport({f"{URL}?lang=sv": b'{"svar": "ja"}'})

    data = JsonClient(transport=fake).post(URL, {"fråga": ["Kön"]}, {"lang": "sv"})

    assert data == {"svar": "ja"}
    request = fake.requests[0]
    assert request.method == "POST"
    assert request.body == '{"fråga": ["Kön"]}'.encode()
    assert request.headers == {"Content-Type": "application/json; charset=utf-8"}


def test_it_accepts_a_byte_order_mark():
    fake = FakeTransport({URL: "\ufeff[1, 2]".encode()})

    assert JsonClient(transport=fake).get(URL) == [1, 2]


def test_it_says_when_an_answer_is_not_text():
    fake = FakeTransport({URL: b"\xff\xfe\x00"})

    with pytest.raises(OpenDataError, match=f"^Svaret från {URL} är inte JSON: det är inte UTF-8"):
        JsonClient(transport=fake).get(URL)


def test_with_query_keeps_codes_readable_and_quotes_the_rest():
    url = with_query(
        f"{URL}/data",
        [("valueCodes[Tid]", "top(3)"), ("valueCodes[Kön]", "1+2"), ("q", "a b&c")],
    )

    assert url == f"{URL}/data?valueCodes[Tid]=top(3)&valueCodes[K%C3%B6n]=1%2B2&q=a%20b%26c"
    assert with_query(f"{URL}?lang=sv", {"x": "1"}) == f"{URL}?lang=sv&x=1"
    assert with_query(URL, None) == URL


def test_the_shape_reader_describes_what_it_found():
    reader = ShapeReader(URL)
    item = {"a": 1.5, "b": [1], "c": {"x": 1}, "d": "x" * 50}

    assert reader.text(item, "a", "v[0]") == "1.5"
    with pytest.raises(OpenDataError, match=re.escape("”v[0].b” ska vara en text men är en lista")):
        reader.text(item, "b", "v[0]")
    with pytest.raises(
        OpenDataError, match=re.escape("”v[0].c” ska vara ett tal eller null men är ett objekt")
    ):
        reader.number_or_null(item, "c", "v[0]")
    with pytest.raises(OpenDataError, match=f"är texten ”{'x' * 40}…”"):
        reader.as_list(item["d"], "v[0].d")
    with pytest.raises(OpenDataError, match=re.escape("”v[0].e” saknas")):
        reader.texts(item, "e", "v[0]")


def test_the_real_transport_refuses_what_is_not_a_web_address():
    transport = UrllibTransport()

    with pytest.raises(OpenDataError, match="är ingen webbadress"):
        transport(Request("GET", "file:///etc/passwd"))


def test_a_server_error_names_the_status_and_the_start_of_the_answer():
    body = json.dumps({"title": "Bad Request", "detail": "Okänd variabel Kon"}, ensure_ascii=False)
    fake = FakeTransport({URL: Response(400, body.encode())})

    with pytest.raises(OpenDataError) as caught:
        JsonClient(transport=fake).get(URL)

    assert str(caught.value) == (
        f"Anropet till {URL} misslyckades: servern svarade med HTTP-status 400. "
        'Svaret: ”{"title": "Bad Request", "detail": "Okänd variabel Kon"}”'
    )
