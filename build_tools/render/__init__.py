"""Render: the model and its analysis → HTML and Markdown strings, the only place text is escaped."""
