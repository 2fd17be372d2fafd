"""Requantise an int8 model folder's weights to seven bits, so every x86 CPU computes the same thing.

onnxruntime multiplies uint8 activations by int8 weights. CPUs with VNNI or AMX (Intel since
Cascade Lake, AMD since Zen 4) add the products exactly; older ones (AVX2 or AVX-512 without VNNI,
for example AMD Zen 2 and 3) add pairs of products in 16 bits first, which saturates when
``a1*w1 + a2*w2`` passes 32,767. Mend's classifier saturated in every one of 120 dev turns
(``--check``), so its scores, and ``mend eval``'s figures, depended on the machine. With weights
in [-64, 64] a pair is at most 2 * 255 * 64 = 32,640: no CPU saturates, and all agree.

New models get this from ``quantize_dynamic(..., reduce_range=True)`` at export
(``finetune_classifier.py``, ``export_encoder.py``). This script converts a folder whose float
weights are gone (the shipped v1): each output channel's int8 weights are rescaled by 64/127 and
rounded, and the channel's scale grows by 127/64 (the same grid ``reduce_range`` gives, up to the
rounding of an already rounded weight).

    .venv-train/bin/python training/seven_bit.py SRC_FOLDER DST_FOLDER
    .venv-train/bin/python training/seven_bit.py FOLDER --check   # count saturating pairs
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

LIMIT = 64  # |w| <= 64 keeps any two uint8 x int8 products within int16


def seven_bit(model: Any) -> int:
    """Rescale ``model``'s MatMulInteger weights in place; the number of weight tensors changed."""
    import numpy as np
    from onnx import numpy_helper

    inits = {i.name: i for i in model.graph.initializer}
    changed = 0
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        name = node.input[1]
        if not name.endswith("_quantized"):
            raise SystemExit(f"{node.name}: weight {name!r} is not a quantised initializer")
        weights = numpy_helper.to_array(inits[name]).astype(np.float64)
        zero = numpy_helper.to_array(inits[node.input[3]]) if len(node.input) > 3 else None
        if zero is not None and zero.any():
            raise SystemExit(f"{node.name}: asymmetric weights (non-zero zero point)")
        scale_name = name.removesuffix("_quantized") + "_scale"
        scale = numpy_helper.to_array(inits[scale_name]).astype(np.float64)
        # Per channel (one scale per output column), or one scale for the whole tensor.
        peak = np.abs(weights).max(axis=0) if scale.ndim else np.abs(weights).max()
        if np.max(peak) <= LIMIT:
            continue
        factor = LIMIT / np.maximum(peak, LIMIT)  # channels already within range keep theirs
        new = np.clip(np.round(weights * factor), -LIMIT, LIMIT).astype(np.int8)
        inits[name].CopyFrom(numpy_helper.from_array(new, name))
        new_scale = np.asarray(scale / factor, dtype=np.float32)
        inits[scale_name].CopyFrom(numpy_helper.from_array(new_scale, scale_name))
        changed += 1
    return changed


def saturating_pairs(folder: Path, texts: list[tuple[str, str]]) -> tuple[int, int]:
    """(turns with a saturating pair, saturating pairs) over ``texts``, by exact int arithmetic
    on the activations the model really feeds each MatMulInteger (adjacent pairs along k)."""
    import numpy as np
    import onnx
    from onnx import numpy_helper
    from tokenizers import Tokenizer

    from mendkit.models import onnxruntime

    ort = onnxruntime()

    model = onnx.load(str(folder / "model.onnx"))
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    nodes = [n for n in model.graph.node if n.op_type == "MatMulInteger"]
    for name in dict.fromkeys(n.input[0] for n in nodes):
        model.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.UINT8,
                                                                     None))
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()  # as at run time (``TurnClassifier.load``)
    tokenizer.enable_truncation(max_length=128)
    hit_turns = hit_pairs = 0
    for text, previous in texts:
        enc = tokenizer.encode(text or " ", previous or "")
        ids = np.array([enc.ids], np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in {i.name for i in session.get_inputs()}:
            feeds["token_type_ids"] = np.array([enc.type_ids], np.int64)
        outs = dict(zip(names, session.run(None, feeds), strict=True))
        found = 0
        for node in nodes:
            a = outs[node.input[0]].astype(np.int32)
            a = a.reshape(-1, a.shape[-1])
            w = inits[node.input[1]].astype(np.int32)
            k = a.shape[1] - a.shape[1] % 2
            pair = a[:, 0:k:2, None] * w[None, 0:k:2] + a[:, 1:k:2, None] * w[None, 1:k:2]
            found += int(((pair > 32767) | (pair < -32768)).sum())
        hit_turns += found > 0
        hit_pairs += found
    return hit_turns, hit_pairs


def dev_texts(limit: int) -> list[tuple[str, str]]:
    from mendkit.evaluation import load_corpus

    repo = Path(__file__).resolve().parent.parent
    corpus = load_corpus(repo / "data" / "corpus").split("dev")
    pairs = [(t.text, c.conversation.turns[t.index - 1].text if t.index else "")
             for c in corpus.conversations for t in c.conversation.turns]
    return pairs[:limit]


def main() -> None:
    import onnx

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="a model folder (model.onnx, tokenizer.json, ...)")
    parser.add_argument("dst", type=Path, nargs="?", help="where to write the converted folder")
    parser.add_argument("--check", action="store_true",
                        help="count saturating pairs on dev turns instead of converting")
    parser.add_argument("--turns", type=int, default=120, help="dev turns for --check")
    args = parser.parse_args()
    if args.check:
        turns, pairs = saturating_pairs(args.src, dev_texts(args.turns))
        print(f"{args.src}: {turns} of {args.turns} dev turns have a saturating pair "
              f"({pairs} pairs in all)")
        return
    if args.dst is None:
        parser.error("give DST_FOLDER (or --check)")
    model = onnx.load(str(args.src / "model.onnx"))
    changed = seven_bit(model)
    args.dst.mkdir(parents=True, exist_ok=True)
    for item in args.src.iterdir():
        if item.name != "model.onnx" and item.is_file():
            shutil.copy(item, args.dst / item.name)
    onnx.save(model, str(args.dst / "model.onnx"))
    print(f"{args.dst / 'model.onnx'}: {changed} weight tensors now within [-{LIMIT}, {LIMIT}]")


if __name__ == "__main__":
    main()
