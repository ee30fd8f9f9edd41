"""The API's pagination: limit and offset, with an offset the databases can take."""

from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# PostgreSQL's OFFSET is a bigint and SQLite's an integer of 64 bits: a larger offset is a
# database error, not an empty page. No list comes near this.
MAX_OFFSET = 2**31 - 1


class Pagination(LimitOffsetPagination):
    """``limit`` (1 to NINJA_PAGINATION_MAX_LIMIT) and ``offset`` (0 to 2^31 - 1)."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=settings.NINJA_PAGINATION_MAX_LIMIT, **kwargs)
