"""Learned components shipped inside the package (no download at run time, ever)."""

import os
from types import ModuleType


def onnxruntime() -> ModuleType:
    """onnxruntime, with its telemetry off. Some builds record a device id and usage events under
    ``~/.cache`` and try to send them to their maker; Mend sends nothing anywhere, so the switch is
    set before the first import (it is read then; later is too late)."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime as ort

    module: ModuleType = ort
    return module

