"""The community-centre desk (issue 5), mounted at ``/desk/`` (namespace ``desk``): staff
home, walk-in registration, resident search and record, counselling notes, referrals,
the access log, staff accounts and bulk intake. Every page is for centre staff (district
staff included) and reaches residents only through :class:`.base.DeskMixin`, which scopes
them to the staff member's centre and writes the access log."""
