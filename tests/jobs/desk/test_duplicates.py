"""Duplicate detection at registration (issue 5 item 3): the same phone, or the same name and
birth year, at any centre or among online sign-ups, is shown masked (initial, birth year,
centre); at the same centre with a link to open the record, across centres with a sentence to
ask the district staff for a transfer. Full names and numbers of other records never reach the
page. Family members sharing a phone are registered after the warning is acknowledged. Editing
a record checks the same when the phone, name or birth year really changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry, SeekerProfile
from accounts.services import (
    DuplicateHint,
    DuplicateResident,
    resident_duplicates,
    resident_register,
    resident_update,
)
from tests.factories import SeekerProfileFactory, UserFactory

from .conftest import make_walk_in
from .test_registration_pages import URL, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

TODAY = datetime.date(2026, 6, 15)


def register(staff, **overrides):
    values = {
        "staff": staff,
        "name": "김영수",
        "birth_year": 1958,
        "phone": "010-7777-8888",
        "consents": ["collection"],
        "paper_form_version": "2026-1",
        "paper_signed_on": TODAY,
    }
    values.update(overrides)
    return resident_register(**values)


# ---- the service ---------------------------------------------------------------------------------


def test_the_same_phone_at_another_centre_is_a_masked_hint(staff_a, centre_b):
    other = make_walk_in(centre_b, name="김영희", birth_year=1960, phone="+821077778888")
    hints = resident_duplicates(staff=staff_a, name="박민수", birth_year=1970, phone="010 7777 8888")
    assert hints == [
        DuplicateHint(
            profile_id=other.pk,
            masked_name="김○○",
            birth_year=1960,
            centre_name="만수1동 행정복지센터",
            same_centre=False,
            reasons=("phone",),
        )
    ]


def test_the_same_name_and_birth_year_at_the_same_centre(staff_a, centre_a):
    mine = make_walk_in(centre_a, name="홍길동", birth_year=1960)
    hints = resident_duplicates(staff=staff_a, name=" 홍 길동 ", birth_year=1960)
    assert [(h.profile_id, h.masked_name, h.same_centre, h.reasons) for h in hints] == [
        (mine.pk, "홍○○", True, ("name_birth_year",))
    ]
    assert resident_duplicates(staff=staff_a, name="홍길동", birth_year=1961) == []


def test_both_reasons_and_online_sign_ups(staff_a):
    online = SeekerProfileFactory(user=UserFactory(phone="+821077778888"), name="김영수", birth_year=1958, phone="")
    (hint,) = resident_duplicates(staff=staff_a, name="김영수", birth_year=1958, phone="01077778888")
    assert (hint.profile_id, hint.centre_name, hint.same_centre) == (online.pk, "온라인 가입", False)
    assert hint.reasons == ("phone", "name_birth_year")


def test_district_staff_may_open_every_hint(district_staff, centre_a, centre_b):
    a = make_walk_in(centre_a, phone="+821077778888")
    b = make_walk_in(centre_b, phone="+821077778888")
    hints = resident_duplicates(staff=district_staff, phone="010-7777-8888")
    assert [(h.profile_id, h.same_centre) for h in hints] == [(a.pk, True), (b.pk, True)]


def test_own_centre_hints_come_first(staff_b, centre_a, centre_b):
    a = make_walk_in(centre_a, phone="+821077778888")
    b = make_walk_in(centre_b, phone="+821077778888")
    hints = resident_duplicates(staff=staff_b, phone="010-7777-8888")
    assert [(h.profile_id, h.same_centre) for h in hints] == [(b.pk, True), (a.pk, False)]


def test_erased_records_and_malformed_input_match_nothing(staff_a, centre_a):
    make_walk_in(centre_a, name="홍길동", birth_year=1960, phone="+821077778888", erased_at=timezone.now())
    assert resident_duplicates(staff=staff_a, name="홍길동", birth_year=1960, phone="010-7777-8888") == []
    make_walk_in(centre_a, name="이순신", birth_year=1960, phone="")
    assert resident_duplicates(staff=staff_a) == []
    assert resident_duplicates(staff=staff_a, name="이순신", birth_year="19x0", phone="02-123-4567") == []
    assert resident_duplicates(staff=staff_a, name="", birth_year=1960, phone="") == []


def test_registration_is_refused_with_the_hints(staff_a, centre_b):
    other = make_walk_in(centre_b, phone="+821077778888")
    with pytest.raises(DuplicateResident) as caught:
        register(staff_a)
    assert isinstance(caught.value, ValidationError)
    assert [h.profile_id for h in caught.value.hints] == [other.pk]
    assert SeekerProfile.objects.count() == 1
    assert not AccessLogEntry.objects.exists()


def test_family_members_sharing_a_phone_are_registered_after_the_warning(staff_a, centre_a):
    parent = make_walk_in(centre_a, name="김철수", birth_year=1950, phone="+821077778888")
    with pytest.raises(DuplicateResident):
        register(staff_a, name="김영수", birth_year=1958)
    child = register(staff_a, name="김영수", birth_year=1958, allow_duplicate=True)
    assert child.pk != parent.pk
    assert SeekerProfile.objects.filter(phone="+821077778888").count() == 2


# ---- the page ------------------------------------------------------------------------------------


def test_a_same_centre_record_is_offered_to_open(client, staff_a, centre_a):
    mine = make_walk_in(centre_a, name="김영희", birth_year=1960, phone="+821077778888")
    client.force_login(staff_a)
    response = client.post(URL, form_data(name="김영수", birth_year="1958", phone="010-7777-8888"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "같은 사람으로 보이는 기록이 이미 있습니다" in html
    assert "김○○" in html and "1960년생" in html and "구월1동 행정복지센터" in html and "같은 휴대전화번호" in html
    assert f'href="{reverse("desk:resident_detail", args=[mine.pk])}"' in html
    assert "동일인이 아님을 확인했습니다 (가족이 같은 번호를 쓰는 경우 등)" in html
    assert "김영희" not in html  # the other record's full name
    assert SeekerProfile.objects.count() == 1
    log = AccessLogEntry.objects.get()
    assert (log.staff, log.action, log.person, log.query, log.listed_ids) == (
        staff_a,
        "search",
        None,
        "duplicate_check",
        [mine.pk],
    )


def test_another_centres_record_says_to_ask_the_district(client, staff_a, centre_b):
    other = make_walk_in(centre_b, name="홍길동", birth_year=1958, phone="+821055556666")
    client.force_login(staff_a)
    response = client.post(URL, form_data(name="홍길동", birth_year="1958", phone=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "홍○○" in html and "1958년생" in html and "만수1동 행정복지센터" in html and "같은 이름과 출생 연도" in html
    assert "구청 일자리센터에 기록을 이 센터로 옮겨 달라고(이관) 요청해 주세요." in html
    assert reverse("desk:resident_detail", args=[other.pk]) not in html
    for leaked in ("010-5555-6666", "01055556666", "+821055556666", "5555-6666"):
        assert leaked not in html
    assert SeekerProfile.objects.count() == 1
    assert list(AccessLogEntry.objects.values_list("action", "listed_ids")) == [("search", [other.pk])]


def test_acknowledging_the_warning_registers(client, staff_a, centre_a):
    make_walk_in(centre_a, name="김철수", birth_year=1950, phone="+821077778888")
    client.force_login(staff_a)
    data = form_data(name="김영수", birth_year="1958", phone="010-7777-8888")
    assert client.post(URL, data).status_code == 200
    response = client.post(URL, {**data, "allow_duplicate": "on"})
    assert response.status_code == 302
    created = SeekerProfile.objects.get(name="김영수")
    assert response["Location"] == reverse("desk:resident_detail", args=[created.pk])
    assert AccessLogEntry.objects.filter(action="edit", detail="register", person=created).count() == 1


def test_uploaded_files_are_asked_again_after_a_warning(client, staff_a, centre_a):
    from tests.accounts.document_files import PDF

    from .test_registration import upload

    make_walk_in(centre_a, phone="+821077778888")
    client.force_login(staff_a)
    response = client.post(URL, form_data(phone="010-7777-8888", paper_scan=upload(PDF)))
    assert "올린 파일(동의서 스캔, 보호자 동의서)은 다시 골라 주세요." in response.content.decode()


# ---- editing a record: the same check when the phone, name or birth year changes ------------------


def edit_url(resident) -> str:
    return reverse("desk:resident_edit", args=[resident.pk])


def test_an_edit_to_another_residents_phone_is_refused_with_the_hints(staff_a, centre_a, centre_b):
    other = make_walk_in(centre_b, name="김영희", birth_year=1960, phone="+821077778888")
    mine = make_walk_in(centre_a, name="박민수", birth_year=1970, phone="+821011112222", notify_channels=["sms"])
    with pytest.raises(DuplicateResident) as caught:
        resident_update(profile=mine, staff=staff_a, phone="010-7777-8888", wanted_days=["SAT"])
    assert [(h.profile_id, h.masked_name, h.same_centre, h.reasons) for h in caught.value.hints] == [
        (other.pk, "김○○", False, ("phone",))
    ]
    assert "다시 저장해 주세요" in caught.value.messages[0]
    assert (mine.phone, mine.wanted_days) == ("+821011112222", [])  # the object keeps its former values
    mine.refresh_from_db()
    assert (mine.phone, mine.wanted_days) == ("+821011112222", [])
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("before", "changes"),
    [
        ({"name": "홍길순", "birth_year": 1960}, {"name": "홍 길동"}),  # the name (spaces ignored)
        ({"name": "홍길동", "birth_year": 1961}, {"birth_year": 1960}),  # the birth year
    ],
)
def test_an_edit_to_another_residents_name_and_birth_year_is_refused(staff_a, centre_a, before, changes):
    other = make_walk_in(centre_a, name="홍길동", birth_year=1960)
    mine = make_walk_in(centre_a, **before)
    with pytest.raises(DuplicateResident) as caught:
        resident_update(profile=mine, staff=staff_a, **changes)
    assert [(h.profile_id, h.same_centre, h.reasons) for h in caught.value.hints] == [
        (other.pk, True, ("name_birth_year",))
    ]
    mine.refresh_from_db()
    assert (mine.name, mine.birth_year) == (before["name"], before["birth_year"])


def test_an_edit_that_keeps_phone_name_and_birth_year_is_not_checked(staff_a, centre_a):
    parent = make_walk_in(centre_a, name="김철수", birth_year=1950, phone="+821077778888")
    child = make_walk_in(centre_a, name="김영수", birth_year=1958, phone="+821077778888")  # registered after a warning
    make_walk_in(centre_a, name="김영수", birth_year=1958, phone="")  # another 김영수 1958, acknowledged too
    # the same values in other spellings are no change
    resident_update(profile=child, staff=staff_a, name=" 김영수 ", birth_year="1958", phone="010 7777 8888")
    resident_update(profile=child, staff=staff_a, wanted_days=["MON"])
    child.refresh_from_db()
    assert child.wanted_days == ["MON"]
    # a new name is checked against names only: the shared phone was acknowledged already
    resident_update(profile=child, staff=staff_a, name="김영민")
    child.refresh_from_db()
    assert child.name == "김영민" and parent.phone == child.phone
    assert AccessLogEntry.objects.filter(person=child, action="edit", detail="profile").count() == 3


def test_an_acknowledged_edit_is_saved(staff_a, centre_a):
    make_walk_in(centre_a, name="김철수", birth_year=1950, phone="+821077778888")
    mine = make_walk_in(centre_a, name="김영수", birth_year=1958, phone="")
    resident_update(profile=mine, staff=staff_a, phone="010-7777-8888", allow_duplicate=True)
    mine.refresh_from_db()
    assert mine.phone == "+821077778888"
    assert SeekerProfile.objects.filter(phone="+821077778888").count() == 2


def test_a_claimed_walk_ins_name_change_is_checked_too(district_staff, centre_a, centre_b):
    """A walk-in who claimed an online account keeps its centre and stays editable at the desk
    (an online sign-up is not: test_resident_edit.py)."""
    other = make_walk_in(centre_b, name="이순신", birth_year=1980)
    online = SeekerProfileFactory(
        user=UserFactory(phone="+821011112222"), registered_centre=centre_a, name="이순자", birth_year=1980
    )
    with pytest.raises(DuplicateResident) as caught:
        resident_update(profile=online, staff=district_staff, name="이순신")
    assert [h.profile_id for h in caught.value.hints] == [other.pk]


def test_the_edit_page_shows_the_masked_warning_and_saves_after_it(client, staff_a, centre_a, centre_b):
    other = make_walk_in(centre_b, name="김영희", birth_year=1960, phone="+821077778888")
    mine = make_walk_in(centre_a, name="박민수", birth_year=1970, phone="+821011112222")
    client.force_login(staff_a)
    data = {
        "name": "박민수",
        "birth_year": "1970",
        "phone": "010-7777-8888",
        "home_dong": "2820051000",
        "wanted_wage_unit": "hour",
    }
    assert 'name="allow_duplicate"' not in client.get(edit_url(mine)).content.decode()
    response = client.post(edit_url(mine), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>박민수 님 기록 고치기</h1>" in html
    assert "같은 사람으로 보이는 기록이 이미 있습니다" in html
    assert "김○○" in html and "1960년생" in html and "만수1동 행정복지센터" in html and "같은 휴대전화번호" in html
    assert "구청 일자리센터에 기록을 이 센터로 옮겨 달라고(이관) 요청해 주세요." in html
    assert "체크하고 다시 저장하세요." in html
    assert "동일인이 아님을 확인했습니다 (가족이 같은 번호를 쓰는 경우 등)" in html and 'name="allow_duplicate"' in html
    assert "김영희" not in html and reverse("desk:resident_detail", args=[other.pk]) not in html
    mine.refresh_from_db()
    assert mine.phone == "+821011112222"
    rows = list(
        AccessLogEntry.objects.order_by("id").values_list("action", "person_id", "detail", "query", "listed_ids")
    )
    assert rows == [
        ("view", mine.pk, "record", "", []),  # the GET
        ("view", mine.pk, "record", "", []),
        ("search", None, "profile", "duplicate_check", [other.pk]),
    ]

    response = client.post(edit_url(mine), {**data, "allow_duplicate": "on"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.phone == "+821077778888"
    assert AccessLogEntry.objects.order_by("id").last().detail == "profile"


def test_the_edit_page_offers_a_same_centre_record_to_open(client, staff_a, centre_a):
    other = make_walk_in(centre_a, name="홍길동", birth_year=1960, phone="")
    mine = make_walk_in(centre_a, name="홍길순", birth_year=1960, phone="")
    client.force_login(staff_a)
    data = {"name": "홍길동", "birth_year": "1960", "phone": "", "home_dong": "2820051000", "wanted_wage_unit": "hour"}
    html = client.post(edit_url(mine), data).content.decode()
    assert "같은 이름과 출생 연도" in html
    assert f'href="{reverse("desk:resident_detail", args=[other.pk])}"' in html
    mine.refresh_from_db()
    assert mine.name == "홍길순"
