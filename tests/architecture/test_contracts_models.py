"""Contract models follow the boundary rules: frozen, strict, documented, typed ids, Decimal money, aware times."""
from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from enum import Enum

import pytest
from pydantic import BaseModel

from aicmo.shared.ids import EntityId
from aicmo.shared.money import Money
from aicmo.strangler.contract_versions.export import owned_exports
from aicmo.strangler.contract_versions.modules import MODULES

MODELS = [(m, o) for m in MODULES for o in owned_exports(m) if issubclass(o, BaseModel)]
ENUMS = [(m, o) for m in MODULES for o in owned_exports(m) if issubclass(o, Enum)]
# KpiChange.cpa is the relative change of the CPA, a ratio, not an amount
NOT_MONEY = {("KpiChange", "cpa")}
MONEY_FIELDS = {
    "amount", "total", "subtotal", "tax", "outstanding", "amount_paid", "spend", "revenue", "value", "cpa", "low", "high"
}


def _ids(params):
    return [f"{m}.{o.__name__}" for m, o in params]


def leaves(annotation):
    """Every plain type inside an annotation (Optional, tuple, dict, Annotated unwrapped)."""
    args = typing.get_args(annotation)
    if not args:
        return [annotation]
    if typing.get_origin(annotation) is typing.Annotated:
        return leaves(args[0])
    found = []
    for arg in args:
        if arg is not Ellipsis:
            found += leaves(arg)
    return found


@pytest.mark.parametrize(("module", "model"), MODELS, ids=_ids(MODELS))
def test_models_are_frozen_and_forbid_extra_fields(module, model):
    """Every DTO and event is immutable and refuses unknown fields."""
    assert (True, "forbid") == (model.model_config.get("frozen"), model.model_config.get("extra"))


@pytest.mark.parametrize(("module", "model"), MODELS, ids=_ids(MODELS))
def test_models_and_fields_have_docstrings(module, model):
    """A docstring on the model and on each field (it becomes the schema's description)."""
    assert model.__doc__ and model.__doc__.strip()
    assert [] == [name for name, info in model.model_fields.items() if not info.description]


@pytest.mark.parametrize(("module", "model"), MODELS, ids=_ids(MODELS))
def test_id_fields_are_typed_ids(module, model):
    """A field named *_id or *_ids holds a typed id, never a bare str."""
    untyped = []
    for name, info in model.model_fields.items():
        if name.endswith(("_id", "_ids")):
            kinds = [t for t in leaves(info.annotation) if t is not type(None)]
            if not kinds or not all(isinstance(t, type) and issubclass(t, EntityId) for t in kinds):
                untyped.append(name)
    assert [] == untyped


@pytest.mark.parametrize(("module", "model"), MODELS, ids=_ids(MODELS))
def test_money_fields_are_decimal(module, model):
    """Amounts of money are Decimal (or Money), not float."""
    floats = [
        name
        for name, info in model.model_fields.items()
        if name in MONEY_FIELDS
        and (model.__name__, name) not in NOT_MONEY
        and not {Decimal, Money} & set(leaves(info.annotation))
    ]
    assert [] == floats


@pytest.mark.parametrize(("module", "model"), MODELS, ids=_ids(MODELS))
def test_datetimes_are_timezone_aware(module, model):
    """No field takes a bare datetime; AwareDatetime refuses naive values."""
    naive = [name for name, info in model.model_fields.items() if dt.datetime in leaves(info.annotation)]
    assert [] == naive


@pytest.mark.parametrize(("module", "enum"), ENUMS, ids=_ids(ENUMS))
def test_enums_are_string_enums_with_docstrings(module, enum):
    """Closed sets are str enums, documented, so their JSON is the legacy value."""
    assert issubclass(enum, str)
    assert enum.__doc__ and enum.__doc__.strip() and enum.__doc__ != Enum.__doc__


def test_no_two_modules_define_a_model_of_the_same_name():
    """Class names are unique across contracts, so schema definitions never need disambiguation."""
    names = [o.__name__ for m in MODULES for o in owned_exports(m)]
    assert [] == sorted({n for n in names if names.count(n) > 1})
