"""The fonts the PDF renderers draw with: DejaVu Sans, or Helvetica when it is not installed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Debian's fonts-dejavu-core; DejaVu Sans has å ä ö and every symbol the documents use
# (✓ ◐ ✕ – ● ○ ▲ ■ •).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# The standard PDF fonts only know WinAnsi; these status symbols are not in it.
ASCII_SYMBOLS = str.maketrans(
    {"●": "*", "○": "o", "◐": "~", "▲": "^", "■": "#", "✓": "v", "✕": "x"}
)


@dataclass(frozen=True)
class PdfFonts:
    regular: str
    bold: str
    italic: str
    unicode: bool

    def plain(self, value: str) -> str:
        """Return value limited to the characters the font can draw."""
        if self.unicode:
            return value
        return value.translate(ASCII_SYMBOLS).encode("cp1252", "replace").decode("cp1252")

    def text(self, value: str) -> str:
        """Return value as Paragraph markup the font can draw."""
        return escape(self.plain(value))


def pdf_fonts(font_dir: Path = FONT_DIR) -> PdfFonts:
    """Register DejaVu Sans from font_dir, or fall back to Helvetica when it is missing."""
    paths = {
        "DejaVuSans": font_dir / "DejaVuSans.ttf",
        "DejaVuSans-Bold": font_dir / "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": font_dir / "DejaVuSans-Oblique.ttf",
    }
    if not (paths["DejaVuSans"].is_file() and paths["DejaVuSans-Bold"].is_file()):
        return PdfFonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", unicode=False)
    if not paths["DejaVuSans-Oblique"].is_file():
        paths["DejaVuSans-Oblique"] = paths["DejaVuSans"]
    registered = pdfmetrics.getRegisteredFontNames()
    for name, path in paths.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        "DejaVuSans",
        normal="DejaVuSans",
        bold="DejaVuSans-Bold",
        italic="DejaVuSans-Oblique",
        boldItalic="DejaVuSans-Bold",
    )
    return PdfFonts("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", unicode=True)
