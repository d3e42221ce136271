"""Fake providers for tests: an LLM, an e-mail sender and a payment recorder, all recording.

Each fake appends to one shared call log, so a test can pin the order in which a flow talks
to the outside world. Installing them into legacy is the job of the ``fake_providers``
fixture (aicmo.legacy_harness.pytest_plugin); this module has no side effects of its own.

Payments are different from the other two: legacy has no payment gateway, a payment is a
ledger write (``backend.services.billing.record_payment``). The fake therefore does not
replace anything; it wraps that function, records each call with its outcome and lets the
real ledger rule (L-28) decide. It cannot decline a payment because legacy cannot either.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Call", "FakeEmailSender", "FakeLLM", "FakePayments", "FakeProviderError", "FakeProviders"]


class FakeProviderError(RuntimeError):
    """The failure a fake was told to raise."""


@dataclass(frozen=True)
class Call:
    provider: str
    operation: str
    args: dict[str, Any]
    outcome: str


@dataclass
class CallLog:
    calls: list[Call] = field(default_factory=list)

    def record(self, provider: str, operation: str, args: dict[str, Any], outcome: str) -> None:
        self.calls.append(Call(provider, operation, args, outcome))


class FakeLLM:
    """A legacy LLM provider (``name`` + ``complete``) with scripted or derived answers.

    Unscripted prompts get a deterministic text derived from the task and the prompt, so two
    runs of the same flow see the same answers. ``fail`` makes it raise, ``silence`` makes it
    answer "" (legacy treats both as "no answer" and falls back).
    """

    name = "fake-llm"

    def __init__(self, log: CallLog):
        self._log = log
        self._scripts: dict[str, str | Callable[[str, dict[str, Any]], str]] = {}
        self._failing: set[str | None] = set()
        self._silent: set[str | None] = set()

    def script(self, task: str, answer: str | Callable[[str, dict[str, Any]], str]) -> None:
        """Answer every ``task`` prompt with ``answer`` (a text, or a function of prompt and context)."""
        self._scripts[task] = answer

    def fail(self, task: str | None = None) -> None:
        """Raise on ``task`` (every task when None)."""
        self._failing.add(task)

    def silence(self, task: str | None = None) -> None:
        """Answer "" on ``task`` (every task when None)."""
        self._silent.add(task)

    @staticmethod
    def derived_answer(task: str, prompt: str) -> str:
        digest = hashlib.sha256(f"{task}\n{prompt}".encode()).hexdigest()[:12]
        return f"[{task} {digest}] {prompt}"

    def complete(self, task: str, prompt: str, context: dict[str, Any]) -> str:
        args = {"task": task, "prompt": prompt}
        if task in self._failing or None in self._failing:
            self._log.record(self.name, "complete", args, "error")
            raise FakeProviderError(f"fake LLM told to fail on {task}")
        if task in self._silent or None in self._silent:
            answer = ""
        elif task in self._scripts:
            script = self._scripts[task]
            answer = script(prompt, context) if callable(script) else script
        else:
            answer = self.derived_answer(task, prompt)
        self._log.record(self.name, "complete", args, "empty" if not answer else "answered")
        return answer

    @property
    def calls(self) -> list[Call]:
        return [c for c in self._log.calls if c.provider == self.name]


class FakeEmailSender:
    """Legacy's ``EMAIL_SENDER(to, subject, body)`` hook; records, and bounces when told to."""

    name = "fake-email"

    def __init__(self, log: CallLog):
        self._log = log
        self._bouncing: set[str | None] = set()

    def bounce(self, address: str | None = None) -> None:
        """Raise on sends to ``address`` (every address when None)."""
        self._bouncing.add(address.lower() if address else None)

    def __call__(self, to: str, subject: str, body: str) -> None:
        args = {"to": to, "subject": subject, "body": body}
        if None in self._bouncing or to.lower() in self._bouncing:
            self._log.record(self.name, "send", args, "error")
            raise FakeProviderError(f"fake e-mail bounced for {to}")
        self._log.record(self.name, "send", args, "sent")

    @property
    def sent(self) -> list[Call]:
        return [c for c in self._log.calls if c.provider == self.name and c.outcome == "sent"]

    @property
    def calls(self) -> list[Call]:
        return [c for c in self._log.calls if c.provider == self.name]


class FakePayments:
    """A recording wrapper around the legacy ledger function ``record_payment``."""

    name = "fake-payments"

    def __init__(self, log: CallLog):
        self._log = log

    def wrap(self, record_payment: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(session: Any, invoice_id: str, amount: float) -> Any:
            args = {"invoice_id": invoice_id, "amount": amount}
            try:
                invoice = record_payment(session, invoice_id, amount)
            except Exception as exc:
                self._log.record(self.name, "record_payment", args, f"error: {exc}")
                raise
            self._log.record(self.name, "record_payment", args, invoice.status)
            return invoice

        return recorded

    @property
    def calls(self) -> list[Call]:
        return [c for c in self._log.calls if c.provider == self.name]


class FakeProviders:
    """The registry the ``fake_providers`` fixture hands out."""

    def __init__(self) -> None:
        self._log = CallLog()
        self.llm = FakeLLM(self._log)
        self.email = FakeEmailSender(self._log)
        self.payments = FakePayments(self._log)

    @property
    def calls(self) -> list[Call]:
        """Every call to every fake, in order."""
        return list(self._log.calls)
