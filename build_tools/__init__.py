"""Publish raw collections of Chinese speeches as a parallel Traditional/Simplified site.

The pipeline, one package a stage, each importing only the stages before it:

    text/           bytes → decoded text → the document model (``load_collection``)
    analysis/       script detection, OpenCC conversion, annotations, collation, terms
    render/         model → HTML and Markdown: speech pages, collation, home, book
    mkdocs_plugin/  the MkDocs plugin ``parallel-texts``: pages in memory, assets, search
    outputs/        the site folder, the offline zip, the PDF, each written safely
    cli.py          the ``ptx`` command over all of them
"""

__version__ = "0.1.0"
