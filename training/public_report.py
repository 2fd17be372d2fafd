"""Compare classifier folders on the public benchmarks of ``mend eval``, through the full pipeline.

The same scoring as ``mend eval`` (``mendkit.evaluation.public.run_public``), with the classifier
read from each folder instead of the shipped one, so a candidate model can be measured on the
public test splits before it ships. Measuring only: nothing here trains or picks a threshold.

    .venv-train/bin/python training/public_report.py src/mendkit/models/classifier build/v2 \
        [--only unhealthy-comments-corpus,goemotions] [--json out.json]

``--only`` takes the benchmarks' data folder names (``mendkit.evaluation.public.BENCHMARKS``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any
from unittest import mock

from mendkit.evaluation import public

REPO = Path(__file__).resolve().parent.parent


def report(folder: Path, data: Path, only: list[str]) -> list[dict[str, Any]]:
    from mendkit.analysis import pipeline
    from mendkit.models.classifier import TurnClassifier

    model = TurnClassifier.load(folder)
    chosen = tuple(b for b in public.BENCHMARKS if b[1] in only)
    with mock.patch.object(pipeline, "_classifier", return_value=model), \
            mock.patch.object(public, "BENCHMARKS", chosen):
        rows = public.run_public(data, "full")
    return [{"model": model.meta["model"], "folder": str(folder), "benchmark": r["benchmark"],
             "metric": r["metric"], "ours": r["ours"], "anchor": r["anchor"], "n": r["n"]} for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    folders = dict.fromkeys(b[1] for b in public.BENCHMARKS)
    parser.add_argument("--only", default=",".join(folders),
                        help=f"benchmarks by data folder ({','.join(folders)})")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    data = public.find_shared_data(REPO)
    if data is None:
        raise SystemExit("no public data: set MEND_SHARED_DATA or put it in ../shared/data")
    only = args.only.split(",")
    results = [report(folder, data, only) for folder in args.folders]
    print(f"{'benchmark / metric':64s} {'anchor':>7s} " + " ".join(
        f"{Path(str(f)).name[:12]:>12s}" for f in args.folders))
    for i, first in enumerate(results[0]):
        anchor = f"{first['anchor']:.3f}" if first["anchor"] is not None else "-"
        cells = " ".join(f"{r[i]['ours']:12.3f}" if r[i]["ours"] is not None else f"{'-':>12s}"
                         for r in results)
        print(f"{(first['benchmark'] + ': ' + first['metric'])[:64]:64s} {anchor:>7s} {cells}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
