"""Seeker pages (issue 4 items 5–7): applying online from a posting, saving postings, and
"my page" (``/my/``) with the seeker's applications, saved postings and postings that fit.

Every page is for signed-in seekers (:class:`.access.SeekerRequiredMixin`: anonymous
visitors go to the login page, anyone without a seeker profile gets 403); applications are
looked up among the seeker's own, so someone else's is a 404. The rules live in
``jobs.services.applications`` and ``jobs.services.application_status``.

* :mod:`.access`: who may use the pages;
* :mod:`.context`: what the public posting page shows a seeker (applied? saved?);
* :mod:`.apply`: the apply form and saving a posting;
* :mod:`.mypage`: my page, one application, withdrawing.

The package imports none of its modules, so that the public posting page can use
:mod:`.context` without importing the seeker views (which use the public page's helpers).
"""
