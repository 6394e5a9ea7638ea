"""The Django admin with private files (review of issue 4): résumés, guardian documents,
scanned paper consents and the résumé copies sent with applications live in the private
storage, which has no URL, so the admin shows their name and size, never a file widget or a
link (which used to fail with a server error for any seeker with a file)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose
from accounts.models import AccessAction, AccessLogEntry, SeekerProfile
from accounts.services import consent_give, resume_set
from jobs.models import Application
from jobs.services import application_submit
from namdong_jobs.reference.models import CommunityCentre
from tests.accounts import document_files as files
from tests.factories import JobPostingFactory, SeekerProfileFactory, StaffMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    admin = UserFactory(is_staff=True, is_superuser=True, email_verified_at=timezone.now())
    StaffMembershipFactory(user=admin, centre=CommunityCentre.objects.get(kind="district"))
    client.force_login(admin)
    return client


@pytest.fixture
def seeker():
    """A seeker with a résumé, a guardian document and a scanned paper consent."""
    profile = SeekerProfileFactory(name="파일있음")
    resume_set(profile=profile, upload=SimpleUploadedFile("내 이력서.pdf", files.PDF))
    profile.guardian_document.save("guardian.pdf", ContentFile(files.PDF), save=True)
    staff = StaffMembershipFactory().user
    consent = consent_give(person=profile, purpose=ConsentPurpose.SENSITIVE, method=ConsentMethod.PAPER, taken_by=staff)
    consent.paper_scan.save("scan.pdf", ContentFile(files.PDF), save=True)
    return profile


def assert_no_private_links(html: str, *names: str) -> None:
    for name in names:
        assert name not in html  # neither the stored path nor a link to it
    assert 'type="file"' not in html


def test_the_seeker_change_page_shows_files_by_name_and_size(superuser_client, seeker):
    response = superuser_client.get(f"/admin/accounts/seekerprofile/{seeker.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"내 이력서.pdf ({len(files.PDF)}" in html
    assert "보호자 동의서 (" in html and "서면 동의서 스캔 (" in html
    consent = seeker.consents.get(purpose=ConsentPurpose.SENSITIVE)
    assert_no_private_links(html, seeker.resume.name, seeker.guardian_document.name, consent.paper_scan.name)


def test_a_missing_file_is_said_not_failed(superuser_client, seeker):
    seeker.resume.storage.delete(seeker.resume.name)
    html = superuser_client.get(f"/admin/accounts/seekerprofile/{seeker.pk}/change/").content.decode()
    assert "파일이 저장소에 없습니다" in html


def test_seeker_records_are_read_only_in_the_admin_and_every_view_is_logged(superuser_client, seeker):
    """Residents are changed at the desk (scope, duplicates, consents), never here; looking
    at them here writes the access log like the desk (review of issue 5)."""
    url = f"/admin/accounts/seekerprofile/{seeker.pk}/change/"
    response = superuser_client.get(url)
    assert response.status_code == 200 and "adminform" in response.context
    assert not response.context["has_change_permission"] and 'name="_save"' not in response.content.decode()
    before = SeekerProfile.objects.get(pk=seeker.pk).name
    assert superuser_client.post(url, {"name": "바뀜"}).status_code == 403
    assert SeekerProfile.objects.get(pk=seeker.pk).name == before
    assert superuser_client.get("/admin/accounts/seekerprofile/add/").status_code == 403
    listing = superuser_client.get("/admin/accounts/seekerprofile/", {"q": "파일있음"})
    assert listing.status_code == 200
    view, search = AccessLogEntry.objects.order_by("id")[:2]
    assert (view.action, view.person_id, view.detail) == (AccessAction.VIEW, seeker.pk, "admin")
    assert (search.action, search.detail, search.query) == (AccessAction.SEARCH, "admin", "q=파○○○")
    assert search.listed_ids == [seeker.pk]


def test_the_application_change_page_shows_the_sent_copy_by_name_and_size(superuser_client, seeker):
    posting = JobPostingFactory()
    consent_give(person=seeker, purpose=ConsentPurpose.PROVISION)
    application = application_submit(seeker=seeker, posting=posting)
    assert application.resume
    response = superuser_client.get(f"/admin/jobs/application/{application.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "내 이력서.pdf (" in html
    assert_no_private_links(html, application.resume.name)
    entry = AccessLogEntry.objects.get(action=AccessAction.VIEW)
    assert (entry.person_id, entry.detail) == (seeker.pk, "admin")
    assert superuser_client.get("/admin/jobs/application/").status_code == 200
    assert Application.objects.count() == 1


def test_the_account_pages_of_a_seeker_are_logged_for_their_record(superuser_client, seeker):
    superuser_client.get("/admin/accounts/user/")
    superuser_client.get(f"/admin/accounts/user/{seeker.user_id}/change/")
    search, view = AccessLogEntry.objects.order_by("id")
    assert search.action == AccessAction.SEARCH and seeker.pk in search.listed_ids
    assert (view.action, view.person_id) == (AccessAction.VIEW, seeker.pk)
