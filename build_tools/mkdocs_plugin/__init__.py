"""The MkDocs plugin: the only package that knows MkDocs or Material; hooks, config, assets."""
