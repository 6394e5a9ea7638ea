"""Views of the jobs app, one module per audience (public, later employer, seeker, desk)."""
