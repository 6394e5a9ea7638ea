"""Identifiers that an account holds without having verified them (review of issue 4):

* pre-hijacking: a password reset through one identifier takes the account's other,
  unverified identifier off it, so whoever typed it cannot come back in through it;
* squatting: an unverified email or number stops blocking sign-up once its verification
  window has passed (3 days for an email link, 1 day for a phone), and within the window the
  sign-up error says it waits for verification and how to finish.
"""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts import services
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import SeekerProfile, User
from namdong_jobs.reference.models import CommunityCentre
from tests.factories import SeekerProfileFactory, StaffMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "squatter-password-2026!"
NEW = "owner-new-password-77"
OWNER_PASSWORD = "real-owner-password-2026"
START = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
VICTIM_PHONE = "+821023456789"
VICTIM_EMAIL = "owner@example.kr"
ATTACKER_EMAIL = "attacker@example.kr"
ATTACKER_PHONE = "+821077778888"
GUWOL1 = "2820051000"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=True) as traveller:
        yield traveller


def signup_data(**overrides):
    data = {
        "name": "김가입",
        "birth_year": "1970",
        "email": ATTACKER_EMAIL,
        "phone": "010-2345-6789",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "home_dong": GUWOL1,
        "consent_collection": "on",
    }
    data.update(overrides)
    return data


def email_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/verify-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/password-reset/email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def sms_code(to: str) -> str:
    deliver_batch()
    bodies = [m.body for m in locmem.outbox if m.to == to]
    assert bodies
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def can_log_in(username: str, password: str) -> bool:
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password) is not None


def seeker(*, email=None, phone=None, name="선가입"):
    """A seeker sign-up through the service (nothing verified), at the current time."""
    return services.seeker_signup(
        name=name, birth_year=1980, password=PASSWORD, email=email, phone=phone, consents=["collection"]
    )


def create(**identifiers) -> User:
    return services.account_create(password=OWNER_PASSWORD, name="새주인", **identifiers)


# --- pre-hijacking through a password reset ---------------------------------------------------


