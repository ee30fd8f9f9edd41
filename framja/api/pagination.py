"""The API's pagination: limit and offset, with an offset the databases can take."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# PostgreSQL's OFFSET is a bigint and SQLite's an integer of 64 bits: a larger offset is a
# database error, not an empty page. No list comes near this.
MAX_OFFSET = 2**31 - 1


@dataclass(frozen=True)
class PageRead:
    """A list an endpoint reads one page of itself, with the count of the whole: ``read``
    takes the offset and the limit and returns the page's items and the count.

    For reads that put the page and the count in one round trip; a queryset would be read
    in two, its slice and then its count.
    """

    read: Callable[[int, int], tuple[list[Any], int]]


class Pagination(LimitOffsetPagination):
    """``limit`` (1 to NINJA_PAGINATION_MAX_LIMIT) and ``offset`` (0 to 2^31 - 1)."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=settings.NINJA_PAGINATION_MAX_LIMIT, **kwargs)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        if isinstance(queryset, PageRead):
            items, count = queryset.read(pagination.offset, min(pagination.limit, self.max_limit))
            return {self.items_attribute: items, "count": count}
        return super().paginate_queryset(queryset, pagination, request, **params)
