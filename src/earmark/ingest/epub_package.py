"""An EPUB's archive and package: the zip (checked before anything is read), the container,
the OPF package document (metadata, manifest, spine, guide), and the table of contents from
the EPUB 3 navigation document or the EPUB 2 NCX.

Every problem is one InputError naming the file: not a zip, unsafe names (`../`, absolute),
a possible zip bomb, DRM, a missing container, package or spine file, malformed XML.
Package files are parsed with defusedxml (no DTD entities); the navigation document, which
is XHTML and often not well-formed, with BeautifulSoup.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from earmark.errors import InputError

MAX_MEMBER = 256 * 1024 * 1024
"""Bytes a single file of the archive may expand to."""
MAX_TOTAL = 1024 * 1024 * 1024
"""Bytes the whole archive may expand to."""
MAX_RATIO = 100
"""Expansion ratio above which a file larger than RATIO_FLOOR is taken for a zip bomb
(XHTML deflates 3-10x; a run of zeros 1000x)."""
RATIO_FLOOR = 1024 * 1024

_FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
_XHTML = {"application/xhtml+xml", "text/html", "application/xml", "text/xml"}


@dataclass(frozen=True, slots=True)
class TocEntry:
    title: str
    level: int
    """1 for the top of the table of contents; nested entries are deeper."""
    path: str
    """The content document, as a name in the archive."""
    fragment: str
    """The id inside it; "" for the start of the document."""


@dataclass(frozen=True, slots=True)
class SpineItem:
    path: str
    media_type: str
    linear: bool
    properties: frozenset[str] = frozenset()


@dataclass(slots=True)
class Package:
    opf: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    publisher: str | None = None
    date: str | None = None
    cover: bytes | None = None
    cover_mime: str | None = None
    cover_path: str | None = None
    spine: list[SpineItem] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    nav_path: str | None = None
    landmarks: dict[tuple[str, str], str] = field(default_factory=dict)
    """(path, fragment) -> structural type ("copyright-page", "cover", "toc", ...)."""
    warnings: list[str] = field(default_factory=list)


class Archive:
    """The zip, with every name and size checked before any member is read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a document") from None
        except (zipfile.BadZipFile, EOFError):
            raise InputError(f"{path}: not an EPUB: not a zip archive") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        self.names = set()
        total = 0
        for info in self.zip.infolist():
            name = info.filename
            parts = PurePosixPath(name).parts
            if name.startswith(("/", "\\")) or "\\" in name or re.match(r"[A-Za-z]:", name) \
                    or ".." in parts:
                raise InputError(f"{path}: unsafe file name in the archive: {name!r} (a path "
                                 "outside the book)")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER or (info.file_size > RATIO_FLOOR
                                               and ratio > MAX_RATIO):
                raise InputError(f"{path}: refused as a possible zip bomb: {name!r} expands "
                                 f"{ratio:.0f}x to {info.file_size / 2**20:.0f} MB")
            self.names.add(name)
        if total > MAX_TOTAL:
            raise InputError(f"{path}: refused as a possible zip bomb: it expands to "
                             f"{total / 2**20:.0f} MB (at most {MAX_TOTAL // 2**20} MB)")

    def read(self, name: str, what: str) -> bytes:
        if name not in self.names:
            raise InputError(f"{self.path}: {what} {name!r} is missing from the archive")
        info = self.zip.getinfo(name)
        if info.flag_bits & 0x1:
            raise InputError(f"{self.path}: {name!r} is encrypted (a password-protected zip)")
        try:
            with self.zip.open(info) as member:
                data = member.read(MAX_MEMBER + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise InputError(f"{self.path}: {name!r} is damaged in the archive: {exc}") from None
        except NotImplementedError as exc:
            raise InputError(f"{self.path}: {name!r} cannot be unpacked: {exc}") from None
        if len(data) > MAX_MEMBER:
            raise InputError(f"{self.path}: refused as a possible zip bomb: {name!r} expands "
                             f"beyond {MAX_MEMBER // 2**20} MB")
        return data

    def xml(self, name: str, what: str) -> Element:
        data = self.read(name, what)
        try:
            return fromstring(data)
        except DefusedXmlException as exc:
            raise InputError(f"{self.path}: unsafe XML in {name} ({type(exc).__name__})") from None
        except ParseError as exc:
            raise InputError(f"{self.path}: malformed XML in {name}: {exc}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Element, name: str) -> str:
    """An attribute by its local name, with or without a namespace (opf:role, role)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _all(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(str(child.tag)) == name]


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def resolve(base: str, href: str, archive: Archive) -> tuple[str, str]:
    """An href relative to the file `base` -> (name in the archive, fragment)."""
    href, _, fragment = href.partition("#")
    if not href:
        return base, unquote(fragment)
    name = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
    if name.startswith("../") or name == ".." or href.startswith("/"):
        raise InputError(f"{archive.path}: {base} refers to {href!r}, outside the book")
    return name, unquote(fragment)


def read_package(archive: Archive) -> Package:
    container = archive.xml("META-INF/container.xml", "the container file")
    rootfiles = [r for r in _all(container, "rootfile") if _attr(r, "full-path")]
    preferred = [r for r in rootfiles
                 if _attr(r, "media-type") in ("", "application/oebps-package+xml")]
    if not (preferred or rootfiles):
        raise InputError(f"{archive.path}: META-INF/container.xml names no package document")
    opf_name = _attr((preferred or rootfiles)[0], "full-path")
    if opf_name not in archive.names:
        raise InputError(f"{archive.path}: META-INF/container.xml points to {opf_name!r}, "
                         "which is not in the archive")
    _check_drm(archive)
    opf = archive.xml(opf_name, "the package document")
    package = Package(opf_name)
    manifest = _manifest(opf, package, archive)
    _metadata(opf, package)
    _spine(opf, package, manifest, archive)
    _cover(opf, package, manifest, archive)
    _guide(opf, package, archive)
    nav = next((i for i in manifest.values() if "nav" in i[2]), None)
    if nav is not None and nav[0] in archive.names:
        package.nav_path = nav[0]
        _navigation(archive.read(nav[0], "the navigation document"), nav[0], package, archive)
    if not package.toc:
        spine = next((e for e in _children(opf, "spine")), None)
        ncx_id = _attr(spine, "toc") if spine is not None else ""
        ncx = manifest.get(ncx_id) or next(
            (i for i in manifest.values() if i[1] == "application/x-dtbncx+xml"), None)
        if ncx is not None and ncx[0] in archive.names:
            _ncx(archive.xml(ncx[0], "the NCX table of contents"), ncx[0], package, archive)
    return package


def _check_drm(archive: Archive) -> None:
    """Font obfuscation is not DRM; any other encrypted file is."""
    if "META-INF/encryption.xml" not in archive.names:
        return
    encryption = archive.xml("META-INF/encryption.xml", "the encryption file")
    for data in _all(encryption, "EncryptedData"):
        method = next(iter(_all(data, "EncryptionMethod")), None)
        algorithm = _attr(method, "Algorithm") if method is not None else ""
        if algorithm in _FONT_OBFUSCATION:
            continue
        reference = next(iter(_all(data, "CipherReference")), None)
        uri = unquote(_attr(reference, "URI")) if reference is not None else "?"
        drm = " (Adobe ADEPT)" if "META-INF/rights.xml" in archive.names else ""
        raise InputError(f"{archive.path}: DRM-protected{drm}: {uri} is encrypted; earmark "
                         "reads only DRM-free EPUBs")


def _manifest(opf: Element, package: Package, archive: Archive
              ) -> dict[str, tuple[str, str, frozenset[str]]]:
    items = {}
    for item in _all(opf, "item"):
        href = _attr(item, "href")
        if not href or re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
            continue  # a remote resource: never fetched
        name, _ = resolve(package.opf, href, archive)
        items[_attr(item, "id")] = (name, _attr(item, "media-type"),
                                    frozenset(_attr(item, "properties").split()))
    return items


def _metadata(opf: Element, package: Package) -> None:
    metadata = next(iter(_all(opf, "metadata")), None)
    if metadata is None:
        return
    refines: dict[str, dict[str, str]] = {}
    for meta in _all(metadata, "meta"):
        target = _attr(meta, "refines").lstrip("#")
        if target and _attr(meta, "property"):
            refines.setdefault(target, {})[_attr(meta, "property")] = _text(meta)
    titles = [t for t in _all(metadata, "title") if _text(t)]
    main = [t for t in titles if refines.get(t.get("id", ""), {}).get("title-type") == "main"]
    package.title = _text((main or titles)[0]) if titles else None
    creators = [(c, _text(c)) for c in _all(metadata, "creator") if _text(c)]
    roles = [(name, _attr(c, "role") or refines.get(c.get("id", ""), {}).get("role", ""))
             for c, name in creators]
    authors = [name for name, role in roles if role == "aut"]
    package.authors = authors or [name for name, role in roles if not role] or \
        [name for name, _ in roles]
    language = next((_text(e) for e in _all(metadata, "language") if _text(e)), None)
    package.language = language
    package.publisher = next((_text(e) for e in _all(metadata, "publisher") if _text(e)), None)
    dates = [(e, _text(e)) for e in _all(metadata, "date") if _text(e)]
    published = [d for e, d in dates if _attr(e, "event") in ("publication", "")]
    package.date = (published or [d for _, d in dates] or [None])[0]


def _spine(opf: Element, package: Package, manifest: dict, archive: Archive) -> None:
    spine = next(iter(_all(opf, "spine")), None)
    if spine is None or not _children(spine, "itemref"):
        raise InputError(f"{archive.path}: the package {package.opf} has no spine (no reading "
                         "order)")
    for ref in _children(spine, "itemref"):
        idref = _attr(ref, "idref")
        if idref not in manifest:
            raise InputError(f"{archive.path}: the spine names {idref!r}, which the manifest "
                             f"of {package.opf} does not list")
        name, media_type, properties = manifest[idref]
        if name not in archive.names:
            raise InputError(f"{archive.path}: spine file {name!r} is missing from the archive")
        package.spine.append(SpineItem(name, media_type, _attr(ref, "linear") != "no",
                                       properties))


def _cover(opf: Element, package: Package, manifest: dict, archive: Archive) -> None:
    candidates = [i for i in manifest.values() if "cover-image" in i[2]]
    for meta in _all(opf, "meta"):
        if _attr(meta, "name") == "cover":
            content = _attr(meta, "content")
            if content in manifest:
                candidates.append(manifest[content])
    candidates += [i for key, i in manifest.items() if i[1].startswith("image/")
                   and "cover" in (key + i[0]).lower()]
    for name, media_type, _ in candidates:
        if name not in archive.names:
            continue
        if media_type not in ("image/jpeg", "image/png"):
            package.warnings.append(f"cover {name} is {media_type}: only JPEG and PNG covers "
                                    "are carried into the audio files")
            return
        package.cover = archive.read(name, "the cover image")
        package.cover_mime = media_type
        package.cover_path = name
        return


def _guide(opf: Element, package: Package, archive: Archive) -> None:
    for reference in _all(opf, "reference"):
        kind, href = _attr(reference, "type").lower(), _attr(reference, "href")
        if kind and href:
            kind = {"title-page": "titlepage", "copyright": "copyright-page"}.get(kind, kind)
            package.landmarks.setdefault(resolve(package.opf, href, archive), kind)


def _navigation(data: bytes, name: str, package: Package, archive: Archive) -> None:
    from earmark.ingest.html import parse
    from earmark.ingest.htmlbook import epub_types

    soup = parse(data.decode("utf-8", "replace"))
    for nav in soup.find_all("nav"):
        types = epub_types(nav)
        top = nav.find("ol")
        if top is None:
            continue
        if "toc" in types and not package.toc:
            _nav_list(top, 1, name, package, archive)
        elif "landmarks" in types:
            for link in nav.find_all("a", href=True):
                for kind in epub_types(link):
                    package.landmarks[resolve(name, str(link["href"]), archive)] = kind


def _nav_list(ol, level: int, base: str, package: Package, archive: Archive) -> None:  # type: ignore[no-untyped-def]
    for item in ol.find_all("li", recursive=False):
        link = item.find("a", recursive=False) or next(
            (a for a in item.find_all("a", href=True) if a.find_parent("li") is item
             and a.find_parent("ol") is ol), None)
        nested = item.find("ol", recursive=False)
        deeper = level
        if link is not None and link.get("href"):
            title = " ".join(link.get_text(" ").split())
            path, fragment = resolve(base, str(link["href"]), archive)
            if title:
                package.toc.append(TocEntry(title, level, path, fragment))
                deeper = level + 1
        if nested is not None:  # an entry without a link (a group label) adds no level
            _nav_list(nested, deeper, base, package, archive)


def _ncx(ncx: Element, name: str, package: Package, archive: Archive) -> None:
    nav_map = next(iter(_all(ncx, "navMap")), None)
    if nav_map is None:
        return

    def points(parent: Element, level: int) -> None:
        for point in _children(parent, "navPoint"):
            label = next(iter(_all(point, "text")), None)
            content = next(iter(_children(point, "content")), None)
            deeper = level
            if label is not None and content is not None and _attr(content, "src") and \
                    _text(label):
                path, fragment = resolve(name, _attr(content, "src"), archive)
                package.toc.append(TocEntry(_text(label), level, path, fragment))
                deeper = level + 1
            points(point, deeper)

    points(nav_map, 1)


def is_content(item: SpineItem) -> bool:
    return item.media_type in _XHTML or item.path.lower().endswith((".xhtml", ".html", ".htm"))
