"""Named parts of the corpus's ``train`` split that the training tools keep apart.

- ``extra_c`` / ``extra_d`` (and ``crisis_more``): held out from rule tuning to check that new rules
  generalise (``rules_report.py check``).
- ``crisis_ni`` ... ``crisis_nl`` (5 December 2026, written for v8): crisis messages, hard idioms
  and everyday distress that no model trains on and no rule is tuned on; they compared v8 with v6,
  judged the crisis rules' idiom work and then chose v8-c's crisis threshold. ``crisis_nm`` ...
  ``crisis_np`` (written after v8-c's rule) judged v8-c, and ``crisis_nq`` ... ``crisis_nt``
  (written after its second rule) judged it again; all twelve train models and tune rules from v9
  on. ``crisis_nu`` ... ``crisis_nx`` (written while v9 trained) judged v9 and train the next
  model. ``crisis_ny``, ``nz``, ``oa`` and ``ob`` (written while the crisis rules 2026.12.3 were
  written, and read by no one since) judged those rules only: no model has trained on them and no
  rule is tuned on them, so they choose v10's crisis threshold (``--part crisis-yb``).
  ``crisis_oc`` ... ``crisis_oj`` (640 messages, written for v10 while it trained) judged its crisis
  detection and the crisis rules 2026.12.4 (``--part crisis-cj``), and tune rules and train models
  from then on. ``crisis_ok`` ... ``crisis_or`` (640 messages, written after v10 was judged) judge
  the crisis rules 2026.12.5 and then v11 (``--part crisis-kr``); no model trains on them, and
  with ``crisis_ny`` ... ``ob`` they choose v12's crisis threshold (``--part crisis-ybkr``).
  ``crisis_os`` ... ``crisis_oz`` (640 messages, written for v12 while it trained) judged it
  (``--part crisis-sz``) and train v13 on; ``crisis_pa`` ... ``crisis_ph`` (written for v13:
  literal everyday uses of crisis words) train it; ``crisis_pi`` ... ``crisis_pp`` (written for
  v13 after its rule, held out of its training) judged it (``--part crisis-ip``) and train v14 on.
  ``crisis_qa`` ... ``crisis_qh`` (written for v14: short requests and boundaries read alone, the
  answers the coach reads, with a few crises phrased as requests): ``qa`` ... ``qd`` train v14,
  ``qe`` / ``qf`` join the threshold choice (``crisis_threshold.py --requests``) and ``qg`` /
  ``qh`` judge it (``--part requests-gh``); ``crisis_qi`` ... ``qp`` (written for v14 after its
  rule, to ``crisis_ny``'s brief) judge it (``--part crisis-qip``). ``crisis_ra`` ... ``rd``
  (written for v14-t: answers to the coach's questions, read alone): ``ra`` / ``rb`` join its
  crisis threshold choice (``crisis_threshold.py --answers``), ``rc`` / ``rd`` judge it
  (``--part answers-cd``). v15 trains on ``qg`` / ``qh``, ``qi`` ... ``qp`` and ``rc`` / ``rd``
  (they have judged); ``qe`` / ``qf`` and ``ra`` / ``rb`` choose its threshold, and ``crisis_re``
  ... ``rh`` (``crisis_ny``'s brief), ``ri`` / ``rj`` (requests) and ``rk`` / ``rl`` (answers),
  written for v15 after its rule, judge it (``--part crisis-reh``, ``requests-ij``,
  ``answers-kl``) and train v16 on; ``crisis_rm`` ... ``rp``, ``rq`` / ``rr`` (requests) and
  ``rs`` / ``rt`` (answers), written for v16 after its rule, judge it (``--part crisis-rmp``,
  ``requests-qr``, ``answers-st``); ``crisis_ru`` ... ``rx`` (written for v16-t after its rule)
  judged v16-t (``--part crisis-rux``); all of ``crisis_rm`` ... ``rx`` train v17 on.
  ``crisis_ry`` ... ``sb`` (``crisis_ny``'s brief), ``sc`` / ``sd`` (requests) and ``se`` / ``sf``
  (answers), written for v17 after its rule, judged it (``--part crisis-rysb``, ``requests-cd2``,
  ``answers-ef2``) and train v18; ``crisis_sg`` ... ``sj``, ``sk`` / ``sl`` (requests) and ``sm`` /
  ``sn`` (answers), written for v18 after its rule, judged it (``--part crisis-sgsj``,
  ``requests-kl2``, ``answers-mn2``) and train v19; ``crisis_so`` ... ``sr``, ``ss`` / ``st``
  (requests) and ``su`` / ``sv`` (answers), written for v19 after its rule, judged it (``--part
  crisis-sosr``, ``requests-st2``, ``answers-uv2``; v19 failed) and are spent: the next model
  trains on them once new sets replace them in ``CRISIS_COMPARISON``. ``calib_bc`` ...
  ``calib_bj`` judged v9 and train v10 on;
  ``calib_bk`` ... ``calib_br`` (written for v10 while it trained) compared it with v6 and train
  v11 on; ``calib_bs`` ... ``calib_bz`` (written for v11 while it trained) compared it with v6
  and train v12 on; ``calib_ca`` ... ``calib_ch`` (written for v12 while it trained) compared it
  (``--part compare-cach``) and train v13 on; ``calib_ci`` ... ``calib_cp`` (written for v13 after
  its rule, held out of its training) compared it (``--part compare-cicp``) and train v14 on;
  ``calib_cq`` ... ``calib_cx`` (written for v14 after its rule) compared it (``--part
  compare-cqcx``) and train v15; ``calib_cy``, ``cz``, ``da`` and ``db`` (written for v15 after its
  rule) compared it (``--part compare-cydb``) and train v16; ``calib_dc`` ... ``df`` (written for
  v16 after its rule) compared it (``--part compare-dcdf``) and train v17; ``calib_dg`` ... ``dj``
  (written for v16-t after its rule, not read for it because it failed first) compared v17 with
  their turns read alone (``--part compare-dgdj``) and train v18; ``calib_dk`` ... ``dn`` (written
  for v18 after its rule) compared it, with their turns read alone (``--part compare-dkdn``), and
  train v19; ``calib_do`` ... ``dr`` (written for v18-t after its rule) judged it (``--part
  compare-dodr``, v18-t failed there) and train v19; ``calib_ds`` ... ``dv`` (written for v19
  after its rule) judged it (``--part compare-dsdv``; v19 failed) and train the next model;
  ``calib_dw`` ... ``dz`` (written after the rule of fusion 2026.12.9) judged it (``--part
  compare``; it failed on the test split) and are spent: the next candidate needs new ones.
  ``crisis_nc`` / ``nd`` (5 December 2026) and ``crisis_ng`` / ``nh`` (written for v6) compared
  v5b, v6 and v7 and are tuning and training data from v8 on (``--part crisis`` / ``crisis-cd``
  still read them, to reproduce those comparisons); ``crisis_na`` / ``nb`` and ``crisis_ne`` /
  ``nf`` always were.
- repair pairs (``train/pairs_a`` ... ``pairs_f``, written for the critic on 5 December 2026):
  ``pairs_a`` / ``pairs_b`` tune ``repair_quality`` with the dev pairs; ``pairs_c`` / ``pairs_d``
  judged the first change and then joined the tuning pairs; ``pairs_e`` / ``pairs_f`` judge the
  next one and choose nothing (``pairs_report.py``; ``compare-cd`` reproduces the first).
- the calibration files, written after the rules and the models they measure and new to both;
  rules are not tuned on them and no model trains on them:
  ``calib_a`` / ``calib_b`` (5 December 2026) and, from v6 on, ``calib_s`` ... ``calib_v`` choose
  the fused thresholds (``choose_thresholds.py``; v5's were chosen on ``calib_a`` / ``b`` alone,
  ``--part choose-ab``);
  ``calib_dw``, ``dx``, ``dy`` and ``dz`` (written after the rule of fusion 2026.12.9) compare
  models and fusion rules whose thresholds are already fixed (``heldout_report.py --part
  compare``) and choose nothing else.
- former comparison sets, training data from the next model on (a set that has compared models no
  longer measures a new one fairly): ``calib_c`` / ``calib_d`` compared eight variants (v2 among
  them) and train v3 on; ``calib_e`` / ``calib_f`` (v3 against v2) and ``calib_g`` ... ``calib_n``
  (v3 and v4 against v2) train v5 on; ``calib_o`` ... ``calib_v`` compared v5 with v4 and chose
  the floor: ``calib_o`` ... ``calib_r`` train v6, ``calib_s`` ... ``calib_v`` choose thresholds;
  ``calib_w`` ... ``calib_ad`` (v6 against v5, and v5's re-chosen thresholds) train v7;
  ``calib_ae`` ... ``calib_al`` (v6 with v5's thresholds against v5) and ``calib_am`` ...
  ``calib_at`` (v7 against v6) train v8; ``calib_au`` ... ``calib_bb`` (v8 against v6) train v9;
  ``calib_bc`` ... ``calib_bj`` (v9 against v6) train v10; ``calib_bk`` ... ``calib_br`` (v10
  against v6) train v11; ``calib_bs`` ... ``calib_bz`` (v11 against v6) train v12;
  ``calib_ca`` ... ``calib_ch`` (v12 against v6) train v13; ``calib_ci`` ... ``calib_cp`` (v13
  against v6) train v14; ``calib_cq`` ... ``cx`` (v14) train v15; ``calib_cy`` ... ``db`` (v15)
  train v16.
  ``--part compare-v2``, ``compare-ef``, ``compare-gn``, ``compare-ov``, ``compare-wad``,
  ``compare-ael``, ``compare-amt``, ``compare-aubb``, ``compare-bcbj``, ``compare-bkbr``,
  ``compare-bsbz``, ``compare-cach`` and ``compare-cicp`` read them, to
  reproduce those comparisons. A rerun of an older model's training needs
  ``finetune_classifier.py --skip-files`` naming the files written after it (v5: ``calib_o`` ...
  ``calib_r``; it would still read ``crisis_ne``/``nf``, which that option does not cover).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def _calib(keys: str) -> tuple[str, ...]:
    """The calibration files named by their keys: ``"ci cj"`` -> ``("calib_ci.jsonl", ...)``."""
    return tuple(f"calib_{k}.jsonl" for k in keys.split())


def _crisis(keys: str) -> tuple[str, ...]:
    """The id prefixes of the crisis files named by their keys: ``"pi pj"`` ->
    ``("train-crisis-pi-", ...)``."""
    return tuple(f"train-crisis-{k}-" for k in keys.split())


RULES_HELD_OUT = ("extra_c.jsonl", "extra_d.jsonl")
FIRST_THRESHOLD_FILES = _calib("a b")
THRESHOLD_FILES = FIRST_THRESHOLD_FILES + _calib("s t u v")
COMPARISON_FILES = _calib("dw dx dy dz")
NINETEENTH_COMPARISON_FILES = _calib("ds dt du dv")
EIGHTEENTH_COMPARISON_FILES = _calib("do dp dq dr")
SEVENTEENTH_COMPARISON_FILES = _calib("dk dl dm dn")
SIXTEENTH_COMPARISON_FILES = _calib("dg dh di dj")
FIFTEENTH_COMPARISON_FILES = _calib("dc dd de df")
FOURTEENTH_COMPARISON_FILES = _calib("cy cz da db")
THIRTEENTH_COMPARISON_FILES = _calib("cq cr cs ct cu cv cw cx")
TWELFTH_COMPARISON_FILES = _calib("ci cj ck cl cm cn co cp")
ELEVENTH_COMPARISON_FILES = _calib("ca cb cc cd ce cf cg ch")
TENTH_COMPARISON_FILES = _calib("bs bt bu bv bw bx by bz")
NINTH_COMPARISON_FILES = _calib("bk bl bm bn bo bp bq br")
EIGHTH_COMPARISON_FILES = _calib("bc bd be bf bg bh bi bj")
SEVENTH_COMPARISON_FILES = _calib("au av aw ax ay az ba bb")
SIXTH_COMPARISON_FILES = _calib("am an ao ap aq ar as at")
FIFTH_COMPARISON_FILES = _calib("ae af ag ah ai aj ak al")
FOURTH_COMPARISON_FILES = _calib("w x y z aa ab ac ad")
FIRST_COMPARISON_FILES = _calib("e f")
SECOND_COMPARISON_FILES = _calib("g h i j k l m n")
THIRD_COMPARISON_FILES = _calib("o p q r s t u v")
FORMER_COMPARISON_FILES = _calib("c d")
CALIBRATION = THRESHOLD_FILES + COMPARISON_FILES
FIRST_CRISIS_COMPARISON = _crisis("nc nd")
SECOND_CRISIS_COMPARISON = _crisis("ng nh")
THIRD_CRISIS_COMPARISON = _crisis("ni nj nk nl")
FOURTH_CRISIS_COMPARISON = _crisis("nm nn no np")
FIFTH_CRISIS_COMPARISON = _crisis("nq nr ns nt")
SIXTH_CRISIS_COMPARISON = _crisis("nu nv nw nx")
SEVENTH_CRISIS_COMPARISON = _crisis("ny nz oa ob")
EIGHTH_CRISIS_COMPARISON = _crisis("oc od oe of og oh oi oj")
NINTH_CRISIS_COMPARISON = _crisis("ok ol om on oo op oq or")
TENTH_CRISIS_COMPARISON = _crisis("os ot ou ov ow ox oy oz")
ELEVENTH_CRISIS_COMPARISON = _crisis("pi pj pk pl pm pn po pp")
TWELFTH_CRISIS_COMPARISON = _crisis("qi qj qk ql qm qn qo qp")
REQUESTS_THRESHOLD = _crisis("qe qf")
REQUESTS_COMPARISON = _crisis("qg qh")
ANSWERS_THRESHOLD = _crisis("ra rb")
ANSWERS_COMPARISON = _crisis("rc rd")
THIRTEENTH_CRISIS_COMPARISON = _crisis("re rf rg rh")
SECOND_REQUESTS_COMPARISON = _crisis("ri rj")
SECOND_ANSWERS_COMPARISON = _crisis("rk rl")
FOURTEENTH_CRISIS_COMPARISON = _crisis("rm rn ro rp")
THIRD_REQUESTS_COMPARISON = _crisis("rq rr")
THIRD_ANSWERS_COMPARISON = _crisis("rs rt")
FIFTEENTH_CRISIS_COMPARISON = _crisis("ru rv rw rx")
SIXTEENTH_CRISIS_COMPARISON = _crisis("ry rz sa sb")
FOURTH_REQUESTS_COMPARISON = _crisis("sc sd")
FOURTH_ANSWERS_COMPARISON = _crisis("se sf")
SEVENTEENTH_CRISIS_COMPARISON = _crisis("sg sh si sj")
FIFTH_REQUESTS_COMPARISON = _crisis("sk sl")
FIFTH_ANSWERS_COMPARISON = _crisis("sm sn")
EIGHTEENTH_CRISIS_COMPARISON = _crisis("so sp sq sr")
SIXTH_REQUESTS_COMPARISON = _crisis("ss st")
SIXTH_ANSWERS_COMPARISON = _crisis("su sv")
CRISIS_COMPARISON = (SEVENTH_CRISIS_COMPARISON + NINTH_CRISIS_COMPARISON + REQUESTS_THRESHOLD
                     + ANSWERS_THRESHOLD + EIGHTEENTH_CRISIS_COMPARISON
                     + SIXTH_REQUESTS_COMPARISON + SIXTH_ANSWERS_COMPARISON)
PAIR_FIT = ("train-pair-a-", "train-pair-b-", "train-pair-c-", "train-pair-d-")
PAIR_COMPARISON = ("train-pair-e-", "train-pair-f-")
FIRST_PAIR_COMPARISON = ("train-pair-c-", "train-pair-d-")


def source_file(conv: Any) -> str:
    """The file name a gold conversation was read from."""
    return Path(conv.conversation.source or "").name


def is_calibration(conv: Any, files: tuple[str, ...] = CALIBRATION) -> bool:
    """Whether ``conv`` comes from one of the calibration ``files`` (default: all of them)."""
    return source_file(conv) in files


def held_out(item_id: str) -> bool:
    """About one in seven train items is kept back to choose thresholds: the rules were tuned on
    dev, so dev would overrate them; these items are new to the model (``finetune_classifier.py``;
    the rules were later widened on them, ``rules_report.py``)."""
    return one_in(item_id, 7)


def one_in(key: str, n: int) -> bool:
    """Whether ``key`` falls in a fixed one-in-``n`` share (by its SHA-256): the same every run."""
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % n == 0


def is_crisis_comparison(item_id: str) -> bool:
    """Whether a crisis-set message belongs to the current crisis comparison sets (``crisis_ny``
    ... ``ob`` and ``crisis_ok`` ... ``or``, which choose crisis thresholds, with the short
    requests of ``crisis_qe`` / ``qf`` and the coach's answers of ``crisis_ra`` / ``rb``; and
    ``crisis_so`` ... ``sv``, which judged v19: never trained on, no rule tuned on them)."""
    return item_id.startswith(CRISIS_COMPARISON)
