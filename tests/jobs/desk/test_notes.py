"""Counselling note pages (issue 5 item 5): writing a note (date, channel, content, next
action, follow-up date), marking a follow-up done, errors, scope and the access log."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import AccessAction, AccessLogEntry
from jobs.models import CounsellingNote, NoteChannel
from jobs.services.desk.notes import note_add
from tests.jobs.desk.conftest import make_walk_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(centre_a):
    return make_walk_in(centre_a, name="송미자")


def create_url(resident):
    return reverse("desk:note_create", args=[resident.pk])


def done_url(note):
    return reverse("desk:note_done", args=[note.pk])


def form_data(**overrides):
    data = {
        "noted_on": "2026-06-15",
        "channel": "phone",
        "content": "요양보호사 일자리 문의. 주 3일 오전 희망.",
        "next_action": "면접 일정 확인 전화",
        "follow_up_on": "2026-06-18",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_shows_the_resident_and_logs_a_view(client, resident, staff_a, manage_clock):
    client.force_login(staff_a)
    response = client.get(create_url(resident))
    assert response.status_code == 200
    html = response.content.decode()
    assert "송미자" in html and 'name="content"' in html and 'value="2026-06-15"' in html
    (entry,) = AccessLogEntry.objects.all()
    assert (entry.action, entry.person, entry.detail) == (AccessAction.VIEW, resident, "note_form")


def test_writing_a_note_saves_it_and_logs_one_edit(client, resident, staff_a, manage_clock):
    client.force_login(staff_a)
    response = client.post(create_url(resident), form_data(), REMOTE_ADDR="10.2.3.4")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:resident_detail", args=[resident.pk])
    note = CounsellingNote.objects.get()
    assert (note.seeker, note.staff, note.centre) == (resident, staff_a, staff_a.staff_centre)
    assert note.noted_on == datetime.date(2026, 6, 15)
    assert note.channel == NoteChannel.PHONE
    assert note.content == "요양보호사 일자리 문의. 주 3일 오전 희망."
    assert note.next_action == "면접 일정 확인 전화"
    assert note.follow_up_on == datetime.date(2026, 6, 18)
    (entry,) = AccessLogEntry.objects.all()
    assert (entry.action, entry.person, entry.detail, entry.ip) == (AccessAction.EDIT, resident, "note", "10.2.3.4")
    page = client.get(response["Location"]).content.decode()
    assert "상담 기록을 저장했습니다" in page and "요양보호사 일자리 문의" in page


def test_next_action_and_follow_up_are_optional(client, resident, staff_a, manage_clock):
    client.force_login(staff_a)
    client.post(create_url(resident), form_data(next_action="", follow_up_on=""))
    note = CounsellingNote.objects.get()
    assert note.next_action == "" and note.follow_up_on is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"content": "   "}, "상담 내용을 적어 주세요."),
        ({"content": "가" * 2001}, "2000자 이내"),
        ({"channel": "email"}, "상담 방법을 골라 주세요."),
        ({"noted_on": "2026-06-16"}, "오늘이나 그 전"),
        ({"noted_on": "어제"}, "2026-07-01 처럼"),
        ({"follow_up_on": "2026-06-01"}, "상담 날짜와 같거나 그 뒤여야 합니다"),
        ({"noted_on": "0001-01-01"}, "최근 1년 안"),
        ({"noted_on": "2025-06-13"}, "최근 1년 안"),
        ({"follow_up_on": "2028-01-01"}, "1년 안"),
        ({"next_action": "나" * 301}, "300자 이내"),
    ],
)
def test_bad_input_is_refused_with_a_korean_message(client, resident, staff_a, manage_clock, overrides, message):
    client.force_login(staff_a)
    response = client.post(create_url(resident), form_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="error-summary"' in html
    assert not CounsellingNote.objects.exists()
    assert [e.action for e in AccessLogEntry.objects.all()] == [AccessAction.VIEW]


def test_the_note_date_may_go_back_a_year_and_the_follow_up_be_the_same_day(resident, staff_a, manage_clock):
    oldest = datetime.date(2025, 6, 14)  # 2026-06-15 less NOTED_ON_MAX_BACK (366 days)
    note = note_add(seeker=resident, staff=staff_a, content="작년 방문 기록", noted_on=oldest, follow_up_on=oldest)
    assert (note.noted_on, note.follow_up_on) == (oldest, oldest)
    with pytest.raises(ValidationError) as caught:
        note_add(seeker=resident, staff=staff_a, content="상담", noted_on=oldest - datetime.timedelta(days=1))
    assert caught.value.message_dict == {"noted_on": ["상담 날짜는 최근 1년 안이어야 합니다. 날짜를 확인해 주세요."]}
    assert CounsellingNote.objects.count() == 1


def test_a_nul_character_does_not_fail(client, resident, staff_a, manage_clock):
    client.force_login(staff_a)
    response = client.post(create_url(resident), form_data(content="a\x00b"))
    assert response.status_code in (200, 302)


def test_marking_a_follow_up_done(client, resident, staff_a, manage_clock):
    note = note_add(seeker=resident, staff=staff_a, content="전화 상담", follow_up_on=datetime.date(2026, 6, 15))
    before = AccessLogEntry.objects.count()
    client.force_login(staff_a)
    response = client.post(done_url(note), {"next": "home"}, REMOTE_ADDR="10.5.5.5")
    assert response.status_code == 302 and response["Location"] == reverse("desk:home")
    note.refresh_from_db()
    assert note.follow_up_done_at is not None
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.action, entry.person, entry.detail, entry.ip) == (AccessAction.EDIT, resident, "note", "10.5.5.5")
    # twice: nothing changes, no second row, back to the record by default
    again = client.post(done_url(note))
    assert again["Location"] == reverse("desk:resident_detail", args=[resident.pk])
    assert AccessLogEntry.objects.count() == before + 1


def test_done_is_post_only(client, resident, staff_a, manage_clock):
    note = note_add(seeker=resident, staff=staff_a, content="상담", follow_up_on=datetime.date(2026, 6, 16))
    client.force_login(staff_a)
    assert client.get(done_url(note)).status_code == 405
    note.refresh_from_db()
    assert note.follow_up_done_at is None


def test_another_centre_gets_404_for_both_pages(client, resident, staff_a, staff_b, manage_clock):
    note = note_add(seeker=resident, staff=staff_a, content="상담", follow_up_on=datetime.date(2026, 6, 16))
    before = AccessLogEntry.objects.count()
    client.force_login(staff_b)
    assert client.get(create_url(resident)).status_code == 404
    assert client.post(create_url(resident), form_data()).status_code == 404
    assert client.post(done_url(note)).status_code == 404
    assert CounsellingNote.objects.count() == 1
    note.refresh_from_db()
    assert note.follow_up_done_at is None
    assert AccessLogEntry.objects.count() == before


def test_district_staff_may_write_notes_for_any_centre(client, resident, district_staff, manage_clock):
    client.force_login(district_staff)
    assert client.post(create_url(resident), form_data()).status_code == 302
    note = CounsellingNote.objects.get()
    assert note.centre == district_staff.staff_centre
    assert client.post(done_url(note)).status_code == 302


def test_who_may_use_the_note_pages(client, resident, staff_a, seeker_user, employer_member, manage_clock):
    note = note_add(seeker=resident, staff=staff_a, content="상담", follow_up_on=datetime.date(2026, 6, 16))
    for method, url in (("get", create_url(resident)), ("post", create_url(resident)), ("post", done_url(note))):
        client.logout()
        response = getattr(client, method)(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
        for user in (seeker_user, employer_member):
            client.force_login(user)
            assert getattr(client, method)(url).status_code == 403
    assert CounsellingNote.objects.count() == 1
