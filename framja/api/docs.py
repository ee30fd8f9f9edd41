"""The API reference at /api/docs, rendered on the server from the OpenAPI schema.

Swagger UI fails WCAG checks (nested controls, contrast) that we cannot fix from outside,
so the reference is a plain page like every other: readable by screen readers and without
JavaScript. The machine-readable schema stays at /api/openapi.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str


@dataclass
class Property:
    name: str
    type: str
    required: bool


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    tag: str
    anchor: str
    needs_login: bool
    parameters: list[Parameter] = field(default_factory=list)
    response_type: str = ""
    response_properties: list[Property] = field(default_factory=list)


def _type_name(schema: dict[str, Any], components: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type_name(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{_type_name(schema.get('items', {}), components)}]"
    kind = str(schema.get("type", "object"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components.get(str(schema["$ref"]).rsplit("/", 1)[-1], {})
    if schema.get("type") == "array":
        return _resolve(schema.get("items", {}), components)
    return schema


def operations(schema: dict[str, Any]) -> list[Operation]:
    """Return the operations of an OpenAPI schema in a form a template can list."""
    components = schema.get("components", {}).get("schemas", {})
    result = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            spec = item.get(method)
            if spec is None:
                continue
            parameters = [
                Parameter(
                    name=p["name"],
                    location=p.get("in", ""),
                    required=bool(p.get("required")),
                    type=_type_name(p.get("schema", {}), components),
                    description=p.get("description", ""),
                )
                for p in spec.get("parameters", [])
            ]
            ok = spec.get("responses", {}).get("200", {})
            body = ok.get("content", {}).get("application/json", {}).get("schema", {})
            target = _resolve(body, components)
            required = set(target.get("required", []))
            properties = [
                Property(name=name, type=_type_name(prop, components), required=name in required)
                for name, prop in target.get("properties", {}).items()
            ]
            result.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=spec.get("summary", ""),
                    description=spec.get("description", ""),
                    tag=(spec.get("tags") or [""])[0],
                    anchor=spec.get("operationId", f"{method}-{path}"),
                    needs_login=bool(spec.get("security")),
                    parameters=parameters,
                    response_type=_type_name(body, components) if body else "",
                    response_properties=properties,
                )
            )
    return result


class ReferenceDocs(DocsBase):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema()
        return render(
            request,
            self.template,
            {
                "schema_url": self.get_openapi_url(api, kwargs),
                "info": schema.get("info", {}),
                "operations": operations(schema),
            },
        )
