"""The parts of the matching benchmark (issue 6); ``bench/bench_matching.py`` is the entry point.

* :mod:`.reference`: codes read from the reference tables and weighted draws over them;
* :mod:`.db`: the scratch-database guard, COPY text format, bulk-load helpers, VACUUM;
* :mod:`.generate`: the COPY generator of seekers and its distributions;
* :mod:`.postings`: the bench employer and the narrow and broad postings;
* :mod:`.timing`: candidates count, reset, in-process match runs and the idempotency re-run;
* :mod:`.worker`: a real Celery worker running the match task, and its peak memory;
* :mod:`.naive`: the naive ORM loop and its comparison with the match rows.

The modules other than this one import Django models: import them only after
``django.setup()`` (the entry point sets the environment up first). Shared here: the
progress printer and the rounding of milliseconds.
"""


def progress(line: str) -> None:
    """Print ``line`` at once (the benchmark's progress on stdout)."""
    print(line, flush=True)


def ms(value: float) -> float:
    """Milliseconds rounded to one decimal, as the JSON line reports them."""
    return round(value, 1)
