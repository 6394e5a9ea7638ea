"""``/accounts/identifiers/`` (로그인 정보): adding or changing a signed-in account's mobile
number (6-digit SMS code) and email address (a link bound to the new address), set on the
account only once proved (``services.phone_change_*`` / ``email_change_*``); one account per
verified identifier; the profile's copy follows; rate limits; who may use the pages; the
notes of the notification preferences."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts import ratelimit, services
from accounts.choices import MessageKind, NotifyChannel
from accounts.messaging import notify_person
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import OutboundMessage, SeekerProfile, User
from accounts.services import identifier_change
from tests.factories import EmployerMemberFactory, SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
PASSWORD = "correct-horse-battery"  # UserFactory's
NEW_PHONE = "+821055556666"
URLS = {
    "index": "/accounts/identifiers/",
    "phone": "/accounts/identifiers/phone/",
    "code": "/accounts/identifiers/phone/code/",
    "email": "/accounts/identifiers/email/",
}
TAKEN = "다른 계정에서 이미 확인을 마친"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def seeker():
    """A seeker who signed up by email only (verified), whose profile has that email."""
    user = UserFactory(email="seeker@example.kr")
    return SeekerProfileFactory(user=user, email=user.email, phone="", notify_channels=["onsite", "email", "sms"])


@pytest.fixture
def seeker_client(seeker):
    client = Client(REMOTE_ADDR="203.0.113.50")
    client.force_login(seeker.user)
    return client


def sms_code(to: str = NEW_PHONE) -> str:
    deliver_batch()
    bodies = [m.body for m in locmem.outbox if m.to == to]
    assert bodies, locmem.outbox
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def email_link(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    match = re.search(r"http://testserver(/accounts/identifiers/email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def can_log_in(username: str, password: str = PASSWORD) -> bool:
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password) is not None


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- who may use the pages ---------------------------------------------------------------------


def test_anonymous_visitors_go_to_login(client):
    token = "eyJ1IjoxfQ:abc:def"
    for url in [*URLS.values(), f"/accounts/identifiers/email/{token}/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/?next="), url
    for url in (URLS["phone"], URLS["code"], URLS["email"]):
        response = client.post(url, {"phone": "010-5555-6666", "email": "x@example.kr", "code": "123456"})
        assert response.status_code == 302 and response.url.startswith("/accounts/login/?next="), url
    assert not locmem.outbox and not mail.outbox


def test_any_account_sees_its_identifiers(client):
    member = EmployerMemberFactory(user__email="boss@example.kr").user
    client.force_login(member)
    html = client.get(URLS["index"]).content.decode()
    assert "boss@example.kr" in html and "확인됨" in html and "휴대전화번호 추가하기" in html
    assert 'href="/accounts/identifiers/phone/"' in html and 'href="/accounts/identifiers/email/"' in html
    assert "/accounts/identifiers/" in client.get("/").content.decode()  # the header's account link


def test_the_code_page_without_a_number_sends_to_the_number_page(seeker_client):
    response = seeker_client.get(URLS["code"])
    assert response.status_code == 302 and response.url == URLS["phone"]


# --- adding a mobile number --------------------------------------------------------------------


def test_add_a_phone_wrong_code_then_right_code(seeker, seeker_client):
    response = seeker_client.post(URLS["phone"], {"phone": "010-5555-6666", "current_password": PASSWORD})
    assert response.status_code == 302 and response.url == URLS["code"]
    user = User.objects.get(pk=seeker.user.pk)
    assert user.phone is None  # nothing unproved on the account
    code = sms_code()
    assert "010-5555-6666" in seeker_client.get(URLS["code"]).content.decode()

    response = seeker_client.post(URLS["code"], {"code": wrong(code)})
    assert response.status_code == 200
    assert "인증번호가 맞지 않습니다" in response.content.decode() and 'id="id_code_error"' in response.content.decode()
    assert User.objects.get(pk=user.pk).phone is None

    response = seeker_client.post(URLS["code"], {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == URLS["index"]
    assert "휴대전화번호를 확인하고 저장했습니다" in " ".join(messages_of(response))
    user.refresh_from_db()
    assert user.phone == NEW_PHONE and user.phone_verified_at is not None
    assert user.email == "seeker@example.kr" and user.email_verified_at is not None
    seeker.refresh_from_db()
    assert seeker.phone == NEW_PHONE  # the profile's copy was blank: it follows
    assert can_log_in("010-5555-6666")
    assert URLS["code"] not in response.content.decode()  # nothing waits any more

    # the SMS the seeker chose now reaches them
    notify_person(kind=MessageKind.NOTICE, subject="test", title="안내", body="본문", profile=seeker)
    assert OutboundMessage.objects.filter(channel=NotifyChannel.SMS, address=NEW_PHONE).exists()


def test_change_a_verified_phone_and_keep_a_different_profile_contact():
    user = UserFactory(phone="+821011112222", phone_verified_at=timezone.now())
    profile = SeekerProfileFactory(user=user, phone="+821099990000")  # another contact number
    services.phone_change_send(user=user, phone="010-5555-6666")
    services.phone_change_verify(user=user, phone="010-5555-6666", code=sms_code())
    user.refresh_from_db()
    profile.refresh_from_db()
    assert user.phone == NEW_PHONE and profile.phone == "+821099990000"
    assert not can_log_in("010-1111-2222") and can_log_in("010-5555-6666")


def test_the_old_number_follows_on_the_profile_when_it_was_the_copy():
    user = UserFactory(phone="+821011112222", phone_verified_at=timezone.now())
    profile = SeekerProfileFactory(user=user, phone="+821011112222")
    services.phone_change_send(user=user, phone=NEW_PHONE)
    services.phone_change_verify(user=user, phone=NEW_PHONE, code=sms_code())
    profile.refresh_from_db()
    assert profile.phone == NEW_PHONE


def test_a_number_verified_on_another_account_is_refused_without_naming_it(seeker_client):
    UserFactory(email="other.owner@example.kr", name="다른사람", phone=NEW_PHONE, phone_verified_at=timezone.now())
    response = seeker_client.post(URLS["phone"], {"phone": "010-5555-6666", "current_password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200 and TAKEN in html and 'id="id_phone_error"' in html
    assert "other.owner" not in html and "다른사람" not in html
    deliver_batch()
    assert not locmem.outbox


def test_a_number_verified_elsewhere_in_the_meantime_is_refused_at_the_code(seeker):
    services.phone_change_send(user=seeker.user, phone=NEW_PHONE)
    code = sms_code()
    UserFactory(phone=NEW_PHONE, phone_verified_at=timezone.now())
    with pytest.raises(ValidationError) as info:
        services.phone_change_verify(user=seeker.user, phone=NEW_PHONE, code=code)
    assert info.value.error_dict["phone"][0].code == "unique"
    assert User.objects.get(pk=seeker.user.pk).phone is None


def test_proof_takes_a_number_another_account_holds_unverified_beside_a_verified_email(seeker):
    squatter = UserFactory(phone=NEW_PHONE, phone_verified_at=None)  # verified email, typed number
    services.phone_change_send(user=seeker.user, phone=NEW_PHONE)
    services.phone_change_verify(user=seeker.user, phone=NEW_PHONE, code=sms_code())
    squatter.refresh_from_db()
    assert squatter.phone is None and squatter.email and squatter.is_active
    assert User.objects.get(pk=seeker.user.pk).phone == NEW_PHONE


def test_a_number_another_new_account_waits_to_verify_is_refused_for_its_window(seeker):
    User.objects.create_user(phone=NEW_PHONE, password="waiting-signup-2026", name="가입중")
    with pytest.raises(ValidationError) as info:
        services.phone_change_send(user=seeker.user, phone=NEW_PHONE)
    assert info.value.error_dict["phone"][0].code == "waiting"


def test_a_number_held_unverified_past_its_window_is_taken_as_at_signup(seeker):
    stale = User.objects.create_user(phone=NEW_PHONE, password="never-verified-2026", name="방치")
    User.objects.filter(pk=stale.pk).update(date_joined=timezone.now() - datetime.timedelta(days=2))
    services.phone_change_send(user=seeker.user, phone=NEW_PHONE)
    services.phone_change_verify(user=seeker.user, phone=NEW_PHONE, code=sms_code())
    stale.refresh_from_db()
    assert stale.phone is None and not stale.is_active and stale.erased_at is not None
    assert User.objects.get(pk=seeker.user.pk).phone == NEW_PHONE


def test_the_own_verified_number_and_a_code_of_another_account_are_refused(seeker):
    user = UserFactory(phone="+821011112222", phone_verified_at=timezone.now())
    with pytest.raises(ValidationError) as info:
        services.phone_change_send(user=user, phone="010-1111-2222")
    assert info.value.error_dict["phone"][0].code == "already_verified"
    # a code sent to a number for one account does not verify it for another
    services.phone_change_send(user=user, phone=NEW_PHONE)
    code = sms_code()
    with pytest.raises(ValidationError) as info:
        services.phone_change_verify(user=seeker.user, phone=NEW_PHONE, code=code)
    assert info.value.code == "wrong"
    assert User.objects.get(pk=seeker.user.pk).phone is None


def test_an_unverified_own_number_is_offered_and_verified(client):
    user = UserFactory(phone="+821011112222", phone_verified_at=None)
    client.force_login(user)
    html = client.get(URLS["phone"]).content.decode()
    assert 'value="010-1111-2222"' in html and "확인 안 됨" in html
    client.post(URLS["phone"], {"phone": "010-1111-2222", "current_password": PASSWORD})
    client.post(URLS["code"], {"code": sms_code("+821011112222")})
    user.refresh_from_db()
    assert user.phone == "+821011112222" and user.phone_verified_at is not None


def test_malformed_numbers_are_refused_in_korean(seeker_client):
    for typed in ("02-123-4567", "010-12", "abc"):
        response = seeker_client.post(URLS["phone"], {"phone": typed, "current_password": PASSWORD})
        assert response.status_code == 200 and 'id="id_phone_error"' in response.content.decode(), typed
    assert seeker_client.post(URLS["code"], {"code": "1"}).status_code == 302  # nothing pending: back to the form


# --- changing the email address ----------------------------------------------------------------


def test_change_the_email_by_the_link(seeker, seeker_client):
    response = seeker_client.post(
        URLS["email"], {"email": "New.Address@Example.kr", "current_password": PASSWORD}, follow=True
    )
    assert "new.address@example.kr 주소로 확인 메일을 보냈습니다" in " ".join(messages_of(response))
    assert "new.address@example.kr" in response.content.decode()  # shown as waiting
    assert User.objects.get(pk=seeker.user.pk).email == "seeker@example.kr"  # not yet
    assert mail.outbox[-1].to == ["new.address@example.kr"]
    link = email_link("new.address@example.kr")
    assert "new.address" not in link  # the link carries no readable address

    response = seeker_client.get(link, follow=True)
    assert response.redirect_chain[-1][0] == URLS["index"]
    assert "이메일 주소를 확인하고 저장했습니다" in " ".join(messages_of(response))
    user = User.objects.get(pk=seeker.user.pk)
    assert user.email == "new.address@example.kr" and user.email_verified_at is not None
    assert SeekerProfile.objects.get(pk=seeker.pk).email == "new.address@example.kr"
    assert can_log_in("new.address@example.kr") and not can_log_in("seeker@example.kr")
    # used once: opening it again changes nothing and says so
    assert seeker_client.get(link).status_code == 400


def test_the_link_needs_the_same_account_in_the_same_browser(seeker, seeker_client):
    seeker_client.post(URLS["email"], {"email": "new@example.kr", "current_password": PASSWORD})
    link = email_link("new@example.kr")
    other = Client()
    other.force_login(UserFactory())
    assert other.get(link).status_code == 400
    same_account_elsewhere = Client()
    same_account_elsewhere.force_login(seeker.user)
    response = same_account_elsewhere.get(link)
    assert response.status_code == 400 and "요청한 브라우저" in response.content.decode()
    assert User.objects.get(pk=seeker.user.pk).email == "seeker@example.kr"
    assert seeker_client.get(link).status_code == 302
    assert User.objects.get(pk=seeker.user.pk).email == "new@example.kr"


def test_tampered_and_expired_links(seeker_client, seeker, clock):
    seeker_client.post(URLS["email"], {"email": "new@example.kr", "current_password": PASSWORD})
    link = email_link("new@example.kr")
    assert seeker_client.get(link[:-3] + "xx/").status_code == 400
    # a sign-up verification link does not pass as a new-address link
    signup_token = services.email_verification_token(user=seeker.user)
    assert seeker_client.get(f"/accounts/identifiers/email/{signup_token}/").status_code == 400
    clock.shift(datetime.timedelta(days=4))
    response = seeker_client.get(link)
    assert response.status_code == 400 and "사용 기간(3일)이 지났습니다" in response.content.decode()
    assert User.objects.get(pk=seeker.user.pk).email == "seeker@example.kr"


def test_an_email_verified_on_another_account_is_refused(seeker_client):
    UserFactory(email="taken@example.kr", name="주인")
    response = seeker_client.post(URLS["email"], {"email": "TAKEN@example.kr", "current_password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200 and TAKEN in html and 'id="id_email_error"' in html and "주인" not in html
    assert not mail.outbox


def test_an_employer_member_adds_a_phone_and_an_address_is_added_to_a_phone_account(client):
    phone_only = User.objects.create_user(phone="+821011112222", password=PASSWORD, name="문자가입")
    phone_only.phone_verified_at = timezone.now()
    phone_only.save()
    profile = SeekerProfileFactory(user=phone_only, phone=phone_only.phone, email="")
    client.force_login(phone_only)
    client.post(URLS["email"], {"email": "added@example.kr", "current_password": PASSWORD})
    client.get(email_link("added@example.kr"))
    phone_only.refresh_from_db()
    profile.refresh_from_db()
    assert phone_only.email == "added@example.kr" and phone_only.email_verified_at is not None
    assert profile.email == "added@example.kr"


# --- rate limits -------------------------------------------------------------------------------


def test_a_new_code_only_after_a_minute_and_the_ip_cap(seeker_client, monkeypatch):
    seeker_client.post(URLS["phone"], {"phone": "010-5555-6666", "current_password": PASSWORD})
    response = seeker_client.post(URLS["code"], {"resend": "1"}, follow=True)
    assert "초 뒤에 다시 요청해 주세요" in " ".join(messages_of(response))
    response = seeker_client.post(URLS["phone"], {"phone": "010-5555-6666", "current_password": PASSWORD})
    assert response.status_code == 200 and "초 뒤에 다시 요청해 주세요" in response.content.decode()

    monkeypatch.setattr(ratelimit, "IP_CODE", ratelimit.Limit("code", 1, datetime.timedelta(hours=1)))
    monkeypatch.setattr(ratelimit, "IP_VERIFY_RESEND", ratelimit.Limit("verify-resend", 1, datetime.timedelta(hours=1)))
    client = Client(REMOTE_ADDR="198.51.100.77")
    client.force_login(UserFactory())
    assert client.post(URLS["phone"], {"phone": "010-7777-0001", "current_password": PASSWORD}).status_code == 302
    response = client.post(URLS["phone"], {"phone": "010-7777-0002", "current_password": PASSWORD})
    assert response.status_code == 429 and "요청이 너무 많았습니다" in response.content.decode()
    assert client.post(URLS["email"], {"email": "a1@example.kr", "current_password": PASSWORD}).status_code == 302
    assert client.post(URLS["email"], {"email": "a2@example.kr", "current_password": PASSWORD}).status_code == 429
    deliver_batch()
    assert [m.to for m in locmem.outbox].count("+821077770002") == 0
    assert not any("a2@example.kr" in m.to for m in mail.outbox)


def test_one_account_gets_a_few_codes_and_links_a_day(seeker, monkeypatch):
    monkeypatch.setattr(identifier_change, "CHANGE_DAILY_LIMIT", 2)
    services.phone_change_send(user=seeker.user, phone="010-7777-0001")
    services.email_change_send(user=seeker.user, email="one@example.kr", base_url="http://testserver/")
    with pytest.raises(ValidationError) as info:
        services.phone_change_send(user=seeker.user, phone="010-7777-0003")
    assert info.value.code == "too_many_today"


def test_one_address_gets_at_most_the_daily_links(seeker):
    for _i in range(services.VERIFY_RESEND_DAILY_LIMIT):
        services.email_verification_resend(email="busy@example.kr", base_url="http://testserver/")
    with pytest.raises(ValidationError) as info:
        services.email_change_send(user=seeker.user, email="busy@example.kr", base_url="http://testserver/")
    assert info.value.code == "too_many_address"


def test_erased_accounts_cannot_change_identifiers():
    user = UserFactory(erased_at=timezone.now(), is_active=False)
    for call in (
        lambda: services.phone_change_send(user=user, phone=NEW_PHONE),
        lambda: services.email_change_send(user=user, email="x@example.kr", base_url="http://testserver/"),
    ):
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.code == "inactive"


# --- the notification preferences --------------------------------------------------------------


def test_the_profile_pages_link_here_and_note_unreachable_channels(seeker, seeker_client):
    detail = seeker_client.get("/accounts/profile/").content.decode()
    assert 'href="/accounts/identifiers/"' in detail
    assert "계정에 휴대전화번호가 없어 보낼 수 없음" in detail
    edit = seeker_client.get("/accounts/profile/edit/").content.decode()
    assert "문자(SMS) (계정에 휴대전화번호가 없어 보낼 수 없음)" in edit
    assert 'id="notify-channel-notes"' in edit and 'href="/accounts/identifiers/"' in edit
    assert "이메일 (이메일이" not in edit and "이메일 (계정에" not in edit  # the email is verified: no note

    seeker.user.phone, seeker.user.phone_verified_at = NEW_PHONE, timezone.now()
    seeker.user.save()
    edit = seeker_client.get("/accounts/profile/edit/").content.decode()
    assert "보낼 수 없음" not in edit and 'id="notify-channel-notes"' not in edit
    assert "보낼 수 없음" not in seeker_client.get("/accounts/profile/").content.decode()


def test_an_unverified_email_is_noted(client):
    user = User.objects.create_user(phone="+821011112222", email="later@example.kr", password=PASSWORD, name="가")
    user.phone_verified_at = timezone.now()
    user.save()
    SeekerProfileFactory(user=user, notify_channels=["onsite", "email"])
    client.force_login(user)
    assert "이메일 (이메일이 확인되지 않아 보낼 수 없음)" in client.get("/accounts/profile/edit/").content.decode()


def test_changing_an_identifier_needs_the_current_password_and_tells_the_old_one(seeker_client, seeker):
    """Final review: a session left open could replace both identifiers, and the owner was
    never told."""
    response = seeker_client.post(URLS["email"], {"email": "new@example.kr", "current_password": "wrong-one"})
    assert response.status_code == 200 and "비밀번호가 맞지 않습니다" in response.content.decode()
    assert not [m for m in mail.outbox if "new@example.kr" in m.to]
    seeker_client.post(URLS["email"], {"email": "new@example.kr", "current_password": PASSWORD})
    seeker_client.get(email_link("new@example.kr"))
    seeker.user.refresh_from_db()
    assert seeker.user.email == "new@example.kr"
    deliver_batch()
    notices = [m for m in mail.outbox if m.to == ["seeker@example.kr"]]
    assert notices and "로그인 이메일 주소" in notices[-1].subject
