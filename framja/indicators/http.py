"""JSON over HTTP for the open-data clients.

A transport is any callable that takes a ``Request`` and returns a ``Response`` whatever the
HTTP status; ``UrllibTransport`` is the real one and tests hand in a fake, so nothing in a test
touches the network. ``JsonClient`` adds what every source needs on top: a pause between calls
when a server limits them, retries with backoff on 429 (and 503), JSON decoding, and errors in
Swedish that name the URL and what went wrong. ``ShapeReader`` checks the decoded JSON field by
field so that a response of an unexpected shape names the field instead of failing somewhere
later with a ``KeyError``.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
import zlib
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from typing import IO, Any
from urllib.parse import quote, urlencode, urlsplit

from django.utils.translation import gettext as _

USER_AGENT = "Framja/0.1 (open-data client; Python urllib)"
RETRY_STATUSES = frozenset({429, 503})

Params = Mapping[str, str] | Sequence[tuple[str, str]] | None


class OpenDataError(Exception):
    """A call to an open-data source failed; the message says where and why, in Swedish."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.message = message


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    url: str
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)  # names in lower case


Transport = Callable[[Request], Response]


def with_query(url: str, params: Params) -> str:
    """Return the URL with the parameters added, keeping ``[]``, ``,``, ``(``, ``)`` readable."""
    if not params:
        return url
    pairs = list(params.items()) if isinstance(params, Mapping) else list(params)
    query = urlencode(pairs, quote_via=quote, safe="[],()*:")
    return f"{url}{'&' if '?' in url else '?'}{query}"


def path_part(value: str) -> str:
    """Quote one path segment (an id, a code) so that it cannot change the path."""
    return quote(value, safe="")


class UrllibTransport:
    """Send requests with the standard library, with a timeout, a User-Agent and a size limit."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        user_agent: str = USER_AGENT,
        max_bytes: int = 200 * 1024 * 1024,
    ) -> None:
        self.timeout = timeout
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        # An opener of its own: proxies come from the environment as it is now, not as it was
        # when some other code first called urlopen.
        self.opener = urllib.request.build_opener()

    def __call__(self, request: Request) -> Response:
        url = request.url
        if urlsplit(url).scheme not in {"http", "https"}:
            raise OpenDataError(
                url, _("%(url)s är ingen webbadress (den ska börja med https://).") % {"url": url}
            )
        headers = {
            "User-Agent": self.user_agent,
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
            **request.headers,
        }
        raw = urllib.request.Request(url, data=request.body, headers=headers, method=request.method)
        try:
            with self.opener.open(raw, timeout=self.timeout) as handle:
                return self._response(url, handle.status, handle.headers, handle)
        except urllib.error.HTTPError as error:
            with error:
                return self._response(url, error.code, error.headers, error)
        except TimeoutError:
            raise self._timeout(url) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout(url) from None
            raise OpenDataError(
                url, _("Kunde inte nå %(url)s: %(reason)s.") % {"url": url, "reason": error.reason}
            ) from None
        except (OSError, http.client.HTTPException) as error:
            raise OpenDataError(
                url,
                _("Anslutningen till %(url)s bröts: %(reason)s.")
                % {"url": url, "reason": str(error) or type(error).__name__},
            ) from None

    def _timeout(self, url: str) -> OpenDataError:
        return OpenDataError(
            url,
            _("%(url)s svarade inte inom %(seconds)s sekunder.")
            % {"url": url, "seconds": f"{self.timeout:g}"},
        )

    def _response(self, url: str, status: int, headers: Message, handle: IO[bytes]) -> Response:
        body = handle.read(self.max_bytes + 1)
        encoding = (headers.get("Content-Encoding") or "").lower()
        if encoding == "gzip" and body:
            try:
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                body = inflater.decompress(body, self.max_bytes + 1)
            except zlib.error:
                raise OpenDataError(
                    url, _("Svaret från %(url)s är trasigt packat (gzip).") % {"url": url}
                ) from None
        if len(body) > self.max_bytes:
            raise OpenDataError(
                url,
                _("Svaret från %(url)s är större än %(megabytes)s MB; begränsa frågan.")
                % {"url": url, "megabytes": self.max_bytes // (1024 * 1024)},
            )
        return Response(status, body, {name.lower(): value for name, value in headers.items()})


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``calls`` requests in any ``period`` seconds (Statistics Sweden: 30 per 10 s)."""

    calls: int
    period: float


