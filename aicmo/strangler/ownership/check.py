"""`aicmo ownership check`: every write to a table the writing module does not own, and
every table declared in code without exactly one owner.

The owners are the project's: `[tool.aicmo.legacy_tables]` and the literal register_table calls.
The writer is the business module of the file (legacy files through the boundaries'
legacy map, acl/M as M), or a module named for one function in `[tool.aicmo.ownership]
function_owners`. Code outside every module that writes a table is a finding too.
"""
from __future__ import annotations

from typing import Mapping

from aicmo.shared.persistence.ownership import INFRASTRUCTURE_OWNERS
from aicmo.shared.project_config import load_project_config
from aicmo.strangler.boundaries.components import classifier
from aicmo.strangler.boundaries.config import BoundaryConfig
from aicmo.strangler.ownership.source import (
    SourceFile,
    TableDeclaration,
    model_tables,
    read_sources,
    returned_models,
    table_declarations,
)
from aicmo.strangler.ownership.writes import Write, find_writes
from aicmo.strangler.ratchet.finding import Finding

FOREIGN_WRITE = "foreign-write"
WRITE_OUTSIDE_MODULES = "write-outside-modules"
UNOWNED_TABLE = "unowned-table"
TWO_OWNERS = "two-owners"
REGISTER = "register the table's one owner with register_table (rule 5)"


def owners_and_conflicts(legacy_tables: Mapping[str, str], declarations: list[TableDeclaration]) -> tuple[dict[str, str], list[Finding]]:
    """The checked project's legacy table owners plus its literal register_table(...) calls; tables
    without one owner are findings."""
    owners = dict(legacy_tables)
    findings = []
    for declared in (d for d in declarations if d.owner is not None):
        current = owners.setdefault(declared.table, declared.owner)  # type: ignore[arg-type]
        if current != declared.owner:
            key = f"{TWO_OWNERS}:{declared.table}"
            findings.append(Finding(TWO_OWNERS, key, declared.file, declared.line,
                                    f"{declared.table} is registered to {declared.owner} but owned by {current}", REGISTER))
    for declared in (d for d in declarations if d.owner is None and d.table not in owners):
        key = f"{UNOWNED_TABLE}:{declared.table}"
        findings.append(Finding(UNOWNED_TABLE, key, declared.file, declared.line,
                                f"{declared.name} maps {declared.table}, a table with no owner module", REGISTER))
    return owners, findings


def writes(sources: list[SourceFile], declarations: list[TableDeclaration], owners: dict[str, str]) -> list[Write]:
    tables = model_tables(declarations)
    known = set(tables.values()) | set(owners)
    returns = returned_models(sources, tables)
    return [w for source in sources for w in find_writes(source, tables, returns, known)]


def infrastructure_owner(module: str) -> str | None:
    """The non-business owner (e.g. the strangler) whose package holds this Python module."""
    for owner, package in INFRASTRUCTURE_OWNERS.items():
        if module == package or module.startswith(package + "."):
            return owner
    return None


def check(config: BoundaryConfig) -> list[Finding]:
    classify = classifier(config)
    sources = list(read_sources(config.root, config.present_packages))
    declarations = table_declarations(sources)
    # the owners the checked project declares ([tool.aicmo.legacy_tables]), not the running package's
    legacy_tables = load_project_config(config.root / "pyproject.toml").legacy_tables
    owners, registry_findings = owners_and_conflicts(legacy_tables, declarations)
    function_owners = dict(config.ownership.get("function_owners", {}))
    api = ".".join(p for p in (config.module_prefix, "{}", config.public) if p)
    findings: dict[str, Finding] = {f.key: f for f in registry_findings}
    for write in writes(sources, declarations, owners):
        writer = (function_owners.get(f"{write.module}.{write.function}") or classify(write.module).module
                  or infrastructure_owner(write.module))
        owner = owners.get(write.table)
        where = f"{write.module}.{write.function}" if write.function != "<module>" else write.module
        if owner is None or writer == owner:
            continue  # an unowned table is reported once, where it is declared
            continue
        elif writer is None:
            rule, alternative = WRITE_OUTSIDE_MODULES, f"call the {owner} module's port ({api.format(owner)})"
            message = f"{where} writes {write.table} ({write.kind}) from outside every module; {owner} owns it"
        else:
            rule, alternative = FOREIGN_WRITE, f"call the {owner} module's port ({api.format(owner)}) instead"
            message = f"{where} ({writer}) writes {write.table} ({write.kind}), owned by {owner}"
        # keyed by writer function and table: survives line moves, a different table is new
        key = f"{rule}:{where}->{write.table}"
        findings.setdefault(key, Finding(rule, key, write.file, write.line, message, alternative))
    return sorted(findings.values(), key=lambda f: (f.file, f.line, f.key))
