"""The coach's text plumbing: the prompter it talks through (the terminal, or a scripted list of
answers) and where help is shown, whenever the coach shows it.
"""

from __future__ import annotations

from typing import Protocol

from mendkit.analysis.safety import resources_for


class Prompter(Protocol):
    def ask(self, prompt: str) -> str: ...

    def say(self, text: str) -> None: ...

    def wait(self, seconds: float) -> None: ...


class NoMoreAnswers(Exception):
    """A scripted run ran out of answers: the session is saved where it stopped."""


# The heading over where help is, whenever the coach shows it (a web page shows them in its own
# help box after a risk check that came with them).
HELP_HEADING = "If you need someone now:"


def _show_resources(prompter: Prompter, region: str,
                    heading: str = HELP_HEADING, *,
                    kinds: tuple[str, ...] = (), images: bool = False,
                    young: bool = False, adult: bool = False) -> None:
    prompter.say(heading)
    for r in resources_for(region, kinds, images=images, young=young, adult=adult):
        prompter.say(f"- {r.name}: {r.contact}")
