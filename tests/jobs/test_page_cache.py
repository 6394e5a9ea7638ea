"""Whole public pages kept for visitors without a session (``jobs.page_cache``, issue 7)."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs import page_cache
from tests.factories import EmployerFactory, JobPostingFactory, SeekerProfileFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NJ_PAGE_CACHE_SECONDS = 60
    page_cache.bump_now()  # nothing kept by an earlier test is served
    yield
    page_cache.forget_local()


def get(client, path, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/", "/jobs/", "/jobs/?q=경비&sort=deadline"])
def test_second_visit_is_served_without_queries(client, path):
    JobPostingFactory(title="아파트 경비원 모집")
    first, first_queries = get(client, path)
    client.cookies.clear()
    second, second_queries = get(client, path)
    assert first_queries > 0 and second_queries == 0
    assert second.context is None  # not rendered again
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())


def test_detail_page_is_kept_too(client):
    posting = JobPostingFactory()
    get(client, posting.get_absolute_url())
    client.cookies.clear()
    assert get(client, posting.get_absolute_url())[1] == 0


def test_each_answer_has_its_own_working_csrf_token(client):
    JobPostingFactory()
    get(client, "/jobs/")
    client.cookies.clear()
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    response, queries = get(visitor, "/jobs/")
    assert queries == 0
    token = TOKEN.search(response.content.decode()).group(1)
    assert page_cache.PLACEHOLDER not in response.content.decode()
    # the language switch of the kept page works with its token and the cookie it set
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/jobs/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    english, _queries = get(visitor, "/jobs/")
    assert '<html lang="en">' in english.content.decode()  # another language: another page


def test_a_saved_posting_shows_at_once(client, django_capture_on_commit_callbacks):
    JobPostingFactory(title="첫 공고")
    get(client, "/jobs/")
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        JobPostingFactory(title="새로 올라온 공고")
    response, queries = get(client, "/jobs/")
    assert queries > 0 and "새로 올라온 공고" in response.content.decode()


def test_an_employer_rename_shows_at_once(client, django_capture_on_commit_callbacks):
    employer = EmployerFactory(name="남동정밀")
    posting = JobPostingFactory(employer=employer)
    get(client, posting.get_absolute_url())
    employer.name = "남동테크"
    with django_capture_on_commit_callbacks(execute=True):
        employer.save()
    client.cookies.clear()
    assert "남동테크" in get(client, posting.get_absolute_url())[0].content.decode()


def test_a_page_asked_for_before_the_commit_is_not_kept_as_new(client, django_capture_on_commit_callbacks):
    """The review found a page rendered between a save and its commit kept under the new
    version, with the old rows, for the whole cache period. The version now moves only
    after the commit, so such a page is kept under the old one and the next visit renders
    the committed data."""
    posting = JobPostingFactory(title="옛 제목")
    get(client, posting.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        posting.title = "새 제목"
        posting.save()
        version = page_cache.current_version()
    page_cache.forget_local()
    assert page_cache.current_version() == version  # not moved before the commit
    for callback in callbacks:
        callback()
    page_cache.forget_local()
    assert page_cache.current_version() != version
    client.cookies.clear()
    assert "새 제목" in get(client, posting.get_absolute_url())[0].content.decode()


def test_a_process_with_the_caches_off_still_makes_pages_stale(settings, django_capture_on_commit_callbacks):
    """A command or worker running with the caches off changes what the web shows too."""
    before = page_cache.current_version()
    settings.NJ_PAGE_CACHE_SECONDS = 0
    settings.NJ_COUNT_CACHE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        JobPostingFactory(title="명령으로 넣은 공고")
    page_cache.forget_local()
    assert page_cache.current_version() != before


def test_the_expiry_task_forgets_the_pages(client, django_capture_on_commit_callbacks):
    from jobs.services.expiry import postings_expire

    today = datetime.date.today()
    JobPostingFactory(deadline=today - datetime.timedelta(days=1), date_posted=today - datetime.timedelta(days=9))
    get(client, "/jobs/", closed="true")
    with django_capture_on_commit_callbacks(execute=True):
        assert postings_expire() == 1
    client.cookies.clear()
    assert get(client, "/jobs/", closed="true")[1] > 0


def test_the_next_day_is_another_page(client):
    JobPostingFactory()
    get(client, "/jobs/")
    client.cookies.clear()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)):
        assert get(client, "/jobs/")[1] > 0


def test_signed_in_visitors_are_never_served_kept_pages(client):
    JobPostingFactory()
    get(client, "/jobs/")
    profile = SeekerProfileFactory()
    client.force_login(profile.user)
    response, queries = get(client, "/jobs/")
    assert queries > 0 and response.context is not None
    assert "로그아웃" in response.content.decode()


def test_pages_with_a_session_are_not_kept(client):
    JobPostingFactory()
    client.cookies["sessionid"] = "whatever"
    get(client, "/jobs/?q=경비")
    client.cookies.clear()
    assert get(client, "/jobs/?q=경비")[1] > 0  # the first visit with a session kept nothing


def test_not_found_is_not_kept(client):
    assert client.get("/jobs/999999/").status_code == 404
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/jobs/999999/").status_code == 404
    assert ctx.captured_queries


def test_off_when_zero(client, settings):
    settings.NJ_PAGE_CACHE_SECONDS = 0
    JobPostingFactory()
    get(client, "/jobs/")
    assert get(client, "/jobs/")[1] > 0


def count_queries(sql: list[dict]) -> list[str]:
    return [q["sql"] for q in sql if "COUNT(*)" in q["sql"] and "jobs_jobposting" in q["sql"]]


def test_counts_of_a_search_are_kept_for_its_next_pages(client, settings, django_capture_on_commit_callbacks):
    """Signed-in visitors too (counts are the same for everyone): "다음 쪽" does not count again,
    and a saved posting is counted at once."""
    settings.NJ_PAGE_CACHE_SECONDS = 0
    settings.NJ_COUNT_CACHE_SECONDS = 60
    settings.NJ_PAGE_SIZE = 2
    client.force_login(SeekerProfileFactory().user)
    JobPostingFactory.create_batch(5, title="아파트 경비원")
    with CaptureQueriesContext(connection) as first:
        html = client.get("/jobs/", {"q": "경비"}).content.decode()
    assert count_queries(first.captured_queries)
    after = re.search(r'<a href="\?([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    with CaptureQueriesContext(connection) as second:
        response = client.get("/jobs/?" + after)
    assert not count_queries(second.captured_queries)
    assert response.context["page_obj"].count == 5
    with django_capture_on_commit_callbacks(execute=True):
        JobPostingFactory(title="경비원 새 공고")
    response = client.get("/jobs/", {"q": "경비"})
    assert response.context["page_obj"].count == 6
