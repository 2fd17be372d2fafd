"""Choose a candidate's crisis threshold against the shipped model's false-alarm budget.

Full mode flags crisis when a rule fires or the model's crisis probability reaches its threshold.
On a crisis set no model trained on (``--part crisis-ybkr``: ``crisis_ny`` ... ``ob`` and
``crisis_ok`` ... ``or``), this counts the idioms and other messages that full mode flags with the
shipped model at its own threshold, then tries the candidate at each threshold of ``--grid`` and
picks the lowest one at which the candidate flags no more of them: the shipped model's false-alarm
budget is spent on recall. ``--budget separate`` (the default since v12) holds idioms and everyday
messages to the shipped model's counts each on its own, so that fewer idiom alarms cannot pay for
more alarms on sad everyday messages; ``--budget pooled`` is the rule v10 and v11 were chosen by
(``--part crisis-yb``; model card, "v10", "v11", "v12"). ``--drafts`` (v13 on) also holds the
240 repair drafts no model trained on to the shipped model's count: v12, chosen without them,
flagged 8 where v6 flags 5. ``--requests`` (v14 on) also holds the short requests and boundaries
of ``crisis_qe`` / ``qf``, read alone as the coach reads answers, to the shipped model's count (v13,
chosen without them, flagged "ask me calmly when I'm late"), and ``--answers`` (v14-t on) the
harmless answers to the coach's questions of ``crisis_ra`` / ``rb`` (v14, chosen without them,
flagged "hurt and tired"). The grid reaches down to 0.10 from v16 on: v15 was chosen at 0.50, the
lowest value tried then, with budget left unspent. ``--turns`` (v16-t on) also holds the 989
ordinary conversation turns of the threshold files, read alone as ``mend check`` reads a draft, to
the shipped model's count, and ``--pick keep-recall`` (v16-t on) takes the highest threshold within
budget that finds as many crises as the shipped model instead of the lowest within budget (v16,
chosen at 0.40 that way, raised a crisis alarm on a boss's harsh feedback). Nothing is written
unless ``--write`` names the candidate's ``classifier.json``.

    .venv/bin/python training/crisis_threshold.py src/mendkit/models/classifier build/v12-s
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout_report import CRISIS_PARTS, crisis_alone, ordinary_turns, part, scored
from pairs_report import pairs

GRID = (0.95, 0.925, 0.90, 0.85, 0.80, 0.70, 0.60, 0.50, 0.40, 0.30, 0.20, 0.10)


def flags(model: Any, data: Any, alone: Mapping[str, Sequence[str]] | None = None,
          held: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Full-mode crisis recall and alarms of ``model`` (its own thresholds) on ``data``; for each
    named list of texts in ``alone`` (``drafts``: repair messages; ``turns``: ordinary conversation
    turns; none of them crisis talk), how many it flags when each is read alone; and for each
    named crisis set in ``held`` (``requests``, ``answers``) the harmless messages it flags and
    the crises it finds there."""
    result = scored(model, data, name="crisis-threshold")
    row = {"found": round(result.crisis_recall * result.crisis_total), "crises": result.crisis_total,
           "idioms_flagged": result.idiom_false_alarms, "idioms": result.idioms_total,
           "others_flagged": result.other_false_alarms, "others": result.others_total}
    for name, texts in (alone or {}).items():
        row[f"{name}_flagged"] = crisis_alone(model, texts)
        row[name] = len(texts)
    for name, extra in (held or {}).items():
        result = scored(model, extra, name=f"crisis-threshold-{name}")
        row[f"{name}_flagged"] = result.idiom_false_alarms + result.other_false_alarms
        row[name] = result.idioms_total + result.others_total
        row[f"{name}_found"] = round(result.crisis_recall * result.crisis_total)
        row[f"{name}_crises"] = result.crisis_total
    return row


def within_budget(shipped: dict[str, int], row: dict[str, int], budget: str) -> bool:
    """Whether ``row``'s alarms stay within the shipped model's: idioms plus others together
    (``pooled``), or idioms and others each on its own (``separate``); and each list of texts
    read alone and each held set, when they were counted, on its own (``flags``)."""
    for extra, count in row.items():
        if extra.endswith("_flagged") and extra not in ("idioms_flagged", "others_flagged") \
                and count > shipped.get(extra, 0):
            return False
    if budget == "pooled":
        return (row["idioms_flagged"] + row["others_flagged"]
                <= shipped["idioms_flagged"] + shipped["others_flagged"])
    return (row["idioms_flagged"] <= shipped["idioms_flagged"]
            and row["others_flagged"] <= shipped["others_flagged"])


