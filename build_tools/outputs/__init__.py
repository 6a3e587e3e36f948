"""Outputs: the site, the offline bundle and the PDF, written only where it is safe."""
