"""The driver and the composer split into smaller modules: the new modules import on their own, the
names other code imports from ``driver`` and ``composer`` are still there (the very same objects),
and no part imports the driver or the composer back (no import cycle)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import mendkit.coach
from module_imports import imported

DRIVER_PARTS = ("prompter", "risk_check", "stops", "pauses", "step_answers", "draft_steps")
COMPOSER_PARTS = ("draft_parts", "answer_cleaning", "draft_screens", "draft_sentences",
                  "draft_address", "draft_grammar")
COACH = Path(mendkit.coach.__file__).parent


def _imported(module: str) -> set[str]:
    return imported(COACH / f"{module}.py")


@pytest.mark.parametrize("module", DRIVER_PARTS + COMPOSER_PARTS)
def test_each_part_imports_on_its_own_and_never_the_driver_or_the_composer(module: str) -> None:
    assert importlib.import_module(f"mendkit.coach.{module}").__doc__
    imported = _imported(module)
    assert "mendkit.coach.driver" not in imported
    if module in COMPOSER_PARTS:
        assert "mendkit.coach.composer" not in imported


@pytest.mark.parametrize("module", ["driver", "composer"])
def test_every_name_listed_is_importable_from_the_old_path(module: str) -> None:
    old = importlib.import_module(f"mendkit.coach.{module}")
    missing = [name for name in old.__all__ if not hasattr(old, name)]
    assert not missing


def test_the_old_paths_give_the_very_same_objects() -> None:
    from mendkit.coach import (
        composer,
        draft_grammar,
        draft_parts,
        draft_screens,
        draft_steps,
        driver,
        pauses,
        prompter,
        risk_check,
        step_answers,
        stops,
    )

    assert driver.NoMoreAnswers is prompter.NoMoreAnswers
    assert driver.stop_words is stops.stop_words
    assert driver.show_stop is stops.show_stop
    assert driver.back_at is pauses.back_at
    assert driver.review is draft_steps.review  # one cached critique for the review and accept
    assert driver.offered_draft is draft_steps.offered_draft
    assert driver.said_no_to_check is risk_check.said_no_to_check
    assert driver._UPTAKE is step_answers._UPTAKE
    assert driver._relationship is step_answers._relationship
    assert composer.DraftParts is draft_parts.DraftParts
    assert composer.left_out_notes is draft_screens.left_out_notes
    assert composer.tidy is draft_grammar.tidy


def test_what_other_modules_import_from_the_driver_or_the_composer_is_exported_there() -> None:
    """Names imported from ``driver`` or ``composer`` elsewhere in the package are in its
    ``__all__`` (mypy strict reads only those as exported)."""
    from mendkit.coach import composer, driver

    exported = {"mendkit.coach.driver": set(driver.__all__),
                "mendkit.coach.composer": set(composer.__all__)}
    package = COACH.parent
    used: dict[str, set[str]] = {name: set() for name in exported}
    for path in package.rglob("*.py"):
        if path.parent == COACH and path.stem in ("driver", "composer"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in exported:
                used[node.module].update(alias.name for alias in node.names)
    assert used["mendkit.coach.driver"] >= {"run", "start", "show_stop", "stop_words"}
    assert used["mendkit.coach.composer"] >= {"DraftParts", "tidy", "kept_as_written"}
    for module, names in used.items():
        assert names <= exported[module], (module, names - exported[module])
