"""Demo data for the job bank (``python manage.py seed_demo``): the vocabulary in
:mod:`jobs.demo.data` and :mod:`jobs.demo.roles`, the service in :mod:`jobs.demo.seed` (people in
:mod:`jobs.demo.people`, employers and postings in :mod:`jobs.demo.postings`)."""
