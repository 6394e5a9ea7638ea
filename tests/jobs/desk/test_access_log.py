"""The access-log listing and its CSV export (issue 5 item 7): district staff only, filtered
by staff member and month (KST), malformed filters never fail."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, transaction
from django.urls import reverse

from accounts.models import AccessAction, AccessLogEntry
from accounts.services import access_log_write
from tests.jobs.desk.conftest import make_walk_in

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
URL = reverse("desk:access_log")
CSV_URL = reverse("desk:access_log_csv")


def logged_at(when: datetime.datetime, **fields) -> AccessLogEntry:
    with time_machine.travel(when, tick=False):
        return access_log_write(**fields)


def kst(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=KST)


@pytest.fixture
def june_clock():
    with time_machine.travel(kst(2026, 6, 20, 9, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def entries(centre_a, staff_a, staff_b):
    """Rows of May and June 2026 (KST) by two staff members."""
    resident = make_walk_in(centre_a)
    return {
        "may_last_minute": logged_at(
            kst(2026, 5, 31, 23, 30), staff=staff_a, action=AccessAction.VIEW, person=resident, detail="record"
        ),
        "june_first_minute": logged_at(
            kst(2026, 6, 1, 0, 10),
            staff=staff_a,
            action=AccessAction.SEARCH,
            ip="10.0.0.1",
            query="name=김&dong=2820051000",
            listed_ids=[resident.pk, 7, 9],
        ),
        "june_b": logged_at(
            kst(2026, 6, 15, 14, 0), staff=staff_b, action=AccessAction.PRINT, person=resident, ip="10.0.0.2"
        ),
        "resident": resident,
    }


def shown(response) -> list[int]:
    return [e.pk for e in response.context["entries"]]


def test_this_month_by_default_newest_first(client, district_staff, entries, june_clock):
    client.force_login(district_staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert shown(response) == [entries["june_b"].pk, entries["june_first_minute"].pk]
    html = response.content.decode()
    assert "2026-06-01 00:10:00" in html  # KST, not UTC (2026-05-31 15:10)
    assert "10.0.0.1" in html and "이름 김, 행정동 2820051000" in html  # the query in words
    assert "검색" in html and "인쇄" in html
    assert "김상담" in html and "구월1동 행정복지센터" in html


def test_filter_by_month_uses_kst_boundaries(client, district_staff, entries, june_clock):
    client.force_login(district_staff)
    assert shown(client.get(URL, {"month": "2026-05"})) == [entries["may_last_minute"].pk]
    assert shown(client.get(URL, {"month": "2026-04"})) == []


def test_filter_by_staff_member(client, district_staff, staff_b, entries, june_clock):
    client.force_login(district_staff)
    response = client.get(URL, {"staff": staff_b.pk, "month": "2026-06"})
    assert shown(response) == [entries["june_b"].pk]
    assert "이상담" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"month": "2026-13"},
        {"month": "June"},
        {"month": "0000-01"},
        {"month": "2026-06\x00"},
        {"staff": "abc"},
        {"staff": "999999"},
        {"staff": "1\x00"},
        {"page": "-1"},
        {"page": "x"},
    ],
)
def test_malformed_filters_give_a_notice_not_an_error(client, district_staff, entries, june_clock, params):
    client.force_login(district_staff)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["notices"]
    # the bad filter is left out: this month, every staff member
    assert shown(response) == [entries["june_b"].pk, entries["june_first_minute"].pk]
    assert client.get(CSV_URL, params).status_code == 200


def test_fifty_a_page(client, district_staff, staff_a, june_clock):
    for _ in range(55):
        access_log_write(staff=staff_a, action=AccessAction.SEARCH)
    client.force_login(district_staff)
    assert len(shown(client.get(URL))) == 50
    assert len(shown(client.get(URL, {"page": "2"}))) == 5


def test_csv_has_a_bom_the_same_filter_and_the_listed_ids(client, district_staff, staff_a, entries, june_clock):
    client.force_login(district_staff)
    response = client.get(CSV_URL, {"staff": staff_a.pk, "month": "2026-06"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="access-log-2026-06-staff{staff_a.pk}.csv"' in response["Content-Disposition"]
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(raw[1:])))
    assert header[0] == "시각 (KST)" and header[-1] == "표시된 구직자 id"
    resident = entries["resident"]
    assert rows == [
        [
            "2026-06-01 00:10:00",
            str(staff_a.pk),
            "김상담",
            "구월1동 행정복지센터",
            "10.0.0.1",
            "검색",
            "",
            "",
            "이름 김, 행정동 2820051000",
            "3",
            f"{resident.pk} 7 9",
        ]
    ]


def test_csv_cells_cannot_become_spreadsheet_formulas(client, district_staff, staff_a, june_clock):
    access_log_write(staff=staff_a, action=AccessAction.SEARCH, query='=HYPERLINK("http://x")')
    client.force_login(district_staff)
    raw = client.get(CSV_URL).content.decode("utf-8")
    (row,) = list(csv.reader(io.StringIO(raw[1:])))[1:]
    assert row[8] == '\'=HYPERLINK("http://x")'


def test_reading_or_exporting_the_log_writes_no_row(client, district_staff, entries, june_clock):
    before = AccessLogEntry.objects.count()
    client.force_login(district_staff)
    client.get(URL)
    client.get(CSV_URL)
    assert AccessLogEntry.objects.count() == before


@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_only_district_staff(client, url, staff_a, seeker_user, employer_member):
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for user in (staff_a, seeker_user, employer_member):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_a_row_keeps_the_centre_of_its_time_when_staff_move(client, district_staff, staff_a, centre_b, june_clock):
    """The review found the page reading each staff member's current centre: after a move,
    every earlier row named the new one. The row now stores the centre it was written at."""
    before = access_log_write(staff=staff_a, action=AccessAction.SEARCH, query="name=김○")
    membership = staff_a.staff_membership
    membership.centre = centre_b
    membership.save()
    staff_a.refresh_from_db()
    after = access_log_write(staff=staff_a, action=AccessAction.SEARCH, query="name=이○")
    assert before.centre.name == "구월1동 행정복지센터" and after.centre == centre_b
    client.force_login(district_staff)
    rows = list(csv.reader(io.StringIO(client.get(CSV_URL).content.decode("utf-8")[1:])))[1:]
    assert [row[3] for row in rows] == [centre_b.name, "구월1동 행정복지센터"]


def test_the_database_refuses_to_change_or_delete_a_row(staff_a):
    """Append-only in the database itself (a trigger), not only in the model's save()."""
    entry = access_log_write(staff=staff_a, action=AccessAction.SEARCH, query="name=김○")
    for statement in (
        lambda: AccessLogEntry.objects.filter(pk=entry.pk).update(query="changed"),
        lambda: AccessLogEntry.objects.filter(pk=entry.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            statement()
    entry.refresh_from_db()
    assert entry.query == "name=김○"


def test_details_and_queries_read_in_words(client, district_staff, staff_a, june_clock):
    access_log_write(staff=staff_a, action=AccessAction.EDIT, detail="consent:withdraw:phone", query="duplicate_check")
    client.force_login(district_staff)
    html = client.get(URL).content.decode()
    assert "동의 · 철회 · 전화 요청" in html and "중복 확인" in html
    assert "consent:withdraw:phone" not in html
