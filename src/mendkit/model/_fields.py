"""Reading the JSON contract back: every ``from_dict`` refuses bad data one way, with an
``InvalidInputError`` that says what was expected and which key is missing or wrong."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mendkit.errors import InvalidInputError


class Fields:
    """The keys of one object being read, named ``what`` in errors ("an episode", "evidence")."""

    __slots__ = ("data", "what")

    def __init__(self, data: object, what: str) -> None:
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"expected {what} as an object, got {type(data).__name__}")
        self.data: Mapping[str, Any] = data
        self.what = what

    def __getitem__(self, key: str) -> Any:
        """A key the object must have."""
        try:
            return self.data[key]
        except KeyError:
            article = "an" if key[:1] in ("a", "e", "i", "o", "u") else "a"
            raise InvalidInputError(f'expected {self.what} with {article} "{key}" key') from None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def whole(self, key: str) -> int:
        value = self[key]
        try:
            return int(value)
        except (TypeError, ValueError):
            raise self._wrong(key, "a whole number", value) from None

    def number(self, key: str, default: float | None = None) -> float:
        value = self[key] if default is None else self.get(key, default)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise self._wrong(key, "a number", value) from None

    def items(self, key: str, *, required: bool = False) -> list[Any]:
        """A list; unless ``required``, a missing key or ``null`` is an empty one."""
        value = self[key] if required else self.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, (list, tuple)):
            raise self._wrong(key, "a list", value)
        return list(value)

    def mapping(self, key: str) -> Mapping[str, Any]:
        """An optional object (a missing key or ``null`` is an empty one)."""
        value = self.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self._wrong(key, "an object", value)
        return value

    def numbers(self, key: str) -> dict[str, float]:
        """An optional object of numbers, such as ``scores``."""
        out: dict[str, float] = {}
        for name, value in self.mapping(key).items():
            try:
                out[str(name)] = float(value)
            except (TypeError, ValueError):
                raise self._wrong(f"{key}.{name}", "a number", value) from None
        return out

    def _wrong(self, key: str, expected: str, value: object) -> InvalidInputError:
        shown = repr(value) if len(repr(value)) <= 40 else type(value).__name__
        return InvalidInputError(f'expected {self.what} with "{key}" as {expected}, got {shown}')
