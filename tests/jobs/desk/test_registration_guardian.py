"""The guardian's consent document of a resident aged 15–17 (근로기준법 §66) at the desk: the
resident page says whether one is on file and links to ``desk:guardian_document``, which
sends it as an attachment (private storage, ``no-store``) to staff whose scope holds the
resident and writes one access-log ``download`` row (``"guardian_document"``)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.accounts.document_files import PDF

from .conftest import make_walk_in
from .test_registration import PNG
from .test_resident_edit import attach_guardian_document, log_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]


@pytest.fixture
def minor(centre_a, staff_a):
    """A walk-in of centre A born in 2010 (16 in 2026) with the guardian's document."""
    person = make_walk_in(centre_a, name="김하늘", birth_year=2010, registered_by=staff_a)
    attach_guardian_document(person)
    return person


def url(resident) -> str:
    return reverse("desk:guardian_document", args=[resident.pk])


def test_the_url_name(minor):
    assert url(minor) == f"/desk/residents/{minor.pk}/guardian-document/"


def test_the_resident_page_links_to_the_document(client, staff_a, minor):
    client.force_login(staff_a)
    html = client.get(reverse("desk:resident_detail", args=[minor.pk])).content.decode()
    assert "<dt>보호자 동의서</dt><dd>받아 둠" in html
    assert f'<a href="{url(minor)}">보호자 동의서 내려받기</a>' in html


def test_the_resident_page_says_when_a_minor_has_none(client, staff_a, centre_a):
    person = make_walk_in(centre_a, birth_year=2010)
    client.force_login(staff_a)
    html = client.get(reverse("desk:resident_detail", args=[person.pk])).content.decode()
    assert "<dt>보호자 동의서</dt><dd>없음" in html and "만 15~17세는 보호자 동의서가 있어야 합니다." in html
    assert url(person) not in html


def test_an_adult_without_a_document_has_no_line(client, staff_a, centre_a):
    person = make_walk_in(centre_a, birth_year=1960)
    client.force_login(staff_a)
    html = client.get(reverse("desk:resident_detail", args=[person.pk])).content.decode()
    assert "<dt>보호자 동의서</dt>" not in html


def test_downloading_the_document_is_logged(client, staff_a, minor):
    client.force_login(staff_a)
    response = client.get(url(minor))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"{minor.pk}.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert log_rows() == [(staff_a.pk, minor.pk, "download", "guardian_document")]


def test_a_png_keeps_its_type(client, staff_a, centre_a):
    person = make_walk_in(centre_a, birth_year=2010)
    person.guardian_document.save("guardian.png", ContentFile(PNG))
    client.force_login(staff_a)
    response = client.get(url(person))
    assert response["Content-Type"] == "image/png"


def test_no_document_or_a_missing_file_is_404_and_not_logged(client, staff_a, centre_a, minor):
    client.force_login(staff_a)
    assert client.get(url(make_walk_in(centre_a, birth_year=2010))).status_code == 404
    minor.guardian_document.storage.delete(minor.guardian_document.name)
    assert client.get(url(minor)).status_code == 404
    assert log_rows() == []


def test_anonymous_visitors_go_to_the_login_page(client, minor):
    response = client.get(url(minor))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert log_rows() == []


@pytest.mark.parametrize("who", ["seeker_user", "employer_member"])
def test_seekers_and_employers_get_403(client, request, minor, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(minor)).status_code == 403
    assert log_rows() == []


def test_another_centres_staff_get_404(client, staff_b, minor):
    client.force_login(staff_b)
    assert client.get(url(minor)).status_code == 404
    assert log_rows() == []


def test_district_staff_may_download(client, district_staff, minor):
    client.force_login(district_staff)
    response = client.get(url(minor))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert log_rows() == [(district_staff.pk, minor.pk, "download", "guardian_document")]


def test_only_get(client, staff_a, minor):
    client.force_login(staff_a)
    assert client.post(url(minor)).status_code == 405
    assert log_rows() == []
