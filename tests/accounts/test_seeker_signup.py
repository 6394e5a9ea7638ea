"""Seeker sign-up at /accounts/signup/ with an email, a mobile number or both; the phone
code page; consents at sign-up; age rules and guardian documents (issue 4)."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from accounts import services
from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.consent_texts import CONSENT_TEXTS, CONSENT_VERSION
from accounts.messaging.delivery import deliver_batch
from accounts.messaging.sms import locmem
from accounts.models import Consent, SeekerProfile, User
from accounts.services import seekers as seeker_services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "namdong-seeker-2026!"
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
GUWOL1 = "2820051000"  # 구월1동
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def clock():
    """Ages are counted in 2026 (the clock is pinned; time still moves for expiry checks)."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def signup_data(**overrides):
    data = {
        "name": "박구직",
        "birth_year": "1968",
        "email": "Park.Seeker@Example.kr",
        "phone": "010-2345-6789",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "home_dong": GUWOL1,
        "consent_collection": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def signup(client, **overrides):
    return client.post("/accounts/signup/", signup_data(**overrides))


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def sms_code(to: str = "+821023456789") -> str:
    deliver_batch()
    bodies = [m.body for m in locmem.outbox if m.to == to]
    assert bodies
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def email_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/verify-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def can_log_in(username: str, password: str = PASSWORD) -> bool:
    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password) is not None


# --- the page -------------------------------------------------------------------------------


