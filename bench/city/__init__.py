"""The parts of the city-scale generator (issue 7); ``bench/generate_city.py`` is the entry point.

* :mod:`.vocabulary`: Korean job vocabulary (KECO names from ``reference_occupation``, the
  demo roles, and the real listings in ``NJ_SHARED_DATA`` read at run time), particles;
* :mod:`.employers`: employer owner accounts, employers, their members and certifications;
* :mod:`.postings`: 200,000 postings with their derived search and wage fields computed by the
  model's own code (:meth:`jobs.models.JobPosting.refresh_derived_fields`);
* :mod:`.applications`: applications and their status histories.

Seekers come from the matching benchmark's generator (:func:`bench.matching.generate.generate`).
Every module but this one imports Django models: import them after ``django.setup()``.
"""
