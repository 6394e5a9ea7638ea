"""A resident's data rights and the desk (DESIGN.md "Privacy"): erasure blanks the texts of
counselling notes and keeps their dates, channel and centre; referrals and the access log
keep their rows; the data export has ``counselling_notes`` and ``referrals`` sections."""

import datetime
import json

import pytest

from accounts.models import AccessAction, AccessLogEntry
from accounts.services import access_log_write, person_erase
from accounts.services.privacy_export import personal_data_export
from jobs.choices import ApplicationChannel, ApplicationStatus
from jobs.models import CounsellingNote, NoteChannel, Referral, ReferralMethod
from jobs.services.desk.notes import note_add
from tests.factories import ApplicationFactory, JobPostingFactory
from tests.jobs.desk.conftest import make_walk_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(centre_a):
    return make_walk_in(centre_a, name="윤정희", phone="+821077778888")


@pytest.fixture
def note(resident, staff_a, manage_clock):
    return note_add(
        seeker=resident,
        staff=staff_a,
        content="윤정희 님, 허리 수술 이력 있어 가벼운 일 희망",
        channel=NoteChannel.PHONE,
        noted_on=datetime.date(2026, 6, 10),
        next_action="010-7777-8888로 면접 결과 확인",
        follow_up_on=datetime.date(2026, 6, 20),
    )


@pytest.fixture
def referral(resident, staff_a):
    posting = JobPostingFactory(title="아파트 경비원 모집")
    application = ApplicationFactory(
        seeker=resident, posting=posting, channel=ApplicationChannel.REFERRAL, status=ApplicationStatus.HIRED
    )
    return Referral.objects.create(
        application=application,
        staff=staff_a,
        centre=staff_a.staff_centre,
        method=ReferralMethod.ACCOMPANY,
        interview_at=datetime.datetime(2026, 6, 12, 5, 0, tzinfo=datetime.UTC),
        outcome_on=datetime.date(2026, 6, 14),
        outcome_by=staff_a,
    )


def test_erasure_blanks_note_texts_and_keeps_the_rest(resident, note, referral, staff_a, manage_clock):
    person_erase(profile=resident, reason="request")
    note.refresh_from_db()
    assert note.content == "" and note.next_action == ""
    assert note.noted_on == datetime.date(2026, 6, 10)
    assert note.channel == NoteChannel.PHONE
    assert note.centre == staff_a.staff_centre and note.staff == staff_a
    assert note.follow_up_on == datetime.date(2026, 6, 20)
    # the tombstone's follow-up no longer shows on any home
    assert not CounsellingNote.objects.follow_ups_due(datetime.date(2026, 7, 1)).exists()


def test_erasure_keeps_referrals_and_the_access_log(resident, note, referral, staff_a, manage_clock):
    access_log_write(staff=staff_a, action=AccessAction.VIEW, person=resident, detail="record")
    before = list(AccessLogEntry.objects.filter(person=resident).values_list("pk", "action", "detail"))
    person_erase(profile=resident, reason="request")
    kept = Referral.objects.get(pk=referral.pk)
    assert (kept.method, kept.centre, kept.staff, kept.outcome_on) == (
        ReferralMethod.ACCOMPANY,
        staff_a.staff_centre,
        staff_a,
        datetime.date(2026, 6, 14),
    )
    assert kept.application.status == ApplicationStatus.HIRED
    assert list(AccessLogEntry.objects.filter(person=resident).values_list("pk", "action", "detail")) == before


def test_erasure_leaves_other_residents_notes_alone(resident, note, centre_a, staff_a, manage_clock):
    other = make_walk_in(centre_a)
    kept = note_add(seeker=other, staff=staff_a, content="다른 주민 상담")
    person_erase(profile=resident, reason="request")
    kept.refresh_from_db()
    assert kept.content == "다른 주민 상담"


def test_the_export_has_the_notes_and_referrals(resident, note, referral, staff_a, manage_clock):
    export = personal_data_export(profile=resident)
    json.dumps(export)  # serialisable
    assert export["counselling_notes"] == [
        {
            "noted_on": "2026-06-10",
            "channel": {"code": "phone", "label": "전화"},
            "content": "윤정희 님, 허리 수술 이력 있어 가벼운 일 희망",
            "next_action": "010-7777-8888로 면접 결과 확인",
            "follow_up_on": "2026-06-20",
            "follow_up_done_at": None,
            "centre": "구월1동 행정복지센터",
            "written_at": note.created_at.isoformat(),
        }
    ]
    (item,) = export["referrals"]
    assert item == {
        "application_id": referral.application_id,
        "posting": {
            "id": referral.application.posting_id,
            "title": "아파트 경비원 모집",
            "employer": referral.application.posting.employer.name,
        },
        "centre": "구월1동 행정복지센터",
        "method": {"code": "accompany", "label": "동행면접"},
        "referred_at": referral.created_at.isoformat(),
        "interview_at": "2026-06-12T05:00:00+00:00",
        "outcome": {"code": "hired", "label": "채용"},
        "outcome_on": "2026-06-14",
    }
    # the staff member is not named (their own personal data)
    assert staff_a.name not in json.dumps(export["counselling_notes"] + export["referrals"], ensure_ascii=False)


def test_the_export_sections_are_empty_lists_without_notes_or_referrals(resident):
    export = personal_data_export(profile=resident)
    assert export["counselling_notes"] == [] and export["referrals"] == []
