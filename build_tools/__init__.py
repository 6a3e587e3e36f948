"""Publish raw collections of Chinese speeches as a parallel Traditional/Simplified site.

Pipeline: ``decode`` (bytes → text) → ``parse`` (text → model) → ``convert`` (OpenCC)
→ ``render`` (model → HTML) → the MkDocs ``plugin`` → Material builds the site.
"""

__version__ = "0.1.0"
