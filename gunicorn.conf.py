"""Gunicorn settings for production (``gunicorn namdong_jobs.wsgi`` reads this file).

``limit_request_line = 0`` (no limit, gunicorn's own range is 0–8190 bytes): a search URL
carries the keyword and every filter in its query string, and a long Korean keyword is 9
bytes a character once percent-encoded; the portal itself cuts the keyword to 100 characters
and says so, so an over-long address must reach Django rather than end in gunicorn's bare 400.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
limit_request_line = 0
accesslog = "-"
