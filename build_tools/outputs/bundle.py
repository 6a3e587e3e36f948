"""The offline bundle: the site as a zip that works opened from a folder, with no network.

    python -m build_tools bundle [SOURCE…] --out dist/speeches-offline.zip   (`make bundle`)

Builds with ``mkdocs-offline.yml`` (mkdocs.yml plus Material's offline plugin, without
instant navigation, with the iframe-worker shim served locally so search works under
file://) into a temporary folder, then zips it reproducibly: entries sorted, every
timestamp 1980-01-01 00:00, fixed permissions and compression, so two bundles of the same
input are byte-identical. Everything sits in one top folder named after the zip
(``speeches-offline/index.html``), so unpacking never scatters files.

Left out: ``404.html`` (written for a web server: its links are root-absolute, so from a
folder it has neither style nor script, and no page links to it) and the sitemaps
(``sitemap.xml``, ``sitemap.xml.gz``: they list web addresses, meaningless in a folder),
and Material's source maps (``*.map``: read only by a browser's developer tools, a third of
the zip), and the marker of a site build (``.ptx-site``). The zip's comment names it as
ours, so a later bundle may replace it and nothing else.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import zipfile
from pathlib import Path

from build_tools.outputs.output_dir import SITE_MARKER, check_output_file

log = logging.getLogger(__name__)

DEFAULT_CONFIG = "mkdocs-offline.yml"
LEFT_OUT = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", SITE_MARKER})  # at the top only
LEFT_OUT_SUFFIXES = (".map",)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
FILE_MODE = 0o100644  # regular file, rw-r--r--
COMPRESS_LEVEL = 9
ZIP_COMMENT = b"parallel-texts offline bundle"


def is_bundle(path: Path) -> bool:
    """Whether ``path`` is a zip this module wrote (its comment says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == ZIP_COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def left_out(name: str) -> bool:
    """Whether the site file ``name`` (relative, with /) stays out of the bundle."""
    return name in LEFT_OUT or name.endswith(LEFT_OUT_SUFFIXES)


def zip_tree(folder: Path, out: Path, root: str) -> int:
    """Zip every file under ``folder`` (but those ``left_out``) into ``out``, under
    the folder ``root``; the same tree always gives the same bytes. Returns the file count.

    Written next to ``out`` first and moved into place, so a failed run leaves no half zip.
    """
    files = sorted(
        (path.relative_to(folder).as_posix(), path)
        for path in folder.rglob("*")
        if path.is_file() and not left_out(path.relative_to(folder).as_posix())
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.part")
    with zipfile.ZipFile(partial, "w") as archive:
        archive.comment = ZIP_COMMENT
        for name, path in files:
            info = zipfile.ZipInfo(f"{root}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, so the mode bits mean the same
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, path.read_bytes(), compresslevel=COMPRESS_LEVEL)
    os.replace(partial, out)
    return len(files)


def build_bundle(out: str | Path, config_file: str = DEFAULT_CONFIG,
                 sources: list[str] | None = None, **build_options) -> str:
    """Build the offline site (``build_options`` as ``build_site`` takes them) and zip it
    into ``out``; returns a summary line.

    An existing ``out`` is replaced only when it is a bundle written before."""
    from build_tools.outputs.site import build_site

    out = Path(out)
    check_output_file(out, "--out", is_bundle)
    root = out.name[:-4] if out.name.lower().endswith(".zip") else out.name
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ptx-bundle-") as tmp:
        site = Path(tmp) / "site"
        build_site(config_file, str(site), sources or None, **build_options)
        count = zip_tree(site, out, root)
    return (f"wrote {out}: {count} files, {out.stat().st_size} bytes, "
            f"in {time.perf_counter() - started:.1f} s")
