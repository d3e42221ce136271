"""What changed between two contract documents, and which changes break callers.

Breaking: a model, field, port method or error removed; a field renamed; a type changed or
narrowed (a tighter bound, a pattern added, null or another branch no longer accepted); a new
required field, or an optional one made required; an enum value removed; a port method's
signature changed. Everything else (a new optional field, enum value, model, method or error,
a looser bound, a documentation change) is additive.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Optional

__all__ = ["Change", "ChangeKind", "diff_documents"]

# Keys that document a schema without constraining it.
_ANNOTATIONS = {"title", "description", "default", "examples"}
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")
_EXACT = ("pattern", "format", "const", "multipleOf")


class ChangeKind(str, Enum):
    MODEL_REMOVED = "model removed"
    FIELD_REMOVED = "field removed"
    FIELD_RENAMED = "field renamed"
    TYPE_CHANGED = "type changed"
    TYPE_NARROWED = "type narrowed"
    NEW_REQUIRED_FIELD = "new required field"
    FIELD_MADE_REQUIRED = "field made required"
    ENUM_VALUE_REMOVED = "enum value removed"
    METHOD_REMOVED = "port method removed"
    SIGNATURE_CHANGED = "port method signature changed"
    ERROR_REMOVED = "error removed"
    MODEL_ADDED = "model added"
    FIELD_ADDED = "optional field added"
    ENUM_VALUE_ADDED = "enum value added"
    TYPE_WIDENED = "type widened"
    METHOD_ADDED = "port method added"
    ERROR_ADDED = "error added"

    @property
    def breaking(self) -> bool:
        return self in _BREAKING


_BREAKING = {
    ChangeKind.MODEL_REMOVED,
    ChangeKind.FIELD_REMOVED,
    ChangeKind.FIELD_RENAMED,
    ChangeKind.TYPE_CHANGED,
    ChangeKind.TYPE_NARROWED,
    ChangeKind.NEW_REQUIRED_FIELD,
    ChangeKind.FIELD_MADE_REQUIRED,
    ChangeKind.ENUM_VALUE_REMOVED,
    ChangeKind.METHOD_REMOVED,
    ChangeKind.SIGNATURE_CHANGED,
    ChangeKind.ERROR_REMOVED,
}


@dataclass(frozen=True)
class Change:
    """One difference: where (module, model, field) and what."""

    module: str
    model: str
    field: Optional[str]
    kind: ChangeKind
    detail: str = ""

    @property
    def breaking(self) -> bool:
        return self.kind.breaking

    def __str__(self) -> str:
        where = f"{self.module}.{self.model}" + (f".{self.field}" if self.field else "")
        return f"{where}: {self.kind.value}" + (f" ({self.detail})" if self.detail else "")


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from the committed document ``old`` to the code's document ``new``."""
    module = new.get("module") or old.get("module") or "?"
    changes: list[Change] = []
    old_defs, new_defs = old.get("definitions", {}), new.get("definitions", {})
    for name in sorted(old_defs.keys() | new_defs.keys()):
        if name not in new_defs:
            changes.append(Change(module, name, None, ChangeKind.MODEL_REMOVED))
        elif name not in old_defs:
            changes.append(Change(module, name, None, ChangeKind.MODEL_ADDED))
        else:
            changes += [Change(module, name, f, k, d) for f, k, d in _diff_definition(old_defs[name], new_defs[name])]
    changes += _diff_ports(module, old.get("ports", {}), new.get("ports", {}))
    old_errors, new_errors = old.get("errors", {}), new.get("errors", {})
    changes += [Change(module, e, None, ChangeKind.ERROR_REMOVED) for e in sorted(old_errors.keys() - new_errors.keys())]
    changes += [Change(module, e, None, ChangeKind.ERROR_ADDED) for e in sorted(new_errors.keys() - old_errors.keys())]
    return changes


Found = tuple[Optional[str], ChangeKind, str]


def _diff_definition(old: dict[str, Any], new: dict[str, Any]) -> list[Found]:
    if "enum" in old or "enum" in new:
        if not ("enum" in old and "enum" in new):
            return [(None, ChangeKind.TYPE_CHANGED, "enum and model swapped")]
        return [(None, kind, detail) for kind, detail in _enum_changes(old["enum"], new["enum"])]
    found: list[Found] = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    removed = [p for p in old_props if p not in new_props]
    added = [p for p in new_props if p not in old_props]
    renamed = _renames(removed, added, old_props, new_props)
    for old_name, new_name in renamed.items():
        found.append((old_name, ChangeKind.FIELD_RENAMED, f"now '{new_name}'"))
    for name in removed:
        if name not in renamed:
            found.append((name, ChangeKind.FIELD_REMOVED, ""))
    for name in added:
        if name in renamed.values():
            continue
        if name in new_required:
            found.append((name, ChangeKind.NEW_REQUIRED_FIELD, ""))
        else:
            found.append((name, ChangeKind.FIELD_ADDED, ""))
    for name in old_props:
        if name not in new_props:
            continue
        if name in new_required and name not in old_required:
            found.append((name, ChangeKind.FIELD_MADE_REQUIRED, ""))
        found += [(name, kind, detail) for kind, detail in _compare(old_props[name], new_props[name])]
    return found


def _renames(removed: list[str], added: list[str], old_props: dict, new_props: dict) -> dict[str, str]:
    """A removed field whose schema reappears, unchanged, under exactly one new name."""
    renames = {}
    for old_name in removed:
        same = [n for n in added if _strip(old_props[old_name]) == _strip(new_props[n])]
        if len(same) == 1 and same[0] not in renames.values():
            renames[old_name] = same[0]
    return renames


