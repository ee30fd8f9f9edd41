"""A transport that answers from the response files next to this module, and records requests."""

import json
from collections.abc import Callable
from pathlib import Path

from framja.indicators.http import Request, Response

FIXTURES = Path(__file__).parent

Route = str | bytes | Response | Callable[[Request], Response]


class FakeTransport:
    """Answer each URL from ``routes``: a fixture file name, raw bytes, a Response or a function."""

    def __init__(
        self, routes: dict[str, Route] | None = None, default: Route | None = None
    ) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.default = default
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        route = self.routes.get(request.url, self.default)
        if route is None:
            raise AssertionError(f"unexpected request: {request.method} {request.url}")
        if isinstance(route, Response):
            return route
        if isinstance(route, bytes):
            return Response(200, route)
        if isinstance(route, str):
            return Response(200, (FIXTURES / route).read_bytes())
        return route(request)

    @property
    def urls(self) -> list[str]:
        return [request.url for request in self.requests]

    def bodies(self) -> list[object]:
        return [json.loads(request.body) for request in self.requests if request.body is not None]


def load(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))
