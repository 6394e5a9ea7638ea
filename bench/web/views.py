"""The ceiling of the page benchmark: a Django view on the same stack (gunicorn, settings,
middleware) that returns a page of the same size as the portal's pages without touching the
database or rendering a template. Whatever a page of the portal costs beyond this is its own
work (queries, rendering)."""

import os
from pathlib import Path

from django.http import HttpResponse

_body: bytes | None = None


def ceiling(request):
    """The page the benchmark saved (``NJ_BENCH_CEILING_FILE``), read once per process."""
    global _body
    if not _body:
        _body = Path(os.environ["NJ_BENCH_CEILING_FILE"]).read_bytes()
    return HttpResponse(_body, content_type="text/html; charset=utf-8")