def test_the_page_shows_every_consent_text_and_asks_no_resident_number(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in CONSENT_TEXTS.values():
        for part in (text.title, text.use, text.items, text.retention, text.refusal):
            assert str(part) in html
    for field in ("consent_collection", "consent_provision", "consent_sensitive", "consent_notifications"):
        assert f'name="{field}"' in html and f'for="id_{field}"' in html
    assert html.count("<legend>") >= 8  # basic, login, guardian, consents + one per consent
    assert "주민등록번호는 받지 않습니다" in html
    assert not re.search(r'name="[^"]*(rrn|jumin|resident)[^"]*"', html)
    assert 'enctype="multipart/form-data"' in html
    # the 20 dongs and "outside Namdong"
    assert len(re.findall(r'<option value="2820\d{6}" lang="ko">', html)) == 20
    assert '<option value="outside">남동구 외</option>' in html


def test_signed_in_users_are_sent_on(client):
    client.force_login(UserFactory())
    response = client.get("/accounts/signup/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_nav_and_login_page_link_to_signup_and_password_reset(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/signup/"' in html and "회원가입" in html
    assert 'href="/accounts/password-reset/"' in html and "비밀번호 찾기" in html
    home = client.get("/").content.decode()
    nav = home.split('<nav aria-label="주 메뉴">')[1].split("</nav>")[0]
    assert 'href="/accounts/signup/"' in nav


# --- each identifier ------------------------------------------------------------------------


def test_signup_with_email_only(client):
    response = signup(client, phone="")
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/done/"
    user = User.objects.get()
    assert user.email == "park.seeker@example.kr" and user.phone is None and user.name == "박구직"
    assert user.email_verified_at is None and user.check_password(PASSWORD)
    profile = user.seeker_profile
    assert profile.birth_year == 1968 and profile.home_dong_id == GUWOL1
    assert profile.email == "park.seeker@example.kr" and profile.phone == ""
    assert profile.notify_channels == ["onsite", "email"]
    assert not can_log_in("park.seeker@example.kr")
    assert len(mail.outbox) == 1 and not locmem.outbox
    done = client.get("/accounts/signup/done/").content.decode()
    assert "park.seeker@example.kr" in done and "확인 메일을 보냈습니다" in done

    verified = client.get(email_link(mail.outbox[0]))
    assert verified.status_code == 302 and verified["Location"] == "/accounts/profile/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert can_log_in("PARK.seeker@example.kr")


def test_signup_with_phone_only(client):
    response = signup(client, email="")
    assert response.status_code == 302 and response["Location"] == "/accounts/verify-phone/"
    user = User.objects.get()
    assert user.email is None and user.phone == "+821023456789" and user.phone_verified_at is None
    assert user.seeker_profile.phone == "+821023456789"
    assert user.seeker_profile.notify_channels == ["onsite", "sms"]
    assert not can_log_in("010-2345-6789")
    assert not mail.outbox

    page = client.get("/accounts/verify-phone/").content.decode()
    assert "010-****-6789" in page and "인증번호 6자리" in page
    code = sms_code()
    assert "휴대전화번호 확인 인증번호" in locmem.outbox[0].body

    wrong = client.post("/accounts/verify-phone/", {"code": f"{(int(code) + 1) % 1_000_000:06d}"})
    html = wrong.content.decode()
    assert wrong.status_code == 200 and "인증번호가 맞지 않습니다" in html and 'id="id_code_error"' in html
    assert "_auth_user_id" not in client.session
    bad = client.post("/accounts/verify-phone/", {"code": "12ab"}).content.decode()
    assert "인증번호는 숫자 6자리입니다" in bad

    response = client.post("/accounts/verify-phone/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    user.refresh_from_db()
    assert user.phone_verified_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    assert can_log_in("010 2345 6789")
    # the page is done with
    again = client.get("/accounts/verify-phone/")
    assert again.status_code == 302


def test_signup_with_both_sends_a_link_and_a_code(client):
    response = signup(client)
    assert response["Location"] == "/accounts/verify-phone/"
    user = User.objects.get()
    assert user.email == "park.seeker@example.kr" and user.phone == "+821023456789"
    assert user.seeker_profile.notify_channels == ["onsite", "email", "sms"]
    assert len(mail.outbox) == 1
    page = client.get("/accounts/verify-phone/").content.decode()
    assert "확인 메일도 보냈습니다" in page and "park.seeker@example.kr" in page
    client.post("/accounts/verify-phone/", {"code": sms_code()})
    user.refresh_from_db()
    assert user.phone_verified_at is not None and user.email_verified_at is None
    assert can_log_in("01023456789") and not can_log_in("park.seeker@example.kr")


def test_neither_email_nor_phone_is_an_error(client):
    html = signup(client, email="", phone="").content.decode()
    assert "이메일이나 휴대전화번호 중 하나는 꼭 입력해 주세요" in html and 'id="id_email_error"' in html
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("032-453-5000", "유선 전화) 번호는 쓸 수 없습니다"),
        ("02-123-4567", "유선 전화) 번호는 쓸 수 없습니다"),
        ("070-1234-5678", "인터넷 전화나 대표 번호는 쓸 수 없습니다"),
        ("1588-1234", "인터넷 전화나 대표 번호는 쓸 수 없습니다"),
        ("010-123-456", "자릿수가 맞지 않습니다"),
        ("010-1234-56789", "자릿수가 맞지 않습니다"),
        ("+1 650 253 0000", "국내 휴대전화번호만 쓸 수 있습니다"),
        ("전화번호", "숫자로 입력해 주세요"),
    ],
)
def test_bad_phone_numbers_get_clear_korean_errors(client, phone, message):
    response = signup(client, phone=phone)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "010-1234-5678 처럼 입력해 주세요" in html
    assert 'id="id_phone_error"' in html and 'role="alert"' in html
    assert not User.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "너무 짧습니다"),
        ("12345678901234", "전부 숫자로 되어 있습니다"),
        ("password1234", "너무 흔히 사용되는 비밀번호입니다"),
        ("park.seeker@example.kr", "비밀번호가 이메일 항목과 너무 비슷합니다"),
    ],
)
def test_weak_passwords_get_korean_errors(client, password, message):
    html = signup(client, password1=password, password2=password).content.decode()
    assert message in html and 'id="id_password1_error"' in html
    assert not User.objects.exists()


