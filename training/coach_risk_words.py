"""Measure when the coach asks its risk question about a sign only the learned model saw.

Each crisis message of the corpus outside the test split is read alone, in full mode, as the coach
reads an answer. For those where only the model reads a crisis (no rule does), this counts how
many the coach would still ask about (``safety_gate.worth_asking``) at each of its free-text
steps and at the breathing offer: real crises it asks about (kept) and everyday messages it asks
about (alarms kept). ``--held`` limits it to the crisis sets the risk words were first measured
on, unseen (``train/crisis_s*`` and the dev split's messages; four of their misses then added
words), ``--misses`` lists the real crises not asked.

    python training/coach_risk_words.py [--held] [--misses]

The test split is never read.
"""

from __future__ import annotations

import argparse

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.coach.content import PROMPTS
from mendkit.coach.machine import State
from mendkit.coach.safety_gate import worth_asking
from mendkit.evaluation.corpus import load_corpus
from mendkit.labels import CRISIS
from mendkit.model import Conversation

STEPS = (State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.REGULATE_CHECK,
         State.RESPONSIBILITY_PART, State.RESPONSIBILITY_REGRET, State.VULNERABILITY_BENEATH,
         State.REBUILD_COMMITMENT)
OFFER = State.REGULATE_BREATHING
HELD = ("train-crisis-s", "crisis-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", action="store_true", help="only the sets written after the words")
    parser.add_argument("--misses", action="store_true", help="list the real crises not asked")
    args = parser.parse_args()
    items = [i for i in load_corpus().crisis if i.split != "test"
             and (not args.held or i.id.startswith(HELD) or i.split == "dev")]
    model_only = []
    for item in items:
        turn = analyze_conversation(Conversation.from_turns([("me", item.text)]),
                                    mode="full").turns[0]
        if CRISIS in turn.labels and turn.model_only(CRISIS):
            model_only.append(item)
    real = [i for i in model_only if i.crisis]
    alarms = [i for i in model_only if not i.crisis]
    print(f"{len(items)} messages; model-only signs: {len(real)} real crises, "
          f"{len(alarms)} everyday messages")
    for step in (*STEPS, OFFER):
        asked = {i.id for i in model_only
                 if worth_asking(i.text, PROMPTS[step], mode="full", offer=step is OFFER,
                                 level=step is State.REGULATE_CHECK)}
        kept = sum(i.id in asked for i in real)
        print(f"{step.value:24s} real crises asked {kept}/{len(real)}, "
              f"everyday messages asked {sum(i.id in asked for i in alarms)}/{len(alarms)}")
        if args.misses:
            for item in real:
                if item.id not in asked:
                    print(f"    not asked: {item.id} {item.kind}: {item.text[:120]}")


if __name__ == "__main__":
    main()
