"""``/accounts/profile/start/`` (구직자 프로필 만들기): a signed-in account without a seeker
profile (an employer member, centre staff) makes one without a second sign-up; the same age
rules, guardian document and consents as sign-up (``services.seeker_profile_start``, which
shares its record-making code with ``seeker_signup``); the "no seeker profile" pages and the
posting page offer it; the new seeker can apply."""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from accounts import services
from accounts.choices import ConsentMethod, ConsentPurpose, NotifyChannel
from accounts.consent_texts import CONSENT_TEXTS, CONSENT_VERSION
from accounts.models import Consent, SeekerProfile
from jobs.choices import ApplicationStatus, ApplyMethod
from jobs.models import Application
from jobs.services import application_apply
from namdong_jobs.reference.models import Dong
from tests.factories import (
    EmployerMemberFactory,
    JobPostingFactory,
    SeekerProfileFactory,
    StaffMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)
URL = "/accounts/profile/start/"
GUWOL1 = "2820051000"  # 구월1동
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def clock():
    """Ages are counted in 2026."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def member():
    """An employer member (verified email) without a seeker profile."""
    return EmployerMemberFactory(user__name="최사장").user


def start_data(**overrides):
    data = {"birth_year": "1975", "home_dong": GUWOL1, "consent_collection": "on"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def start(client, url=URL, **overrides):
    return client.post(url, start_data(**overrides))


# --- making the profile ------------------------------------------------------------------------


def test_the_page_shows_the_consents_with_the_texts_of_the_signup_form(client, member):
    client.force_login(member)
    html = client.get(URL).content.decode()
    for purpose, text in CONSENT_TEXTS.items():
        for part in (text.title, text.use, text.items, text.retention, text.refusal):
            assert escape(str(part)) in html, part
        assert f'name="consent_{purpose}"' in html
    assert "개인정보 수집·이용에 동의합니다. (필수)" in html and "거부할 권리와 불이익" in html
    assert 'name="birth_year"' in html and 'name="home_dong"' in html and 'name="guardian_document"' in html
    assert 'name="password1"' not in html and 'name="email"' not in html  # the account has them


def test_an_employer_member_makes_a_profile_with_the_consents_recorded(client, member):
    client.force_login(member)
    response = start(client, consent_provision="on", consent_notifications="on")
    assert response.status_code == 302 and response.url == "/accounts/profile/"
    profile = SeekerProfile.objects.get(user=member)
    assert profile.name == "최사장" and profile.birth_year == 1975
    assert profile.email == member.email and profile.phone == ""
    assert profile.home_dong == Dong.objects.get(code=GUWOL1)
    assert profile.notify_channels == [NotifyChannel.ONSITE, NotifyChannel.EMAIL]
    consents = Consent.objects.filter(person=profile)
    assert sorted(c.purpose for c in consents) == ["collection", "notifications", "provision"]
    assert {(c.version, c.method, c.withdrawn_at) for c in consents} == {(CONSENT_VERSION, ConsentMethod.ONLINE, None)}
    assert member.employer_memberships.exists()  # still the employer's member
    page = client.get("/accounts/profile/")
    assert page.status_code == 200 and "구직자 프로필을 만들었습니다" in page.content.decode()


def test_outside_namdong_and_centre_staff(client):
    staff = StaffMembershipFactory().user
    client.force_login(staff)
    assert start(client, home_dong="outside").status_code == 302
    assert SeekerProfile.objects.get(user=staff).home_dong is None


def test_the_collection_consent_is_required(client, member):
    client.force_login(member)
    response = start(client, consent_collection=None, consent_provision="on")
    html = response.content.decode()
    assert response.status_code == 200
    assert "개인정보 수집·이용에 동의해야 구직자 프로필을 만들 수 있습니다" in html
    assert 'id="id_consent_collection_error"' in html and 'role="alert"' in html
    assert not SeekerProfile.objects.exists() and not Consent.objects.exists()


def test_the_service_refuses_without_the_collection_consent(member):
    with pytest.raises(ValidationError) as info:
        services.seeker_profile_start(user=member, birth_year=1975, home_dong=None, consents=["provision"])
    assert "consents" in info.value.message_dict
    assert not SeekerProfile.objects.exists()


# --- age rules -------------------------------------------------------------------------------


def test_under_fifteen_this_year_is_refused(client, member):
    client.force_login(member)
    response = start(client, birth_year="2012")  # 14 in 2026
    assert response.status_code == 200
    assert "출생 연도 기준으로 올해 만 15세가 되는 분부터" in response.content.decode()
    assert not SeekerProfile.objects.exists()
    with pytest.raises(ValidationError) as info:
        services.seeker_profile_start(user=member, birth_year=2012, home_dong=None, consents=["collection"])
    assert "birth_year" in info.value.message_dict


def test_fifteen_to_seventeen_needs_a_guardian_document(client, member):
    client.force_login(member)
    response = start(client, birth_year="2010")  # 16 in 2026
    assert response.status_code == 200 and "보호자 동의서를 올려야" in response.content.decode()
    assert not SeekerProfile.objects.exists()
    document = SimpleUploadedFile("동의서.pdf", PDF, content_type="application/pdf")
    response = client.post(URL, {**start_data(birth_year="2010"), "guardian_document": document})
    assert response.status_code == 302
    profile = SeekerProfile.objects.get(user=member)
    assert profile.guardian_document.name.endswith(".pdf")
    with profile.guardian_document.open("rb") as stored:
        assert stored.read() == PDF


def test_an_adults_upload_is_not_kept(client, member):
    client.force_login(member)
    document = SimpleUploadedFile("동의서.pdf", PDF, content_type="application/pdf")
    client.post(URL, {**start_data(birth_year="1990"), "guardian_document": document})
    assert not SeekerProfile.objects.get(user=member).guardian_document


# --- who ---------------------------------------------------------------------------------------


def test_anonymous_visitors_go_to_login(client):
    for response in (client.get(URL), client.post(URL, start_data())):
        assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")
    assert not SeekerProfile.objects.exists()


def test_someone_with_a_profile_is_sent_to_it(client):
    seeker = SeekerProfileFactory()
    client.force_login(seeker.user)
    response = client.get(URL)
    assert response.status_code == 302 and response.url == "/accounts/profile/"
    response = start(client, url=URL + "?next=/my/")
    assert response.status_code == 302 and response.url == "/my/"
    assert SeekerProfile.objects.count() == 1
    with pytest.raises(ValidationError) as info:
        services.seeker_profile_start(user=seeker.user, birth_year=1975, home_dong=None, consents=["collection"])
    assert info.value.error_dict["__all__"][0].code == "has_profile"


def test_an_erased_seeker_cannot_make_a_new_profile(client):
    erased = SeekerProfileFactory(erased_at=timezone.now())  # the account still signs in (as in other tests)
    client.force_login(erased.user)
    response = client.get(URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "구직자 정보는 삭제되었습니다" in html and f'href="{URL}' not in html
    assert start(client).status_code == 403
    assert SeekerProfile.objects.count() == 1
    assert services.seeker_profile_start_refusal(user=erased.user).code == "erased"
    # the apply and my pages do not offer to make one either
    html = client.get("/my/").content.decode()
    assert f'href="{URL}' not in html and "구직자 정보는 삭제되었습니다" in html


def test_an_erased_account_cannot(member):
    services.person_erase(
        profile=services.seeker_profile_start(user=member, birth_year=1975, home_dong=None, consents=["collection"]),
        reason=services.ErasureReason.REQUEST,
        employer_login_confirmed=True,
    )
    member.refresh_from_db()
    assert member.erased_at is not None
    assert services.seeker_profile_start_refusal(user=member).code == "inactive"
    with pytest.raises(ValidationError):
        services.seeker_profile_start(user=member, birth_year=1975, home_dong=None, consents=["collection"])


def test_an_unsafe_next_is_ignored(client, member):
    client.force_login(member)
    response = start(client, url=URL + "?next=https://evil.example/")
    assert response.status_code == 302 and response.url == "/accounts/profile/"


# --- the pages that offer it -----------------------------------------------------------------


def test_no_profile_pages_offer_to_make_one_instead_of_signing_up_again(client, member):
    client.force_login(member)
    for url in ("/accounts/profile/", "/accounts/consents/", "/my/", "/accounts/my-data/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 403, url
        assert f'href="{URL}?next={quote(url, safe="")}"' in html, url
        assert "구직자 프로필 만들기" in html and "로그아웃한 뒤" not in html, url
    assert "구직자 프로필이 없는 계정입니다" in client.get("/accounts/profile/").content.decode()
    assert "구직자 회원만 이용할 수 있습니다" in client.get("/accounts/my-data/").content.decode()


def test_the_apply_page_and_the_posting_page_offer_it_and_the_member_can_then_apply(client, member):
    posting = JobPostingFactory(apply_methods=[ApplyMethod.ONLINE, ApplyMethod.PHONE])
    apply_url = f"/jobs/{posting.pk}/apply/"
    client.force_login(member)
    response = client.get(apply_url)
    assert response.status_code == 403
    assert f'href="{URL}?next={quote(apply_url, safe="")}"' in response.content.decode()
    detail = client.get(posting.get_absolute_url()).content.decode()
    assert f'href="{URL}?next={quote(posting.get_absolute_url(), safe="")}"' in detail
    assert apply_url not in detail

    response = start(client, url=f"{URL}?next={quote(apply_url, safe='')}")
    assert response.status_code == 302 and response.url == apply_url
    assert client.get(apply_url).status_code == 200
    profile = SeekerProfile.objects.get(user=member)
    application = application_apply(seeker=profile, posting=posting, by=member, give_provision_consent=True)
    assert application.status == ApplicationStatus.SUBMITTED
    assert Application.objects.get().seeker == profile
    assert services.consent_active(person=profile, purpose=ConsentPurpose.PROVISION) is not None


def test_the_signup_form_still_renders_the_same_consent_block(client):
    html = client.get("/accounts/signup/").content.decode()
    for text in CONSENT_TEXTS.values():
        assert escape(str(text.title)) in html and escape(str(text.items)) in html
    assert "항목마다 따로 동의합니다. 첫 번째(필수)에 동의해야 가입할 수 있고" in html


def test_signup_and_start_share_the_record_making_code(monkeypatch, member):
    """Both services make the record through one private function (no second copy)."""
    from accounts.services import seekers

    calls = []
    original = seekers._profile_create

    def spy(**kwargs):
        calls.append(kwargs["birth_year"])
        return original(**kwargs)

    monkeypatch.setattr(seekers, "_profile_create", spy)
    seekers.seeker_profile_start(user=member, birth_year=1975, home_dong=None, consents=["collection"])
    seekers.seeker_signup(
        name="새 구직자",
        birth_year=1980,
        password="another-seeker-2026!",
        email="new.seeker@example.kr",
        consents=["collection"],
    )
    assert calls == [1975, 1980]


def test_another_account_is_not_touched(client, member):
    other = UserFactory()
    client.force_login(member)
    start(client)
    assert not SeekerProfile.objects.filter(user=other).exists()
