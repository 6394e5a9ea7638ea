"""Résumé files (issue 4 item 4): accepted by content (PDF, DOCX, HWP, HWPX), never by name;
at most 10 MB; stored outside MEDIA_ROOT under random names; downloaded only by the seeker
and authorised staff (with an access-log row)."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import services
from accounts.models import AccessLogEntry
from accounts.services.resumes import resume_display_name
from accounts.storage import private_storage
from namdong_jobs.reference.models import CommunityCentre
from tests.accounts import document_files as files
from tests.factories import EmployerMemberFactory, SeekerProfileFactory, StaffMembershipFactory

pytestmark = pytest.mark.django_db
RANDOM_NAME = re.compile(r"^resumes/[0-9a-f]{32}\.(pdf|docx|hwp|hwpx)$")


@pytest.fixture
def seeker():
    return SeekerProfileFactory(name="김영희")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def stored_path(profile):
    return private_storage().path(profile.resume.name)


# --- formats, judged by content ------------------------------------------------------------


def test_a_real_pdf_named_exe_is_accepted_and_stored_as_pdf(seeker):
    services.resume_set(profile=seeker, upload=upload("내 이력서.exe", files.PDF))
    seeker.refresh_from_db()
    assert RANDOM_NAME.match(seeker.resume.name) and seeker.resume.name.endswith(".pdf")
    assert (seeker.resume_format, seeker.resume_name, seeker.resume_size) == ("pdf", "내 이력서.pdf", len(files.PDF))
    with open(stored_path(seeker), "rb") as stored:
        assert stored.read() == files.PDF


def test_an_exe_named_pdf_is_refused(seeker):
    with pytest.raises(ValidationError) as exc:
        services.resume_set(profile=seeker, upload=upload("이력서.pdf", files.EXE))
    assert exc.value.code == "format"
    assert "PDF, 워드(DOCX), 한글(HWP, HWPX) 파일만" in exc.value.messages[0]
    seeker.refresh_from_db()
    assert not seeker.resume
    assert not (settings.PRIVATE_MEDIA_ROOT / "resumes").exists() or not any(
        (settings.PRIVATE_MEDIA_ROOT / "resumes").iterdir()
    )


def test_an_11_mb_file_is_refused(seeker):
    big = files.PDF + b"0" * (11 * 1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        services.resume_set(profile=seeker, upload=upload("이력서.pdf", big))
    assert exc.value.code == "too_large"
    assert "10.0MB 이하" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("builder", "name", "file_format"),
    [(files.docx, "경력.docx", "docx"), (files.hwpx, "이력서.hwpx", "hwpx"), (files.hwp, "이력서.hwp", "hwp")],
)
def test_docx_hwpx_and_hwp_built_here_are_accepted(seeker, builder, name, file_format):
    services.resume_set(profile=seeker, upload=upload(name, builder()))
    seeker.refresh_from_db()
    assert seeker.resume_format == file_format
    assert seeker.resume.name.endswith(f".{file_format}")


def test_an_hwp_renamed_txt_is_still_an_hwp(seeker):
    services.resume_set(profile=seeker, upload=upload("resume.txt", files.hwp()))
    seeker.refresh_from_db()
    assert (seeker.resume_format, seeker.resume_name) == ("hwp", "resume.hwp")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (files.plain_zip(), "이력서.docx"),  # a ZIP that is neither DOCX nor HWPX
        (files.ole_not_hwp(), "이력서.hwp"),  # an OLE2 file without the HWP FileHeader
        (b"PK\x03\x04 broken zip", "이력서.hwpx"),
        (files.hwp()[:700], "이력서.hwp"),  # truncated
        (b"\xff\xd8\xff\xe0 a photo", "이력서.pdf"),
        (b"  %PDF-1.4 after spaces", "이력서.pdf"),
    ],
)
def test_other_files_are_refused_whatever_their_name(seeker, data, name):
    with pytest.raises(ValidationError) as exc:
        services.resume_set(profile=seeker, upload=upload(name, data))
    assert exc.value.code == "format"


def test_files_live_outside_media_root_under_random_names(seeker):
    services.resume_set(profile=seeker, upload=upload("홍길동 이력서.pdf", files.PDF))
    path = stored_path(seeker)
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "홍길동" not in path
    other = SeekerProfileFactory()
    services.resume_set(profile=other, upload=upload("홍길동 이력서.pdf", files.PDF))
    assert other.resume.name != seeker.resume.name


def test_display_names_are_sanitised():
    assert resume_display_name("C:\\Users\\kim\\내 이력서.exe", "pdf") == "내 이력서.pdf"
    assert resume_display_name("../../etc/pass\u202ewd<>.docx", "docx") == "passwd__.docx"  # bidi override dropped
    assert resume_display_name("...", "hwp") == "이력서.hwp"
    assert resume_display_name("이" * 300 + ".pdf", "pdf") == "이" * 116 + ".pdf"
    assert resume_display_name("\u1112\u1169\u11bc.pdf", "pdf") == "홍.pdf"  # NFD (macOS) → NFC


def test_replacing_and_deleting_remove_the_old_file(seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.resume_set(profile=seeker, upload=upload("a.pdf", files.PDF))
    first = stored_path(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        services.resume_set(profile=seeker, upload=upload("b.docx", files.docx()))
    second = stored_path(seeker)
    assert first != second
    assert not private_storage().exists(first) and private_storage().exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_delete(profile=seeker) is True
    seeker.refresh_from_db()
    assert not seeker.resume and seeker.resume_name == "" and seeker.resume_size is None
    assert not private_storage().exists(second.rsplit("private_media/", 1)[-1])
    assert services.resume_delete(profile=seeker) is False


def test_resume_open_gives_file_name_and_content_type(seeker):
    with pytest.raises(services.ResumeNotFound):
        services.resume_open(seeker)
    services.resume_set(profile=seeker, upload=upload("이력서.hwpx", files.hwpx()))
    handle, filename, content_type = services.resume_open(seeker)
    with handle:
        assert handle.read() == files.hwpx()
    assert (filename, content_type) == ("이력서.hwpx", "application/hwp+zip")
    private_storage().delete(seeker.resume.name)
    with pytest.raises(services.ResumeNotFound):
        services.resume_open(seeker)


# --- pages ---------------------------------------------------------------------------------


def test_upload_page_refuses_with_korean_messages(client, seeker):
    client.force_login(seeker.user)
    response = client.post("/accounts/profile/resume/upload/", {"resume": upload("이력서.pdf", files.EXE)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_resume_error"' in html and "내용으로 확인하므로" in html
    response = client.post("/accounts/profile/resume/upload/", {})
    assert "올릴 파일을 골라 주세요" in response.content.decode()
    big = upload("big.pdf", files.PDF + b"0" * (11 * 1024 * 1024))
    response = client.post("/accounts/profile/resume/upload/", {"resume": big})
    assert "파일이 너무 큽니다" in response.content.decode()


def test_upload_replace_and_delete_pages(client, seeker):
    client.force_login(seeker.user)
    response = client.post(
        "/accounts/profile/resume/upload/", {"resume": upload("내 이력서.exe", files.PDF)}, follow=True
    )
    assert "이력서를 올렸습니다" in response.content.decode()
    response = client.post("/accounts/profile/resume/upload/", {"resume": upload("새.hwp", files.hwp())}, follow=True)
    assert "이력서를 새 파일로 바꾸었습니다" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.resume_format == "hwp"
    assert client.get("/accounts/profile/resume/delete/").status_code == 200
    response = client.post("/accounts/profile/resume/delete/", follow=True)
    assert "이력서 파일을 지웠습니다" in response.content.decode()
    seeker.refresh_from_db()
    assert not seeker.resume


def test_owner_downloads_as_attachment(client, seeker):
    services.resume_set(profile=seeker, upload=upload("내 이력서.exe", files.PDF))
    client.force_login(seeker.user)
    response = client.get("/accounts/profile/resume/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%EB%82%B4%20%EC%9D%B4%EB%A0%A5%EC%84%9C.pdf" in response["Content-Disposition"]  # 내 이력서.pdf
    assert "no-store" in response["Cache-Control"]


def test_download_without_a_resume_is_404(client, seeker):
    client.force_login(seeker.user)
    assert client.get("/accounts/profile/resume/").status_code == 404


def test_anonymous_visitors_go_to_login(client, seeker):
    services.resume_set(profile=seeker, upload=upload("a.pdf", files.PDF))
    for url in (
        "/accounts/profile/resume/",
        "/accounts/profile/resume/upload/",
        f"/accounts/people/{seeker.pk}/resume/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- staff downloads -----------------------------------------------------------------------


@pytest.fixture
def resident(seeker):
    """A seeker registered by 구월1동 행정복지센터, with a résumé."""
    seeker.registered_centre = CommunityCentre.objects.get(name="구월1동 행정복지센터")
    seeker.save()
    services.resume_set(profile=seeker, upload=upload("이력서.docx", files.docx()))
    return seeker


def test_another_seeker_gets_404(client, resident):
    client.force_login(SeekerProfileFactory().user)
    assert client.get(f"/accounts/people/{resident.pk}/resume/").status_code == 404
    # the owner-only URL serves the visitor's own résumé, never someone else's
    assert client.get("/accounts/profile/resume/").status_code == 404


def test_employer_members_get_404_here(client, resident):
    """Employers download the résumés of their applicants from the applicant pages (jobs);
    this URL names a person, so anyone who may not see that person gets 404."""
    client.force_login(EmployerMemberFactory().user)
    assert client.get(f"/accounts/people/{resident.pk}/resume/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_staff_of_another_centre_get_404(client, resident):
    other_centre = CommunityCentre.objects.exclude(pk=resident.registered_centre_id).filter(kind="dong").first()
    client.force_login(StaffMembershipFactory(centre=other_centre).user)
    assert client.get(f"/accounts/people/{resident.pk}/resume/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_staff_of_the_registering_centre_download_with_a_log_row(client, resident):
    staff = StaffMembershipFactory(centre=resident.registered_centre).user
    client.force_login(staff)
    response = client.get(f"/accounts/people/{resident.pk}/resume/", REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AccessLogEntry.objects.get()
    assert (entry.staff, entry.person, entry.action, entry.detail, entry.ip) == (
        staff,
        resident,
        "download",
        "resume",
        "203.0.113.5",
    )


def test_district_staff_download_any_resume_with_a_log_row(client, seeker):
    services.resume_set(profile=seeker, upload=upload("이력서.pdf", files.PDF))  # an online sign-up, no centre
    staff = StaffMembershipFactory(centre=CommunityCentre.objects.get(kind="district")).user
    client.force_login(staff)
    response = client.get(f"/accounts/people/{seeker.pk}/resume/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == files.PDF
    assert AccessLogEntry.objects.filter(staff=staff, person=seeker, action="download", detail="resume").count() == 1
    # no résumé, or no such person: 404 and no log row
    other = SeekerProfileFactory()
    assert client.get(f"/accounts/people/{other.pk}/resume/").status_code == 404
    assert client.get("/accounts/people/999999/resume/").status_code == 404
    assert AccessLogEntry.objects.count() == 1
