"""``mend batch``: the one analysis engine over corpora, on local processes or a Dask cluster.

Conversations are the unit of work. Inputs stream in (``inputs``), chunks of conversations go to
workers that hold the pipeline settings, never live objects (``work``), and results are written in
input order (``sinks``), so the output is the same for one process, many, or a Dask cluster.
"""

from mendkit.batch.runner import BatchReport, BatchSettings, run_batch

__all__ = ["BatchReport", "BatchSettings", "run_batch"]