def test_passwords_must_match(client):
    html = signup(client, password2="another-password-2026").content.decode()
    assert "두 비밀번호가 서로 다릅니다" in html
    assert not User.objects.exists()


def test_duplicate_identifiers_are_clear_errors(client):
    UserFactory(email="park.seeker@example.kr")
    html = signup(client).content.decode()
    assert "이미 가입된 이메일입니다" in html
    UserFactory(phone="+821023456789", email="other@example.kr")
    html = signup(client, email="new@example.kr").content.decode()
    assert "이미 가입된 휴대전화번호입니다" in html
    assert not SeekerProfile.objects.exists()


def test_other_required_fields(client):
    html = signup(client, name="", birth_year="", home_dong="").content.decode()
    assert "이름을 입력해 주세요" in html and "출생 연도를 입력해 주세요" in html
    assert "사는 행정동을 골라 주세요" in html
    html = signup(client, birth_year="19a8", home_dong="9999999999").content.decode()
    assert "출생 연도를 네 자리 숫자로" in html and "목록에 있는 행정동을 골라 주세요" in html
    assert not User.objects.exists()


def test_outside_namdong_is_no_home_dong(client):
    signup(client, home_dong="outside")
    assert SeekerProfile.objects.get().home_dong is None


# --- consents -------------------------------------------------------------------------------


def test_the_collection_consent_is_required(client):
    response = signup(client, consent_collection=None, consent_provision="on")
    html = response.content.decode()
    assert response.status_code == 200
    assert "개인정보 수집·이용에 동의해야 가입할 수 있습니다" in html and 'id="id_consent_collection_error"' in html
    assert not User.objects.exists() and not Consent.objects.exists()


def test_only_the_consents_ticked_are_recorded_with_version_and_time(client):
    signup(client, consent_provision="on", consent_notifications="on")
    profile = SeekerProfile.objects.get()
    consents = {c.purpose: c for c in Consent.objects.filter(person=profile)}
    assert set(consents) == {ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION, ConsentPurpose.NOTIFICATIONS}
    for consent in consents.values():
        assert consent.version == CONSENT_VERSION and consent.method == ConsentMethod.ONLINE
        assert consent.given_at is not None and abs(consent.given_at - NOW) < datetime.timedelta(minutes=1)
        assert consent.withdrawn_at is None and consent.taken_by is None
    assert services.consents_active(person=profile) == set(consents)


def test_the_collection_consent_alone_is_enough(client):
    signup(client)
    assert list(Consent.objects.values_list("purpose", flat=True)) == [ConsentPurpose.COLLECTION]


# --- age rules ------------------------------------------------------------------------------


def test_age_14_is_refused(client):
    html = signup(client, birth_year="2012").content.decode()
    assert "출생 연도 기준으로 올해 만 15세가 되는 분부터 가입할 수 있습니다(2026년에는 2011년생까지)" in html
    assert "근로기준법 제64조" in html and 'id="id_birth_year_error"' in html
    assert not User.objects.exists()


@pytest.mark.parametrize("birth_year", ["2011", "2009"])  # 15 and 17
def test_ages_15_to_17_need_the_guardian_document(client, birth_year):
    html = signup(client, birth_year=birth_year).content.decode()
    assert "출생 연도 기준으로 올해 만 18세가 되지 않는 분은 보호자 동의서를 올려야 가입할 수 있습니다" in html
    assert 'id="id_guardian_document_error"' in html
    assert not User.objects.exists()

    response = signup(client, birth_year=birth_year, guardian_document=upload(PDF, "동의서.pdf"))
    assert response.status_code == 302
    profile = SeekerProfile.objects.get()
    assert re.fullmatch(r"guardian/[0-9a-f]{32}\.pdf", profile.guardian_document.name)
    with profile.guardian_document.open("rb") as stored:
        assert stored.read() == PDF


