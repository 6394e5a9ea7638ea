"""Views of the jobs app, one module or package per audience: ``public`` (search, detail, print),
``feeds``, ``manage`` (employer members and centre staff), ``moderation`` (district staff)."""