def test_the_reviewers_scenario_a_reset_by_sms_shuts_out_the_squatters_email(clock):
    """The attacker signs up with the victim's number and the attacker's own address; the
    victim, refused at sign-up, resets the password by SMS. The attacker must not get back in
    with a new verification link for the address they kept, nor with their first link."""
    attacker, victim = Client(), Client(REMOTE_ADDR="198.51.100.20")
    response = attacker.post("/accounts/signup/", signup_data())
    assert response["Location"] == "/accounts/verify-phone/"
    first_link = email_link(mail.outbox[-1])
    account = User.objects.get()
    assert account.phone == VICTIM_PHONE and account.email == ATTACKER_EMAIL

    # the victim cannot sign up with their own number; the page says why and what to do
    clock.shift(datetime.timedelta(minutes=5))
    html = victim.post(
        "/accounts/signup/", signup_data(name="진짜주인", email="", password1=NEW, password2=NEW)
    ).content.decode()
    assert "이미 가입된 휴대전화번호입니다" in html and "번호 확인을 기다리고 있습니다" in html
    assert "문자로 비밀번호 찾기" in html and 'id="id_phone_error"' in html
    assert User.objects.count() == 1

    # so the victim takes the account over by a password reset by SMS
    victim.post("/accounts/password-reset/phone/", {"phone": "010-2345-6789"})
    code = sms_code(VICTIM_PHONE)
    response = victim.post(
        "/accounts/password-reset/phone/code/", {"code": code, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == "/accounts/password-reset/done/"
    account.refresh_from_db()
    assert account.phone == VICTIM_PHONE and account.phone_verified_at is not None
    assert account.email is None and account.email_verified_at is None
    profile = SeekerProfile.objects.get(user=account)
    assert profile.phone == VICTIM_PHONE and profile.email == ""

    # the attacker asks for a new verification link for the address they typed: nothing is sent
    sent = len(mail.outbox)
    response = attacker.post("/accounts/verify-email/resend/", {"email": ATTACKER_EMAIL}, follow=True)
    assert response.status_code == 200 and "새 확인 메일을 보냈습니다" in response.content.decode()
    assert len(mail.outbox) == sent
    # the link from the sign-up neither verifies nor logs in
    response = attacker.get(first_link)
    assert response.status_code == 400 and "_auth_user_id" not in attacker.session
    # the pending sign-up in the attacker's browser reaches nothing any more
    response = attacker.post("/accounts/verify-phone/", {"resend": "1"})
    assert response.status_code == 302 and "_auth_user_id" not in attacker.session
    account.refresh_from_db()
    assert account.email is None
    for password in (PASSWORD, NEW):
        assert not can_log_in(ATTACKER_EMAIL, password)
    assert not can_log_in("010-2345-6789", PASSWORD)
    assert can_log_in("010-2345-6789", NEW)


def test_a_reset_by_email_drops_the_squatters_unverified_number(clock):
    attacker, victim = Client(), Client(REMOTE_ADDR="198.51.100.21")
    attacker.post("/accounts/signup/", signup_data(email=VICTIM_EMAIL, phone="010-7777-8888"))
    account = User.objects.get()
    victim.post("/accounts/password-reset/", {"email": VICTIM_EMAIL})
    form_page = victim.get(reset_link(mail.outbox[-1]), follow=True)
    victim.post(form_page.redirect_chain[0][0], {"new_password1": NEW, "new_password2": NEW})
    account.refresh_from_db()
    assert account.email == VICTIM_EMAIL and account.email_verified_at is not None
    assert account.phone is None and account.phone_verified_at is None
    assert SeekerProfile.objects.get(user=account).phone == ""
    # the code the sign-up sent to the attacker's phone no longer verifies anything
    code = sms_code(ATTACKER_PHONE)
    response = attacker.post("/accounts/verify-phone/", {"code": code})
    assert response.status_code == 302 and "_auth_user_id" not in attacker.session
    assert not can_log_in("010-7777-8888", PASSWORD) and can_log_in(VICTIM_EMAIL, NEW)


def test_a_reset_keeps_the_other_identifier_when_it_is_verified():
    user = UserFactory(email=VICTIM_EMAIL, phone=VICTIM_PHONE, phone_verified_at=timezone.now())
    SeekerProfileFactory(user=user, email=VICTIM_EMAIL, phone=VICTIM_PHONE)
    services.password_reset_complete(user=user, password=NEW, via="email")
    user.refresh_from_db()
    assert user.email == VICTIM_EMAIL and user.phone == VICTIM_PHONE and user.phone_verified_at is not None
    assert user.seeker_profile.phone == VICTIM_PHONE


def test_a_profile_copy_that_differs_is_kept():
    user = UserFactory(email=VICTIM_EMAIL, email_verified_at=None, phone=VICTIM_PHONE)
    SeekerProfileFactory(user=user, email="typed-later@example.kr", phone=VICTIM_PHONE)
    services.password_reset_complete(user=user, password=NEW, via="sms")
    user.refresh_from_db()
    assert user.email is None and user.seeker_profile.email == "typed-later@example.kr"
    assert user.seeker_profile.phone == VICTIM_PHONE


# --- unverified identifiers stop blocking sign-up -------------------------------------------


def test_within_a_day_an_unverified_number_waits_for_its_verification(clock):
    seeker(email=ATTACKER_EMAIL, phone=VICTIM_PHONE)
    clock.shift(datetime.timedelta(hours=23))
    with pytest.raises(ValidationError) as exc:
        create(phone=VICTIM_PHONE)
    message = exc.value.message_dict["phone"][0]
    assert "확인을 기다리고 있습니다" in message and "인증번호를 다시 받" in message
    assert "문자로 비밀번호 찾기" in message and "하루가 지나면" in message
    assert User.objects.get().phone == VICTIM_PHONE


def test_after_a_day_the_number_is_taken_from_an_account_that_keeps_its_email(clock):
    squatter = seeker(email=ATTACKER_EMAIL, phone=VICTIM_PHONE)
    clock.shift(services.UNVERIFIED_PHONE_HOLD + datetime.timedelta(minutes=1))
    owner = create(phone="010-2345-6789")
    assert owner.phone == VICTIM_PHONE
    squatter.refresh_from_db()
    squatter.user.refresh_from_db()
    assert squatter.user.phone is None and squatter.user.email == ATTACKER_EMAIL and squatter.user.is_active
    assert squatter.phone == "" and squatter.email == ATTACKER_EMAIL and squatter.erased_at is None


def test_within_three_days_an_unverified_email_waits_for_its_link(clock):
    seeker(email=VICTIM_EMAIL)
    clock.shift(datetime.timedelta(days=2, hours=23))
    with pytest.raises(ValidationError) as exc:
        create(email=VICTIM_EMAIL)
    message = exc.value.message_dict["email"][0]
    assert "이메일 확인을 기다리고 있습니다" in message and "확인 메일 다시 받기" in message
    assert "비밀번호 찾기" in message and "3일이 지나면" in message


def test_after_three_days_a_never_verified_seeker_holding_only_the_email_is_erased(clock):
    squatter = seeker(email=VICTIM_EMAIL, name="가짜이름")
    stale_user = squatter.user
    clock.shift(services.UNVERIFIED_EMAIL_HOLD + datetime.timedelta(minutes=1))
    owner = create(email=VICTIM_EMAIL)
    assert owner.email == VICTIM_EMAIL and owner.email_verified_at is None
    squatter.refresh_from_db()
    stale_user.refresh_from_db()
    assert squatter.erased_at is not None and squatter.name == "" and squatter.email == ""
    assert stale_user.erased_at is not None and not stale_user.is_active
    assert stale_user.email is None and stale_user.phone is None and stale_user.name == ""
    assert not stale_user.has_usable_password()


def test_after_three_days_an_account_without_a_profile_is_ended(clock):
    stale = services.account_create(email=VICTIM_EMAIL, password=PASSWORD, name="가짜 담당자")
    clock.shift(services.UNVERIFIED_EMAIL_HOLD + datetime.timedelta(minutes=1))
    create(email=VICTIM_EMAIL)
    stale.refresh_from_db()
    assert stale.email is None and stale.phone is None and stale.name == ""
    assert not stale.is_active and stale.erased_at is not None and not stale.has_usable_password()


def test_the_seeker_signup_page_takes_a_stale_number(client, clock):
    seeker(email=ATTACKER_EMAIL, phone=VICTIM_PHONE)
    clock.shift(datetime.timedelta(days=1, minutes=1))
    response = client.post("/accounts/signup/", signup_data(email="", name="진짜주인"))
    assert response.status_code == 302 and response["Location"] == "/accounts/verify-phone/"
    owner = User.objects.get(phone=VICTIM_PHONE)
    assert owner.name == "진짜주인"
    assert User.objects.get(email=ATTACKER_EMAIL).phone is None


def test_a_refused_signup_takes_nothing(clock):
    squatter = seeker(email=ATTACKER_EMAIL, phone=VICTIM_PHONE)
    clock.shift(datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as exc:  # too young: the whole sign-up rolls back
        services.seeker_signup(
            name="어린이", birth_year=2015, password=NEW, phone=VICTIM_PHONE, consents=["collection"]
        )
    assert "birth_year" in exc.value.message_dict
    squatter.user.refresh_from_db()
    assert squatter.user.phone == VICTIM_PHONE


def test_verified_identifiers_and_staff_accounts_are_never_taken(clock):
    UserFactory(email=VICTIM_EMAIL)  # verified
    staff = UserFactory(email="staff@example.kr", email_verified_at=None, is_staff=True)
    centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    member = UserFactory(email="centre@example.kr", email_verified_at=None)
    StaffMembershipFactory(user=member, centre=centre)
    once_verified = UserFactory(email="history@example.kr", email_verified_at=None, phone_verified_at=START)
    clock.shift(datetime.timedelta(days=30))
    for email in (VICTIM_EMAIL, staff.email, member.email, once_verified.email):
        with pytest.raises(ValidationError) as exc:
            create(email=email)
        assert "이미 가입된 이메일입니다" in exc.value.message_dict["email"][0]
        assert "확인을 기다리고" not in exc.value.message_dict["email"][0]
    assert User.objects.filter(erased_at__isnull=True, is_active=True).count() == 4


def test_the_employer_signup_takes_a_stale_email_too(client, clock):
    seeker(email="kim.employer@example.kr")
    clock.shift(datetime.timedelta(days=4))
    response = client.post(
        "/employers/signup/",
        {
            "email": "kim.employer@example.kr",
            "password1": NEW,
            "password2": NEW,
            "name": "김담당",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="kim.employer@example.kr").name == "김담당"


# --- pre-hijacking through the email link (second review) -------------------------------------


def test_an_email_link_opened_in_another_browser_asks_the_mailbox_owner_for_a_new_password():
    """The attacker signs up with the victim's email and a password of their own; the victim
    gets a link (the resend page, or the original mail) and opens it in their own browser. The
    address is verified but nobody is logged in with the attacker's password: the victim sets
    a new one, and the attacker's password stops working."""
    attacker, victim = Client(), Client()
    response = attacker.post("/accounts/signup/", signup_data(email=VICTIM_EMAIL, phone=""))
    assert response.status_code == 302
    victim.post("/accounts/verify-email/resend/", {"email": VICTIM_EMAIL})
    link = email_link(mail.outbox[-1])

    response = victim.get(link)
    assert response.status_code == 302 and "/accounts/password-reset/email/" in response["Location"]
    assert "_auth_user_id" not in victim.session
    user = User.objects.get(email=VICTIM_EMAIL)
    # nothing is verified until the new password is set (final review: a victim who closed
    # the tab left the attacker's password working on a verified address)
    assert user.email_verified_at is None
    assert not can_log_in(VICTIM_EMAIL, PASSWORD)

    form_url = victim.get(response["Location"])["Location"]  # Django swaps the token for a session one
    response = victim.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert can_log_in(VICTIM_EMAIL, NEW) and not can_log_in(VICTIM_EMAIL, PASSWORD)
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_a_link_opened_elsewhere_with_an_unverified_phone_verifies_nothing_either():
    """Final review: the attacker typed their own phone but never verified it; the victim
    opens the link and closes the set-password page. The attacker still cannot log in, and
    the victim's setting a password drops the attacker's unverified phone."""
    attacker, victim = Client(), Client()
    attacker.post("/accounts/signup/", signup_data(email=VICTIM_EMAIL, phone="010-7777-8888"))
    link = email_link([m for m in mail.outbox if VICTIM_EMAIL in m.to][-1])
    response = victim.get(link)
    assert "/accounts/password-reset/email/" in response["Location"]
    user = User.objects.get(email=VICTIM_EMAIL)
    assert user.email_verified_at is None and user.phone_verified_at is None
    assert not can_log_in(VICTIM_EMAIL, PASSWORD) and not can_log_in(ATTACKER_PHONE, PASSWORD)
    form_url = victim.get(response["Location"])["Location"]
    victim.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    user.refresh_from_db()
    assert user.email_verified_at is not None and user.phone is None


def test_the_same_browser_that_signed_up_is_logged_in_by_the_link():
    client = Client()
    client.post("/accounts/signup/", signup_data(phone=""))
    response = client.get(email_link(mail.outbox[-1]))
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=ATTACKER_EMAIL).pk


def test_a_link_opened_elsewhere_for_an_account_with_a_verified_phone_verifies_nothing():
    """Second review (blocker): the attacker signs up with the victim's email and their own
    phone, and verifies the phone. The victim asks for a link and opens it in their own
    browser: the address must not be verified onto the attacker's account (the victim would
    then reset the password by email, and the attacker take the account back by SMS)."""
    attacker, victim = Client(), Client()
    response = attacker.post("/accounts/signup/", signup_data(email=VICTIM_EMAIL, phone="010-7777-8888"))
    assert response.status_code == 302
    attacker.post("/accounts/verify-phone/", {"code": sms_code(ATTACKER_PHONE)})
    squatter = User.objects.get(email=VICTIM_EMAIL)
    assert squatter.phone_verified_at is not None and squatter.email_verified_at is None

    victim.post("/accounts/verify-email/resend/", {"email": VICTIM_EMAIL})
    response = victim.get(email_link(mail.outbox[-1]))
    assert response.status_code == 400 and "로그인한 상태에서 링크를 열어 주세요" in response.content.decode()
    squatter.refresh_from_db()
    assert squatter.email_verified_at is None and "_auth_user_id" not in victim.session
    # and the email reset still sends nothing to the unverified address
    outbox = len(mail.outbox)
    victim.post("/accounts/password-reset/", {"email": VICTIM_EMAIL})
    assert len(mail.outbox) == outbox


def test_the_owner_signed_in_verifies_the_email_with_the_link():
    user = create(email=VICTIM_EMAIL, phone=VICTIM_PHONE)
    User.objects.filter(pk=user.pk).update(phone_verified_at=timezone.now())
    services.email_verification_send(user=user, base_url="http://testserver/")
    owner = Client()
    owner.force_login(user)
    response = owner.get(email_link(mail.outbox[-1]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None and can_log_in(VICTIM_EMAIL, OWNER_PASSWORD)
