"""Planted contract changes get the right verdict: breaking ones fail unless the major was raised."""
from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Optional

import pytest
from pydantic import Field

from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId, EntityId
from aicmo.strangler.contract_versions.diff import ChangeKind
from aicmo.strangler.contract_versions.export import contract_document
from aicmo.strangler.contract_versions.verdict import judge


class OtherId(EntityId):
    """Another kind of id."""


def status_enum(*values):
    """A str enum named Status with these values, as a contract would declare it."""
    return Enum("Status", {value.upper(): value for value in values}, type=str)


Status = status_enum("sent", "paid")


def invoice(**changes):
    """The baseline Invoice model, with some fields' (annotation, default) replaced or removed."""
    fields = {
        "client_id": (ClientId, ...),
        "total": (Decimal, ...),
        "lines": (int, Field(default=0, ge=0)),
        "note": (Optional[str], None),
        "status": (Status, ...),
    }
    for name, spec in changes.items():
        if spec is None:
            fields.pop(name)
        else:
            fields[name] = spec
    annotations, namespace = {}, {"__doc__": "An invoice."}
    for name, (annotation, default) in fields.items():
        annotations[name] = annotation
        if default is not ...:
            namespace[name] = default
    namespace["__annotations__"] = annotations
    return type("Invoice", (ContractModel,), namespace)


def port(*, pay: bool = True, pay_takes: str = "Decimal"):
    """A port class named Port; pay can be dropped or take another type."""
    namespace = {}
    source = "class Port(Protocol):\n    def get_invoice(self, client_id: ClientId) -> int: ...\n"
    if pay:
        source += f"    def pay(self, amount: {pay_takes}) -> int: ...\n"
    exec("from __future__ import annotations\nfrom typing import Protocol\n" + source, namespace)
    return namespace["Port"]


Port = port()


def document(model=None, version="1.0.0", enum=Status, extra=(), port=Port):
    """The contract document of the demo module with these models, enum and port."""
    models = [model or invoice(), *extra]
    return contract_document("demo", version, models=models, enums=[enum], ports=[port])


BASELINE = document()


def kinds(verdict):
    return [(c.model, c.field, c.kind) for c in verdict.changes]


BREAKING = {
    "field removed": (document(invoice(total=None)), ("Invoice", "total", ChangeKind.FIELD_REMOVED)),
    "field renamed": (
        document(invoice(total=None, amount=(Decimal, ...))),
        ("Invoice", "total", ChangeKind.FIELD_RENAMED),
    ),
    "type changed": (document(invoice(lines=(str, "0"))), ("Invoice", "lines", ChangeKind.TYPE_CHANGED)),
    "id kind changed": (
        document(invoice(client_id=(OtherId, ...))),
        ("Invoice", "client_id", ChangeKind.TYPE_CHANGED),
    ),
    "type narrowed: null no longer accepted": (
        document(invoice(note=(str, ""))),
        ("Invoice", "note", ChangeKind.TYPE_NARROWED),
    ),
    "type narrowed: tighter bound": (
        document(invoice(lines=(int, Field(default=1, ge=1)))),
        ("Invoice", "lines", ChangeKind.TYPE_NARROWED),
    ),
    "type narrowed: Decimal became float": (
        document(invoice(total=(float, ...))),
        ("Invoice", "total", ChangeKind.TYPE_NARROWED),
    ),
    "new required field": (
        document(invoice(currency=(str, ...))),
        ("Invoice", "currency", ChangeKind.NEW_REQUIRED_FIELD),
    ),
    "optional field made required": (
        document(invoice(lines=(int, Field(ge=0)))),
        ("Invoice", "lines", ChangeKind.FIELD_MADE_REQUIRED),
    ),
    "enum value removed": (
        document(invoice(status=(status_enum("sent"), ...)), enum=status_enum("sent")),
        ("Status", None, ChangeKind.ENUM_VALUE_REMOVED),
    ),
    "port method removed": (document(port=port(pay=False)), ("Port", "pay", ChangeKind.METHOD_REMOVED)),
    "port signature changed": (document(port=port(pay_takes="str")), ("Port", "pay", ChangeKind.SIGNATURE_CHANGED)),
}


@pytest.mark.parametrize("case", sorted(BREAKING))
def test_a_breaking_change_fails_without_a_major_bump(case):
    """The verdict fails and names the model and field of the change."""
    changed, expected = BREAKING[case]
    verdict = judge(BASELINE, changed)
    assert False is verdict.passed
    assert expected in [(c.model, c.field, c.kind) for c in verdict.breaking]


