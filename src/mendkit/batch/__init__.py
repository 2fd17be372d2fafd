"""``mend batch``: the one analysis engine over corpora, on local processes or a Dask cluster.

Conversations are the unit of work. The driver streams the input and cuts it into chunks of whole
conversations without parsing them (``inputs``); workers get a chunk's raw records and the
pipeline settings, never live objects, and parse, analyse and write it (``work``, ``parts``); the
driver registers finished chunks in input order (``sinks``), so the output is the same for one
process, many, or a Dask cluster (``runner``). ``convokit_adapter`` offers the engine as a
ConvoKit-shaped Transformer.
"""

from mendkit.batch.runner import BatchReport, BatchSettings, run_batch

__all__ = ["BatchReport", "BatchSettings", "run_batch"]
