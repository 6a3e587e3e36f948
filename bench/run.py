"""Benchmark: this project's site build against a bare mkdocs-material site, by corpus size.

    make bench                      # sizes 1, 10, 100 × the seed, 3 repetitions each
    .venv/bin/python bench/run.py --quick    # size 1, one repetition: a smoke test

For each size the seed collection (5 speeches) is copied N times with deterministic
variations (``bench/synth.py``), then built twice, each build in a fresh interpreter
(``bench/measure.py``):

(a) with this project: a generated ``mkdocs.yml`` that INHERITs the project's and points
    the ``parallel-texts`` plugin at the generated corpus;
(b) bare: the same speeches as plain Traditional Markdown (visible text, no pinyin), one
    page per speech, with the same theme, language, font, features, palette, search plugin
    and Markdown extensions, and no plugin of ours.

It also measures the two OpenCC packages (the official binding in a throwaway venv,
``--work``/venv-opencc, with which the largest corpus is built once more), profiles the
plugin on the largest corpus (a full build and the rebuild after an edit) and a whole
build at 10×, and writes everything to ``--out`` (``bench/results.md``); the raw numbers
go to ``--work``/results.json. Every measurement is kept in ``--work``/x<size>/runs/, so
``--resume`` continues an interrupted run, and ``--report-only`` rewrites the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from mkdocs.utils.yaml import yaml_load  # noqa: E402

from build_tools.text.corpus import load_collection  # noqa: E402
from build_tools.render.markdown import article_label  # noqa: E402
from build_tools.text.model import Heading, Paragraph  # noqa: E402

from synth import SPEECHES_PER_FILE, write_corpus  # noqa: E402

PROJECT_CONFIG = ROOT / "mkdocs.yml"
SEED = ROOT / "sources" / "000_a0dc2aa1bc4bc1e3.txt"
PLUGIN = "parallel-texts"
OFFICIAL_OPENCC = "opencc==1.4.2"
INDEX_LIMIT = 10 * 1024 * 1024  # "~10 MB" taken as 10 MiB
MB = 1024 * 1024

# Targets at the largest size: (key, label, limit).
TARGETS = (
    ("time_ratio", "full build time (a)/(b)", 1.3),
    ("index_ratio", "search index bytes (a)/(b)", 1.2),
    ("page_growth", "HTML bytes of a speech page, largest size ÷ 1× (a; the seed's pages)", 1.1),
    ("stage_share", "our stage ÷ full build (a)", 0.10),
    ("rebuild_share", "rebuild stage after editing one speech ÷ full build (a)", 0.01),
    ("peak_gb", "peak memory of the build (a), GB", 1.5),
)

PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "jieba",
            "opencc-python-reimplemented", "opencc")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ configs


def project_config() -> dict:
    with open(PROJECT_CONFIG, "rb") as fd:
        return yaml_load(fd)


def plugin_options(config: dict) -> dict:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return {}


def write_ours_config(path: Path, sources_glob: str, site_dir: Path) -> None:
    """INHERIT the project's config; override what is relative or corpus-specific.

    MkDocs merges the child into the parent dict by dict (mergedeep), and replaces lists
    whole, so ``plugins`` is repeated entire with only our plugin's ``sources`` changed.
    Relative paths in the parent would resolve against this file's folder: the ones that
    matter (``docs_dir``, ``theme.custom_dir``) are given absolute.
    """
    parent = project_config()
    plugins = []
    for entry in parent.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN in entry:
            options = {**(entry[PLUGIN] or {}), "sources": sources_glob}
            if options.get("conversions"):
                options["conversions"] = str((ROOT / options["conversions"]).resolve())
            entry = {PLUGIN: options}
        plugins.append(entry)
    child: dict = {
        "INHERIT": str(PROJECT_CONFIG),
        "docs_dir": str((ROOT / parent.get("docs_dir", "docs")).resolve()),
        "site_dir": str(site_dir),
        "plugins": plugins,
    }
    custom_dir = (parent.get("theme") or {}).get("custom_dir")
    if custom_dir:
        child["theme"] = {"custom_dir": str((ROOT / custom_dir).resolve())}
    path.write_text(yaml.safe_dump(child, allow_unicode=True, sort_keys=False), "utf-8")


# The project's Markdown extensions, written out: its slugify is a Python object.
BARE_MARKDOWN_EXTENSIONS = """
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


def write_bare_config(path: Path, docs_dir: Path, site_dir: Path) -> None:
    theme = project_config().get("theme") or {}
    config = {
        "site_name": "bare mkdocs-material",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "theme": {
            "name": "material",
            "language": theme.get("language", "zh-Hant"),
            "font": False,
            "features": list(theme.get("features", [])),
            "palette": theme.get("palette", []),
        },
        "plugins": ["search"],
    }
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    path.write_text(text + BARE_MARKDOWN_EXTENSIONS, "utf-8")


def bare_markdown(speech) -> str:
    """A speech as plain Markdown: visible Traditional text, no pinyin, no markup of ours."""
    out = [f"# {speech.title}", ""]
    subtitle = speech.subtitle
    if subtitle is not None:
        out += [subtitle.visible.strip(), ""]
    several = len(speech.articles) > 1
    for article in speech.articles:
        if several:
            out += [f"## {article_label(article.ordinal)}", ""]
        for block in article.blocks:
            if isinstance(block, Heading):
                level = min(block.level + several, 6)
                out += [f"{'#' * level} {block.visible.strip()}", ""]
            elif isinstance(block, Paragraph):
                text = block.visible.strip()
                if text:
                    out += [text, ""]
    return "\n".join(out)


def write_bare_docs(sources: list[Path], docs_dir: Path, group_size: int) -> str:
    """One page per speech; grouped in folders of ``group_size`` when the project's
    navigation groups them too, so both sites carry navigation of the same size. Returns
    the glob of the speech pages in the built site."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "index.md", docs_dir / "index.md")
    speeches = [s for path in sources for s in load_collection(path).speeches]
    grouped = 0 < group_size < len(speeches)
    for number, speech in enumerate(speeches, 1):
        folder = docs_dir
        if grouped:
            first = (number - 1) // group_size * group_size + 1
            last = min(first + group_size - 1, len(speeches))
            folder = docs_dir / f"{first:04d}-{last:04d}"
            folder.mkdir(exist_ok=True)
        (folder / f"speech-{number:04d}.md").write_text(bare_markdown(speech), "utf-8")
    return "**/speech-*.html"


# --------------------------------------------------------------------------- measuring


def run_json(cmd: list[str], env: dict | None = None) -> dict:
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


OURS_PAGES, OURS_SEED_PAGES = "[0-9][0-9][0-9]-bench-*.html", "000-bench-*.html"
BARE_SEED_PAGES = "**/speech-000[1-5].html"


def measure(python: str, config: Path, site_dir: Path, speech_glob: str, seed_glob: str,
            edit: Path | None = None, env: dict | None = None) -> dict:
    cmd = [python, str(BENCH / "measure.py"), "--config", str(config),
           "--site-dir", str(site_dir), "--speech-glob", speech_glob, "--seed-glob", seed_glob]
    if edit is not None:
        cmd += ["--edit", str(edit)]
    return run_json(cmd, env)


def kept(path: Path, resume: bool, compute) -> dict:
    """``compute()``'s result, saved in ``path``; with ``resume``, a saved one is reused."""
    if resume and path.exists():
        log(f"reusing {path}")
        return json.loads(path.read_text("utf-8"))
    result = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result), "utf-8")
    return result


