"""docs/contracts.md: each module's port methods, events and errors, generated from the code."""
from __future__ import annotations

import inspect
from pathlib import Path

from aicmo.shared.errors import ContractError
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.modules import MODULE_DEPENDENCIES
from aicmo.strangler.contract_versions.export import owned_exports, signature_text
from aicmo.strangler.contract_versions.modules import MODULES, contract_version

__all__ = ["DEFAULT_PATH", "render_docs"]

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "docs" / "contracts.md"

HEADER = """# Module contracts

Generated from the code of `aicmo/<module>/api/` by `aicmo contracts docs`; do not edit by hand
(a test fails when this file is stale). The JSON schemas of every DTO and event are committed in
`contract_snapshots/<module>.json`; `aicmo contracts check` fails on a breaking change unless the
module's `CONTRACT_VERSION` major was raised, and `aicmo contracts update` rewrites them.
"""


def _first_line(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _module_section(module: str) -> list[str]:
    exports = owned_exports(module)
    ports = [o for o in exports if getattr(o, "_is_protocol", False)]
    events = [o for o in exports if issubclass(o, IntegrationEvent)]
    errors = [o for o in exports if issubclass(o, ContractError)]
    depends = ", ".join(f"`{d}`" for d in MODULE_DEPENDENCIES[module]) or "nothing"
    lines = [f"## {module} (contract {contract_version(module)})", "", f"Depends on: {depends}.", ""]
    for port in ports:
        methods = [(n, f) for n, f in inspect.getmembers(port, inspect.isfunction) if not n.startswith("_")]
        methods.sort(key=lambda item: item[1].__code__.co_firstlineno)  # declaration order
        lines += [f"Port `{port.__name__}`, {len(methods)} methods:", "", "| method | what it does |", "|---|---|"]
        lines += [f"| `{n}{_cell(signature_text(f))}` | {_cell(_first_line(f))} |" for n, f in methods]
        lines.append("")
    lines += [f"Events, {len(events)}:", "", "| event | meaning |", "|---|---|"]
    lines += [f"| `{e.__name__}` | {_cell(_first_line(e))} |" for e in events]
    lines += ["", "Errors: " + ", ".join(f"`{e.__name__}` ({e.code})" for e in errors) + ".", ""]
    return lines


def render_docs() -> str:
    """The whole document; same code, same text."""
    lines = [HEADER]
    lines += ["| module | contract | port methods | events |", "|---|---|---|---|"]
    for module in MODULES:
        exports = owned_exports(module)
        methods = sum(
            len([n for n, _ in inspect.getmembers(p, inspect.isfunction) if not n.startswith("_")])
            for p in exports
            if getattr(p, "_is_protocol", False)
        )
        events = len([e for e in exports if issubclass(e, IntegrationEvent)])
        lines.append(f"| [{module}](#{module}-contract-{contract_version(module).replace('.', '')}) "
                     f"| {contract_version(module)} | {methods} | {events} |")
    lines.append("")
    for module in MODULES:
        lines += _module_section(module)
    return "\n".join(lines).rstrip("\n") + "\n"
