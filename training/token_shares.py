"""Write ``src/mendkit/rules/_token_shares.json``: how common each word is, for the trigger index.

The rules engine tries a pattern only on turns holding one of its trigger words; when a pattern
requires several words, the index keys it on the rarest. This table says how rare: the share of
GoEmotions *train* comments (Reddit, Apache-2.0, train-ok) holding each token, for the tokens in at
least 0.05% of them. Unlisted tokens count as rare.

    python training/token_shares.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from mendkit.analysis.text import normalise, tokens

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "mendkit" / "rules" / "_token_shares.json"
MIN_SHARE = 0.0005


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    source = args.data / "goemotions" / "data__original__train.tsv"
    with source.open(encoding="utf-8", newline="") as handle:
        texts = [row[0] for row in csv.reader(handle, delimiter="\t") if row]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(tokens(normalise(text))))
    shares = {tok: round(n / len(texts), 4) for tok, n in counts.most_common()
              if n / len(texts) >= MIN_SHARE}
    OUT.write_text(json.dumps({"source": "GoEmotions train (data__original__train.tsv)",
                               "texts": len(texts), "min_share": MIN_SHARE, "shares": shares},
                              indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(shares)} tokens from {len(texts)} comments -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
