"""The reading core, free of Textual: the guide model and its checks, reading, what is said, plain lines, settings."""
