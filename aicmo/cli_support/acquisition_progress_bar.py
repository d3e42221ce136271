"""The progress bar of `aicmo acquire` on a terminal: leads committed of the file's, the rate, the time left.

Shown when stderr is a terminal (rich's detection: a TTY, or ``TTY_COMPATIBLE=1``) and the
file takes more than one batch; otherwise the run says how far it got in line messages, as
it always has. The bar is drawn on stderr only: ``--json -`` keeps stdout to the JSON.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text

__all__ = ["progress_shown"]


class _LeadsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("– leads/s" if speed is None else f"{speed:,.0f} leads/s")


@contextmanager
def progress_shown(console: Console, total: int, batch_size: int) -> Iterator[None]:
    """A bar on ``console`` for the acquisition run started inside the block, when there is a terminal to draw it on."""
    from aicmo.orchestration.durable.acquisition_progress import reporting_to

    if not console.is_terminal or total <= batch_size:
        yield
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("leads"),
               _LeadsPerSecond(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("acquisition", total=total)

        def report(done: int, of: int, campaign_id: str) -> None:
            progress.update(task, completed=done, total=of, description=f"campaign {campaign_id}")

        with reporting_to(report):
            yield
