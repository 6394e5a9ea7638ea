"""Demo data for the job bank (``python manage.py seed_demo``): the vocabulary in
:mod:`jobs.demo.data`, the service in :mod:`jobs.demo.seed`."""
