"""The teaching notebooks and the gallery as pages, executed as the handouts are.

Before Sphinx reads its sources, each notebook is run by the package's own executor
(``ocanalysis.handouts.execute``: papermill on one warm kernel, in the notebook's folder, each
figure's alt text in its output's metadata) and written, outputs and all, to ``docs/notebooks/``
(generated, not committed), where myst-nb reads it with execution off. An executed notebook is
kept in ``<outdir>/../.notebooks/`` under a key made as a report's is (the notebook, the data,
the package's source: ``ocanalysis.render.cache.input_key``), so a rebuild runs only what changed.

Pages show the student's view: solution cells and the interactive explorer's cells are left
out (the teacher's copies are the handouts). myst-nb names each image file after the sha256 of
its bytes and drops the output's metadata, so the alt texts are put back on the image nodes by
that name (:func:`give_images_their_alt_text`).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [
    *sorted((ROOT / "notebooks" / "teaching").glob("[0-9]*.ipynb")),
    ROOT / "notebooks" / "gallery.ipynb",
]
PAGES_DIR = "notebooks"  # in the Sphinx source folder
LEFT_OUT_TAGS = {"solution", "interactive"}

logger = logging.getLogger(__name__)


def _cache_dir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".notebooks"


def _executed(path: Path, cache_dir: Path):
    """The executed notebook, from the cache when its key is there."""
    import nbformat

    from ocanalysis._atomic import write_atomic
    from ocanalysis.handouts import HandoutError, execute
    from ocanalysis.render.cache import input_key

    kept = cache_dir / f"{path.stem}-{input_key(path, {}, None)[:16]}.ipynb"
    if kept.is_file():
        return nbformat.read(kept, as_version=4)
    logger.info("executing %s", path.relative_to(ROOT))
    try:
        executed = execute(path)
    except HandoutError as error:
        raise ExtensionError(f"{path.relative_to(ROOT)}: {error}") from None
    for stale in cache_dir.glob(f"{path.stem}-*.ipynb"):
        stale.unlink()
    write_atomic(kept, nbformat.writes(executed))
    return executed


def page_notebook(executed):
    """The notebook as its page shows it: without the cells tagged solution or interactive,
    without papermill's run records (the page states no machine's timings or paths), and
    without the widgets' state the explorer's cell left (for it, myst-nb would load the widget
    manager and require.js from CDNs)."""
    import copy

    page = copy.deepcopy(executed)
    page.cells = [
        cell
        for cell in page.cells
        if not LEFT_OUT_TAGS & set(cell.get("metadata", {}).get("tags", []))
    ]
    for cell in page.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    page.metadata.pop("papermill", None)
    page.metadata.pop("widgets", None)
    return page


def alt_texts(nb) -> dict[str, str]:
    """The alt text of each PNG output, by the sha256 of the PNG's bytes (myst-nb's file name)."""
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            if png and alt:
                found[hashlib.sha256(base64.b64decode(png)).hexdigest()] = alt
    return found


def execute_notebooks(app: Sphinx) -> None:
    import logging as std_logging

    import nbformat

    from ocanalysis._atomic import write_atomic
    from ocanalysis.render.kernel import kernel_scope

    # papermill logs each run's paths at INFO; Sphinx's log would show them as if they mattered.
    std_logging.getLogger("papermill").setLevel(std_logging.WARNING)
    cache_dir = _cache_dir(app)
    pages = Path(app.srcdir) / PAGES_DIR
    pages.mkdir(exist_ok=True)
    app.env.ocanalysis_alt_texts = {}
    with kernel_scope():  # one warm kernel for every notebook, stopped at the end
        for path in NOTEBOOKS:
            page = page_notebook(_executed(path, cache_dir))
            app.env.ocanalysis_alt_texts.update(alt_texts(page))
            text = nbformat.writes(page)
            target = pages / path.name
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                write_atomic(target, text)  # unchanged files keep their time: no rereading


def give_images_their_alt_text(app: Sphinx, doctree) -> None:
    from docutils import nodes

    known = getattr(app.env, "ocanalysis_alt_texts", {})
    for image in doctree.findall(nodes.image):
        digest = Path(image.get("uri", "")).stem
        if digest in known and not image.get("alt"):
            image["alt"] = known[digest]


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", execute_notebooks)
    app.connect("doctree-read", give_images_their_alt_text)
    return {"parallel_read_safe": False, "parallel_write_safe": True}
