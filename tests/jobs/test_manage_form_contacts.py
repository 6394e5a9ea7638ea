"""Phone applications on the posting form: with 문의 전화 empty the employer's representative
phone is given (the help text says so); with neither, the form asks for 문의 전화."""

import pytest
from django.urls import reverse

from jobs.models import JobPosting
from tests.factories import EmployerFactory, EmployerMemberFactory
from tests.jobs.test_manage_views import edit_data, published

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]

CREATE = reverse("manage:posting_create")
NO_PHONE_ERROR = "전화 접수를 하려면 문의 전화를 적어 주세요. 기업 대표 전화번호도 등록되어 있지 않습니다."


def member_of(**employer):
    return EmployerMemberFactory(employer=EmployerFactory(**employer)).user


def test_help_text_says_the_representative_phone_is_used(client):
    user = member_of(phone="032-453-5000")
    client.force_login(user)
    html = client.get(CREATE).content.decode()
    assert "전화·이메일 접수는 아래 연락처가 필요합니다" not in html
    assert "비워 두면 기업 대표 전화번호를 안내합니다" in html  # apply methods
    assert "비워 두면 구직자에게 기업 대표 전화 032-453-5000 번호를 안내합니다." in html  # 문의 전화


def test_phone_without_contact_phone_uses_the_employer_phone(client, manage_form_data):
    user = member_of(phone="032-453-5000")
    client.force_login(user)
    response = client.post(CREATE, manage_form_data(apply_methods=["phone"], contact_phone=""))
    assert response.status_code == 302
    posting = JobPosting.objects.get()
    assert posting.contact_phone == ""
    # the service accepts it for review: the employer's number is there
    submitted = client.post(reverse("manage:posting_submit", args=[posting.pk]), follow=True)
    posting.refresh_from_db()
    assert posting.status == "submitted", [str(m) for m in submitted.context["messages"]]


def test_phone_without_any_number_is_refused_on_the_form(client, manage_form_data):
    user = member_of(phone="")
    client.force_login(user)
    page = client.get(CREATE).content.decode()
    assert "기업 대표 전화번호가 등록되어 있지 않아, 전화 접수를 하려면 꼭 적어야 합니다." in page
    response = client.post(CREATE, manage_form_data(apply_methods=["phone"], contact_phone="", title="경비원 모집"))
    assert response.status_code == 200
    assert response.context["form"].errors["contact_phone"] == [NO_PHONE_ERROR]
    html = response.content.decode()
    assert 'href="#id_contact_phone"' in html
    assert 'value="경비원 모집"' in html
    assert not JobPosting.objects.exists()
    # with a number it saves
    data = manage_form_data(apply_methods=["phone"], contact_phone="032-811-2222")
    assert client.post(CREATE, data).status_code == 302


def test_centre_staff_choosing_an_employer_without_a_phone(client, manage_centre_staff, manage_form_data):
    employer = EmployerFactory(phone="")
    client.force_login(manage_centre_staff)
    data = manage_form_data(employer=str(employer.pk), entry_channel="phone", apply_methods=["phone"], contact_phone="")
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors["contact_phone"] == [NO_PHONE_ERROR]
    employer.phone = "032-000-0000"
    employer.save()
    assert client.post(CREATE, data).status_code == 302


def test_edit_checks_the_posting_employer(client):
    user = member_of(phone="")
    posting = published(user, apply_methods=["online"], contact_phone="")
    client.force_login(user)
    url = reverse("manage:posting_edit", args=[posting.pk])
    response = client.post(url, edit_data(posting, user, apply_methods=["online", "phone"]))
    assert response.status_code == 200
    assert response.context["form"].errors["contact_phone"] == [NO_PHONE_ERROR]
