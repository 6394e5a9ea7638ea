"""Services of the community-centre desk (issue 5), by meaning: ``registration`` (walk-in
residents), ``notes`` (counselling notes and follow-ups), ``referrals`` (취업알선 and
outcomes), ``intake`` (bulk upload), ``home`` (what the staff home lists). Import the
modules directly, e.g. ``from jobs.services.desk.notes import note_add``."""