def _enum_changes(old: list[Any], new: list[Any]) -> list[tuple[ChangeKind, str]]:
    changes = [(ChangeKind.ENUM_VALUE_REMOVED, repr(v)) for v in old if v not in new]
    changes += [(ChangeKind.ENUM_VALUE_ADDED, repr(v)) for v in new if v not in old]
    return changes


def _strip(node: Any) -> Any:
    """The schema without its documentation, so that only constraints are compared."""
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in _ANNOTATIONS}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    for key in ("anyOf", "oneOf"):
        if key in node:
            return [_strip(b) for b in node[key]]
    return [node]


def _compare(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[ChangeKind, str]]:
    """How a value schema changed; each old alternative must still be accepted by a new one."""
    old, new = _strip(old), _strip(new)
    if old == new:
        return []
    old_branches, new_branches = _branches(old), _branches(new)
    if len(old_branches) == 1 and len(new_branches) == 1:
        return _compare_single(old_branches[0], new_branches[0])
    lost = []
    widened = len(new_branches) > len(old_branches)
    for branch in old_branches:
        outcomes = [_compare_single(branch, candidate) for candidate in new_branches]
        if not any(all(not kind.breaking for kind, _ in outcome) for outcome in outcomes):
            lost.append(branch)
    if not lost:
        return [(ChangeKind.TYPE_WIDENED, "accepts more")] if widened else []
    if len(lost) == len(old_branches):
        return [(ChangeKind.TYPE_CHANGED, f"{_describe(old)} -> {_describe(new)}")]
    return [(ChangeKind.TYPE_NARROWED, "no longer accepts " + ", ".join(_describe(b) for b in lost))]


def _compare_single(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[ChangeKind, str]]:
    if old == new:
        return []
    if "$ref" in old or "$ref" in new or old.get("x-id-type") != new.get("x-id-type"):
        if old.get("$ref") == new.get("$ref") and old.get("x-id-type") == new.get("x-id-type"):
            return []
        return [(ChangeKind.TYPE_CHANGED, f"{_describe(old)} -> {_describe(new)}")]
    if old.get("type") != new.get("type"):
        if (old.get("type"), new.get("type")) == ("integer", "number"):
            return [(ChangeKind.TYPE_WIDENED, "integer -> number")]
        return [(ChangeKind.TYPE_CHANGED, f"{_describe(old)} -> {_describe(new)}")]
    changes: list[tuple[ChangeKind, str]] = []
    if "enum" in old or "enum" in new:
        if "enum" not in old:
            changes.append((ChangeKind.TYPE_NARROWED, "now limited to " + repr(new["enum"])))
        elif "enum" in new:
            changes += _enum_changes(old["enum"], new["enum"])
    changes += _bound_changes(old, new)
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            changes += _compare(old[key], new[key])
        elif key in new and key not in old and new[key] is not True:
            changes.append((ChangeKind.TYPE_NARROWED, f"{key} now constrained"))
    return changes


def _bound_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[ChangeKind, str]]:
    changes = []
    for key in _LOWER_BOUNDS:
        if key in new and (key not in old or new[key] > old[key]):
            changes.append((ChangeKind.TYPE_NARROWED, f"{key} {old.get(key)} -> {new[key]}"))
        elif key in old and (key not in new or new[key] < old[key]):
            changes.append((ChangeKind.TYPE_WIDENED, f"{key} {old[key]} -> {new.get(key)}"))
    for key in _UPPER_BOUNDS:
        if key in new and (key not in old or new[key] < old[key]):
            changes.append((ChangeKind.TYPE_NARROWED, f"{key} {old.get(key)} -> {new[key]}"))
        elif key in old and (key not in new or new[key] > old[key]):
            changes.append((ChangeKind.TYPE_WIDENED, f"{key} {old[key]} -> {new.get(key)}"))
    for key in _EXACT:
        if key in new and old.get(key) != new[key]:
            changes.append((ChangeKind.TYPE_NARROWED, f"{key} {old.get(key)!r} -> {new[key]!r}"))
        elif key in old and key not in new:
            changes.append((ChangeKind.TYPE_WIDENED, f"{key} dropped"))
    return changes


def _describe(node: dict[str, Any]) -> str:
    branches = _branches(node)
    if len(branches) > 1:
        return " | ".join(_describe(b) for b in branches)
    node = branches[0]
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    if "x-id-type" in node:
        return node["x-id-type"]
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return f"array of {_describe(node['items'])}"
    if "format" in node:
        return f"{node.get('type', 'any')} ({node['format']})"
    return str(node.get("type", "any"))


def _diff_ports(module: str, old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> list[Change]:
    changes = []
    for port in sorted(old.keys() | new.keys()):
        old_methods, new_methods = old.get(port, {}), new.get(port, {})
        for method in sorted(old_methods.keys() | new_methods.keys()):
            if method not in new_methods:
                changes.append(Change(module, port, method, ChangeKind.METHOD_REMOVED))
            elif method not in old_methods:
                changes.append(Change(module, port, method, ChangeKind.METHOD_ADDED))
            elif old_methods[method] != new_methods[method]:
                detail = f"{old_methods[method]} -> {new_methods[method]}"
                changes.append(Change(module, port, method, ChangeKind.SIGNATURE_CHANGED, detail))
    return changes
