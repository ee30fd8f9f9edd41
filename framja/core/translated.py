"""Texts translated once per language and process, for pages written in Python.

A function decorated with ``per_language`` takes the active language as its only argument
and returns what it translated into it; the result is kept for the life of the process, and
dropped when the languages or the catalogues change (as Django's tests do when they compile
the catalogues afresh).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver

_CACHES: list[Any] = []


def per_language[T](function: Callable[[Any], T]) -> Callable[[Any], T]:
    """Keep ``function``'s result per language until the translations change."""
    cached = functools.cache(function)
    _CACHES.append(cached)
    return cached


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: object) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        for cached in _CACHES:
            cached.cache_clear()
