"""The desk's list pages run a number of queries that does not grow with the rows they show
(issue 7 item 4 applies to every list page): the staff home, the resident search, the
resident record (notes, consents, applications and referrals), the access log and the staff
list. Each page is read with one row of everything, then with several more, and must run
the same number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import AccessAction
from accounts.services import access_log_write, consent_give
from jobs.models import ReferralMethod, today_kst
from jobs.services.desk.notes import note_add
from jobs.services.desk.referrals import referral_create
from tests.factories import JobPostingFactory, StaffMembershipFactory

from .conftest import make_walk_in

pytestmark = pytest.mark.django_db


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def resident_with_history(centre, staff):
    """A walk-in of ``centre`` with a paper consent, a note due today and a referral."""
    resident = make_walk_in(centre, name="김주민", registered_by=staff, wanted_occupations=["890"])
    for purpose in (ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION):
        consent_give(
            person=resident,
            purpose=purpose,
            method=ConsentMethod.PAPER,
            taken_by=staff,
            paper_form_version="2026-11-v1",
            paper_signed_on=today_kst(),
        )
    note_add(seeker=resident, staff=staff, content="상담", follow_up_on=today_kst())
    referral_create(staff=staff, seeker=resident, posting=JobPostingFactory(), method=ReferralMethod.LETTER)
    return resident


def test_home_search_and_record_do_not_grow_with_their_rows(client, centre_a, staff_a):
    first = resident_with_history(centre_a, staff_a)
    client.force_login(staff_a)
    record = reverse("desk:resident_detail", args=[first.pk])
    search = (reverse("desk:resident_search"), {"name": "김"})
    few = (queries(client, reverse("desk:home")), queries(client, *search), queries(client, record))
    for _ in range(4):
        resident_with_history(centre_a, staff_a)
    for _ in range(3):  # more notes and referrals on the same record
        note_add(seeker=first, staff=staff_a, content="다시 상담", follow_up_on=today_kst())
        referral_create(staff=staff_a, seeker=first, posting=JobPostingFactory(), method=ReferralMethod.PHONE)
    many = (queries(client, reverse("desk:home")), queries(client, *search), queries(client, record))
    assert many == few


def test_access_log_and_staff_list_do_not_grow_with_their_rows(client, district_staff, staff_a, centre_a):
    access_log_write(staff=staff_a, action=AccessAction.SEARCH, query="name=김○")
    client.force_login(district_staff)
    few = (queries(client, reverse("desk:access_log")), queries(client, reverse("desk:staff_list")))
    for _ in range(5):
        other = StaffMembershipFactory(centre=centre_a).user
        access_log_write(staff=other, action=AccessAction.VIEW, person=make_walk_in(centre_a))
    many = (queries(client, reverse("desk:access_log")), queries(client, reverse("desk:staff_list")))
    assert many == few
