"""Read a GitHub workflow command back the way the runner does, to test the escaping."""
from __future__ import annotations


def read_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command the way the runner does: properties end at ',' and the data
    starts after the first '::' past the command; escapes are undone with %25 last."""
    assert line.startswith("::")
    head, data = line[2:].split("::", 1)
    command, _, properties = head.partition(" ")
    props = {}
    for pair in properties.split(","):
        key, _, value = pair.partition("=")
        for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            value = value.replace(escaped, raw)
        props[key] = value
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(escaped, raw)
    return command, props, data