class JsonClient:
    """Fetch and decode JSON through a transport, politely and with clear errors."""

    def __init__(
        self,
        *,
        transport: Transport | None = None,
        rate_limit: RateLimit | None = None,
        max_retries: int = 4,
        backoff: float = 1.0,
        max_delay: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport: Transport = transport if transport is not None else UrllibTransport()
        self.rate_limit = rate_limit
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.sleep = sleep
        self.clock = clock
        self._sent: deque[float] = deque()

    def get(self, url: str, params: Params = None) -> Any:
        """GET the URL and return its decoded JSON."""
        return self.request("GET", with_query(url, params))

    def post(self, url: str, payload: Any, params: Params = None) -> Any:
        """POST the payload as JSON and return the decoded JSON answer."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self.request(
            "POST",
            with_query(url, params),
            body=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        request = Request(method, url, body, dict(headers or {}))
        attempt = 0
        while True:
            self._wait_for_turn()
            response = self.transport(request)
            if response.status not in RETRY_STATUSES or attempt >= self.max_retries:
                break
            self.sleep(self._retry_delay(response, attempt))
            attempt += 1
        if response.status == 429:
            raise OpenDataError(
                url,
                _(
                    "%(url)s tar inte emot fler anrop just nu (HTTP-status 429, för många anrop), "
                    "inte heller efter %(attempts)s försök. Försök igen senare."
                )
                % {"url": url, "attempts": attempt + 1},
            )
        if not 200 <= response.status < 300:
            raise OpenDataError(
                url,
                _("Anropet till %(url)s misslyckades: servern svarade med HTTP-status %(status)s.")
                % {"url": url, "status": response.status}
                + _excerpt(response.body),
            )
        return decode_json(url, response.body)

    def _wait_for_turn(self) -> None:
        limit = self.rate_limit
        if limit is None:
            return
        now = self.clock()
        while self._sent and self._sent[0] <= now - limit.period:
            self._sent.popleft()
        if len(self._sent) >= limit.calls:
            self.sleep(self._sent[0] + limit.period - now)
            self._sent.popleft()
        self._sent.append(self.clock())

    def _retry_delay(self, response: Response, attempt: int) -> float:
        retry_after = response.headers.get("retry-after", "").strip()
        if retry_after.isdigit():
            return min(float(retry_after), self.max_delay)
        return min(self.backoff * 2**attempt, self.max_delay)


def _excerpt(body: bytes, length: int = 200) -> str:
    text = " ".join(body.decode("utf-8", errors="replace").split())
    if not text:
        return ""
    if len(text) > length:
        text = text[:length] + "…"
    return " " + _("Svaret: ”%(text)s”") % {"text": text}


def decode_json(url: str, body: bytes) -> Any:
    """Return the decoded JSON of a response body (a UTF-8 byte-order mark is allowed)."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OpenDataError(
            url, _("Svaret från %(url)s är inte JSON: det är inte UTF-8-text.") % {"url": url}
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise OpenDataError(
            url,
            _("Svaret från %(url)s är inte JSON (fel på rad %(line)s, kolumn %(column)s).")
            % {"url": url, "line": error.lineno, "column": error.colno}
            + _excerpt(body, 80),
        ) from None


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _("talet %(number)s") % {"number": value}
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return _("texten ”%(text)s”") % {"text": shown}
    if isinstance(value, list):
        return _("en lista")
    return _("ett objekt")


def is_number(value: Any) -> bool:
    """Return whether a decoded JSON value is a number (true and false are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def join(path: str, key: str | int) -> str:
    """Return the path of a field or list item, such as ``values[3].gender``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class ShapeReader:
    """Read fields out of decoded JSON; anything unexpected becomes an ``OpenDataError``."""

    def __init__(self, url: str) -> None:
        self.url = url

    def wrong(
        self, path: str, expected: str, value: Any = None, *, found: str | None = None
    ) -> OpenDataError:
        """Return the error for a field that is not what was expected.

        ``found`` describes what is there instead, when describing ``value`` would not say it.
        """
        return OpenDataError(
            self.url,
            _(
                "Svaret från %(url)s har oväntad form: fältet ”%(field)s” ska vara %(expected)s "
                "men är %(actual)s."
            )
            % {
                "url": self.url,
                "field": path or _("(hela svaret)"),
                "expected": expected,
                "actual": found if found is not None else _describe(value),
            },
        )

    def missing(self, path: str) -> OpenDataError:
        return OpenDataError(
            self.url,
            _("Svaret från %(url)s har oväntad form: fältet ”%(field)s” saknas.")
            % {"url": self.url, "field": path},
        )

    def as_object(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.wrong(path, _("ett objekt"), value)
        return value

    def as_list(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.wrong(path, _("en lista"), value)
        return value

    def required(self, obj: dict[str, Any], key: str, path: str) -> Any:
        if key not in obj:
            raise self.missing(join(path, key))
        return obj[key]

    def text(self, obj: dict[str, Any], key: str, path: str, *, default: str | None = None) -> str:
        """Return a text field; numbers are accepted as text. Without a default it is required."""
        if key not in obj or obj[key] is None:
            if default is None:
                raise self.missing(join(path, key))
            return default
        value = obj[key]
        if isinstance(value, str):
            return value
        if is_number(value):
            return str(value)
        raise self.wrong(join(path, key), _("en text"), value)

    def flag(self, obj: dict[str, Any], key: str, path: str, *, default: bool = False) -> bool:
        """Return a true/false field given as a boolean or as 0/1."""
        value = obj.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if value in (0, 1):
            return bool(value)
        raise self.wrong(join(path, key), _("true, false, 0 eller 1"), value)

    def number_or_null(self, obj: dict[str, Any], key: str, path: str) -> float | None:
        value = self.required(obj, key, path)
        if value is None:
            return None
        if not is_number(value):
            raise self.wrong(join(path, key), _("ett tal eller null"), value)
        return float(value)

    def texts(self, obj: dict[str, Any], key: str, path: str) -> list[str]:
        """Return a required list of texts."""
        where = join(path, key)
        items = self.as_list(self.required(obj, key, path), where)
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise self.wrong(join(where, index), _("en text"), item)
            result.append(item)
        return result
