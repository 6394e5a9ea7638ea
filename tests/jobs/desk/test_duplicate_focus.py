"""The duplicate warning of /desk/residents/new/ and the record edit takes the keyboard focus as
the error summary does (issue 5 review): focusable without joining the tab order
(``tabindex="-1"``), focused on load (``autofocus``), and the only element of the page that is."""

import re

import pytest
from django.urls import reverse

from .conftest import make_walk_in
from .test_registration_pages import URL, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manage_clock")]


def warning_tag(html: str) -> str:
    match = re.search(r'<section[^>]*id="duplicates"[^>]*>', html)
    assert match, "no duplicate warning"
    return match.group(0)


def test_the_registration_warning_takes_the_focus(client, staff_a, centre_a):
    make_walk_in(centre_a, name="김영희", birth_year=1960, phone="+821077778888")
    client.force_login(staff_a)
    html = client.post(URL, form_data(name="김영수", birth_year="1958", phone="010-7777-8888")).content.decode()
    tag = warning_tag(html)
    assert 'tabindex="-1"' in tag and "autofocus" in tag and 'role="alert"' in tag
    assert html.count("autofocus") == 1  # no error summary competes for it
    assert html.index('id="duplicates"') < html.index('name="allow_duplicate"')


def test_the_edit_warning_takes_the_focus(client, staff_a, centre_a, centre_b):
    make_walk_in(centre_b, name="김영희", birth_year=1960, phone="+821077778888")
    mine = make_walk_in(centre_a, name="박민수", birth_year=1970, phone="+821011112222")
    client.force_login(staff_a)
    data = {"name": "박민수", "birth_year": "1970", "phone": "010-7777-8888", "home_dong": "2820051000"}
    html = client.post(reverse("desk:resident_edit", args=[mine.pk]), {**data, "wanted_wage_unit": "hour"})
    html = html.content.decode()
    tag = warning_tag(html)
    assert 'tabindex="-1"' in tag and "autofocus" in tag
    assert html.count("autofocus") == 1


def test_a_page_with_errors_keeps_the_focus_on_the_error_summary(client, staff_a):
    client.force_login(staff_a)
    html = client.post(URL, form_data(name="", birth_year="1958")).content.decode()
    assert 'id="duplicates"' not in html
    assert re.search(r'<div class="error-summary"[^>]*autofocus', html) and html.count("autofocus") == 1