def test_age_18_needs_no_document_and_an_upload_is_not_kept(client, private_media_root):
    response = signup(client, birth_year="2008", guardian_document=upload(PDF, "동의서.pdf"))
    assert response.status_code == 302
    assert not SeekerProfile.objects.get().guardian_document
    assert not any(Path(private_media_root).rglob("*.pdf"))


@pytest.mark.parametrize("birth_year", ["2027", "1899", "0"])
def test_impossible_birth_years(client, birth_year):
    html = signup(client, birth_year=birth_year).content.decode()
    assert "출생 연도를 네 자리 숫자로 바르게 입력해 주세요" in html
    assert not User.objects.exists()


def test_guardian_documents_are_judged_by_content(client):
    # a PNG named .exe is accepted and stored as .png; a JPEG with no extension as .jpg
    signup(client, birth_year="2010", guardian_document=upload(PNG, "scan.exe"))
    assert re.fullmatch(r"guardian/[0-9a-f]{32}\.png", SeekerProfile.objects.get().guardian_document.name)
    signup(
        client,
        birth_year="2010",
        email="second@example.kr",
        phone="010-2345-0000",
        guardian_document=upload(JPEG, "photo"),
    )
    assert SeekerProfile.objects.get(email="second@example.kr").guardian_document.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "동의서.pdf", "PDF, JPG, PNG 파일만 올릴 수 있습니다"),
        (EXE + PDF, "동의서.pdf", "PDF, JPG, PNG 파일만 올릴 수 있습니다"),  # a program carrying a PDF
        (b"hello, this is text", "동의서.png", "PDF, JPG, PNG 파일만 올릴 수 있습니다"),
        (PDF + b"\x00" * (10 * 1024 * 1024), "큰파일.pdf", "10MB 이하의 파일만 올릴 수 있습니다"),
        (b"", "빈파일.pdf", "빈 파일입니다"),
    ],
)
def test_bad_guardian_documents_are_refused(client, private_media_root, content, name, message):
    html = signup(client, birth_year="2010", guardian_document=upload(content, name)).content.decode()
    assert message in html and 'id="id_guardian_document_error"' in html
    assert not User.objects.exists()
    assert not Path(private_media_root).exists() or not any(Path(private_media_root).rglob("*.*"))


def test_the_service_applies_the_rules_itself():
    with pytest.raises(Exception) as exc:
        services.seeker_signup(name="어린이", birth_year=2012, password=PASSWORD, phone="010-1111-2222")
    errors = exc.value.message_dict
    assert "올해 만 15세가 되는 분부터" in errors["birth_year"][0] and "consents" in errors
    with pytest.raises(Exception) as exc:
        services.seeker_signup(
            name="청소년", birth_year=2010, password=PASSWORD, phone="010-1111-2222", consents=["collection"]
        )
    assert "보호자 동의서" in exc.value.message_dict["guardian_document"][0]
    assert services.signup_age_check(birth_year=2011, year=2026).needs_guardian
    assert not services.signup_age_check(birth_year=2008, year=2026).needs_guardian
    assert not User.objects.exists()


def test_signup_is_one_transaction(monkeypatch, private_media_root):
    def broken_consent_give(**kwargs):
        raise RuntimeError("database trouble")

    monkeypatch.setattr(seeker_services, "consent_give", broken_consent_give)
    with pytest.raises(RuntimeError):
        services.seeker_signup(
            name="청소년",
            birth_year=2010,
            password=PASSWORD,
            phone="010-1111-2222",
            consents=["collection"],
            guardian_document=upload(PDF, "동의서.pdf"),
        )
    assert not User.objects.exists() and not SeekerProfile.objects.exists()
    assert not any(Path(private_media_root).rglob("*.pdf"))


# --- the phone code page --------------------------------------------------------------------


