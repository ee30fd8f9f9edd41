"""Check the packaging of a DOCX or PPTX file the way Office does before it offers a repair."""

import io
import posixpath
import zipfile
from xml.etree import ElementTree

CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def package_problems(content: bytes) -> list[str]:
    """Return what is wrong with the package: missing targets, parts without a content type."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if archive.testzip() is not None:
            return ["a damaged zip entry"]
        names = archive.namelist()
        if len(names) != len(set(names)):
            problems.append("a part is stored twice")
        parts = set(names)
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        defaults = {d.get("Extension", "").lower() for d in types.iter(f"{CONTENT_TYPES}Default")}
        overrides = {o.get("PartName", "") for o in types.iter(f"{CONTENT_TYPES}Override")}
        for override in overrides:
            if override.lstrip("/") not in parts:
                problems.append(f"content type for missing part {override}")
        for name in names:
            if name == "[Content_Types].xml" or name.endswith("/"):
                continue
            extension = posixpath.basename(name).rpartition(".")[2].lower()
            if f"/{name}" not in overrides and extension not in defaults:
                problems.append(f"no content type for {name}")
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(archive.read(name))  # well-formed
        for name in names:
            if not name.endswith(".rels"):
                continue
            folder = posixpath.dirname(posixpath.dirname(name))  # "word/_rels/x.rels" → "word"
            for relationship in ElementTree.fromstring(archive.read(name)):
                if relationship.tag != f"{RELATIONSHIPS}Relationship":
                    continue
                if relationship.get("TargetMode") == "External":
                    continue
                target = relationship.get("Target", "")
                resolved = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                if resolved not in parts:
                    problems.append(f"{name} points at missing {resolved}")
    return problems
