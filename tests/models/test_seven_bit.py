"""Seven-bit classifier weights: every x86 CPU computes the same scores (training/seven_bit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")  # the dev extra installs it; the run time never needs it

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from mendkit.models.classifier import classifier_dir  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
from seven_bit import LIMIT, seven_bit  # noqa: E402


def _matmul_weights(model) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    return {n.name: inits[n.input[1]] for n in model.graph.node if n.op_type == "MatMulInteger"}


def test_the_shipped_classifier_cannot_saturate_a_16_bit_pair_sum():
    """uint8 activations times int8 weights: a pair of products stays within int16 only if
    |w| <= 64 (2 * 255 * 64 = 32,640). CPUs without VNNI add pairs in 16 bits."""
    weights = _matmul_weights(onnx.load(str(classifier_dir() / "model.onnx")))
    assert len(weights) >= 36  # six layers of q, k, v, out, up, down, and the head
    worst = {name: int(np.abs(w.astype(np.int32)).max()) for name, w in weights.items()}
    assert max(worst.values()) <= LIMIT, {k: v for k, v in worst.items() if v > LIMIT}
    assert 2 * 255 * max(worst.values()) <= 32767


def _quantised_matmul(tmp_path: Path) -> tuple[Path, np.ndarray]:
    """A float MatMul with uneven channels, quantised per channel to int8 as Mend exports."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    rng = np.random.default_rng(3)
    w = (rng.standard_normal((64, 8)) * np.linspace(0.05, 2.0, 8)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 64])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 8])],
        [numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    fp32, q8 = tmp_path / "fp32.onnx", tmp_path / "q8.onnx"
    onnx.save(model, str(fp32))
    quantize_dynamic(str(fp32), str(q8), per_channel=True, weight_type=QuantType.QInt8)
    return q8, w


def _run(model, x: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    out: np.ndarray = session.run(None, {"x": x})[0]
    return out


def test_seven_bit_keeps_each_channel_close_to_the_float_weights(tmp_path):
    q8_path, w = _quantised_matmul(tmp_path)
    model = onnx.load(str(q8_path))
    before = _matmul_weights(model)
    assert max(int(np.abs(v.astype(np.int32)).max()) for v in before.values()) == 127

    assert seven_bit(model) == 1
    after = _matmul_weights(model)
    for name, v in after.items():
        peaks = np.abs(v.astype(np.int32)).max(axis=0)
        assert (peaks == LIMIT).all(), name  # every channel uses the seven-bit range
    x = np.random.default_rng(4).standard_normal((16, 64)).astype(np.float32)
    exact = x @ w
    got = _run(model, x)
    # One part in 64 of each channel's peak weight, over 64 products: well within 5% here.
    assert np.abs(got - exact).max() <= 0.05 * np.abs(exact).max()
    assert np.corrcoef(got.ravel(), exact.ravel())[0, 1] > 0.999
    assert seven_bit(model) == 0  # already within range: nothing to do
