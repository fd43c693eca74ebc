"""The full-screen reader (Textual): the app, its keys, themes, screens and widgets."""
