"""Gunicorn settings for production (``gunicorn namdong_jobs.wsgi`` reads this file).

``limit_request_line = 0`` (no limit, gunicorn's own range is 0–8190 bytes): a search URL
carries the keyword and every filter in its query string, and a long Korean keyword is 9
bytes a character once percent-encoded; the portal itself cuts the keyword to 100 characters
and says so, so an over-long address must reach Django rather than end in gunicorn's bare 400.

``timeout = 60`` (gunicorn's default is 30 s): the slowest request the portal accepts is the
desk's bulk intake (``/desk/intake/``, district staff), which registers up to 1,000 residents
in one request. Measured on 2 CPUs with PostgreSQL alongside: a filled 1,000-row template
takes 9–13 s, reading the worst workbook the intake limits let through (10 MB unpacked of
blank rows, ``jobs.services.desk.intake_files``) about 4 s of CPU; 60 s leaves a margin of
three to four times for a busier server. A worker silent for longer is killed and restarted
(the upload then ends in a 502; rows already registered stay, each row being committed on
its own).

``post_worker_init`` freezes what the loaded application holds (``gc.freeze()``, Python 3.7+):
Django's modules, URL patterns, templates and reference data stay alive for the worker's
life, and a full garbage collection scanned them all every time it ran — a pause of about
45 ms every few dozen search pages (measured in ``bench/bench_search.py``'s process: one
search in three took 70 ms instead of 25). Frozen objects are left out of collections.
"""

import gc
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
limit_request_line = 0
timeout = 60  # seconds; the bulk intake's worst accepted upload with margin (see above)
accesslog = "-"


def post_worker_init(worker):
    """Freeze the objects of the loaded application (see above)."""
    gc.collect()
    gc.freeze()