def choose(shipped: dict[str, int], tried: dict[float, dict[str, int]],
           budget: str = "separate", pick: str = "lowest") -> float | None:
    """Among the thresholds whose alarms stay within the shipped model's (``within_budget``):
    ``lowest``, the lowest one (v10-v16: every alarm the budget allows is spent on recall); or
    ``keep-recall``, the highest one at which the candidate finds at least as many crises as the
    shipped model (v16-t on: recall kept, the rest spent on fewer alarms)."""
    within = [t for t, row in tried.items() if within_budget(shipped, row, budget)]
    if pick == "keep-recall":
        within = [t for t in within if tried[t]["found"] >= shipped["found"]]
        return max(within) if within else None
    return min(within) if within else None


def main() -> None:
    from mendkit.labels import CRISIS
    from mendkit.models.classifier import TurnClassifier

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shipped", type=Path, help="the shipped model's folder")
    parser.add_argument("candidate", type=Path, help="the candidate's folder")
    parser.add_argument("--part", choices=tuple(CRISIS_PARTS), default="crisis-ybkr")
    parser.add_argument("--budget", choices=("separate", "pooled"), default="separate",
                        help="hold idioms and other messages to the shipped model's counts each "
                             "on its own (default) or together (v10, v11)")
    parser.add_argument("--grid", default=",".join(str(t) for t in GRID))
    parser.add_argument("--drafts", action="store_true",
                        help="also hold the 240 repair drafts no model trained on (the dev pairs "
                             "and pairs_e/f) to the shipped model's crisis alarms (v13 on)")
    parser.add_argument("--requests", action="store_true",
                        help="also hold the harmless short requests of crisis_qe / qf, read alone, "
                             "to the shipped model's crisis alarms (v14 on)")
    parser.add_argument("--answers", action="store_true",
                        help="also hold the harmless answers to the coach's questions of "
                             "crisis_ra / rb, read alone, to the shipped model's crisis alarms "
                             "(v14-t on)")
    parser.add_argument("--turns", action="store_true",
                        help="also hold the ordinary conversation turns of the threshold files "
                             "(calib_a, b, s ... v), read alone as mend check reads a draft, to the "
                             "shipped model's crisis alarms (v16-t on)")
    parser.add_argument("--pick", choices=("lowest", "keep-recall"), default="lowest",
                        help="lowest: the lowest threshold within budget (v10-v16); keep-recall: "
                             "the highest within budget that finds as many crises as the shipped "
                             "model (v16-t on)")
    parser.add_argument("--write", action="store_true",
                        help="put the chosen threshold into the candidate's classifier.json")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()

    data = part(args.part)
    alone = {name: texts() for name, texts, wanted in (
        ("drafts", lambda: [text for pair in pairs("unseen") for text in (pair.better, pair.worse)],
         args.drafts),
        ("turns", lambda: ordinary_turns(part("choose")), args.turns)) if wanted}
    held = {name: part(where) for name, where, wanted in
            (("requests", "requests-ef", args.requests), ("answers", "answers-ab", args.answers))
            if wanted}
    old = TurnClassifier.load(args.shipped)
    new = TurnClassifier.load(args.candidate)
    shipped = flags(old, data, alone, held)
    tried = {}
    for t in (float(x) for x in args.grid.split(",")):
        tried[t] = flags(dataclasses.replace(new, thresholds={**new.thresholds, CRISIS: t}), data,
                         alone, held)
    chosen = choose(shipped, tried, args.budget, args.pick)

    print(f"{args.part}: {shipped['crises']} crises, {shipped['idioms']} idioms, "
          f"{shipped['others']} other messages (full mode, rules of today)")
    extra = "".join(f" {name:>7s}" for name in alone) + "".join(
        f" {name:>9s} {name[:4] + '. crises':>12s}" for name in held)
    print(f"{'model':28s} {'threshold':>9s} {'found':>6s} {'idioms':>7s} {'others':>7s}{extra}")

    def line(name: str, t: float, row: dict[str, int]) -> str:
        more = "".join(f" {row[name + '_flagged']:7d}" for name in alone) + "".join(
            f" {row[name + '_flagged']:9d} {row[name + '_found']:12d}" for name in held)
        return (f"{name:28s} {t:9.3f} {row['found']:6d} {row['idioms_flagged']:7d} "
                f"{row['others_flagged']:7d}{more}")

    print(line(old.meta["model"], old.thresholds[CRISIS], shipped))
    for t, row in tried.items():
        print(line(new.meta["model"], t, row) + ("  <- chosen" if t == chosen else ""))
    if chosen is None:
        print("the candidate flags more than the shipped model at every threshold: it fails")
    elif args.write:
        meta_path = args.candidate / "classifier.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["thresholds"][CRISIS] = chosen
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {CRISIS} threshold {chosen} to {meta_path}")
    if args.json:
        args.json.write_text(json.dumps({"part": args.part, "budget": args.budget,
                                         "held": sorted(held), "alone": sorted(alone),
                                         "shipped": shipped, "chosen": chosen,
                                         "tried": {str(t): r for t, r in tried.items()}},
                                        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
