"""Read the outline (bookmarks) and the catalogue of a PDF reportlab wrote."""

import re

OBJECT = re.compile(rb"(\d+) 0 obj\s*<<((?:(?!endobj).)*?)>>\s*endobj", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(content: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in OBJECT.findall(content)}


def _reference(body: bytes, key: bytes) -> int | None:
    found = re.search(rb"/" + key + rb" (\d+) 0 R", body)
    return int(found.group(1)) if found else None


def _literal(body: bytes, key: bytes) -> str:
    """Return the PDF literal string after /key, decoded (PDFDocEncoding or UTF-16)."""
    start = body.index(b"/" + key + b" (") + len(key) + 3
    raw = bytearray()
    index, depth = start, 0
    while True:
        char = body[index : index + 1]
        if char == b"\\":
            following = body[index + 1 : index + 2]
            octal = re.match(rb"[0-7]{1,3}", body[index + 1 : index + 4])
            if octal:
                raw.append(int(octal.group(0), 8))
                index += 1 + len(octal.group(0))
                continue
            raw += ESCAPES.get(following, following)
            index += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            if depth == 0:
                break
            depth -= 1
        raw += char
        index += 1
    if raw.startswith(b"\xfe\xff"):
        return bytes(raw[2:]).decode("utf-16-be")
    return bytes(raw).decode("latin-1")


def catalog(content: bytes) -> bytes:
    return next(body for body in _objects(content).values() if b"/Type /Catalog" in body)


def outline(content: bytes) -> list[tuple[int, str]]:
    """Return (depth, title) of every bookmark, in the order a reader's panel shows them."""
    objects = _objects(content)
    root = _reference(catalog(content), b"Outlines")
    entries: list[tuple[int, str]] = []

    def walk(number: int | None, depth: int) -> None:
        while number is not None:
            body = objects[number]
            entries.append((depth, _literal(body, b"Title")))
            walk(_reference(body, b"First"), depth + 1)
            number = _reference(body, b"Next")

    if root is not None:
        walk(_reference(objects[root], b"First"), 0)
    return entries
