"""The staff home (issue 5 item 1): today's follow-ups, recent residents and new matches of
residents without email, within the staff member's scope, and its access-log row."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessAction, AccessLogEntry
from jobs.models import Match, today_kst
from jobs.services.desk.home import staff_home
from jobs.services.desk.notes import note_add, note_follow_up_done
from tests.factories import JobPostingFactory, SeekerProfileFactory, UserFactory
from tests.jobs.desk.conftest import make_walk_in

pytestmark = pytest.mark.django_db

URL = reverse("desk:home")
DAY = datetime.timedelta(days=1)


def due_note(resident, staff, *, days_ago: int, content="상담"):
    today = today_kst()
    return note_add(
        seeker=resident,
        staff=staff,
        content=content,
        noted_on=today - 10 * DAY,
        follow_up_on=today - days_ago * DAY,
    )


def match(profile, posting=None, *, days_ago: float = 1, reasons=("occupation", "dong_near")):
    m = Match.objects.create(posting=posting or JobPostingFactory(), profile=profile, score=55, reasons=list(reasons))
    Match.objects.filter(pk=m.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return m


def test_follow_ups_due_oldest_first_within_scope(client, centre_a, centre_b, staff_a, staff_b, district_staff):
    kim, lee, park = (make_walk_in(centre_a, name=n) for n in ("김", "이", "박"))
    later = due_note(kim, staff_a, days_ago=0)
    older = due_note(lee, staff_a, days_ago=3)
    note_add(seeker=park, staff=staff_a, content="내일 연락", follow_up_on=today_kst() + DAY)  # not due yet
    done = due_note(park, staff_a, days_ago=1)
    note_follow_up_done(note=done, staff=staff_a)
    note_add(seeker=park, staff=staff_a, content="후속 없음")
    elsewhere = due_note(make_walk_in(centre_b), staff_b, days_ago=5)

    client.force_login(staff_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert [n.pk for n in response.context["home"].follow_ups] == [older.pk, later.pk]
    assert response.context["home"].follow_ups_total == 2

    assert [n.pk for n in staff_home(staff=district_staff).follow_ups] == [elsewhere.pk, older.pk, later.pk]


def test_marking_a_follow_up_done_takes_it_off_the_home(client, centre_a, staff_a):
    note = due_note(make_walk_in(centre_a, name="최"), staff_a, days_ago=0, content="이력서 확인")
    client.force_login(staff_a)
    assert [n.pk for n in client.get(URL).context["home"].follow_ups] == [note.pk]
    response = client.post(reverse("desk:note_done", args=[note.pk]), {"next": "home"})
    assert response["Location"] == URL
    page = client.get(URL)
    assert page.context["home"].follow_ups == []
    assert "오늘 다시 연락할 주민이 없습니다" in page.content.decode()


def test_erased_residents_drop_off_the_follow_ups(client, centre_a, staff_a):
    from accounts.services import person_erase

    resident = make_walk_in(centre_a)
    due_note(resident, staff_a, days_ago=1)
    person_erase(profile=resident, reason="retention")
    assert staff_home(staff=staff_a).follow_ups == []


def test_recent_residents_are_the_centres_most_recently_active(client, centre_a, centre_b, staff_a):
    old = make_walk_in(centre_a, name="오래전")
    new = make_walk_in(centre_a, name="새로")
    SeekerProfileFactory()  # an online sign-up: not a centre's resident
    make_walk_in(centre_b, name="다른센터")
    note_add(seeker=old, staff=staff_a, content="다시 방문")  # touching the record moves it up
    client.force_login(staff_a)
    recent = client.get(URL).context["home"].recent
    assert [p.pk for p in recent] == [old.pk, new.pk]


def test_new_matches_of_residents_without_email(client, centre_a, centre_b, staff_a):
    no_email = make_walk_in(centre_a, name="김순남", phone="+821012340001")
    walk_in_with_email = make_walk_in(centre_a, email="lee@example.kr")
    verified = make_walk_in(centre_a, user=UserFactory())  # claimed account, verified address
    unverified = make_walk_in(centre_a, user=UserFactory(email_verified_at=None))
    phone_only = make_walk_in(centre_a, user=UserFactory(email=None, phone="+821012340002"))
    other_centre = make_walk_in(centre_b)
    posting = JobPostingFactory(title="물류센터 포장 보조")
    wanted = [
        match(no_email, posting, days_ago=1),
        match(unverified, days_ago=2),
        match(phone_only, days_ago=3),
    ]
    match(no_email, days_ago=8)  # older than 7 days
    match(walk_in_with_email)
    match(verified)
    match(other_centre)

    client.force_login(staff_a)
    response = client.get(URL)
    home = response.context["home"]
    assert [m.pk for m in home.matches] == [m.pk for m in wanted]
    assert home.matches_total == 3
    first = home.matches[0]
    assert first.reason_text == "희망 직종 일치, 거주 동 근처"
    html = response.content.decode()
    assert "물류센터 포장 보조" in html
    assert first.profile.name in html and "55점" in html  # the centre's own residents: names in full
    assert "010-****-0001" in html
    assert "010-1234-0001" not in html


def test_the_home_logs_the_residents_it_shows_in_one_row(client, centre_a, staff_a):
    due = make_walk_in(centre_a, name="가")
    note = due_note(due, staff_a, days_ago=0)
    matched = make_walk_in(centre_a, name="나")
    match(matched)
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    client.force_login(staff_a)
    response = client.get(URL, REMOTE_ADDR="10.7.7.7")
    (entry,) = AccessLogEntry.objects.exclude(pk__in=before)
    assert (entry.action, entry.detail, entry.person, entry.ip) == (AccessAction.SEARCH, "home", None, "10.7.7.7")
    assert entry.listed_ids == response.context["home"].listed_ids
    assert entry.listed_ids == [due.pk, matched.pk]  # follow-ups, then recent; each once
    assert note.seeker_id == due.pk


def test_an_empty_home_shows_empty_states_and_logs_nothing(client, staff_a):
    client.force_login(staff_a)
    html = client.get(URL).content.decode()
    assert "오늘 다시 연락할 주민이 없습니다" in html
    assert "새로 찾은 맞춤 일자리가 없습니다" in html
    assert "아직 센터에 등록된 주민이 없습니다" in html
    assert not AccessLogEntry.objects.exists()


def test_district_staff_have_a_home(client, district_staff):
    client.force_login(district_staff)
    assert client.get(URL).status_code == 200


def test_who_may_open_the_home(client, seeker_user, employer_member):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for user in (seeker_user, employer_member):
        client.force_login(user)
        assert client.get(URL).status_code == 403
