"""Claiming an online account for a record made at a community centre (issue 5 item 2):
/accounts/claim/ → SMS code → /accounts/claim/verify/. The same answer whether or not a
record matches; wrong, expired and reused codes and a number that already has an account
each get a clear Korean error."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import OneTimeCode, SeekerProfile, User
from accounts.services.claim import claim_complete, claim_start
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
PHONE = "+821055551234"
PASSWORD = "walk-in-password-2026"


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC), tick=True) as traveller:
        yield traveller


def walk_in(**fields) -> SeekerProfile:
    defaults = {
        "user": None,
        "name": "김순자",
        "birth_year": 1961,
        "phone": PHONE,
        "registered_centre": CommunityCentre.objects.get(name="구월1동 행정복지센터"),
    }
    defaults.update(fields)
    return SeekerProfileFactory(**defaults)


def sms_code(to: str = PHONE) -> str:
    deliver_batch()
    bodies = [m.body for m in locmem.outbox if m.to == to]
    assert bodies
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def start(client, name="김순자", birth_year="1961", phone="010-5555-1234"):
    return client.post("/accounts/claim/", {"name": name, "birth_year": birth_year, "phone": phone})


def verify(client, code, password=PASSWORD, password2=None):
    return client.post(
        "/accounts/claim/verify/", {"code": code, "password1": password, "password2": password2 or password}
    )


def errors_of(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors.get("code", []))


def strip_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_login_page_links_to_the_claim_page(client):
    html = client.get("/accounts/login/").content.decode()
    assert "센터에서 등록하셨나요?" in html and 'href="/accounts/claim/"' in html and "온라인 계정 만들기" in html


def test_claim_makes_the_account_links_the_record_and_logs_in(client, clock):
    profile = walk_in(name="김 순자")  # staff typed a space: still the same name
    page = client.get("/accounts/claim/")
    assert page.status_code == 200 and 'for="id_birth_year"' in page.content.decode()

    response = start(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/claim/verify/"
    code_row = OneTimeCode.objects.get(purpose="claim_profile")
    assert code_row.profile == profile and code_row.destination == PHONE and code_row.user is None
    code = sms_code()
    assert "계정 만들기 인증번호" in locmem.outbox[-1].body

    form_page = client.get("/accounts/claim/verify/").content.decode()
    assert "010-5555-1234" in form_page and 'for="id_password1"' in form_page

    done = verify(client, code)
    assert done.status_code == 302 and done["Location"] == "/my/"
    profile.refresh_from_db()
    user = profile.user
    assert user is not None and user.phone == PHONE and user.phone_verified_at is not None
    assert user.name == "김 순자" and user.email is None
    assert client.session["_auth_user_id"] == str(user.pk)
    assert profile.registered_centre.name == "구월1동 행정복지센터"  # still the centre's resident
    assert profile.notify_channels[0] == "onsite"
    code_row.refresh_from_db()
    assert code_row.used_at is not None
    follow = client.get("/my/")
    assert "온라인 계정을 만들었습니다" in follow.content.decode()
    assert authenticate(RequestFactory().post("/"), username="010-5555-1234", password=PASSWORD) == user
    assert "accounts:claim" not in client.session


def test_no_match_gives_the_same_page_and_sends_nothing(clock):
    walk_in()
    known, unknown = Client(), Client()
    answer_known = start(known)
    answer_unknown = start(unknown, phone="010-7777-1234")
    assert answer_known.status_code == answer_unknown.status_code == 302
    assert answer_known["Location"] == answer_unknown["Location"]
    page_known = known.get(answer_known["Location"]).content.decode()
    page_unknown = unknown.get(answer_unknown["Location"]).content.decode()
    assert strip_csrf(page_known).replace("010-5555-1234", "N") == strip_csrf(page_unknown).replace(
        "010-7777-1234", "N"
    )
    assert "센터에 등록된 정보와 맞으면" in page_unknown
    deliver_batch()
    assert [m.to for m in locmem.outbox] == [PHONE]

    # a wrong code gets the same answer too: tries left, counted
    assert "남은 기회 4번" in errors_of(verify(known, "000000"))
    assert "남은 기회 4번" in errors_of(verify(unknown, "000000"))
    assert "남은 기회 3번" in errors_of(verify(unknown, "111111"))
    assert User.objects.filter(phone="+821077771234").count() == 0


@pytest.mark.parametrize(
    ("record", "typed"),
    [
        ({"name": "김순자"}, {"name": "김순희"}),  # another name
        ({"birth_year": 1961}, {"birth_year": "1962"}),  # another birth year
        ({"erased_at": timezone.now()}, {}),  # an erased record
    ],
)
def test_only_an_exact_unclaimed_walk_in_record_gets_a_code(client, record, typed):
    walk_in(**record)
    response = start(client, **typed)
    assert response.status_code == 302 and response["Location"] == "/accounts/claim/verify/"
    assert not OneTimeCode.objects.exists()


def test_an_online_account_record_is_not_claimed(client):
    owner = UserFactory(phone=PHONE)
    SeekerProfileFactory(user=owner, name="김순자", birth_year=1961, phone=PHONE)
    start(client)
    assert not OneTimeCode.objects.exists()


def test_wrong_code_counts_tries_and_dies(client, clock):
    profile = walk_in()
    start(client)
    code = sms_code()
    wrong = "000000" if code != "000000" else "111111"
    response = verify(client, wrong)
    assert response.status_code == 200
    assert "인증번호가 맞지 않습니다" in errors_of(response) and "남은 기회 4번" in errors_of(response)
    assert "고쳐야 할 곳이" in response.content.decode()
    for _ in range(4):
        response = verify(client, wrong)
    assert "5번 틀려서 더는 쓸 수 없습니다" in errors_of(response)
    assert "5번 틀려서" in errors_of(verify(client, code))  # even the right one now
    profile.refresh_from_db()
    assert profile.user is None and not User.objects.filter(phone=PHONE).exists()


def test_expired_code(client, clock):
    profile = walk_in()
    start(client)
    code = sms_code()
    clock.shift(datetime.timedelta(minutes=11))
    response = verify(client, code)
    assert "유효 시간(10분)이 지났습니다" in errors_of(response)
    profile.refresh_from_db()
    assert profile.user is None

    # without a matching record the page answers the same way after 10 minutes
    other = Client()
    start(other, phone="010-7777-1234")
    clock.shift(datetime.timedelta(minutes=11))
    assert "유효 시간(10분)이 지났습니다" in errors_of(verify(other, "123456"))


def test_a_new_code_after_expiry_works(client, clock):
    profile = walk_in()
    start(client)
    sms_code()
    clock.shift(datetime.timedelta(minutes=11))
    response = client.post("/accounts/claim/verify/", {"resend": "1"}, follow=True)
    assert "센터에 등록된 정보와 맞으면" in response.content.decode()
    assert verify(client, sms_code()).status_code == 302
    profile.refresh_from_db()
    assert profile.user is not None


def test_reused_code(clock):
    """The same code typed in a second browser after the first made the account."""
    profile = walk_in()
    first, second = Client(), Client()
    start(second)
    start(first)  # within a minute: no new code, the first one stays the one to use
    code = sms_code()
    assert OneTimeCode.objects.count() == 1
    assert verify(first, code).status_code == 302
    response = verify(second, code)
    assert response.status_code == 200
    assert "이미 사용한 인증번호입니다" in errors_of(response)
    profile.refresh_from_db()
    assert User.objects.filter(phone=PHONE).count() == 1 and profile.user.phone == PHONE


def test_number_of_an_existing_account_is_told_to_log_in(client, clock):
    account = UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    profile = walk_in()
    start(client)
    response = verify(client, sms_code())
    assert response.status_code == 200
    text = errors_of(response)
    assert "이 휴대전화번호로 가입한 계정이 이미 있습니다" in text and "로그인해 주세요" in text
    profile.refresh_from_db()
    assert profile.user is None and User.objects.filter(phone=PHONE).get() == account
    # the code was not spent on it
    assert OneTimeCode.objects.get().used_at is None


def test_weak_password_is_refused_in_korean_and_keeps_the_code(client, clock):
    profile = walk_in()
    start(client)
    code = sms_code()
    response = verify(client, code, password="12345678")
    html = response.content.decode()
    assert response.status_code == 200 and "비밀번호" in html
    assert response.context["form"].errors["password1"]
    mismatch = verify(client, code, password=PASSWORD, password2=PASSWORD + "x")
    assert "두 비밀번호가 서로 다릅니다" in mismatch.content.decode()
    assert verify(client, code).status_code == 302
    profile.refresh_from_db()
    assert profile.user is not None


def test_family_sharing_a_phone_claims_the_right_record(client, clock):
    mother = walk_in(name="김순자", birth_year=1961)
    son = walk_in(name="박민수", birth_year=1990)
    start(client, name="박민수", birth_year="1990")
    assert verify(client, sms_code()).status_code == 302
    son.refresh_from_db()
    mother.refresh_from_db()
    assert son.user is not None and mother.user is None


def test_code_sent_for_another_claim_on_the_same_phone_is_refused(clock):
    mother = walk_in(name="김순자", birth_year=1961)
    walk_in(name="박민수", birth_year=1990)
    mum = claim_start(name="김순자", birth_year=1961, phone=PHONE)
    clock.shift(datetime.timedelta(seconds=61))
    claim_start(name="박민수", birth_year=1990, phone=PHONE)  # the newest code is the son's
    with pytest.raises(Exception) as caught:
        claim_complete(ticket=mum, code=sms_code(), password=PASSWORD)
    assert caught.value.error_dict["code"][0].code == "other"
    mother.refresh_from_db()
    assert mother.user is None


def test_verify_page_needs_step_one_and_signed_in_people_go_home(client):
    response = client.get("/accounts/claim/verify/")
    assert response.status_code == 302 and response["Location"] == "/accounts/claim/"
    client.force_login(UserFactory())
    assert client.get("/accounts/claim/")["Location"] == "/"


def test_form_errors_are_korean_and_a_bad_session_value_is_ignored(client):
    response = client.post("/accounts/claim/", {"name": "", "birth_year": "abc", "phone": "02-123-4567"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "이름을 입력해 주세요" in html and "출생 연도를 네 자리 숫자로" in html and "유선 전화" in html
    session = client.session
    session["accounts:claim"] = {"name": 1}
    session.save()
    assert client.get("/accounts/claim/verify/")["Location"] == "/accounts/claim/"
    assert client.post("/accounts/claim/verify/", {"code": "\x00"})["Location"] == "/accounts/claim/"


def test_repeated_requests_within_a_minute_send_one_code(client, clock):
    walk_in()
    start(client)
    second = start(client)
    assert second.status_code == 302
    deliver_batch()
    assert len(locmem.outbox) == 1
