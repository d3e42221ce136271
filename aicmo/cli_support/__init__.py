"""The `aicmo` command's subcommands (one module each, listed in `command_registry`, imported when used)
and their helpers: input loading, reproducible runs, rendering."""
