"""Han fonts the PDF can embed as CID fonts: Noto Sans CJK cut down to the book's
characters and given TrueType outlines (see ``pdf``: Skia prints CFF-flavoured OpenType
as Type 3 fonts), written into the built site where ``print-book.css`` loads them."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

BOOK_PAGE = "print.html"


class FontError(Exception):
    """A face the book needs is missing; ``str()`` says which and how to install it."""


@dataclass(frozen=True)
class HanFace:
    """A face print-book.css names for Han text, made from a face of fonts-noto-cjk."""

    family: str  # the @font-face family of print-book.css
    weight: int
    source_file: str  # a font collection of fonts-noto-cjk
    source_family: str  # the face of it (name ID 1) holding the region's glyph forms
    out_name: str  # under FONT_DIR of the site


HAN_FACES = (
    HanFace("PTX Print Han TC", 400, "NotoSansCJK-Regular.ttc", "Noto Sans CJK TC",
            "han-tc-400.ttf"),
    HanFace("PTX Print Han TC", 700, "NotoSansCJK-Bold.ttc", "Noto Sans CJK TC",
            "han-tc-700.ttf"),
    HanFace("PTX Print Han SC", 400, "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC",
            "han-sc-400.ttf"),
    HanFace("PTX Print Han SC", 700, "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC",
            "han-sc-700.ttf"),
)
FONT_DIR = "assets/ptx/fonts"  # print-book.css's url(fonts/…), beside it in assets/ptx
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
# Where the printed characters come from besides the page: stylesheets (generated text
# such as 〔 〕) and the script that writes labels into the page.
TEXT_FILES = ("assets/**/*.css", "assets/ptx/parallel.js")
# Layout features the subset leaves out, with the glyphs only they reach: vertical
# forms (the book is set horizontally) and locl, whose other regions' forms would
# double the glyphs (each face already has its region's forms by default).
UNUSED_FEATURES = frozenset({"locl", "valt", "vert", "vhal", "vchw", "vjmo", "vkna",
                             "vkrn", "vpal", "vrt2"})
# Quadratic curves within 1 unit of the cubic ones (1000 units to the em): invisible.
CURVE_TOLERANCE = 1.0


def find_system_font(name: str) -> Path:
    for folder in SYSTEM_FONT_DIRS:
        found = sorted(Path(folder).rglob(name)) if Path(folder).is_dir() else []
        if found:
            return found[0]
    raise FontError(f"font {name} not found in {', '.join(SYSTEM_FONT_DIRS)}: "
                   "`apt-get install fonts-noto-cjk`")


def face_index(collection: Path, family: str) -> int:
    """The number of the face called ``family`` in the font collection ``collection``."""
    from fontTools.ttLib import TTCollection

    with TTCollection(collection, lazy=True) as faces:
        for index, face in enumerate(faces):
            if face["name"].getDebugName(1) == family:
                return index
    raise FontError(f"{collection} has no face {family!r}")


def book_characters(site: Path) -> set[int]:
    """Every character of the book page and of ``TEXT_FILES``: a superset of what is
    printed, so that no printed character lacks its glyph (and falls back to a system
    face, printed as Type 3)."""
    characters = set((site / BOOK_PAGE).read_text(encoding="utf-8"))
    for pattern in TEXT_FILES:
        for path in sorted(site.glob(pattern)):
            characters |= set(path.read_text(encoding="utf-8"))
    return {ord(c) for c in characters}


def subset_face(source: Path, index: int, characters: set[int]):
    """The glyphs of ``characters`` (and what the layout features reach from them) of a
    face; the timestamp is the source's, so the same input gives the same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False  # CFF hints do not survive the conversion anyway
    options.layout_features = [f for f in options.layout_features
                               if f not in UNUSED_FEATURES]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    return font


def cff_to_truetype(font) -> None:
    """Give ``font`` TrueType (glyf) outlines in place of its CFF ones.

    Skia, Chromium's PDF writer, embeds TrueType faces as CID fonts (CIDFontType2) but
    draws CFF-flavoured OpenType, which fonts-noto-cjk is, as Type 3 fonts: a glyph
    procedure per glyph, no font program, a PDF many times larger.
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # TrueType contours run the other way round from PostScript ones.
        glyph_set[name].draw(Cu2QuPen(pen, CURVE_TOLERANCE, reverse_direction=True))
        glyphs[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):  # VORG: CFF fonts' vertical origins only
        if tag in font:
            del font[tag]
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000  # TrueType's maxp: its counts are recomputed on save
    for attribute in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                      "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                      "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: the PDF maps glyphs to text by cmap
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\0\1\0\0"


def write_han_fonts(site: Path) -> None:
    """Write the faces of ``HAN_FACES`` into the built site, each cut down to the book's
    characters and given TrueType outlines, for print-book.css's @font-face rules."""
    started = time.perf_counter()
    characters = book_characters(site)
    out = site / FONT_DIR
    out.mkdir(parents=True, exist_ok=True)
    for face in HAN_FACES:
        source = find_system_font(face.source_file)
        font = subset_face(source, face_index(source, face.source_family), characters)
        cff_to_truetype(font)
        font.save(out / face.out_name)
        log.debug("%s %d: %d glyphs", face.family, face.weight, len(font.getGlyphOrder()))
    log.info("Han fonts for %d characters written in %.1f s", len(characters),
             time.perf_counter() - started)
