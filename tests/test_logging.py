"""Request logging: a refused request (403/404) is one line without a traceback, printed once;
a server error keeps its traceback."""

import logging

from namdong_jobs.log_filters import NoTracebackForClientErrors


def record(status):
    try:
        raise PermissionError("x")
    except PermissionError:
        import sys

        exc_info = sys.exc_info()
    rec = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden: /x", (), exc_info)
    rec.status_code = status
    return rec


def test_client_errors_lose_the_traceback_server_errors_keep_it():
    f = NoTracebackForClientErrors()
    forbidden, error = record(403), record(500)
    assert f.filter(forbidden) and forbidden.exc_info is None
    assert f.filter(error) and error.exc_info is not None


def test_django_records_reach_one_handler(settings):
    from django.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == [] and django_logger.propagate
