"""Logging filters of the portal."""

import logging


class NoTracebackForClientErrors(logging.Filter):
    """Drop the traceback from Django's request log records of 4xx answers (403, 404, 405):
    a refused request is expected, one line says what happened; 5xx keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
