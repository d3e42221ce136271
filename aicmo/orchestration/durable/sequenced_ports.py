"""The module ports of a workflow whose every id must come out as an uninterrupted run's: each write a step.

Like the journey's durable ports, each call that changes state is a checkpointed step (its
result stored as JSON through the port's declared return type) and a step replayed from its
checkpoint is not called again. Two differences:

- the checkpoint also records how many reproducible ids the run had drawn when the step ended;
  a step replayed in a new process skips the generator to that count, so the steps after it
  mint the ids an uninterrupted ``--reproducible`` run mints (legacy draws every id from one
  seeded sequence, and a replayed step draws none);
- the reads (``READS``) are not steps: they change nothing, a replay reads the same rows, and
  checkpointing ``list_leads`` would store a large campaign's every lead once more.
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from typing import Any, Callable

from pydantic import TypeAdapter

from aicmo.orchestration.durable.pause_hook import pause_if_asked
from aicmo.orchestration.ports import ModulePorts

__all__ = ["READS", "sequenced_call", "sequenced_ports"]

READS = frozenset({"cam.get_campaign", "cam.list_leads", "cam.get_lead", "cam.get_leads", "reporting.measure_outreach_efficiency"})


@functools.cache
def _result_type(module: str, method: str) -> TypeAdapter[Any]:
    """How the result of ``module.method`` goes to JSON and back: the port Protocol's declared return type."""
    port = typing.get_type_hints(ModulePorts)[module]
    return TypeAdapter(typing.get_type_hints(getattr(port, method))["return"])


class _SequencedPort:
    def __init__(self, module: str, port: Any) -> None:
        self._module, self._port = module, port

    def __getattr__(self, method: str) -> Callable[..., Any]:
        target = getattr(self._port, method)
        name = f"{self._module}.{method}"
        if name in READS:
            return target
        adapter = _result_type(self._module, method)

        def step(*args: Any, **kwargs: Any) -> Any:
            return sequenced_call(name, lambda: target(*args, **kwargs), adapter)

        return step


def sequenced_call(name: str, call: Callable[[], Any], adapter: TypeAdapter[Any]) -> Any:
    """``call`` as the checkpointed step ``name``: its result stored through ``adapter`` with the id sequence's position.

    For a write whose checkpoint keeps less than the port answers (the acquisition keeps of an
    imported batch only its ids and qualifications), ``call`` reduces the answer and
    ``adapter`` is the reduced type's.
    """
    from dbos import DBOS

    from aicmo.shared.seeded_uuid import ids_drawn, skip_ids_to

    def run() -> dict[str, Any]:
        pause_if_asked(name, "before")
        result = adapter.dump_python(call(), mode="json")
        pause_if_asked(name, "after")
        return {"result": result, "ids_drawn": ids_drawn()}

    recorded = DBOS.run_step({"name": name}, run)
    skip_ids_to(recorded["ids_drawn"])
    return adapter.validate_python(recorded["result"])


def sequenced_ports(ports: ModulePorts) -> ModulePorts:
    """The same ports, each write checkpointed with the id sequence's position; call it inside a workflow."""
    return ModulePorts(**{f.name: _SequencedPort(f.name, getattr(ports, f.name)) for f in dataclasses.fields(ports)})
