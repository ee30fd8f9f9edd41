"""Compile gettext catalogues (.po) to .mo without GNU gettext installed.

``makemessages`` still needs xgettext to extract strings, but running Främja in English only
needs the compiled catalogue, and this makes it from the .po files in the repository.
"""

import ast
import os
import struct
from pathlib import Path


class PoError(ValueError):
    pass


def _unquote(line: str, path: Path, number: int) -> str:
    try:
        value = ast.literal_eval(line)
    except (SyntaxError, ValueError):
        raise PoError(f"{path}:{number}: ogiltig sträng") from None
    if not isinstance(value, str):
        raise PoError(f"{path}:{number}: ogiltig sträng")
    return value


def parse_po(path: Path) -> dict[str, str]:
    """Return ``{msgid: msgstr}`` for every translated, non-fuzzy entry of a .po file.

    Plural entries are keyed as gettext keys them: ``msgid\\0msgid_plural`` and their forms
    joined by ``\\0``; an entry with a context is keyed ``msgctxt\\x04msgid``. The header
    (empty msgid) is kept even when marked fuzzy, as GNU msgfmt keeps it.
    """
    entries: dict[str, str] = {}
    fields: dict[str, str] = {}
    current: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal fields, fuzzy, current
        if "msgid" in fields and (not fuzzy or fields["msgid"] == ""):
            msgid = fields["msgid"]
            if "msgctxt" in fields:
                msgid = fields["msgctxt"] + "\x04" + msgid
            if "msgid_plural" in fields:
                forms = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr["))]
                if all(forms):
                    entries[msgid + "\0" + fields["msgid_plural"]] = "\0".join(forms)
            elif fields.get("msgstr") or msgid == "":
                entries[msgid] = fields.get("msgstr", "")
        fields, fuzzy, current = {}, False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            flush() if "msgid" in fields else None
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if current is None:
                raise PoError(f"{path}:{number}: fortsättningsrad utan fält")
            fields[current] += _unquote(line, path, number)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgid", "msgctxt") and "msgid" in fields:
                flush()
            current = keyword
            fields[keyword] = _unquote(rest, path, number)
    flush()
    return entries


def build_mo(entries: dict[str, str]) -> bytes:
    """Return the bytes of a .mo file holding ``entries`` (little-endian, no hash table)."""
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_offset = header_size + 2 * table_size
    id_table, str_table, blob = [], [], b""
    for data in ids:
        id_table.append((len(data), ids_offset + len(blob)))
        blob += data + b"\0"
    strs_offset = ids_offset + len(blob)
    str_blob = b""
    for data in strs:
        str_table.append((len(data), strs_offset + len(str_blob)))
        str_blob += data + b"\0"
    output = struct.pack(
        "<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0
    )
    for length, offset in id_table + str_table:
        output += struct.pack("<2I", length, offset)
    return output + blob + str_blob


def compile_catalogues(root: Path) -> list[Path]:
    """Compile every ``*.po`` under ``root`` to a ``.mo`` beside it; return the written files."""
    written = []
    for po in sorted(root.rglob("*.po")):
        mo = po.with_suffix(".mo")
        data = build_mo(parse_po(po))
        if not mo.exists() or mo.read_bytes() != data:
            # Write beside and rename, so a parallel test worker never reads half a file.
            partial = mo.with_suffix(f".mo.{os.getpid()}")
            partial.write_bytes(data)
            partial.replace(mo)
        written.append(mo)
    return written
