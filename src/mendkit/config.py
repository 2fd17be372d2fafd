"""Settings: an explicit object built at the edge (the CLI, the web app) and passed down.

``MEND_HOME`` redirects the user data directory; ``MEND_REGION`` picks the crisis resources.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mendkit.analysis.safety import DEFAULT_REGION, resources_for


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    home: Path
    region: str = DEFAULT_REGION

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, region: str | None = None
    ) -> Settings:
        """Settings from the environment, with explicit values taking precedence.

        Raises ``ConfigError`` for a region Mend has no resources for.
        """
        env = os.environ if env is None else env
        home = Path(env.get("MEND_HOME") or Path.home() / ".local" / "share" / "mend")
        chosen = region or env.get("MEND_REGION") or DEFAULT_REGION
        resources_for(chosen)  # validates
        return cls(home=home, region=chosen)
