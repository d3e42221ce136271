"""A module's contract as a JSON-able document: DTO and event schemas, port signatures, errors.

Only what the module itself defines (and the shared kernel's models it uses) is exported; a DTO
it borrows from a module it depends on is a ``$ref`` here and is versioned by its owner.
"""
from __future__ import annotations

import inspect
from enum import Enum
from typing import Any, Iterable

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import models_json_schema

from aicmo.shared.errors import ContractError
from aicmo.strangler.contract_versions.modules import api_package

__all__ = ["contract_document", "module_document", "owned_exports", "port_signatures"]

REF_TEMPLATE = "#/$defs/{model}"


def owned_exports(module: str) -> list[Any]:
    """The objects in the api's ``__all__`` that the module itself defines, in ``__all__`` order."""
    package = api_package(module)
    prefix = f"aicmo.{module}.api"
    owned = []
    for name in package.__all__:
        obj = getattr(package, name)
        if inspect.isclass(obj) and obj.__module__.startswith(prefix):
            owned.append(obj)
    return owned


def shared_model_names() -> set[str]:
    """Models of the shared kernel: every contract that uses one snapshots it, so a change shows everywhere."""
    import aicmo.shared.events
    import aicmo.shared.money

    names = set()
    for kernel in (aicmo.shared.events, aicmo.shared.money):
        for name in kernel.__all__:
            obj = getattr(kernel, name)
            if inspect.isclass(obj) and issubclass(obj, BaseModel):
                names.add(name)
    return names


def definitions(models: Iterable[type[BaseModel]], enums: Iterable[type[Enum]]) -> dict[str, Any]:
    """The validation-mode schemas of the models and enums, keyed by class name: owned and shared ones."""
    models, enums = list(models), list(enums)
    owned = {cls.__name__ for cls in models + enums} | shared_model_names()
    defs: dict[str, Any] = {}
    if models:
        _, top = models_json_schema([(m, "validation") for m in models], ref_template=REF_TEMPLATE)
        defs.update(top.get("$defs", {}))
    for enum in enums:
        if enum.__name__ not in defs:  # an enum no model uses still belongs to the contract
            defs[enum.__name__] = TypeAdapter(enum).json_schema(ref_template=REF_TEMPLATE)
    return {name: schema for name, schema in sorted(defs.items()) if name in owned}


def port_signatures(ports: Iterable[type]) -> dict[str, dict[str, str]]:
    """Each port's public methods as ``(params) -> return`` text, annotations as written."""
    result: dict[str, dict[str, str]] = {}
    for port in ports:
        methods = {}
        for name, func in inspect.getmembers(port, inspect.isfunction):
            if name.startswith("_"):
                continue
            methods[name] = signature_text(func)
        result[port.__name__] = methods
    return result


def signature_text(func: Any) -> str:
    signature = inspect.signature(func)
    params = []
    for param in list(signature.parameters.values())[1:]:  # without self
        text = param.name
        if param.annotation is not inspect.Parameter.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not inspect.Parameter.empty:
            text += f" = {param.default!r}"
        params.append(text)
    returns = signature.return_annotation
    suffix = "" if returns is inspect.Signature.empty else f" -> {_annotation(returns)}"
    return f"({', '.join(params)}){suffix}"


def _annotation(annotation: Any) -> str:
    # every api file postpones annotations, so they arrive as the source text
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))


def contract_document(
    module: str,
    version: str,
    models: Iterable[type[BaseModel]],
    enums: Iterable[type[Enum]] = (),
    ports: Iterable[type] = (),
    errors: Iterable[type[ContractError]] = (),
) -> dict[str, Any]:
    """The committed form of one contract."""
    return {
        "module": module,
        "contract_version": version,
        "definitions": definitions(models, enums),
        "ports": port_signatures(ports),
        "errors": {error.__name__: error.code for error in sorted(errors, key=lambda e: e.__name__)},
    }


def module_document(module: str) -> dict[str, Any]:
    """The contract document of a module, as its code defines it now."""
    exports = owned_exports(module)
    models = [o for o in exports if issubclass(o, BaseModel)]
    enums = [o for o in exports if issubclass(o, Enum)]
    errors = [o for o in exports if issubclass(o, ContractError)]
    ports = [o for o in exports if getattr(o, "_is_protocol", False)]
    return contract_document(module, str(api_package(module).CONTRACT_VERSION), models, enums, ports, errors)
