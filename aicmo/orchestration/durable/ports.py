"""The module ports with every method call a checkpointed workflow step.

A step's result is stored as JSON (the port's declared return type, through pydantic) and read
back through the same type, on the first run as on a replay, so a journey continued after a
crash sees exactly the values the first process saw. A step replayed from its checkpoint is not
called again: the port's side effects happen once per completed step.
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from typing import Any, Callable

from pydantic import TypeAdapter

from aicmo.orchestration.durable.pause_hook import pause_if_asked
from aicmo.orchestration.ports import ModulePorts

__all__ = ["durable_ports"]


@functools.cache
def _port_types() -> dict[str, type]:
    return typing.get_type_hints(ModulePorts)


@functools.cache
def _result_type(module: str, method: str) -> TypeAdapter[Any]:
    """How the result of ``module.method`` goes to JSON and back: the port Protocol's declared return type."""
    declared = typing.get_type_hints(getattr(_port_types()[module], method))
    return TypeAdapter(declared["return"])


class _DurablePort:
    """One module's port; each method call is the step ``<module>.<method>`` of the running workflow."""

    def __init__(self, module: str, port: Any) -> None:
        self._module, self._port = module, port

    def __getattr__(self, method: str) -> Callable[..., Any]:
        target = getattr(self._port, method)
        adapter = _result_type(self._module, method)
        name = f"{self._module}.{method}"

        def step(*args: Any, **kwargs: Any) -> Any:
            from dbos import DBOS

            def call() -> Any:
                pause_if_asked(name, "before")
                result = adapter.dump_python(target(*args, **kwargs), mode="json")
                pause_if_asked(name, "after")
                return result

            return adapter.validate_python(DBOS.run_step({"name": name}, call))

        return step


def durable_ports(ports: ModulePorts) -> ModulePorts:
    """The same ports, each call checkpointed; call it inside a workflow."""
    return ModulePorts(**{f.name: _DurablePort(f.name, getattr(ports, f.name)) for f in dataclasses.fields(ports)})
