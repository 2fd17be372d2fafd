"""The shipped encoder reproduces the original model's embeddings (int8 ONNX, no torch)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mendkit.models.encoder import DIM, default_encoder

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "encoder_reference.npz"


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray]:
    with np.load(REFERENCE) as data:
        return [str(s) for s in data["sentences"]], data["vectors"]


def test_embeddings_match_the_original_model(reference: tuple[list[str], np.ndarray]) -> None:
    sentences, vectors = reference
    ours = default_encoder().encode(sentences)
    cosine = (ours * vectors).sum(axis=1)
    assert cosine.mean() >= 0.98
    assert cosine.min() >= 0.97


def test_embeddings_are_normalised_and_independent_of_batching() -> None:
    encoder = default_encoder()
    alone = encoder.encode(["Fine."])
    batched = encoder.encode(["Fine.", "A much longer sentence that forces padding in the batch."])
    assert alone.shape == (1, DIM)
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-4)
    assert float(alone[0] @ batched[0]) > 0.999


def test_similar_meanings_are_closer_than_unrelated_ones() -> None:
    a, b, c = default_encoder().encode([
        "I'm sorry I interrupted you.", "I apologise for cutting you off.",
        "The weather is nice today."])
    assert a @ b > a @ c + 0.2


def test_run_time_needs_no_torch() -> None:
    default_encoder().encode(["hello"])
    assert "torch" not in sys.modules
    assert "transformers" not in sys.modules
