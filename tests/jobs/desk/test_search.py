"""Resident search of the desk (issue 5 item 4): scope, masked lists, search by name, phone
and dong, pagination, malformed parameters and the access-log ``search`` row."""

import pytest
from django.urls import reverse

from accounts.models import AccessAction, AccessLogEntry
from namdong_jobs.reference.models import Dong
from tests.jobs.desk.conftest import make_walk_in

pytestmark = pytest.mark.django_db

URL = reverse("desk:resident_search")


def search(client, staff, **params):
    client.force_login(staff)
    return client.get(URL, params, REMOTE_ADDR="10.1.2.3")


def listed(response) -> list[int]:
    return [r.pk for r in response.context["residents"]]


def test_centre_staff_find_only_their_centres_residents(client, centre_a, centre_b, staff_a):
    ours = make_walk_in(centre_a, name="김영희")
    make_walk_in(centre_b, name="김영수")
    response = search(client, staff_a, name="김영")
    assert response.status_code == 200
    assert listed(response) == [ours.pk]


def test_district_staff_find_residents_of_every_centre(client, centre_a, centre_b, district_staff):
    a = make_walk_in(centre_a, name="김영희")
    b = make_walk_in(centre_b, name="김영수")
    response = search(client, district_staff, name="김영")
    assert listed(response) == [b.pk, a.pk]  # by name: 김영수 < 김영희
    assert "만수1동 행정복지센터" in response.content.decode()


def test_the_list_masks_phone_numbers(client, centre_a, staff_a):
    make_walk_in(centre_a, name="박민수", phone="+821098765432")
    html = search(client, staff_a, name="박민수").content.decode()
    assert "010-****-5432" in html
    assert "010-9876-5432" not in html
    assert "+821098765432" not in html
    assert "9876" not in html


@pytest.mark.parametrize(
    "typed",
    ["010-9876-5432", "01098765432", "+82 10 9876 5432", "010 9876", "5432", "9876-5432", "０１０９８７６５４３２"],
)
def test_search_by_phone_in_any_spelling(client, centre_a, staff_a, typed):
    wanted = make_walk_in(centre_a, phone="+821098765432")
    make_walk_in(centre_a, phone="+821011112222")
    assert listed(search(client, staff_a, phone=typed)) == [wanted.pk]


def test_phone_with_too_few_digits_is_refused_on_the_form(client, centre_a, staff_a):
    make_walk_in(centre_a)
    response = search(client, staff_a, phone="12")
    assert response.status_code == 200
    assert response.context["searched"] is False
    assert "4자리 이상" in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_search_by_dong(client, centre_a, staff_a):
    guwol = make_walk_in(centre_a, name="가")
    nonhyeon = Dong.objects.get(name="논현고잔동")
    other = make_walk_in(centre_a, name="나", home_dong=nonhyeon)
    assert listed(search(client, staff_a, dong=nonhyeon.code)) == [other.pk]
    assert listed(search(client, staff_a, dong=centre_a.dong.code)) == [guwol.pk]


def test_criteria_combine(client, centre_a, staff_a):
    nonhyeon = Dong.objects.get(name="논현고잔동")
    make_walk_in(centre_a, name="이순자", home_dong=nonhyeon, phone="+821033334444")
    wanted = make_walk_in(centre_a, name="이순자", phone="+821055556666")
    assert listed(search(client, staff_a, name="순자", dong=centre_a.dong.code, phone="6666")) == [wanted.pk]


def test_search_writes_one_search_row_with_query_and_listed_ids(client, centre_a, staff_a):
    first = make_walk_in(centre_a, name="최가")
    second = make_walk_in(centre_a, name="최나")
    make_walk_in(centre_a, name="한다")
    search(client, staff_a, name="최", dong=centre_a.dong.code)
    (entry,) = AccessLogEntry.objects.all()
    assert entry.staff == staff_a
    assert entry.action == AccessAction.SEARCH
    assert entry.person is None
    assert entry.query == f"name=최&dong={centre_a.dong.code}"
    assert entry.listed_ids == [first.pk, second.pk]
    assert entry.ip == "10.1.2.3"


def test_a_search_that_finds_nobody_is_logged_and_shows_the_empty_state(client, centre_a, staff_a):
    response = search(client, staff_a, name="없는이름")
    assert "조건에 맞는 주민이 없습니다" in response.content.decode()
    (entry,) = AccessLogEntry.objects.all()
    assert entry.listed_ids == [] and entry.query == "name=없○○○"


def test_the_page_without_criteria_lists_nobody_and_logs_nothing(client, centre_a, staff_a):
    make_walk_in(centre_a)
    response = search(client, staff_a)
    assert response.status_code == 200
    assert response.context["searched"] is False
    assert not AccessLogEntry.objects.exists()


def test_pages_of_20_and_the_log_lists_the_page_shown(client, centre_a, staff_a):
    residents = [make_walk_in(centre_a, name=f"정{n:02d}") for n in range(25)]
    first = search(client, staff_a, name="정")
    assert listed(first) == [r.pk for r in residents[:20]]
    second = search(client, staff_a, name="정", page="2")
    assert listed(second) == [r.pk for r in residents[20:]]
    assert 'href="?name=%EC%A0%95&amp;page=1"' in second.content.decode()
    last = AccessLogEntry.objects.order_by("-id").first()
    assert last.query == "name=정&page=2"
    assert last.listed_ids == [r.pk for r in residents[20:]]


def test_the_logged_query_keeps_no_personal_data(client, centre_a, staff_a):
    """The log survives erasure, so its query masks the typed name and phone: the first
    syllable, and the last four digits (what the masked lists show)."""
    wanted = make_walk_in(centre_a, name="김영희", phone="+821055551234")
    assert listed(search(client, staff_a, name="김영희", phone="010-5555-1234")) == [wanted.pk]
    (entry,) = AccessLogEntry.objects.all()
    assert entry.query == "name=김○○&phone=***1234"
    assert "5555" not in entry.query and "영희" not in entry.query
    search(client, staff_a, phone="1234")
    assert AccessLogEntry.objects.order_by("-id").first().query == "phone=1234"


@pytest.mark.parametrize(
    "params",
    [
        {"name": "a\x00b"},
        {"name": "a\x00b", "dong": "2820051000"},
        {"phone": "5678\x00", "name": "김"},
        {"dong": "99999"},
        {"dong": ["2820051000", "x"]},
        {"page": "abc", "name": "김"},
        {"page": "-3", "name": "김"},
        {"page": "99999999999999999999", "name": "김"},
        {"phone": "x" * 200},
        {"name": "김" * 300},
    ],
)
def test_malformed_parameters_never_fail(client, centre_a, staff_a, params):
    make_walk_in(centre_a, name="김철수")
    response = search(client, staff_a, **params)
    assert response.status_code == 200


def test_erased_residents_are_not_found(client, centre_a, staff_a):
    from accounts.services import person_erase

    gone = make_walk_in(centre_a, name="탈퇴할사람")
    person_erase(profile=gone, reason="retention")
    assert listed(search(client, staff_a, name="탈퇴")) == []


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_seekers_and_employer_members_get_403(client, seeker_user, employer_member):
    for user in (seeker_user, employer_member):
        client.force_login(user)
        assert client.get(URL, {"name": "김"}).status_code == 403
    assert not AccessLogEntry.objects.exists()