def test_an_enum_value_removed_is_named_on_the_enum():
    """The message names the enum and the value."""
    changed = document(invoice(status=(status_enum("sent"), ...)), enum=status_enum("sent"))
    assert ["demo.Status: enum value removed ('paid')"] == [str(c) for c in judge(BASELINE, changed).breaking]


def test_the_message_names_module_model_and_field():
    """A removed field reads 'demo.Invoice.total: field removed'."""
    verdict = judge(BASELINE, document(invoice(total=None)))
    assert ["demo.Invoice.total: field removed"] == [str(c) for c in verdict.breaking]


def test_a_renamed_field_names_its_new_name():
    """A field whose schema reappears under one new name is reported as renamed."""
    verdict = judge(BASELINE, document(invoice(total=None, amount=(Decimal, ...))))
    assert ["demo.Invoice.total: field renamed (now 'amount')"] == [str(c) for c in verdict.breaking]


@pytest.mark.parametrize("case", sorted(BREAKING))
def test_a_major_bump_lets_a_breaking_change_pass(case):
    """With CONTRACT_VERSION 2.0.0 against a committed 1.0.0, the same change passes."""
    changed, _ = BREAKING[case]
    changed = {**changed, "contract_version": "2.0.0"}
    verdict = judge(BASELINE, changed)
    assert (True, True) == (verdict.passed, bool(verdict.breaking))


def test_a_minor_bump_does_not_excuse_a_breaking_change():
    """1.1.0 is not a major bump."""
    changed = {**document(invoice(total=None)), "contract_version": "1.1.0"}
    assert False is judge(BASELINE, changed).passed


class Extra(ContractModel):
    """A new model."""

    value: int = 0
    """Some value."""


ADDITIVE = {
    "optional field added": (document(invoice(memo=(Optional[str], None))), ChangeKind.FIELD_ADDED),
    "enum value added": (
        document(invoice(status=(status_enum("sent", "paid", "scheduled"), ...)), enum=status_enum("sent", "paid", "scheduled")),
        ChangeKind.ENUM_VALUE_ADDED,
    ),
    "new model": (document(extra=[Extra]), ChangeKind.MODEL_ADDED),
    "bound loosened": (document(invoice(lines=(int, 0))), ChangeKind.TYPE_WIDENED),
    "null now accepted": (document(invoice(total=(Optional[Decimal], ...))), ChangeKind.TYPE_WIDENED),
}


@pytest.mark.parametrize("case", sorted(ADDITIVE))
def test_an_additive_change_passes(case):
    """Additive changes are listed, none breaking, and the verdict passes at the same version."""
    changed, expected_kind = ADDITIVE[case]
    verdict = judge(BASELINE, changed)
    assert (True, []) == (verdict.passed, verdict.breaking)
    assert expected_kind in [c.kind for c in verdict.changes]
    assert True is verdict.stale


def test_a_port_method_added_is_additive():
    """A new method on the port passes."""
    verdict = judge(document(port=port(pay=False)), BASELINE)
    assert (True, [("Port", "pay", ChangeKind.METHOD_ADDED)]) == (verdict.passed, kinds(verdict))


def test_a_documentation_change_is_no_change():
    """Descriptions and titles do not count."""
    changed = document()
    changed["definitions"]["Invoice"]["properties"]["total"]["description"] = "Reworded."
    assert [] == judge(BASELINE, changed).changes


def test_an_unchanged_contract_passes_and_is_not_stale():
    """Same code, same document: nothing to report."""
    verdict = judge(BASELINE, document())
    assert (True, [], False) == (verdict.passed, verdict.changes, verdict.stale)


def test_a_missing_committed_schema_fails():
    """A module without a committed schema cannot pass the check."""
    verdict = judge(None, document())
    assert False is verdict.passed
    assert "no committed schema" in verdict.problem


def test_a_lowered_version_fails():
    """CONTRACT_VERSION below the committed one is refused."""
    committed = {**BASELINE, "contract_version": "2.0.0"}
    verdict = judge(committed, document())
    assert False is verdict.passed
    assert "below the committed 2.0.0" in verdict.problem


def test_a_malformed_version_fails():
    """CONTRACT_VERSION must be MAJOR.MINOR.PATCH."""
    verdict = judge(BASELINE, document(version="1.0"))
    assert False is verdict.passed
    assert "MAJOR.MINOR.PATCH" in verdict.problem
