"""Compare classifier folders on the held-out seventh of ``train``, through the full pipeline.

The held-out seventh (``held_out()`` in ``finetune_classifier.py``) chose each model's thresholds
and trained none of them; ``test`` is never read here.

    .venv-train/bin/python training/heldout_report.py src/mendkit/models/classifier build/student

Prints any-rupture and any-repair F1 (rule OR model, as ``mode="full"`` decides), episode status
accuracy, per-label F1, crisis recall and false alarms on idioms and everyday messages. ``--part``
reads the calibration files instead (``choose``, ``compare``...) or a crisis set (``crisis-kr``:
``crisis_ok`` ... ``or``; the others in ``CRISIS_PARTS``: crisis recall and alarms only);
``--bootstrap A B`` adds B's any-rupture and any-repair F1 minus A's with a 95% interval over resampled
conversations; ``--floor`` sets the fusion's ``RULE_FLOOR`` (0: the fusion before 5 December
2026's floor, as models v2-v5 were compared):

    .venv/bin/python training/heldout_report.py --part compare --floor 0 --bootstrap OLD NEW
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_parts import (  # noqa: E402
    ANSWERS_COMPARISON,
    ANSWERS_THRESHOLD,
    COMPARISON_FILES,
    EIGHTEENTH_COMPARISON_FILES,
    EIGHTEENTH_CRISIS_COMPARISON,
    EIGHTH_COMPARISON_FILES,
    EIGHTH_CRISIS_COMPARISON,
    ELEVENTH_COMPARISON_FILES,
    ELEVENTH_CRISIS_COMPARISON,
    FIFTEENTH_COMPARISON_FILES,
    FIFTEENTH_CRISIS_COMPARISON,
    FIFTH_ANSWERS_COMPARISON,
    FIFTH_COMPARISON_FILES,
    FIFTH_CRISIS_COMPARISON,
    FIFTH_REQUESTS_COMPARISON,
    FIRST_COMPARISON_FILES,
    FIRST_CRISIS_COMPARISON,
    FIRST_THRESHOLD_FILES,
    FORMER_COMPARISON_FILES,
    FOURTEENTH_COMPARISON_FILES,
    FOURTEENTH_CRISIS_COMPARISON,
    FOURTH_ANSWERS_COMPARISON,
    FOURTH_COMPARISON_FILES,
    FOURTH_CRISIS_COMPARISON,
    FOURTH_REQUESTS_COMPARISON,
    NINETEENTH_COMPARISON_FILES,
    NINTH_COMPARISON_FILES,
    NINTH_CRISIS_COMPARISON,
    REQUESTS_COMPARISON,
    REQUESTS_THRESHOLD,
    SECOND_ANSWERS_COMPARISON,
    SECOND_COMPARISON_FILES,
    SECOND_CRISIS_COMPARISON,
    SECOND_REQUESTS_COMPARISON,
    SEVENTEENTH_COMPARISON_FILES,
    SEVENTEENTH_CRISIS_COMPARISON,
    SEVENTH_COMPARISON_FILES,
    SEVENTH_CRISIS_COMPARISON,
    SIXTEENTH_COMPARISON_FILES,
    SIXTEENTH_CRISIS_COMPARISON,
    SIXTH_ANSWERS_COMPARISON,
    SIXTH_COMPARISON_FILES,
    SIXTH_CRISIS_COMPARISON,
    SIXTH_REQUESTS_COMPARISON,
    TENTH_COMPARISON_FILES,
    TENTH_CRISIS_COMPARISON,
    THIRD_ANSWERS_COMPARISON,
    THIRD_COMPARISON_FILES,
    THIRD_CRISIS_COMPARISON,
    THIRD_REQUESTS_COMPARISON,
    THIRTEENTH_COMPARISON_FILES,
    THIRTEENTH_CRISIS_COMPARISON,
    THRESHOLD_FILES,
    TWELFTH_COMPARISON_FILES,
    TWELFTH_CRISIS_COMPARISON,
    held_out,
    is_calibration,
    is_crisis_comparison,
)

PARTS = {"compare-dsdv": NINETEENTH_COMPARISON_FILES, "compare-dodr": EIGHTEENTH_COMPARISON_FILES,
         "compare-dkdn": SEVENTEENTH_COMPARISON_FILES,
         "compare-dgdj": SIXTEENTH_COMPARISON_FILES, "compare-dcdf": FIFTEENTH_COMPARISON_FILES,
         "choose": THRESHOLD_FILES, "choose-ab": FIRST_THRESHOLD_FILES, "compare": COMPARISON_FILES,
         "compare-ef": FIRST_COMPARISON_FILES, "compare-gn": SECOND_COMPARISON_FILES,
         "compare-ov": THIRD_COMPARISON_FILES, "compare-wad": FOURTH_COMPARISON_FILES,
         "compare-ael": FIFTH_COMPARISON_FILES, "compare-amt": SIXTH_COMPARISON_FILES,
         "compare-aubb": SEVENTH_COMPARISON_FILES, "compare-bcbj": EIGHTH_COMPARISON_FILES,
         "compare-bkbr": NINTH_COMPARISON_FILES, "compare-bsbz": TENTH_COMPARISON_FILES,
         "compare-cach": ELEVENTH_COMPARISON_FILES, "compare-cicp": TWELFTH_COMPARISON_FILES,
         "compare-cqcx": THIRTEENTH_COMPARISON_FILES, "compare-cydb": FOURTEENTH_COMPARISON_FILES,
         "compare-v2": FORMER_COMPARISON_FILES}
CRISIS_PARTS = {"crisis-sosr": EIGHTEENTH_CRISIS_COMPARISON,
                "requests-st2": SIXTH_REQUESTS_COMPARISON, "answers-uv2": SIXTH_ANSWERS_COMPARISON,
                "crisis-sgsj": SEVENTEENTH_CRISIS_COMPARISON,
                "requests-kl2": FIFTH_REQUESTS_COMPARISON, "answers-mn2": FIFTH_ANSWERS_COMPARISON,
                "crisis-rysb": SIXTEENTH_CRISIS_COMPARISON,
                "requests-cd2": FOURTH_REQUESTS_COMPARISON, "answers-ef2": FOURTH_ANSWERS_COMPARISON,
                "crisis-rux": FIFTEENTH_CRISIS_COMPARISON,
                "crisis-rmp": FOURTEENTH_CRISIS_COMPARISON,
                "requests-qr": THIRD_REQUESTS_COMPARISON, "answers-st": THIRD_ANSWERS_COMPARISON,
                "crisis-reh": THIRTEENTH_CRISIS_COMPARISON,
                "requests-ij": SECOND_REQUESTS_COMPARISON, "answers-kl": SECOND_ANSWERS_COMPARISON,
                "answers-ab": ANSWERS_THRESHOLD, "answers-cd": ANSWERS_COMPARISON,
                "crisis-qip": TWELFTH_CRISIS_COMPARISON, "requests-gh": REQUESTS_COMPARISON,
                "requests-ef": REQUESTS_THRESHOLD, "crisis-ip": ELEVENTH_CRISIS_COMPARISON,
                "crisis-sz": TENTH_CRISIS_COMPARISON,
                "crisis-ybkr": SEVENTH_CRISIS_COMPARISON + NINTH_CRISIS_COMPARISON,
                "crisis-kr": NINTH_CRISIS_COMPARISON, "crisis-cj": EIGHTH_CRISIS_COMPARISON,
                "crisis-yb": SEVENTH_CRISIS_COMPARISON,
                "crisis-ux": SIXTH_CRISIS_COMPARISON,
                "crisis-qt": FIFTH_CRISIS_COMPARISON, "crisis-mp": FOURTH_CRISIS_COMPARISON,
                "crisis-il": THIRD_CRISIS_COMPARISON,
                "crisis": SECOND_CRISIS_COMPARISON, "crisis-cd": FIRST_CRISIS_COMPARISON}


def part(name: str) -> Any:
    """``heldout``: the held-out seventh of train; ``choose``: train/calib_a, calib_b and calib_s ...
    calib_v (they choose thresholds from v6 on; ``choose-ab``: calib_a + calib_b, which chose v5's);
    ``compare``: train/calib_dw, dx, dy and dz (new to the rules and to every model, and chose
    nothing: corpus_parts.py; with ``--alone`` their turns read alone too); ``compare-dsdv``:
    calib_ds ... dv (they judged v19); ``crisis-sosr``,
    ``requests-st2`` and ``answers-uv2``: crisis_so ... sr, the requests of crisis_ss / st and the
    answers of crisis_su / sv (they judged v19); ``compare-dodr``: calib_do ... dr (they judged
    v18-t); ``compare-dkdn``:
    calib_dk ... dn (they judged v18); ``crisis-sgsj``,
    ``requests-kl2`` and ``answers-mn2``: crisis_sg ... sj, the requests of crisis_sk / sl and the
    answers of crisis_sm / sn (they judged v18); ``compare-dgdj``: calib_dg ... dj (they judged
    v17); ``crisis-rysb``, ``requests-cd2`` and ``answers-ef2``: crisis_ry ... sb, the requests of
    crisis_sc / sd and the answers of crisis_se / sf (they judged v17); ``compare-dcdf``:
    calib_dc ... df (they judged v16); ``crisis-rux``: crisis_ru ... rx (they judged v16-t);
    ``crisis-rmp``, ``requests-qr`` and ``answers-st``: crisis_rm ...
    rp, the requests of crisis_rq / rr and the coach's answers of crisis_rs / rt (they judged v16);
    ``compare-cydb``: calib_cy ... db (they judged v15); ``crisis-reh``, ``requests-ij`` and
    ``answers-kl``: crisis_re ... rh, crisis_ri / rj and crisis_rk / rl (they judged v15);
    ``compare-cqcx``: calib_cq ... cx (they judged v14); ``crisis-qip``: the messages of
    train/crisis_qi ... qp and ``requests-gh``: the short requests of crisis_qg / qh (they judged
    v14); ``requests-ef``: those of crisis_qe / qf
    (never trained on, they join v14's crisis threshold choice); ``answers-ab`` / ``answers-cd``:
    the coach's answers of crisis_ra / rb (they choose v14-t's crisis threshold) and crisis_rc /
    rd (they judge it); ``crisis-ip``: crisis_pi ... pp
    (they judged v13);
    ``crisis-sz``: crisis_os ... oz (they judge v12);
    ``crisis-ybkr``: crisis_ny ... ob with crisis_ok ... or (never trained on, they choose v12's
    crisis threshold); ``crisis-kr``: crisis_ok ... or alone (they judged v11); ``crisis-cj``:
    crisis_oc ... oj (they judged v10); ``crisis-yb``:
    crisis_ny, nz, oa and ob (never trained on, they chose v10's crisis threshold); the other
    crisis parts (``crisis-ux``: crisis_nu ... nx, which judged
    v9, ``crisis-qt``, ``crisis-mp``, ``crisis-il``, ``crisis``: crisis_ng + nh, ``crisis-cd``:
    nc + nd) judged earlier models; former comparison sets, to reproduce their comparisons: ``compare-v2``
    (calib_c + calib_d), ``compare-ef``, ``compare-gn``,
    ``compare-ov`` (calib_o ... calib_v), ``compare-wad`` (calib_w ... calib_ad),
    ``compare-ael`` (calib_ae ... calib_al), ``compare-amt`` (calib_am ... calib_at),
    ``compare-aubb`` (calib_au ... calib_bb), ``compare-bcbj`` (calib_bc ... calib_bj),
    ``compare-bkbr`` (calib_bk ... calib_br), ``compare-bsbz`` (calib_bs ... calib_bz),
    ``compare-cach`` (calib_ca ... calib_ch) and ``compare-cicp`` (calib_ci ... calib_cp)."""
    from mendkit.evaluation import load_corpus
    from mendkit.evaluation.corpus import Corpus

    train = load_corpus(REPO / "data" / "corpus").split("train")
    if name in CRISIS_PARTS:
        return Corpus(conversations=(), pairs=(),
                      crisis=tuple(c for c in train.crisis if c.id.startswith(CRISIS_PARTS[name])))
    if name in PARTS:
        files = PARTS[name]
        return Corpus(conversations=tuple(c for c in train.conversations
                                          if is_calibration(c, files)), crisis=(), pairs=())
    return Corpus(conversations=tuple(c for c in train.conversations
                                      if held_out(c.conversation.id) and not is_calibration(c)),
                  crisis=tuple(c for c in train.crisis
                               if held_out(c.id) and not is_crisis_comparison(c.id)),
                  pairs=())


def average_precision(folder: Path, data: Any) -> dict[str, float]:
    """Each marker label's average precision for the model alone (no rules, no threshold) over
    the turns of ``data``, each read with the turn before it, as ``mode="full"`` reads them."""
    import numpy as np

    from mendkit.labels import CRISIS
    from mendkit.models.classifier import TurnClassifier

    model = TurnClassifier.load(folder)
    probs, gold = [], []
    for conv in data.conversations:
        turns = conv.conversation.turns
        for k, turn in enumerate(turns):
            probs.append(model.probabilities(turn.text, turns[k - 1].text if k else ""))
            gold.append([label in conv.labels[k] for label in model.labels])
    p, y = np.array(probs), np.array(gold)
    out = {}
    for j, label in enumerate(model.labels):
        if label == CRISIS or not y[:, j].any():
            continue
        order = np.argsort(-p[:, j], kind="stable")
        hits = y[order, j]
        precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
        out[label] = float((precision * hits).sum() / hits.sum())
    return out


def scored(model: Any, data: Any, name: str = "train-heldout") -> Any:
    """``mend eval``'s scoring (``mendkit.evaluation.metrics.score``) of ``data`` in full mode
    with ``model`` (a ``TurnClassifier``) in the shipped one's place; rules mode if it is None."""
    from mendkit.analysis import pipeline
    from mendkit.evaluation.metrics import score

    with mock.patch.object(pipeline, "_classifier", return_value=model):
        return score(data, name=name, mode="rules" if model is None else "full")


def crisis_alone(model: Any, texts: Any) -> int:
    """How many of ``texts`` full mode flags as crisis with ``model`` when each is read alone, with
    no turn before it, as ``mend check`` reads a draft and the coach an answer."""
    from mendkit.analysis import pipeline
    from mendkit.labels import CRISIS
    from mendkit.model import Conversation

    with mock.patch.object(pipeline, "_classifier", return_value=model):
        return sum(CRISIS in pipeline.analyze_conversation(Conversation.from_turns([("me", text)]),
                                                           mode="full").turns[0].labels
                   for text in texts)


def ordinary_turns(data: Any) -> list[str]:
    """The texts of the conversation turns of ``data`` that are not crisis talk."""
    from mendkit.labels import CRISIS

    return [turn.text for conv in data.conversations
            for turn, gold in zip(conv.conversation.turns, conv.labels, strict=True)
            if CRISIS not in gold]


def report(folder: Path | None, where: str = "heldout") -> dict[str, Any]:
    """``scored`` on a ``part`` of train, with the classifier in ``folder`` (None: rules only)."""
    from mendkit.models.classifier import TurnClassifier

    model = TurnClassifier.load(folder) if folder is not None else None
    result = scored(model, part(where))
    return {
        "model": model.meta["model"] if model else "rules only",
        "folder": str(folder) if folder else "-",
        "turns": result.turns, "conversations": result.conversations,
        "any_rupture_f1": round(result.any_rupture.f1, 4),
        "any_repair_f1": round(result.any_repair.f1, 4),
        "episode_status_accuracy": round(result.episode_status_accuracy, 4),
        "crisis_recall": round(result.crisis_recall, 4), "crisis_total": result.crisis_total,
        "idiom_false_alarms": result.idiom_false_alarms, "idioms": result.idioms_total,
        "other_false_alarms": result.other_false_alarms, "others": result.others_total,
        "per_label_f1": {k: round(v.f1, 4) for k, v in result.per_label.items()},
    }


def bootstrap(first: Path, second: Path, where: str, draws: int = 2000,
              seed: int = 0) -> dict[str, tuple[float, float, float]]:
    """Any-rupture and any-repair F1 of ``second`` minus ``first`` on a ``part``, with the 95%
    interval of that difference over ``draws`` resamplings of the part's conversations (the unit
    the writers wrote), as (difference, low, high)."""
    import numpy as np

    from mendkit.analysis import pipeline
    from mendkit.evaluation.corpus import Corpus
    from mendkit.evaluation.metrics import score
    from mendkit.models.classifier import TurnClassifier

    data = part(where)
    counts = []
    for folder in (first, second):
        rows = []
        with mock.patch.object(pipeline, "_classifier",
                               return_value=TurnClassifier.load(folder)):
            for conv in data.conversations:
                r = score(Corpus((conv,), (), ()), name=where, mode="full")
                rows.append([r.any_rupture.tp, r.any_rupture.fp, r.any_rupture.fn,
                             r.any_repair.tp, r.any_repair.fp, r.any_repair.fn])
        counts.append(np.array(rows))

    def f1(c: Any) -> Any:  # summed (tp, fp, fn) columns -> F1
        return 2 * c[..., 0] / np.maximum(2 * c[..., 0] + c[..., 1] + c[..., 2], 1)

    picks = np.random.default_rng(seed).integers(0, len(data.conversations),
                                                 (draws, len(data.conversations)))
    out = {}
    for name, cols in (("any_rupture_f1", slice(0, 3)), ("any_repair_f1", slice(3, 6))):
        a, b = counts[0][:, cols], counts[1][:, cols]
        diffs = f1(b[picks].sum(1)) - f1(a[picks].sum(1))
        low, high = np.percentile(diffs, [2.5, 97.5])
        out[name] = (float(f1(b.sum(0)) - f1(a.sum(0))), float(low), float(high))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--rules", action="store_true", help="also report rules mode")
    parser.add_argument("--part", choices=("heldout", *PARTS, *CRISIS_PARTS), default="heldout",
                        help="heldout: the held-out seventh; choose: calib_a, b, s ... v "
                             "(choose-ab: calib_a + calib_b); compare: calib_dw ... calib_dz; "
                             "crisis-kr: crisis_ok ... or; crisis-cj: crisis_oc ... oj; "
                             "crisis-yb: crisis_ny ... ob "
                             "(crisis-ux, -qt, -mp, -il, crisis, "
                             "crisis-cd: the earlier crisis sets); former comparison sets: "
                             "compare-v2 (calib_c + calib_d), compare-ef ... compare-bkbr "
                             "(corpus_parts.py)")
    parser.add_argument("--floor", type=float, default=None,
                        help="the fusion's RULE_FLOOR (default: the shipped one; 0: none)")
    parser.add_argument("--ap", action="store_true",
                        help="also each label's average precision for the model alone")
    parser.add_argument("--bootstrap", action="store_true",
                        help="with two folders: the second's F1 minus the first's, with its 95%% "
                             "interval over resampled conversations")
    parser.add_argument("--alone", action="store_true",
                        help="also count the crisis alarms on the part's ordinary conversation "
                             "turns read alone, as mend check reads a draft (v16-t on)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    if args.part in CRISIS_PARTS and (args.ap or args.bootstrap or args.alone):
        parser.error(f"--part {args.part} holds single messages only: --ap, --bootstrap and "
                     "--alone need conversations")
    if args.floor is not None:
        from mendkit.analysis import fusion

        fusion.RULE_FLOOR = args.floor
    rows = ([report(None, args.part)] if args.rules else []) + [
        report(f, args.part) for f in args.folders]
    where = ("held-out seventh of train" if args.part == "heldout"
             else "train/" + " + ".join(p.removeprefix("train-").replace("-", "_").rstrip("_")
                                        for p in CRISIS_PARTS[args.part])
             if args.part in CRISIS_PARTS
             else "train/" + " + ".join(f.removesuffix(".jsonl") for f in PARTS[args.part]))
    print(f"{where}: {rows[0]['conversations']} conversations, "
          f"{rows[0]['turns']} turns, {rows[0]['crisis_total']} crisis messages, "
          f"{rows[0]['idioms']} idioms")
    print(f"{'model':34s} {'rupture':>8s} {'repair':>8s} {'episode':>8s} {'crisis':>7s} "
          f"{'idioms':>7s} {'others':>7s}")
    for r in rows:
        print(f"{r['model'] + ' ' + Path(r['folder']).name:34s} {r['any_rupture_f1']:8.3f} "
              f"{r['any_repair_f1']:8.3f} {r['episode_status_accuracy']:8.3f} "
              f"{r['crisis_recall']:7.3f} {r['idiom_false_alarms']:>3d}/{r['idioms']:<3d} "
              f"{r['other_false_alarms']:>3d}/{r['others']:<3d}")
    labels = list(rows[0]["per_label_f1"])
    print("per-label F1 (fused): " + ", ".join(f"{i}={k}" for i, k in enumerate(labels)))
    for r in rows:
        print(f"{r['model'] + ' ' + Path(r['folder']).name:34s} "
              + " ".join(f"{r['per_label_f1'][k]:.3f}" for k in labels))
    if args.ap:
        data = part(args.part)
        aps = {f: average_precision(f, data) for f in args.folders}
        print("model alone, average precision per label (same order), then their mean:")
        for f, ap in aps.items():
            print(f"{Path(f).name:34s} " + " ".join(f"{ap.get(k, float('nan')):.3f}"
                                                   for k in labels)
                  + f"   mean {sum(ap.values()) / len(ap):.3f}")
            for r in rows:
                if r["folder"] == str(f):
                    r["average_precision"] = ap
    if args.alone:
        from mendkit.models.classifier import TurnClassifier

        texts = ordinary_turns(part(args.part))
        print(f"ordinary turns read alone, flagged as crisis in full mode (of {len(texts)}):")
        for r in rows:
            if r["folder"] != "-":
                r["alone_flagged"] = crisis_alone(TurnClassifier.load(Path(r["folder"])), texts)
                print(f"{r['model'] + ' ' + Path(r['folder']).name:34s} {r['alone_flagged']:5d}")
    if args.bootstrap and len(args.folders) == 2:
        first, second = args.folders
        for name, (diff, low, high) in bootstrap(first, second, args.part).items():
            print(f"{name}: {Path(second).name} - {Path(first).name} = {diff:+.3f} "
                  f"(95% interval {low:+.3f} to {high:+.3f}, 2,000 resamplings of conversations)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
