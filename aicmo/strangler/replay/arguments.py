"""A stored call's arguments rebuilt as the port's types, from the JSON-like data a comparison kept.

The shadow runner stores each argument as the comparer sees it (a DTO as its JSON dump); the
port's signature says what type each one was, so pydantic reads each back from JSON (strict
models accept their JSON forms: a datetime as text, a tuple as a list). A port whose types have
changed since the call was recorded may not read an old argument back: that input cannot be
replayed, and the replay says why instead of calling the port with something else.
"""
from __future__ import annotations

import functools
import inspect
import json
import typing
from typing import Any, Callable

from pydantic import TypeAdapter

__all__ = ["Decode", "ReplayInputError", "as_stored", "port_arguments"]

# (method, stored positional arguments, stored keyword arguments) -> the call's (args, kwargs)
Decode = Callable[[str, list[Any], dict[str, Any]], tuple[tuple[Any, ...], dict[str, Any]]]


class ReplayInputError(ValueError):
    """A stored call the port cannot take any more; its message says why."""


def as_stored(method: str, args: list[Any], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The arguments as stored: for a port whose arguments are JSON-like data already."""
    return tuple(args), dict(kwargs)


@functools.lru_cache(maxsize=None)
def _adapter(hint: Any) -> TypeAdapter[Any]:
    return TypeAdapter(hint)


def port_arguments(port: type) -> Decode:
    """A `Decode` reading each argument back as the type `port`'s method declares for it."""

    def decode(method: str, args: list[Any], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
        function = getattr(port, method, None)
        if not callable(function) or method.startswith("_"):
            raise ReplayInputError(f"{port.__name__} has no method {method!r} any more")
        parameters = [p for p in inspect.signature(function).parameters.values() if p.name != "self"]
        hints = typing.get_type_hints(function)
        if len(args) > len(parameters) or any(name not in {p.name for p in parameters} for name in kwargs):
            raise ReplayInputError(f"{port.__name__}.{method} takes other arguments now")

        def typed(name: str, value: Any) -> Any:
            try:
                return _adapter(hints.get(name, Any)).validate_json(json.dumps(value))
            except ValueError as exc:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ReplayInputError(f"{port.__name__}.{method}: argument {name!r} no longer reads back: {first}") from exc

        return (tuple(typed(p.name, value) for p, value in zip(parameters, args)),
                {name: typed(name, value) for name, value in kwargs.items()})

    return decode
