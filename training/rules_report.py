"""Score the rules on parts of Mend's corpus, for tuning them without touching the test split.

    fit    train conversations except extra_c/extra_d and calib_a/calib_b, and train/crisis.jsonl
           + crisis_extra.jsonl
    check  train/extra_c + extra_d conversations, train/crisis_more.jsonl and crisis_nc + crisis_nd:
           held out, scores only
    calib  train/calib_a + calib_b: they choose the model's thresholds, scores only
    dev    the dev split (the rules were first tuned on it: a regression guard)

    python training/rules_report.py fit|check|calib|dev [--mode rules|full] [--labels L,...]
    python training/rules_report.py fit|dev --errors LABEL        # misses and false alarms
    python training/rules_report.py fit|dev --errors risk.crisis  # crisis-message misses, alarms

The test split is never read. (In full mode fit and check are the model's own training data.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.evaluation.corpus import Corpus, CrisisItem, GoldConversation, load_corpus
from mendkit.evaluation.metrics import PRF, _episode_accuracy, prf
from mendkit.labels import CRISIS, LABELS, is_repair, is_rupture
from mendkit.model import Conversation

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_parts import CRISIS_COMPARISON, RULES_HELD_OUT, is_calibration, source_file

HELD_OUT_CRISIS = ("train-crisis-m-", *CRISIS_COMPARISON)


def part(corpus: Corpus, name: str) -> Corpus:
    if name == "dev":
        return corpus.split("dev")
    train = corpus.split("train")
    if name == "calib":
        return Corpus(tuple(c for c in train.conversations if is_calibration(c)), (), ())
    train = Corpus(tuple(c for c in train.conversations if not is_calibration(c)), train.crisis,
                   train.pairs)

    def held(conv: GoldConversation) -> bool:
        return source_file(conv) in RULES_HELD_OUT

    def held_crisis(item: CrisisItem) -> bool:
        return item.id.startswith(HELD_OUT_CRISIS)

    want = name == "check"
    return Corpus(tuple(c for c in train.conversations if held(c) == want),
                  tuple(c for c in train.crisis if held_crisis(c) == want), ())


def line(p: PRF) -> str:
    return (f"P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f} "
            f"(tp {p.tp} fp {p.fp} fn {p.fn})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=("fit", "check", "calib", "dev"))
    parser.add_argument("--mode", choices=("rules", "full"), default="rules")
    parser.add_argument("--labels", default="", help="comma-separated labels to show")
    parser.add_argument("--errors", default="", metavar="LABEL", help="list this label's errors")
    args = parser.parse_args()
    if args.errors and args.part in {"check", "calib"}:
        sys.exit(f"{args.part} is held out: scores only, no error listing")
    data = part(load_corpus(), args.part)
    pairs: dict[str, list[tuple[bool, bool]]] = {label: [] for label in LABELS}
    rupture: list[tuple[bool, bool]] = []
    repair: list[tuple[bool, bool]] = []
    errors: list[str] = []
    episodes: list[bool] = []  # each gold episode: a found one covering its start has its status
    for gold in data.conversations:
        analysis = analyze_conversation(gold.conversation, mode=args.mode)
        episodes.extend(_episode_accuracy(((e.start_turn, e.status) for e in gold.episodes),
                                          analysis))
        turns = gold.conversation.turns
        for i, (want, turn) in enumerate(zip(gold.labels, analysis.turns, strict=True)):
            got = set(turn.labels)
            for label in LABELS:
                pairs[label].append((label in want, label in got))
            rupture.append((any(map(is_rupture, want)), any(map(is_rupture, got))))
            repair.append((any(map(is_repair, want)), any(map(is_repair, got))))
            if args.errors and args.errors != CRISIS and (args.errors in want) != (args.errors in got):
                kind = "FN" if args.errors in want else "FP"
                before = turns[i - 1].text if i else "(start)"
                errors.append(f"{kind} {gold.conversation.id}#{i} gold={sorted(want)} "
                              f"pred={sorted(got)}\n   prev: {before[:160]}\n   turn: {turns[i].text}")
    crisis = [(item, CRISIS in analyze_conversation(
        Conversation.from_turns([("me", item.text)]), mode=args.mode).turns[0].labels)
        for item in data.crisis]
    shown = [x for x in args.labels.split(",") if x] or [x for x in LABELS if x != CRISIS]
    print(f"{args.part} ({args.mode}): {len(data.conversations)} conversations, {len(rupture)} "
          f"turns, {len(crisis)} crisis-set messages")
    print(f"  any-rupture  {line(prf(rupture))}")
    print(f"  any-repair   {line(prf(repair))}")
    for label in shown:
        print(f"  {label:24s} {line(prf(pairs[label]))}")
    if episodes:
        print(f"  episode status accuracy {sum(episodes) / len(episodes):.3f} "
              f"({sum(episodes)}/{len(episodes)})")
    if crisis:
        real = [flag for item, flag in crisis if item.crisis]
        idioms = [flag for item, flag in crisis if not item.crisis and item.kind == "idiom"]
        others = [flag for item, flag in crisis if not item.crisis and item.kind != "idiom"]
        print(f"  crisis recall {sum(real) / max(1, len(real)):.3f} ({sum(real)}/{len(real)}); "
              f"idiom alarms {sum(idioms)}/{len(idioms)}; other alarms {sum(others)}/{len(others)}")
    if args.errors == CRISIS:
        for item, flag in crisis:
            if flag != item.crisis:
                print(("MISS " if item.crisis else "ALARM") + f" [{item.kind}] {item.id}: {item.text}")
    for error in errors:
        print(error)


if __name__ == "__main__":
    main()
