"""The benchmark kit: paths interleaved fairly, every figure-writing benchmark in run_all.py, the summary honest."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture()
def kit(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    for name in ("measure", "run_all"):
        sys.modules.pop(name, None)
    import measure
    import run_all

    yield measure, run_all
    for name in ("measure", "run_all"):
        sys.modules.pop(name, None)


def test_the_paths_take_turns_and_the_warm_up_round_is_left_out(kit):
    measure, _ = kit
    order: list[str] = []
    samples = measure.interleaved({"a": lambda: order.append("a"), "b": lambda: order.append("b"),
                                   "c": lambda: order.append("c")}, rounds=3)
    # round 0 warms up; each round starts one path later, so none always runs first (or after the same one)
    assert order == ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]
    assert all(len(s.wall) == 3 and len(s.cpu) == 3 for s in samples.values())


def test_ratios_and_cells_come_from_the_medians():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from measure import Samples
    finally:
        sys.path.remove(str(BENCHMARKS))
    fast, slow = Samples([1.0, 2.0, 3.0], [1.0, 1.0, 1.0]), Samples([2.0, 4.0, 100.0], [3.0, 3.0, 3.0])
    assert slow.ratio_to(fast) == (2.0, 3.0)  # the outlier moves the spread, not the median
    wall, cpu = slow.cells(scale=1, digits=0)
    assert wall == "4 (3–52)" and cpu == "3 (3–3)"


def test_every_benchmark_that_writes_a_figure_is_run_by_run_all(kit):
    """A new benchmark writing into the documents or the summary without a line in run_all.py would drift."""
    _, run_all = kit
    listed = {b.script for b in run_all.BENCHMARKS}
    writers = {path.name for path in BENCHMARKS.glob("*.py")
               if re.search(r"\b(replace_block|write_headlines)\(", path.read_text(encoding="utf-8"))
               and path.name not in ("run_all.py", "measure.py")}
    assert writers <= listed, f"not in run_all.BENCHMARKS: {sorted(writers - listed)}"
    assert all((BENCHMARKS / script).exists() for script in listed), "run_all.py names a benchmark that is gone"


def test_the_summary_says_what_failed_and_what_is_stale(kit, tmp_path, monkeypatch):
    measure, run_all = kit
    monkeypatch.setattr(run_all, "HEADLINES", tmp_path)
    monkeypatch.setattr(measure, "HEADLINES", tmp_path)
    measure.write_headlines("routing", [measure.Headline("dispatch", "0.5 µs", "≤ 1 µs", True),
                                        measure.Headline("set-up", "300 µs", "≤ 100 µs", False)])
    stored = json.loads((tmp_path / "routing.json").read_text(encoding="utf-8"))
    assert stored["headlines"][1] == {"what": "set-up", "measured": "300 µs", "goal": "≤ 100 µs", "met": False}
    text = run_all.summary(run_all.BENCHMARKS, failed={"routing", "boundaries"})
    assert "| `routing.py` | set-up | 300 µs | ≤ 100 µs | **no** |" in text
    assert "(failed since)" in text.split("set-up")[1].splitlines()[0]  # an old figure is not passed off as current
    assert "| `boundaries.py` | – | failed |" in text
    assert "| `cli_startup.py` | – | not run yet |" in text


def test_every_generated_block_of_the_documents_has_the_script_that_writes_it():
    """A block whose writer is gone would hold figures nothing regenerates: typed in, in effect."""
    root = BENCHMARKS.parent
    blocks = {name for document in ("README.md", "MIGRATION.md")
              for name in re.findall(r"<!-- ([a-z0-9-]+):begin -->", (root / document).read_text(encoding="utf-8"))}
    writers = [path.read_text(encoding="utf-8") for path in [*BENCHMARKS.glob("*.py"), root / "aicmo/strangler/deletion_checklist.py"]]

    # a writer names the marker whole, or as a template with a suffix filled in ("acquisition-workflow{}")
    templates = [stem for source in writers for stem in re.findall(r"<!-- ([a-z0-9-]+)\{\}:begin -->", source)]

    def written(name: str) -> bool:
        return any(f"<!-- {name}:begin -->" in source for source in writers) or any(name.startswith(s) for s in templates)

    assert blocks, "the documents lost their generated blocks"
    assert [name for name in sorted(blocks) if not written(name)] == []