def test_verify_phone_sends_anonymous_visitors_to_login(client):
    response = client.get("/accounts/verify-phone/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_a_signed_in_user_can_verify_a_new_phone(client):
    user = UserFactory(phone="+821023456789", phone_verified_at=None)
    client.force_login(user)
    response = client.post("/accounts/verify-phone/", {"resend": "1"}, follow=True)
    assert "인증번호를 새로 보냈습니다" in response.content.decode()
    client.post("/accounts/verify-phone/", {"code": sms_code()})
    user.refresh_from_db()
    assert user.phone_verified_at is not None


def test_a_user_without_a_phone_is_told_so(client):
    client.force_login(UserFactory())
    response = client.get("/accounts/verify-phone/", follow=True)
    assert "확인할 휴대전화번호가 없습니다" in response.content.decode()


def test_resending_is_rate_limited(client, clock):
    signup(client, email="")
    response = client.post("/accounts/verify-phone/", {"resend": "1"}, follow=True)
    assert "인증번호를 방금 보냈습니다" in response.content.decode()
    clock.shift(datetime.timedelta(seconds=61))
    response = client.post("/accounts/verify-phone/", {"resend": "1"}, follow=True)
    assert "인증번호를 새로 보냈습니다" in response.content.decode()
    deliver_batch()
    assert len(locmem.outbox) == 2


def test_an_expired_code_on_the_page(client, clock):
    signup(client, email="")
    code = sms_code()
    clock.shift(datetime.timedelta(minutes=11))
    html = client.post("/accounts/verify-phone/", {"code": code}).content.decode()
    assert "유효 시간(10분)이 지났습니다" in html
    assert User.objects.get().phone_verified_at is None


def test_another_browser_cannot_use_the_pending_signup(client):
    signup(client, email="")
    code = sms_code()
    other = Client()
    response = other.post("/accounts/verify-phone/", {"code": code})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert User.objects.get().phone_verified_at is None


# --- login rate limiting with a phone number ------------------------------------------------


def test_axes_still_locks_a_phone_login_per_account_and_ip(client):
    signup(client, email="")
    client.post("/accounts/verify-phone/", {"code": sms_code()})
    attacker = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(5):
        response = attacker.post("/accounts/login/", {"username": "010-2345-6789", "password": "wrong-password"})
    assert response.status_code == 429
    response = attacker.post("/accounts/login/", {"username": "01023456789", "password": PASSWORD})
    assert response.status_code == 429 and "_auth_user_id" not in attacker.session
    other = Client(REMOTE_ADDR="198.51.100.50")
    response = other.post("/accounts/login/", {"username": "010 2345 6789", "password": PASSWORD})
    assert response.status_code == 302 and other.session["_auth_user_id"] == str(User.objects.get().pk)


# --- where a verification leads, and the age wording ----------------------------------------


def test_a_new_link_from_the_resend_page_leads_a_seeker_to_the_profile(client):
    signup(client, phone="")
    client.post("/accounts/verify-email/resend/", {"email": "park.seeker@example.kr"})
    assert len(mail.outbox) == 2
    link = email_link(mail.outbox[1])
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    # used again elsewhere: the login page, then the profile
    again = Client().get(link)
    assert again["Location"] == "/accounts/login/?next=%2Faccounts%2Fprofile%2F"


def test_the_age_rule_is_worded_by_birth_year(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "출생 연도 기준으로 올해 만 15세가 되는 분부터 가입할 수 있고" in html
    assert "올해 만 15~17세가 되는 분은 보호자 동의서를" in html
    assert "만 15세 이상" not in html and "만 18세 미만" not in html
    html = signup(client, birth_year="2010").content.decode()
    assert "만 18세 미만" not in html and "올해 만 18세가 되지 않는 분은" in html
    profile = services.seeker_signup(
        name="청소년",
        birth_year=2008,
        password=PASSWORD,
        phone="010-1111-2222",
        consents=["collection"],
    )
    with pytest.raises(Exception) as exc:
        services.profile_update(profile=profile, birth_year=2010)
    assert "출생 연도 기준으로 올해 만 18세가 되지 않는 분은" in exc.value.message_dict["birth_year"][0]
