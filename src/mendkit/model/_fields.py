"""Reading the JSON contract back: every ``from_dict`` refuses bad data one way, with an
``InvalidInputError`` that says what was expected and which key is missing or wrong."""

from __future__ import annotations

import math
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
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise self._wrong(key, "a whole number", value)

    def optional_whole(self, key: str) -> int | None:
        return None if self.get(key) is None else self.whole(key)

    def number(self, key: str, default: float | None = None) -> float:
        value = self[key] if default is None else self.get(key, default)
        return self._finite(key, value)

    def optional_number(self, key: str) -> float | None:
        return None if self.get(key) is None else self.number(key)

    def flag(self, key: str, default: bool | None = None) -> bool:
        """A real boolean: the string "false" is not read as true."""
        value = self[key] if default is None else self.get(key, default)
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false", value)
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        """An optional list of strings, such as ``labels``."""
        values = self.items(key)
        if not all(isinstance(v, str) for v in values):
            raise self._wrong(key, "a list of str", values)
        return tuple(values)

    def wholes(self, key: str) -> tuple[int, ...]:
        """An optional list of whole numbers, such as ``rupture_turns``."""
        values = self.items(key)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise self._wrong(key, "a list of whole numbers", values)
        return tuple(values)

    def optional_str(self, key: str) -> str | None:
        value = self.get(key)
        if value is not None and not isinstance(value, str):
            raise self._wrong(key, "a str", value)
        return value

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
        return {str(name): self._finite(f"{key}.{name}", value)
                for name, value in self.mapping(key).items()}

    def _finite(self, key: str, value: object) -> float:
        """A finite number: NaN or infinity would come out as JSON no parser reads."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._wrong(key, "a finite number", value)
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float
            raise self._wrong(key, "a finite number", value) from None
        if not math.isfinite(number):
            raise self._wrong(key, "a finite number", value)
        return number

    def _wrong(self, key: str, expected: str, value: object) -> InvalidInputError:
        shown = repr(value) if len(repr(value)) <= 40 else type(value).__name__
        return InvalidInputError(f'expected {self.what} with "{key}" as {expected}, got {shown}')
