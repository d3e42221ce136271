"""Throughput of `aicmo acquire` on a large leads file, in batches: rows per second and the time for the file.

    python benchmarks/acquisition_batches.py [--rows 100000] [--batch-size 250]

Writes a leads file of ROWS rows (the example leads repeated, each e-mail made unique) in a
temporary folder and runs the command there on a fresh SQLite database, timed end to end.
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "leads.csv"


def write_leads(path: Path, rows: int) -> None:
    with EXAMPLE.open(encoding="utf-8", newline="") as source:
        header, *examples = list(csv.reader(source))
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(header)
        for n in range(rows):
            row = list(examples[n % len(examples)])
            row[1] = f"n{n}.{row[1]}"
            writer.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=250)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        leads = Path(folder) / "leads.csv"
        write_leads(leads, args.rows)
        command = [sys.executable, "-m", "aicmo.cli", "acquire", str(leads), "--batch-size", str(args.batch_size),
                   "--json", str(Path(folder) / "result.json")]
        started = time.perf_counter()
        subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    print(f"{args.rows:,} rows, batches of {args.batch_size:,}: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
