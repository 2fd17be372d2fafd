"""``mend eval``: Mend's scoreboard on its own hand-labelled corpus (and, later, public benchmarks)."""

from mendkit.evaluation.corpus import Corpus, find_corpus, load_corpus
from mendkit.evaluation.metrics import EvalReport, evaluate

__all__ = ["Corpus", "EvalReport", "evaluate", "find_corpus", "load_corpus"]
