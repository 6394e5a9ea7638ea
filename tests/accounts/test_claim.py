"""Claiming an online account for a record made at a community centre (issue 5 item 2):
/accounts/claim/ → SMS code → /accounts/claim/verify/. The same answer whether or not a
record matches; wrong, expired and reused codes each get a clear Korean error; a number
that is already another account's login (a family member's) leads, after a right code, to
an account with an email login (verification link as at sign-up)."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import OneTimeCode, SeekerProfile, User
from accounts.services.claim import claim_complete, claim_start
from accounts.services.signup import account_create
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


def test_wrong_code_message_says_sms_only(client, clock):
    walk_in()
    start(client)
    code = sms_code()
    text = errors_of(verify(client, "000000" if code != "000000" else "111111"))
    assert "문자로 받은 6자리 숫자" in text and "메일" not in text and "남은 기회 4번" in text
    # the answer without a matching record is the same
    other = Client()
    start(other, phone="010-7777-1234")
    assert errors_of(verify(other, "000000")) == text


def verification_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/verify-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_family_member_whose_shared_number_is_already_a_login_gets_an_email_account(client, clock):
    """김철수 claimed his record with the shared number; 김영숙 (same phone, her own record)
    is not told to log into his account: she makes one with her email address."""
    husband, wife = walk_in(name="김철수", birth_year=1958), walk_in(name="김영숙", birth_year=1960)
    first = Client()
    start(first, name="김철수", birth_year="1958")
    assert verify(first, sms_code()).status_code == 302
    husband.refresh_from_db()
    assert husband.user.phone == PHONE

    clock.shift(datetime.timedelta(seconds=61))
    start(client, name="김영숙", birth_year="1960")
    code = sms_code()
    assert 'id="id_email"' not in client.get("/accounts/claim/verify/").content.decode()
    response = verify(client, code)
    assert response.status_code == 200
    text = " ".join(response.context["form"].errors["email"])
    assert "이미 다른 분(예: 함께 번호를 쓰는 가족)의 계정에 로그인 번호로 쓰이고 있어" in text
    assert "두 번째 계정의 로그인에는 쓸 수 없습니다" in text and "이메일 주소로 로그인하는 계정" in text
    assert "그 계정으로 로그인" not in response.content.decode()
    assert 'id="id_email"' in response.content.decode() and response.context["ask_email"]
    wife.refresh_from_db()
    assert wife.user is None and OneTimeCode.objects.filter(profile=wife).get().used_at is None

    # an address that is already an account's is refused; the code stays usable
    UserFactory(email="taken@example.kr", email_verified_at=timezone.now())
    refused = client.post(
        "/accounts/claim/verify/",
        {"code": code, "email": "taken@example.kr", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert "이미 가입된 이메일입니다" in " ".join(refused.context["form"].errors["email"])
    assert OneTimeCode.objects.filter(profile=wife).get().used_at is None

    done = client.post(
        "/accounts/claim/verify/",
        {"code": code, "email": "YoungSook@Example.kr", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/claim/email-sent/"
    wife.refresh_from_db()
    account = wife.user
    assert account is not None and account != husband.user
    assert account.email == "youngsook@example.kr" and account.email_verified_at is None
    assert account.phone is None and account.phone_verified_at is None and account.name == "김영숙"
    assert wife.email == "youngsook@example.kr" and wife.phone == PHONE  # the shared number stays a contact
    assert wife.notify_channels[0] == "onsite" and "email" in wife.notify_channels
    assert OneTimeCode.objects.filter(profile=wife).get().used_at is not None
    assert "_auth_user_id" not in client.session and "accounts:claim" not in client.session
    assert User.objects.get(phone=PHONE) == husband.user  # his login is untouched

    page = client.get(done["Location"]).content.decode()
    assert "youngsook@example.kr" in page and "이메일 주소로 로그인합니다" in page
    assert [m.to for m in mail.outbox] == [["youngsook@example.kr"]]
    assert not can_log_in("youngsook@example.kr")

    # the link, opened in this browser, verifies the address and logs her in
    opened = client.get(verification_link(mail.outbox[0]))
    assert opened.status_code == 302 and opened["Location"] == "/my/"
    account.refresh_from_db()
    assert account.email_verified_at is not None and client.session["_auth_user_id"] == str(account.pk)
    assert can_log_in("youngsook@example.kr")
    assert authenticate(RequestFactory().post("/"), username="010-5555-1234", password=PASSWORD) == husband.user


def can_log_in(username: str) -> bool:
    return authenticate(RequestFactory().post("/"), username=username, password=PASSWORD) is not None


def test_number_of_a_verified_account_without_email_gives_the_email_step_only_after_a_right_code(clock):
    UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    profile = walk_in()
    ticket = claim_start(name="김순자", birth_year=1961, phone=PHONE)
    code = sms_code()
    with pytest.raises(ValidationError) as caught:
        claim_complete(ticket=ticket, code="000000" if code != "000000" else "111111", password=PASSWORD)
    assert caught.value.error_dict["code"][0].code == "wrong" and not ticket.phone_taken
    with pytest.raises(ValidationError) as caught:
        claim_complete(ticket=ticket, code=code, password=PASSWORD)
    assert caught.value.error_dict["email"][0].code == "phone_taken" and ticket.phone_taken
    with pytest.raises(ValidationError) as caught:
        claim_complete(ticket=ticket, code=code, password=PASSWORD, email="not-an-email")
    assert "email" in caught.value.error_dict
    claimed = claim_complete(ticket=ticket, code=code, password=PASSWORD, email="soonja@example.kr")
    assert claimed == profile and claimed.user.email == "soonja@example.kr" and claimed.user.phone is None
    assert mail.outbox == []  # the service makes the account; the page sends the link


def test_an_email_claim_left_unverified_is_never_taken_by_a_later_sign_up(clock):
    """A sign-up may take an address left unverified past its 3-day hold (and erase that
    account), but not from an account that claimed a centre's record: the record was entered
    by staff with paper consent. The later sign-up is told the address is in use."""
    UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    profile = walk_in()
    ticket = claim_start(name="김순자", birth_year=1961, phone=PHONE)
    claimed = claim_complete(ticket=ticket, code=sms_code(), password=PASSWORD, email="soonja@example.kr")
    clock.shift(datetime.timedelta(days=10))
    with pytest.raises(ValidationError) as caught:
        account_create(password="another-password-2026", name="누군가", email="soonja@example.kr")
    assert "이미 가입된 이메일입니다" in " ".join(caught.value.message_dict["email"])
    profile.refresh_from_db()
    assert profile.user == claimed.user and profile.erased_at is None and profile.name == "김순자"


def test_email_claim_reports_a_mail_failure(client, clock, monkeypatch):
    UserFactory(phone=PHONE, phone_verified_at=timezone.now())
    profile = walk_in()

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("accounts.services.signup.send_mail", broken)
    start(client)
    code = sms_code()
    verify(client, code)
    done = client.post(
        "/accounts/claim/verify/",
        {"code": code, "email": "soonja@example.kr", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    html = done.content.decode()
    assert "확인 메일을 보내지 못했습니다" in html and "확인 메일 다시 받기" in html
    profile.refresh_from_db()
    assert profile.user.email == "soonja@example.kr"


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
