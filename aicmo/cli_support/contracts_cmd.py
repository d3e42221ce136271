"""`aicmo contracts`: check, update and document the versioned module contracts.

Exit codes: 0 passed (or written), 1 a breaking change without a major version bump (or a
missing or stale committed file), 2 a usage error such as an unknown module name, a --dir that is
not a folder or an --output that cannot be written (checked before anything is written).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import typer
from rich.console import Console

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.module_choice import module_argument
from aicmo.cli_support.output_format import FormatOption, OutputFormat, write_document
from aicmo.cli_support.output_path import check_writable_file, check_writable_folder

from aicmo.strangler.contract_versions import store
from aicmo.strangler.contract_versions.docs import DEFAULT_PATH, render_docs
from aicmo.strangler.contract_versions.export import module_document
from aicmo.strangler.contract_versions.modules import MODULES
from aicmo.strangler.contract_versions.verdict import Verdict, judge, verdicts_document

EXIT_BREAKING = 1
EXIT_USAGE = 2

app = typer.Typer(
    help="Versioned module contracts: compare the code's schemas with the committed ones.",
    epilog="Examples:\n  aicmo contracts check\n  aicmo contracts update billing\n  aicmo contracts docs --check",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Modules = module_argument(None, help="Modules to handle; all ten when omitted.")
Directory = typer.Option(None, "--dir", help="Folder of the committed schemas (default: the repository's contract_snapshots/).")


def _selected(modules: Optional[list[str]]) -> list[str]:
    """The modules named (the argument has refused any other name already), or all of them."""
    return list(modules) if modules else list(MODULES)


def _usable(check: Callable[[], None]) -> None:
    """An output path checked before anything is read or written: one it cannot use is a usage error."""
    try:
        check()
    except InputError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(EXIT_USAGE) from None


def _committed_folder(directory: Optional[Path]) -> Path:
    """--dir, or the repository's folder; a --dir that is not a folder holds no schemas to compare with."""
    if directory is not None and not directory.is_dir():
        err.print(f"[bold red]error:[/] --dir: {directory} is not a folder of committed schemas")
        raise typer.Exit(EXIT_USAGE)
    return directory or store.DEFAULT_DIR


def _report(verdict: Verdict) -> None:
    name = verdict.module
    if verdict.problem:
        out.print(f"[red]FAIL[/] {name}: {verdict.problem}")
        return
    if verdict.breaking and not verdict.major_raised:
        out.print(f"[red]FAIL[/] {name}: breaking change without a major version bump "
                  f"(committed {verdict.committed_version}, code {verdict.code_version})")
    elif verdict.breaking:
        out.print(f"[green]ok[/]   {name}: breaking changes accepted by the major bump "
                  f"{verdict.committed_version} -> {verdict.code_version}")
    elif verdict.stale:
        out.print(f"[green]ok[/]   {name}: additive changes only; run `aicmo contracts update` to commit them")
    else:
        out.print(f"[green]ok[/]   {name} {verdict.code_version}")
    for change in verdict.changes:
        mark = "breaking" if change.breaking else "additive"
        out.print(f"       {mark}: {change}")


@app.command()
def check(
    modules: Optional[list[str]] = Modules, directory: Optional[Path] = Directory, output_format: OutputFormat = FormatOption,
) -> None:
    """Fail on a breaking change unless CONTRACT_VERSION's major was raised.

    Breaking: a field removed or renamed, a type changed or narrowed, a new required field.

    Also breaking: an enum value removed, a port method removed or changed. Additive changes pass.

    --format json: {"passed", "failed": [modules], "modules": [{"module", "passed",
    "committed_version", "code_version", "major_raised", "stale", "problem", "changes": [{"model",
    "field", "kind", "detail", "breaking", "text"}]}]}; the exit code is the same.

    Examples:
      aicmo contracts check
      aicmo contracts check billing qc --format json
    """
    folder = _committed_folder(directory)
    verdicts = [judge(store.read(folder, module), module_document(module)) for module in _selected(modules)]
    if output_format is OutputFormat.json:
        write_document(verdicts_document(verdicts))
    else:
        for verdict in verdicts:
            _report(verdict)
    failed = [v.module for v in verdicts if not v.passed]
    if failed:
        err.print(f"[bold red]contract check failed:[/] {', '.join(failed)}")
        raise typer.Exit(EXIT_BREAKING)


@app.command()
def update(modules: Optional[list[str]] = Modules, directory: Optional[Path] = Directory) -> None:
    """Rewrite the committed schemas from the code; refuses a breaking change unless the major was raised.

    Examples:
      aicmo contracts update
      aicmo contracts update billing
    """
    folder = directory or store.DEFAULT_DIR
    _usable(lambda: check_writable_folder("--dir", folder))
    refused = []
    for module in _selected(modules):
        document = module_document(module)
        verdict = judge(store.read(folder, module), document)
        if verdict.breaking and not verdict.passed:
            _report(verdict)
            refused.append(module)
            continue
        if verdict.problem and verdict.committed_version is not None:
            _report(verdict)  # e.g. a lowered version: never written over
            refused.append(module)
            continue
        path = store.write(folder, module, document)
        out.print(f"wrote {path}")
    if refused:
        err.print(f"[bold red]not updated:[/] {', '.join(refused)}; raise CONTRACT_VERSION's major first")
        raise typer.Exit(EXIT_BREAKING)


@app.command()
def docs(
    output: Path = typer.Option(DEFAULT_PATH, "--output", help="Where to write the markdown."),
    check_only: bool = typer.Option(False, "--check", help="Only verify the file is current; exit 1 when stale."),
) -> None:
    """Write docs/contracts.md: each module's port methods, events and errors, from the code.

    Examples:
      aicmo contracts docs
      aicmo contracts docs --check
    """
    if not check_only:
        _usable(lambda: check_writable_file("--output", output))
    text = render_docs()
    if check_only:
        current = output.read_text(encoding="utf-8") if output.is_file() else None
        if current != text:
            err.print(f"[bold red]stale:[/] {output}; run `aicmo contracts docs`")
            raise typer.Exit(EXIT_BREAKING)
        out.print(f"{output} is current")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    out.print(f"wrote {output}")
