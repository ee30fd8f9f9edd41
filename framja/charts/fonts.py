"""Find DejaVu Sans, the font the charts are laid out for, on this machine."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
FILES = {
    (False, False): "DejaVuSans.ttf",
    (True, False): "DejaVuSans-Bold.ttf",
    (False, True): "DejaVuSans-Oblique.ttf",
    (True, True): "DejaVuSans-BoldOblique.ttf",
}


@cache
def font_path(bold: bool = False, italic: bool = False) -> Path | None:
    """Return the DejaVu Sans file for the style, the upright one if the style is missing."""
    for name in (FILES[bold, italic], FILES[bold, False], FILES[False, False]):
        for folder in FONT_DIRS:
            path = folder / name
            if path.is_file():
                return path
    return None
