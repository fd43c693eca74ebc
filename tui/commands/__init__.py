"""The `bone-guide` command: one module per subcommand, one way to report a mistake (_common)."""