def medians(runs: list[dict]) -> dict:
    """Median of every numeric field over the repetitions (nested ``rebuild`` too)."""
    out: dict = {}
    for key, value in runs[0].items():
        if isinstance(value, bool) or value is None:
            out[key] = value
        elif isinstance(value, (int, float)):
            out[key] = statistics.median(r[key] for r in runs)
        elif isinstance(value, dict):
            out[key] = medians([r[key] for r in runs])
        else:
            out[key] = value
    out["runs"] = len(runs)
    out["codes"] = sorted({r["code"] for r in runs if r.get("code")})
    out["walls"] = [r["wall"] for r in runs]
    return out


def bench_size(size: int, work: Path, reps: int, group_size: int, resume: bool) -> dict:
    base = work / f"x{size}"
    sources_dir = base / "sources"
    paths = write_corpus(SEED, sources_dir, size)
    texts = [p.read_text("utf-8") for p in paths]
    speeches = sum(len(load_collection(p).speeches) for p in paths)
    visible = sum(len(s.header.visible) + sum(len(getattr(b, "visible", "")) for b in s.blocks())
                  for p in paths for s in load_collection(p).speeches)

    ours_cfg, bare_cfg = base / "ours.yml", base / "bare.yml"
    ours_site, bare_site = base / "site-ours", base / "site-bare"
    write_ours_config(ours_cfg, str(sources_dir / "*.txt"), ours_site)
    bare_glob = write_bare_docs(paths, base / "bare-docs", group_size)
    write_bare_config(bare_cfg, base / "bare-docs", bare_site)
    edit = paths[len(paths) // 2]

    load_before = os.getloadavg()[0]
    runs_dir = base / "runs"
    runs_dir.mkdir(exist_ok=True)
    if not resume:
        for old in runs_dir.glob("*.json"):
            old.unlink()

    def measured(name: str, *args) -> dict:
        """One measurement, kept in ``runs/``: ``--resume`` reuses it after an interruption."""
        saved = runs_dir / f"{name}.json"
        if resume and saved.exists():
            log(f"{size}×:   {name}: reusing {saved}")
            return json.loads(saved.read_text("utf-8"))
        result = measure(*args)
        saved.write_text(json.dumps(result), "utf-8")
        return result

    ours_runs, bare_runs = [], []
    for rep in range(reps):
        log(f"{size}×: repetition {rep + 1}/{reps}: (a) this project")
        ours_runs.append(measured(f"ours-{rep}", sys.executable, ours_cfg, ours_site,
                                  OURS_PAGES, OURS_SEED_PAGES, edit))
        log(f"{size}×:   {ours_runs[-1]['wall']:.1f} s, stage {ours_runs[-1]['stage']:.2f} s, "
            f"rebuild stage {ours_runs[-1]['rebuild']['stage']:.3f} s; (b) bare")
        bare_runs.append(measured(f"bare-{rep}", sys.executable, bare_cfg, bare_site,
                                  bare_glob, BARE_SEED_PAGES))
        log(f"{size}×:   {bare_runs[-1]['wall']:.1f} s")
    return {
        "size": size,
        "files": len(paths),
        "speeches": speeches,
        "source_chars": sum(len(t) for t in texts),
        "source_bytes": sum(p.stat().st_size for p in paths),
        "visible_chars": visible,
        "ours": medians(ours_runs),
        "bare": medians(bare_runs),
        "ours_config": str(ours_cfg),
        "sources_dir": str(sources_dir),
        "edit": str(edit),
        "load": (load_before, os.getloadavg()[0]),
    }


# ----------------------------------------------------------------------- OpenCC, profile


def seed_visible_text(path: Path) -> str:
    lines = []
    for speech in load_collection(SEED).speeches:
        lines.append(speech.header.visible)
        lines += [t.visible for t in speech.front]
        lines += [b.visible for b in speech.blocks() if getattr(b, "visible", "")]
    text = "\n".join(lines) + "\n"
    path.write_text(text, "utf-8")
    return text


def official_venv(work: Path, with_project: bool) -> tuple[Path | None, str]:
    """A throwaway venv with the official binding (and the project's dependencies)."""
    venv = work / "venv-opencc"
    python = venv / "bin" / "python"
    notes = []
    try:
        if not python.exists():
            log("creating venv-opencc")
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                           capture_output=True, text=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if subprocess.run([str(python), "-c", "import opencc"], capture_output=True).returncode:
            log(f"pip install {OFFICIAL_OPENCC}")
            subprocess.run(pip + [OFFICIAL_OPENCC], check=True, capture_output=True, text=True)
        if with_project:  # every run: the project may have gained a dependency
            # The project's dependencies from pyproject.toml, pinned by constraints.txt,
            # except the reimplementation: the official binding provides ``opencc``. The
            # project itself comes from PYTHONPATH (its egg-info there registers the
            # plugin), so nothing is written into the working tree.
            deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
            deps = [d for d in deps if not d.startswith("opencc-python-reimplemented")]
            log("installing the project's dependencies into venv-opencc")
            subprocess.run(pip + ["-c", str(ROOT / "constraints.txt"), *deps], check=True,
                           capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        notes.append(f"install failed: {(error.stderr or '').strip().splitlines()[-1:] }")
        return None, "; ".join(notes)
    return python, "; ".join(notes)


def official_env() -> dict:
    return {"PYTHONPATH": str(ROOT)}


def check_official_plugin(python: Path) -> str | None:
    """None when the venv finds our plugin and the official binding; else the reason."""
    probe = ("from importlib.metadata import entry_points; import opencc, build_tools.analysis.convert as c;"
             "eps=[e.name for e in entry_points(group='mkdocs.plugins')];"
             "assert 'parallel-texts' in eps, eps; print(c.backend())")
    proc = subprocess.run([str(python), "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **official_env()})
    if proc.returncode:
        return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "probe failed"
    if proc.stdout.strip() != "official":
        return f"backend is {proc.stdout.strip()}"
    return None


def profile_rebuild(result: dict, work: Path) -> dict:
    log(f"profiling the rebuild after editing one speech at {result['size']}×")
    profile = run_json([sys.executable, str(BENCH / "profile_stage.py"), result["ours_config"],
                        str(work / f"x{result['size']}" / "site-profile"),
                        "--edit", result["edit"], "--top", "15"])
    profile["result"] = result
    return profile


# ---------------------------------------------------------------------------- reporting


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / MB:.1f} GB"
    except OSError:
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return [
        ("Platform", platform.platform()),
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("Memory", memory),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Packages (project venv)", ", ".join(versions)),
    ]


def fmt_bytes(n: float) -> str:
    if n >= MB:
        return f"{n / MB:.2f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n:.0f} B"


def ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def fmt_ratio(r: float | None) -> str:
    return "–" if r is None else f"{r:.2f}"


def size_table(r: dict) -> list[str]:
    a, b = r["ours"], r["bare"]
    rows = [
        ("wall time of the build (median)", f"{a['wall']:.2f} s", f"{b['wall']:.2f} s",
         fmt_ratio(ratio(a["wall"], b["wall"]))),
        ("CPU time of the build (user + system)", f"{a['cpu']:.2f} s", f"{b['cpu']:.2f} s",
         fmt_ratio(ratio(a["cpu"], b["cpu"]))),
        ("peak memory (RSS)", f"{a['peak_rss_mb']:.0f} MB", f"{b['peak_rss_mb']:.0f} MB",
         fmt_ratio(ratio(a["peak_rss_mb"], b["peak_rss_mb"]))),
        ("our stage (parse, convert, render)", f"{a['stage']:.3f} s", "0 (no plugin)", "–"),
        ("our stage ÷ build", f"{a['stage'] / a['wall']:.1%}", "–", "–"),
        ("all of the plugin's hooks (stage and the rest)",
         f"{a['hooks']:.3f} s ({a['hooks'] / a['wall']:.1%} of the build)"
         + (f"; CPU {a['hooks_cpu']:.2f} s" if "hooks_cpu" in a else ""), "–", "–"),
        ("rebuild after editing one speech: wall (CPU)",
         f"{a['rebuild']['wall']:.2f} s ({a['rebuild']['cpu']:.2f} s)", "–", "–"),
        ("rebuild after editing one speech: our stage",
         f"{a['rebuild']['stage']:.3f} s ({a['rebuild']['stage'] / a['wall']:.2%} of a build)",
         "–", "–"),
        ("rebuild after editing one speech: all plugin hooks",
         f"{a['rebuild']['hooks']:.3f} s ({a['rebuild']['hooks'] / a['wall']:.2%} of a build)",
         "–", "–"),
        ("speeches re-rendered on that rebuild",
         "–" if not a["rebuild"].get("reused") else
         f"{a['rebuild']['reused'][1] - a['rebuild']['reused'][0]} of {a['rebuild']['reused'][1]}",
         "–", "–"),
        ("`site/` bytes", fmt_bytes(a["site_bytes"]), fmt_bytes(b["site_bytes"]),
         fmt_ratio(ratio(a["site_bytes"], b["site_bytes"]))),
        ("HTML bytes of a speech page (median, all pages)", fmt_bytes(a["page_bytes_median"]),
         fmt_bytes(b["page_bytes_median"]),
         fmt_ratio(ratio(a["page_bytes_median"], b["page_bytes_median"]))),
        ("… of the seed's own 5 pages (copy 0)", fmt_bytes(a["seed_page_bytes_median"]),
         fmt_bytes(b["seed_page_bytes_median"]),
         fmt_ratio(ratio(a["seed_page_bytes_median"], b["seed_page_bytes_median"]))),
        ("speech pages found", f"{a['speech_pages']:.0f}", f"{b['speech_pages']:.0f}", "–"),
        ("search index (search/search_index.json)", fmt_bytes(a["index_bytes"]),
         fmt_bytes(b["index_bytes"]), fmt_ratio(ratio(a["index_bytes"], b["index_bytes"]))),
        ("first query download (index + search worker)",
         fmt_bytes(a["index_bytes"] + a["worker_bytes"]),
         fmt_bytes(b["index_bytes"] + b["worker_bytes"]),
         fmt_ratio(ratio(a["index_bytes"] + a["worker_bytes"],
                         b["index_bytes"] + b["worker_bytes"]))),
    ]
    if r["size"] > 1:
        rows.insert(rows.index(next(x for x in rows if x[0].startswith("… of the seed"))) + 1,
                    ("… of the enciphered copies' pages", fmt_bytes(a["copy_page_bytes_median"]),
                     fmt_bytes(b["copy_page_bytes_median"]),
                     fmt_ratio(ratio(a["copy_page_bytes_median"], b["copy_page_bytes_median"]))))
    rows += [
        ("search index per speech page (median): the seed's pages",
         fmt_bytes(a["seed_page_index_median"]), fmt_bytes(b["seed_page_index_median"]),
         fmt_ratio(ratio(a["seed_page_index_median"], b["seed_page_index_median"]))),
    ]
    if r["size"] > 1:
        rows.append(("search index per speech page (median): the copies' pages",
                     fmt_bytes(a["copy_page_index_median"]), fmt_bytes(b["copy_page_index_median"]),
                     fmt_ratio(ratio(a["copy_page_index_median"], b["copy_page_index_median"]))))
    rows.append(("first query download, gzip-compressed",
                 fmt_bytes(a["index_gzip_bytes"] + a["worker_gzip_bytes"]),
                 fmt_bytes(b["index_gzip_bytes"] + b["worker_gzip_bytes"]),
                 fmt_ratio(ratio(a["index_gzip_bytes"] + a["worker_gzip_bytes"],
                                 b["index_gzip_bytes"] + b["worker_gzip_bytes"]))))
    if a.get("table_bytes"):
        rows.append(("query character table (every page loads it)",
                     fmt_bytes(a["table_bytes"]), "–", "–"))
    lines = [
        f"### {r['size']}× — {r['speeches']} speeches in {r['files']} source files",
        "",
        f"Source: {r['source_chars']:,} characters ({fmt_bytes(r['source_bytes'])} UTF-8), "
        f"{r['visible_chars']:,} visible (without pinyin). "
        f"Builds: {a['runs']} of each; (a) walls {', '.join(f'{w:.1f}' for w in a['walls'])} s, "
        f"(b) walls {', '.join(f'{w:.1f}' for w in b['walls'])} s. Load average of the "
        f"machine (1 min) before / after this size: {r['load'][0]:.1f} / {r['load'][1]:.1f}.",
        "",
        "| | (a) this project | (b) bare Material | (a)/(b) |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {name} | {x} | {y} | {z} |" for name, x, y, z in rows]
    return lines


def target_values(results: list[dict]) -> dict[str, float | None]:
    top = results[-1]
    a, b = top["ours"], top["bare"]
    one = next((r for r in results if r["size"] == 1), None)
    return {
        "time_ratio": ratio(a["wall"], b["wall"]),
        "index_ratio": ratio(a["index_bytes"], b["index_bytes"]),
        # The same pages (the seed's, copy 0) at both sizes: only the site around them grew.
        "page_growth": (ratio(a["seed_page_bytes_median"], one["ours"]["seed_page_bytes_median"])
                        if one is not None and one is not top else None),
        "stage_share": ratio(a["stage"], a["wall"]),
        "rebuild_share": ratio(a["rebuild"]["stage"], a["wall"]),
        "peak_gb": a["peak_rss_mb"] / 1024,
    }


def fmt_target(key: str, value: float | None) -> str:
    if value is None:
        return "not measured"
    if key in ("stage_share", "rebuild_share"):
        return f"{value:.2%}"
    return f"{value:.2f}"


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float] | None:
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if not sxx:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return slope, my - slope * mx


def index_limit_lines(results: list[dict]) -> list[str]:
    lines = []
    for key, name in (("ours", "(a) this project"), ("bare", "(b) bare Material")):
        speeches = [r["speeches"] for r in results]
        source_mb = [r["source_bytes"] / MB for r in results]
        index = [r[key]["index_bytes"] for r in results]
        fit = linear_fit(source_mb, index)
        fit_speeches = linear_fit(speeches, index)
        if fit is None or fit[0] <= 0 or fit_speeches is None or fit_speeches[0] <= 0:
            lines.append(f"- {name}: needs two sizes or more to extrapolate.")
            continue
        at_mb = (INDEX_LIMIT - fit[1]) / fit[0]
        at_speeches = (INDEX_LIMIT - fit_speeches[1]) / fit_speeches[0]
        per_speech = fit_speeches[0]
        lines.append(
            f"- {name}: {fmt_bytes(per_speech)} of index per speech; the index passes "
            f"10 MB at about **{at_mb:.1f} MB of source text** (UTF-8, pinyin included), "
            f"i.e. about **{at_speeches:,.0f} speeches** like the seed's — a linear "
            f"extrapolation (least squares) from the sizes measured here "
            f"({', '.join(str(r['speeches']) for r in results)} speeches)."
        )
    return lines


def write_report(out: Path, raw: dict) -> None:
    results, converters = raw["results"], raw["converters"]
    profile, build_profile = raw["profile"], raw["build_profile"]
    official_build = raw["official_build"]
    top = results[-1]
    values = target_values(results)
    text: list[str] = [
        "# Build benchmark",
        "",
        f"Generated by `bench/run.py` ({'--quick' if raw['quick'] else 'make bench'}) on "
        f"{raw.get('date') or dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M')} UTC, "
        f"in {raw['minutes']:.1f} min"
        f"{' (this pass; the measurements an interrupted pass had saved were reused with --resume)' if raw.get('resumed') else ''}. Numbers are medians over the "
        f"repetitions; every build ran in a fresh interpreter.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    text += [f"| {k} | {v} |" for k, v in (raw.get("machine") or machine())]
    codes = sorted({c for r in results for side in ("ours", "bare")
                    for c in r[side].get("codes", []) + [r[side].get("code")] if c}
                   | {c for side in ("ours", "paired")
                      for c in ((official_build or {}).get(side) or {}).get("codes", [])})
    if len(codes) == 1:
        text += ["", f"All builds ran the same `build_tools/` (hash of its modules: {codes[0]})."]
    if len(codes) > 1:
        per_size = "; ".join(
            f"{r['size']}×: " + ", ".join(sorted({c for side in ('ours', 'bare')
                                                 for c in r[side].get('codes', []) if c}))
            for r in results)
        if official_build and official_build.get("ours"):
            per_size += "; official-binding pair: " + ", ".join(sorted(
                {c for side in ("ours", "paired")
                 for c in (official_build.get(side) or {}).get("codes", []) if c}))
        text += ["", f"**Note:** `build_tools/` changed while the benchmark ran (others edit "
                     f"it); builds ran these versions (hash of its modules): {per_size}. "
                     f"Compare numbers across sizes with that in mind."]
    text += [
        "",
        "## Method",
        "",
        f"- Corpora: the seed (`{SEED.relative_to(ROOT)}`, {SPEECHES_PER_FILE} speeches) copied "
        "N times, one source file per copy; copy 0 is the seed, copy k enciphers the body "
        "text with a substitution of Han characters drawn by `random.Random(k)` (within "
        "buckets of similar frequency and the same OpenCC conversion class; characters "
        "with a reading, numerals and structural characters kept; titles kept, with （k） "
        "appended), see `bench/synth.py`. Not a few replaced characters: copies that close "
        "would all be *witnesses* of one another for the plugin's collation (every pair "
        "compared exactly, about a second each: hours at 100×), which no real corpus looks "
        "like; enciphered copies are unrelated texts to it, each keeping the seed's own "
        "pair (第一篇/第二篇). Enciphered text has fewer dictionary words, so the tables "
        "show the seed's pages and the copies' separately.",
        "- (a) this project: `mkdocs build` of a config that INHERITs `mkdocs.yml` "
        "(plugins list repeated, since MkDocs replaces lists whole, with `sources` pointed at "
        "the corpus; `docs_dir` and `theme.custom_dir` absolute).",
        "- (b) bare Material: one Markdown page per speech (visible Traditional text, "
        "headings as `##`/`###`), same theme, language, `font: false`, features, palette, "
        "search plugin (jieba installed) and Markdown extensions, `use_directory_urls: "
        "false`. Past the project's `nav_group_size` the pages sit in folders of that many, "
        "so both sites carry a navigation of the same shape.",
        "- Each build: `load_config` + `build` in a fresh `python bench/measure.py`; wall "
        "time of that, peak RSS (`ru_maxrss`), our stage (`ParallelTextsPlugin."
        "stage_seconds`). After (a), one character of one paragraph of one speech is "
        "changed and the site rebuilt in the same process with a fresh `load_config`, "
        "as `mkdocs serve` does; the plugin's content caches live on.",
        "- Time ratios compare wall times; \"stage ÷ build\" divides by the wall time of the "
        "full build (a).",
        "",
        "## Results by size",
        "",
    ]
    for r in results:
        text += size_table(r) + [""]

    text += [
        f"## Targets at {top['size']}× ({top['speeches']} speeches)",
        "",
        "| target | limit | measured | |",
        "|---|---:|---:|---|",
    ]
    failed = []
    for key, label, limit in TARGETS:
        value = values[key]
        verdict = "n/a" if value is None else ("PASS" if value <= limit else "FAIL")
        if verdict == "FAIL":
            failed.append(key)
        shown_limit = f"{limit:.0%}" if key in ("stage_share", "rebuild_share") else f"≤ {limit}"
        text.append(f"| {label} | {shown_limit} | {fmt_target(key, value)} | **{verdict}** |")
    text += [
        "",
        f"Build time on CPU time instead of wall time (less sensitive to other load on the "
        f"machine): (a)/(b) = {fmt_ratio(ratio(top['ours']['cpu'], top['bare']['cpu']))}; "
        f"our stage is timed with a wall clock inside the build.",
        "",
        f"`stage_seconds` covers parse, convert, render and the tables; the plugin's hooks "
        f"take {top['ours']['hooks']:.2f} s in all ({top['ours']['hooks'] / top['ours']['wall']:.1%}"
        f" of the build) and {top['ours']['rebuild']['hooks']:.2f} s on the rebuild "
        f"({top['ours']['rebuild']['hooks'] / top['ours']['wall']:.2%} of a build): work "
        f"done in hooks outside the timed sections (the home page's list, navigation, "
        f"assets) is not in `stage_seconds`.",
        "",
    ]

    a = top["ours"]
    text += [
        "## Material search",
        "",
        f"- First query download at {top['size']}× (search_index.json + Material's search "
        f"worker script, uncompressed): (a) {fmt_bytes(a['index_bytes'] + a['worker_bytes'])}"
        f" = {fmt_bytes(a['index_bytes'])} + {fmt_bytes(a['worker_bytes'])}; "
        f"(b) {fmt_bytes(top['bare']['index_bytes'] + top['bare']['worker_bytes'])}.",
    ]
    if a.get("table_bytes"):
        text.append(f"- (a) also loads its query character table "
                    f"(`assets/ptx/search-table.js`, {fmt_bytes(a['table_bytes'])}) with every page.")
    text += index_limit_lines(results) + [""]

    text += ["## OpenCC packages", ""]
    text += converter_lines(converters, official_build, results)
    text.append("")

    if failed:
        text += ["## Targets not met", ""]
        text += analysis_lines(failed, values, results, raw)
        text.append("")

    if profile:
        text += profile_lines(profile, "Profile of our stage",
                              "A build (a) in one fresh process with cProfile on only inside "
                              "the plugin's hooks, where our stage runs (parse, convert, "
                              "render every speech, the search and pinyin tables); page "
                              "templates not rendered (`bench/profile_stage.py`)")
    if raw.get("rebuild_profile"):
        text += profile_lines(raw["rebuild_profile"], "Profile of the rebuild after editing one speech",
                              "A first build fills the plugin's caches unprofiled; then one "
                              "paragraph of one speech is changed and the plugin's hooks are "
                              "profiled on the rebuild, run with a fresh `load_config` in the "
                              "same process as `mkdocs serve` does "
                              "(`bench/profile_stage.py --edit`)")
    if build_profile:
        text += profile_lines(build_profile, "Profile of a whole build (a)",
                              f"`mkdocs build` of the {build_profile['result']['size']}× "
                              "corpus entirely under cProfile (`bench/profile_stage.py "
                              "--build`): where a build spends its time outside our stage")
    bare_profile = raw.get("bare_build_profile")
    if bare_profile:
        text += [
            f"## Profile of a whole build (b), bare Material ({bare_profile['result']['size']}×)",
            "",
            f"For comparison with the previous section: {bare_profile['profiled_seconds']:.2f} s "
            "profiled. Own time by area:",
            "",
            "| area | own time | share |",
            "|---|---:|---:|",
        ]
        text += [f"| {area} | {t:.2f} s | {share:.1%} |"
                 for area, t, share in bare_profile["areas"][:8]]
        text.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(text).rstrip() + "\n", "utf-8")


def converter_lines(converters: dict, official_build: dict | None, results: list[dict]) -> list[str]:
    lines = []
    re_ = converters.get("reimplemented")
    off = converters.get("official")
    if re_:
        lines.append(
            f"- `opencc-python-reimplemented` {re_['version']} (project venv): "
            f"**{re_['chars_per_s']:,.0f} chars/s** t2s on the seed's visible text "
            f"({re_['chars']:,} chars, {re_['changed_chars']:,} changed; converter load "
            f"{re_['load_seconds']:.2f} s)."
        )
    if off:
        lines.append(
            f"- `opencc` {off['version']} (official binding, `bench/work/venv-opencc`): "
            f"**{off['chars_per_s']:,.0f} chars/s** (load {off['load_seconds']:.2f} s, "
            f"{off['changed_chars']:,} changed)."
        )
    if re_ and off:
        same = "identical" if re_["output_sha1"] == off["output_sha1"] else "different"
        lines.append(f"- Official ÷ reimplemented throughput: **{off['chars_per_s'] / re_['chars_per_s']:.0f}×**; "
                     f"the two outputs are {same}.")
    if converters.get("note"):
        lines.append(f"- Note: {converters['note']}")
    if official_build:
        if official_build.get("skipped"):
            lines.append(f"- Build with the official binding: skipped ({official_build['skipped']}).")
        else:
            top = next(r for r in results if r["size"] == official_build["size"])
            o, b = official_build["ours"], top["bare"]
            a = official_build.get("paired") or top["ours"]
            cpu = "hooks_cpu" in a and "hooks_cpu" in o
            lines += [
                "",
                f"Build (a) of the {top['size']}× corpus with each package, "
                f"{o['runs']} pair(s) of builds run back to back (project from PYTHONPATH "
                "in the venv, dependencies from `constraints.txt`):",
                "",
                "| | (a) reimplemented | (a) official binding | official ÷ reimplemented |",
                "|---|---:|---:|---:|",
                f"| wall time | {a['wall']:.1f} s | {o['wall']:.1f} s | {fmt_ratio(ratio(o['wall'], a['wall']))} |",
                f"| CPU time | {a['cpu']:.1f} s | {o['cpu']:.1f} s | {fmt_ratio(ratio(o['cpu'], a['cpu']))} |",
                f"| our stage (wall clock) | {a['stage']:.1f} s | {o['stage']:.1f} s | "
                f"{fmt_ratio(ratio(o['stage'], a['stage']))} |",
            ]
            if cpu:
                lines.append(f"| our hooks, CPU time | {a['hooks_cpu']:.1f} s | {o['hooks_cpu']:.1f} s"
                             f" | {fmt_ratio(ratio(o['hooks_cpu'], a['hooks_cpu']))} |")
            lines += [
                f"| our stage ÷ build | {a['stage'] / a['wall']:.1%} | {o['stage'] / o['wall']:.1%} | – |",
                f"| rebuild stage after editing one speech | {a['rebuild']['stage']:.2f} s "
                f"({a['rebuild']['stage'] / a['wall']:.2%}) | {o['rebuild']['stage']:.2f} s "
                f"({o['rebuild']['stage'] / o['wall']:.2%}) | – |",
                f"| build time ÷ bare build (wall) | {a['wall'] / b['wall']:.2f} | {o['wall'] / b['wall']:.2f} | – |",
                f"| search index ÷ bare | {a['index_bytes'] / b['index_bytes']:.2f} | "
                f"{o['index_bytes'] / b['index_bytes']:.2f} | – |",
                f"| peak memory | {a['peak_rss_mb']:.0f} MB | {o['peak_rss_mb']:.0f} MB | – |",
            ]
            if not official_build.get("paired"):
                lines += ["", "(The reimplementation's column is the median of the main builds, "
                              "not run alongside.)"]
    return lines


def area_share(profile: dict | None, *names: str) -> float:
    if not profile:
        return 0.0
    return sum(share for area, _t, share in profile["areas"] if area in names)


def area_seconds(profile: dict | None, *names: str) -> float:
    if not profile:
        return 0.0
    return sum(t for area, t, _share in profile["areas"] if area in names)


# What would make each kind of work cheaper, keyed by words in the names of this project's
# functions that a profile shows on top. The first matching entry per function counts.
REMEDIES = (
    (("to_standard", "_convert_uncached", "find_forms", "_form_marks"),
     "the standard-form check (`annotate.find_forms`) sends the text of every block through "
     "a t2s→s2tw round trip (`convert.to_standard`) with the pure-Python converter: use the "
     "official binding (measured below), or keep each block's round trip, which depends "
     "only on its text and the rules, in a cache that outlives the process"),
    (("render_collation", "_collation_html", "collation_page"),
     "collation pages are rendered anew on every build, also on a rebuild where neither "
     "witness changed: cache each by the content of its two speeches, as `_RENDERED` does "
     "for speech pages"),
    (("search_witnesses", "find_witness_groups", "_similarity", "_find_witnesses",
      "_signature", "_shingle", "_features"),
     "the witness search runs over the whole corpus on every build: cache each speech's "
     "signature by its text and each exact similarity by the pair of texts, so an edit "
     "signs one speech again and compares only its candidates"),
    (("align", "collate."),
     "witness alignment and variant lists are computed on every build: cache them by the "
     "pair of speech texts"),
    (("render_home", "speech_stats"),
     "the home page recomputes every speech's statistics on each build: take them from "
     "the cached rendering instead"),
    (("character_table", "pinyin_script", "user_dictionary", "corpus_terms", "summed_counts",
      "_count_terms", "_give_search_the_corpus_terms"),
     "corpus-wide passes (search terms for jieba's user dictionary, the query character "
     "and pinyin tables) go over the whole corpus on every build: keep each collection's "
     "share in the content cache with the parsed collection, and merge"),
    (("parse", "inline", "decode"),
     "parsing, per line and per span (cached across rebuilds already)"),
)
# Functions that only pass time through (hooks, caches, per-block wrappers): a cause is
# named by what they call.
CONTAINERS = ("plugin.on_", "cache.", "<lambda>", "<listcomp>", "<genexpr>", "<setcomp>",
              "render.render_speech", "render.pair", "render.both", "render.spans", "model.")


def causes(profile: dict | None, limit: int = 4) -> tuple[str, list[str]]:
    """The heaviest of this project's functions in a profile, and what would help each."""
    if not profile or not profile.get("ours_top"):
        return "", []
    shown, remedies = [], []
    seen: set[int] = set()
    for name, cumulative, _own, calls in profile["ours_top"]:
        if any(c in name for c in CONTAINERS):
            continue
        for index, (words, remedy) in enumerate(REMEDIES):
            if any(w in name for w in words):
                if index not in seen:  # else a callee of a function already named
                    seen.add(index)
                    shown.append(f"`{name}` {cumulative:.1f} s ({calls:,} calls)")
                    remedies.append(remedy)
                break
        if len(shown) >= limit:
            break
    return "; ".join(shown), remedies


def hooks_summary(profile: dict | None) -> str:
    """``on_page_markdown 114 s (…), …``: where the profiled time went, by hook."""
    if not profile or not profile.get("hooks"):
        return ""
    parts = []
    for hook in profile["hooks"]:
        inner = ", ".join(f"{p['name']} {p['seconds']:.1f} s" for p in hook["parts"][:3]
                          if not p["name"].startswith("cache."))
        parts.append(f"`{hook['hook']}` {hook['seconds']:.1f} s" + (f" ({inner})" if inner else ""))
    return "; ".join(parts)


def secs(x: float) -> str:
    return f"{x:.1f} s" if x < 10 else f"{x:.0f} s"


def jieba_note(profile: dict | None) -> str:
    t = (profile or {}).get("jieba_init", 0.0)
    return (f". Loading jieba's dictionary is part of these ({secs(t)}, once per process, in "
            "whichever code segments first; the bare build's search plugin pays it too)"
            if t >= 0.5 else "")


def nav_growth(results: list[dict]) -> dict | None:
    """Navigation entries of the seed's first page at 1× and at the largest size."""
    one = next((r for r in results if r["size"] == 1), None)
    top = results[-1]
    if one is None or one is top:
        return None
    pages = [Path(r["ours_config"]).parent / "site-ours" / "000-bench-01.html" for r in (one, top)]
    if not all(p.exists() for p in pages):
        return None
    texts = [p.read_text("utf-8") for p in pages]
    entries = [t.count('<li class="md-nav__item') for t in texts]
    sizes = [len(t.encode("utf-8")) for t in texts]
    if entries[1] <= entries[0]:
        return None
    return {"entries": entries, "bytes": sizes,
            "per_entry": (sizes[1] - sizes[0]) / (entries[1] - entries[0])}


def analysis_lines(failed, values, results, raw) -> list[str]:
    """For each target missed: the measured value, the cause found, what would close it."""
    top = results[-1]
    a, b = top["ours"], top["bare"]
    profile, rebuild_profile = raw.get("profile"), raw.get("rebuild_profile")
    build_profile, bare_profile = raw.get("build_profile"), raw.get("bare_build_profile")
    official_build, converters = raw.get("official_build"), raw.get("converters") or {}
    official = (official_build or {}).get("ours") if not (official_build or {}).get("skipped") else None
    out = []
    for key in failed:
        value = fmt_target(key, values[key])
        if key == "time_ratio":
            outside = a["wall"] - a["hooks"]
            lines = [
                f"- **Full build time (a)/(b) = {value}** (limit 1.3; on CPU time "
                f"{fmt_ratio(ratio(a['cpu'], b['cpu']))}). (a) takes {secs(a['wall'])}, "
                f"(b) {secs(b['wall'])}. Of (a), {secs(a['hooks'])} are spent inside our "
                f"plugin's hooks ({secs(a['stage'])} of them in the timed stage); the other "
                f"{secs(outside)}, MkDocs and Material, are already "
                f"{outside / b['wall']:.1f}× the whole bare build, because our pages are "
                f"{a['page_bytes_median'] / max(b['page_bytes_median'], 1):.0f}× larger "
                f"({fmt_bytes(a['page_bytes_median'])} against "
                f"{fmt_bytes(b['page_bytes_median'])}: both scripts, every character's "
                f"markup, ruby pinyin, notes) and there are "
                f"{a['html_bytes'] / max(b['html_bytes'], 1):.1f}× the HTML bytes to "
                f"template, write and parse for search."
            ]
            if build_profile and bare_profile:
                pairs = []
                for area in ("html.parser", "Material search plugin", "Jinja2 templates",
                             "jieba", "MkDocs"):
                    pairs.append(f"{area} {area_seconds(build_profile, area):.1f} s vs "
                                 f"{area_seconds(bare_profile, area):.1f} s")
                lines.append(
                    f"  Whole builds profiled at {build_profile['result']['size']}× (own time, "
                    f"(a) vs (b)): {'; '.join(pairs)}; our plugin's code in (a): "
                    f"{sum(t for ar, t, _ in build_profile['areas'] if ar.startswith('build_tools')):.1f} s, "
                    f"OpenCC {area_seconds(build_profile, 'OpenCC (convert)'):.1f} s."
                )
            rest = outside / b["wall"]
            lines.append(
                "  To close it: (1) make our own work small (next items); (2) shrink what "
                "every later step handles: Material's search plugin parses each page's whole "
                "HTML only to keep the Simplified text, so hand it that text directly "
                "(set the page's search entries from the plugin) or leave the Traditional "
                "column out of the page body the search plugin sees; render runs of plain "
                "text as one text node instead of one element per marked character. "
                + (f"Without (2), even hooks taking no time at all leave (a) at {rest:.2f}× "
                   "the bare build." if rest > 1.3 else
                   f"With our hooks taking no time, (a) would be at {rest:.2f}× the bare "
                   "build: (1) alone would close it.")
            )
            out += lines
        elif key == "index_ratio":
            out.append(
                f"- **Search index (a)/(b) = {value}** (limit 1.2): per speech page the "
                f"index holds {fmt_bytes(a['seed_page_index_median'])} in (a) and "
                f"{fmt_bytes(b['seed_page_index_median'])} in (b) for the seed's pages. "
                "To close it: make sure each text reaches the index once, without pinyin "
                "and notes (`data-search-exclude` on everything that is not Simplified "
                "text)."
            )
        elif key == "page_growth":
            nav = nav_growth(results)
            out.append(
                f"- **The same speech page at {top['size']}× ÷ 1× = {value}** (limit 1.1): "
                f"the seed's pages are the same text at both sizes; what grows is the "
                f"navigation around them"
                + (f": `000-bench-01.html` lists {nav['entries'][1]} navigation and TOC "
                   f"entries at {top['size']}× against {nav['entries'][0]} at 1×, "
                   f"{fmt_bytes(nav['bytes'][1] - nav['bytes'][0])} more, about "
                   f"{nav['per_entry']:.0f} bytes per entry (each speech title in both "
                   f"scripts)" if nav else "")
                + ". The growth stops at `nav_group_size` speeches (the section a page is in; "
                "`navigation.prune` drops the others), so it is bounded, but the 1× page "
                "lists only 5. To close it: a smaller `nav_group_size` (with 20, a page would "
                "list about 15 speeches more than at 1×, plus the section labels), or "
                "navigation labels in one script (the title in both scripts is in the page "
                "itself)."
            )
        elif key == "stage_share":
            shown, remedies = causes(profile)
            text = (
                f"- **Our stage = {value} of the build** (limit 10 %): {secs(a['stage'])} "
                f"of {secs(a['wall'])} ({secs(a['hooks'])} in all our hooks). Profile of our hooks "
                f"at {top['size']}× (own time by area): "
                + ", ".join(f"{ar} {sh:.0%}" for ar, _t, sh in (profile or {}).get("areas", [])[:5])
                + (f". By hook: {hooks_summary(profile)}" if hooks_summary(profile) else "")
                + (f". Heaviest functions: {shown}{jieba_note(profile)}." if shown else ".")
                + " (Under cProfile, code made of many small calls, as the pure-Python "
                "converter is, takes a larger share than it does unprofiled.)"
            )
            if remedies:
                text += " To close it: " + "; ".join(remedies) + "."
            opencc = area_share(profile, "OpenCC (convert)")
            re_, off = converters.get("reimplemented"), converters.get("official")
            if re_ and off:
                text += (f" OpenCC takes {opencc:.0%} of the stage: the official binding "
                         f"converts {off['chars_per_s'] / re_['chars_per_s']:.0f}× faster "
                         "with identical output" if re_["output_sha1"] == off["output_sha1"]
                         else f" OpenCC takes {opencc:.0%} of the stage")
                if official:
                    paired = official_build.get("paired")
                    text += (f"; the {top['size']}× build with it measured a stage of "
                             f"{secs(official['stage'])} ({official['stage'] / official['wall']:.0%}"
                             f" of its build)")
                    if paired:
                        text += (f", against {secs(paired['stage'])} "
                                 f"({paired['stage'] / paired['wall']:.0%}) with the "
                                 "reimplementation in the build run just before it")
                text += "."
            out.append(text)
        elif key == "rebuild_share":
            reused = a["rebuild"].get("reused")
            shown, remedies = causes(rebuild_profile)
            text = (
                f"- **Rebuild stage after editing one speech = {value} of a full build** "
                f"(limit 1 %): {secs(a['rebuild']['stage'])} "
                f"(all hooks {secs(a['rebuild']['hooks'])})"
                + (f", {reused[1] - reused[0]} of {reused[1]} speeches rendered again"
                   if reused else "")
                + (f". Profile of that rebuild, by hook: {hooks_summary(rebuild_profile)}"
                   if hooks_summary(rebuild_profile) else "")
                + (f". Heaviest functions: {shown}{jieba_note(rebuild_profile)}."
                   if shown else ".")
                + f" (Apart from our stage, MkDocs renders and writes every page again: that "
                f"rebuild took {secs(a['rebuild']['wall'])} in all.)"
            )
            if remedies:
                text += " To close it: " + "; ".join(remedies) + "."
            out.append(text)
        elif key == "peak_gb":
            out.append(
                f"- **Peak memory = {value} GB** (limit 1.5): MkDocs keeps every page's "
                "HTML until the build ends, and the plugin keeps the rendered speeches; "
                "smaller pages (see above) lower both."
            )
    return out


def profile_lines(profile: dict, title: str, what: str) -> list[str]:
    result = profile["result"]
    lines = [
        f"## {title} ({result['size']}×, {result['speeches']} speeches)",
        "",
        f"{what}. Profiled time {profile['profiled_seconds']:.2f} s"
        + (f", `build_tools/` version {profile['code']}" if profile.get("code") else "")
        + (f" (the plugin's own clock in that run: {profile['stage_seconds']:.2f} s of stage)."
           if profile["mode"] == "stage" else "."),
        "",
        "Own time by area (a built-in function's time counts for the code calling it):",
        "",
        "| area | own time | share |",
        "|---|---:|---:|",
    ]
    lines += [f"| {area} | {t:.2f} s | {share:.1%} |" for area, t, share in profile["areas"][:12]]
    if profile.get("hooks"):
        lines += [
            "",
            "By hook of the plugin, with its heaviest callees and where their time goes "
            "(cProfile keeps no call context, so a path stops at a function called from "
            "elsewhere too, such as the content cache):",
            "",
            "| hook | time | heaviest callees → path |",
            "|---|---:|---|",
        ]
        for hook in profile["hooks"]:
            inner = "<br>".join(
                f"{p['name']} {p['seconds']:.1f} s"
                + (" → " + " → ".join(p["path"]) if p["path"] else "")
                for p in hook["parts"]) or "–"
            lines.append(f"| `{hook['hook']}` ({hook['calls']:,} calls) | "
                         f"{hook['seconds']:.1f} s | {inner} |")
    if profile.get("ours_top"):
        lines += [
            "",
            "This project's functions by cumulative time:",
            "",
            "| function | cumulative | own | calls |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| `{name}` | {cum:.2f} s | {own:.2f} s | {calls:,} |"
                  for name, cum, own, calls in profile["ours_top"][:15]]
    lines += [
        "",
        "Top entries by cumulative time (`-s cumtime`):",
        "",
        "```",
        profile["cumulative"],
        "```",
        "",
        "Top entries by own time (`-s tottime`):",
        "",
        "```",
        profile["own"],
        "```",
        "",
    ]
    return lines


# -------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the site build against bare Material.")
    parser.add_argument("--sizes", default="1,10,100",
                        help="corpus sizes as multiples of the seed (default: 1,10,100)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: size 1 only, one repetition, no extra venv")
    parser.add_argument("--reps", type=int, default=3, help="builds of each kind per size")
    parser.add_argument("--out", default=str(BENCH / "results.md"))
    parser.add_argument("--work", default=str(BENCH / "work"))
    parser.add_argument("--no-official", action="store_true",
                        help="skip the official OpenCC binding (no venv, no install)")
    parser.add_argument("--official-build-reps", type=int, default=1,
                        help="builds (a) of the largest size with the official binding "
                             "(0 to skip)")
    parser.add_argument("--build-profile-size", type=int, default=10,
                        help="corpus size of the profiled whole build (0 to skip)")
    parser.add_argument("--resume", action="store_true",
                        help="reuse the measurements an interrupted run left in --work")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite --out from the results.json of an earlier run in --work")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.report_only:
        raw_file = Path(args.work) / "results.json"
        raw = json.loads(raw_file.read_text("utf-8"))
        work = Path(args.work).resolve()
        if not raw["quick"] and not raw.get("rebuild_profile"):
            raw["rebuild_profile"] = profile_rebuild(raw["results"][-1], work)
        target = (raw.get("build_profile") or {}).get("result")
        if target and not raw.get("bare_build_profile"):
            log(f"profiling a whole build (b) at {target['size']}×")
            raw["bare_build_profile"] = run_json([
                sys.executable, str(BENCH / "profile_stage.py"),
                str(work / f"x{target['size']}" / "bare.yml"),
                str(work / f"x{target['size']}" / "site-profile-bare"), "--build", "--top", "15"])
            raw["bare_build_profile"]["result"] = target
        raw_file.write_text(json.dumps(raw, indent=1, ensure_ascii=False), "utf-8")
        write_report(Path(args.out), raw)
        return

    sizes = [1] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    reps = 1 if args.quick else max(1, args.reps)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    group_size = int(plugin_options(project_config()).get("nav_group_size", 50))

    results = []
    for size in sizes:
        results.append(bench_size(size, work, reps, group_size, args.resume))

    # OpenCC packages, each in its own process.
    text_file = work / "seed-visible.txt"
    seed_visible_text(text_file)
    converters: dict = {}
    log("OpenCC throughput: opencc-python-reimplemented")
    converters["reimplemented"] = run_json([sys.executable, str(BENCH / "convert_speed.py"),
                                            str(text_file)])
    official_build: dict | None = None
    if args.quick or args.no_official:
        converters["note"] = "official binding not measured (--quick / --no-official)."
    else:
        want_build = args.official_build_reps > 0
        python, note = official_venv(work, with_project=want_build)
        if python is None:
            converters["note"] = f"official binding skipped: {note}"
        else:
            log("OpenCC throughput: official binding")
            converters["official"] = run_json([str(python), str(BENCH / "convert_speed.py"),
                                               str(text_file)])
            if want_build:
                reason = check_official_plugin(python)
                if reason:
                    official_build = {"skipped": reason}
                else:
                    top = results[-1]
                    runs, paired = [], []
                    base = work / f"x{top['size']}"
                    try:
                        # Each official build right after a build with the reimplementation,
                        # same code, same moment: the machine's other load and others'
                        # edits to build_tools/ hit both alike.
                        for rep in range(args.official_build_reps):
                            log(f"{top['size']}×: (a) with the reimplementation then the "
                                f"official binding, {rep + 1}/{args.official_build_reps}")
                            paired.append(kept(
                                base / "runs" / f"paired-{rep}.json", args.resume,
                                lambda: measure(sys.executable, Path(top["ours_config"]),
                                                base / "site-ours", OURS_PAGES,
                                                OURS_SEED_PAGES, Path(top["edit"]))))
                            runs.append(kept(
                                base / "runs" / f"official-{rep}.json", args.resume,
                                lambda: measure(str(python), Path(top["ours_config"]),
                                                base / "site-official", OURS_PAGES,
                                                OURS_SEED_PAGES, Path(top["edit"]),
                                                env=official_env())))
                        official_build = {"size": top["size"], "ours": medians(runs),
                                          "paired": medians(paired)}
                    except RuntimeError as error:  # the build failed in that venv
                        last = str(error).strip().splitlines()[-1]
                        log(f"build with the official binding failed: {last}")
                        official_build = {"skipped": f"the build failed: {last}"}

    top = results[-1]
    log(f"profiling our stage on {top['size']}×")
    profile = kept(work / f"x{top['size']}" / "runs" / "profile-stage.json", args.resume,
                   lambda: run_json([sys.executable, str(BENCH / "profile_stage.py"),
                                     top["ours_config"],
                                     str(work / f"x{top['size']}" / "site-profile"),
                                     "--top", "15"]))
    profile["result"] = top
    rebuild_profile = None if args.quick else kept(
        work / f"x{top['size']}" / "runs" / "profile-rebuild.json", args.resume,
        lambda: profile_rebuild(top, work))
    build_profile = bare_build_profile = None
    if not args.quick and args.build_profile_size:
        target = next((r for r in results if r["size"] == args.build_profile_size), None)
        if target is not None:
            log(f"profiling a whole build (a) at {target['size']}×")
            build_profile = kept(
                work / f"x{target['size']}" / "runs" / "profile-build.json", args.resume,
                lambda: run_json([sys.executable, str(BENCH / "profile_stage.py"),
                                  target["ours_config"],
                                  str(work / f"x{target['size']}" / "site-profile"),
                                  "--build", "--top", "15"]))
            build_profile["result"] = target
            bare_build_profile = kept(
                work / f"x{target['size']}" / "runs" / "profile-build-bare.json", args.resume,
                lambda: run_json([sys.executable, str(BENCH / "profile_stage.py"),
                                  str(work / f"x{target['size']}" / "bare.yml"),
                                  str(work / f"x{target['size']}" / "site-profile-bare"),
                                  "--build", "--top", "15"]))
            bare_build_profile["result"] = target

    raw = {"results": results, "converters": converters, "profile": profile,
           "rebuild_profile": rebuild_profile, "bare_build_profile": bare_build_profile,
           "build_profile": build_profile, "official_build": official_build,
           "minutes": (time.perf_counter() - started) / 60, "quick": args.quick,
           "resumed": args.resume,
           "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
           "machine": machine()}
    (work / "results.json").write_text(json.dumps(raw, indent=1, ensure_ascii=False), "utf-8")
    out = Path(args.out)
    write_report(out, raw)
    log(f"wrote {out}")


if __name__ == "__main__":
    main()
