"""The ``mend`` command line: a thin driver over the engine. Heavy modules are imported lazily."""
