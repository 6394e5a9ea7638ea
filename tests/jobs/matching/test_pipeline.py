"""The matching pipeline around the rules: going live schedules a match run after commit, the
sweep finds runs that never completed, the task, and the two directions of the rules agree."""

import datetime
import random

import pytest
from django.utils import timezone

from accounts.choices import ConsentPurpose
from jobs.choices import PostingStatus
from jobs.matching import match_posting, postings_fitting, unmatched_postings
from jobs.matching import run as run_module
from jobs.models import JobPosting, Match
from jobs.services import posting_approve
from jobs.tasks import match_posting as match_task
from jobs.tasks import match_sweep
from namdong_jobs.reference.codes import EmploymentType, Licence, PriorityGroup, Shift
from namdong_jobs.reference.models import CommunityCentre, Dong
from tests.factories import JobPostingFactory, StaffMembershipFactory

from .helpers import matched, posting, seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """Posting ids whose match run was enqueued (instead of the broker)."""
    calls = []
    monkeypatch.setattr(run_module, "enqueue_match", calls.append)
    return calls


def district_staff():
    return StaffMembershipFactory(centre=CommunityCentre.objects.get(kind=CommunityCentre.Kind.DISTRICT)).user


def test_approving_a_posting_enqueues_its_match_run_after_commit(enqueued, django_capture_on_commit_callbacks):
    submitted = JobPostingFactory(
        status=PostingStatus.SUBMITTED, published_at=None, apply_methods=["online"], contact_phone="032-453-1234"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        posting_approve(posting=submitted, by=district_staff())
    assert enqueued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert enqueued == [submitted.pk]
    submitted.refresh_from_db()
    assert submitted.matched_at is None


def test_a_run_that_never_happened_is_found_by_the_sweep(enqueued):
    long_ago = posting(published_at=timezone.now() - datetime.timedelta(minutes=10))
    just_now = posting(published_at=timezone.now())
    done = posting(published_at=timezone.now() - datetime.timedelta(minutes=10))
    match_posting(done.pk)
    closed = posting(published_at=timezone.now() - datetime.timedelta(minutes=10), status=PostingStatus.CLOSED)
    assert unmatched_postings() == [long_ago.pk]
    assert just_now.pk not in unmatched_postings() and closed.pk not in unmatched_postings()


def test_the_sweep_task_enqueues_the_unmatched(monkeypatch):
    stale = posting(published_at=timezone.now() - datetime.timedelta(minutes=10))
    sent = []
    monkeypatch.setattr(match_task, "delay", sent.append)
    assert match_sweep() == 1
    assert sent == [stale.pk]


def test_the_task_matches_and_records_the_run():
    person = seeker()
    job = posting()
    assert match_task(job.pk) == 1
    job.refresh_from_db()
    assert job.matched_at is not None
    assert set(matched(job)) == {person.pk}
    assert match_task(job.pk) == 0  # again: nothing new


def test_closed_external_and_missing_postings_are_not_matched():
    seeker()
    closed = posting(status=PostingStatus.CLOSED)
    assert match_posting(closed.pk).skipped == "not open"
    assert match_posting(999_999).skipped == "no such posting"
    assert not Match.objects.exists()


def test_a_new_revision_going_live_matches_again_tells_only_the_new_fits_and_drops_the_others(enqueued):
    first = seeker(wanted_employment_types=[EmploymentType.REGULAR])
    later = seeker(wanted_employment_types=[EmploymentType.PART_TIME])
    job = posting(employment_type=EmploymentType.REGULAR)
    match_posting(job.pk)
    assert set(matched(job)) == {first.pk}
    JobPosting.objects.filter(pk=job.pk).update(employment_type=EmploymentType.PART_TIME, matched_at=None)
    run = match_posting(job.pk)
    # the new fit is matched (and told); the one who wants regular work no longer fits
    assert run.matches == 1 and set(matched(job)) == {later.pk}


# ---- both directions of the rules agree -------------------------------------------------


def _random_conditions(rng, dongs, occupations):
    return dict(
        wanted_occupations=rng.sample(occupations, rng.choice([0, 1, 2])),
        wanted_dongs=rng.sample(dongs, rng.choice([0, 0, 1, 2])),
        wanted_employment_types=rng.sample(EmploymentType.values, rng.choice([0, 1, 2])),
        wanted_min_hourly_krw=rng.choice([None, None, 10_320, 12_000, 14_000]),
        wanted_shifts=rng.sample(Shift.values, rng.choice([0, 0, 1])),
        wanted_days=rng.sample(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], rng.choice([0, 5, 7])),
        home_dong_id=rng.choice([None, *dongs]),
        licences=rng.sample(Licence.values, rng.choice([0, 1])),
        birth_year=rng.choice([1955, 1970, 1998]),
    )


def test_one_posting_against_all_seekers_agrees_with_each_seeker_against_all_postings():
    rng = random.Random(6)
    dongs = list(Dong.objects.values_list("code", flat=True))
    occupations = ["890", "851", "852", "561", "562"]
    people = [seeker(**_random_conditions(rng, dongs, occupations)) for _ in range(40)]
    jobs = []
    for _ in range(12):
        wage = rng.choice([(None, ""), (10_320, "HOUR"), (2_600_000, "MONTH"), (120_000, "DAY")])
        jobs.append(
            posting(
                occupation_id=rng.choice([*occupations, None]),
                dong_id=rng.choice([*dongs, None]),
                employment_type=rng.choice(EmploymentType.values),
                wage_min=wage[0],
                wage_max=None,
                wage_type=wage[1],
                shifts=rng.sample(Shift.values, rng.choice([0, 1, 2])),
                work_days=rng.sample(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], rng.choice([0, 3, 5])),
                priority_groups=rng.sample([PriorityGroup.OLDER, PriorityGroup.YOUTH], rng.choice([0, 1])),
                preferred_qualifications=rng.choice(["", "지게차 운전 가능자", "요양보호사 자격증"]),
            )
        )
    forward = {}
    for job in jobs:
        match_posting(job.pk)
        for profile_id, m in matched(job).items():
            forward[(job.pk, profile_id)] = (m.score, m.reasons)
    reverse = {}
    for person in people:
        if not person.wanted_occupations:
            continue  # notices need a wanted occupation (browsing does not)
        for job in postings_fitting(person):
            reverse[(job.pk, person.pk)] = (job.match_score, job.match_reasons)
    assert forward == reverse
    assert 10 < len(forward) < 40 * 12  # the random data fits some and not others


def test_postings_fitting_ignores_the_notifications_consent_but_not_erasure():
    from accounts.services import person_erase

    no_notices = seeker(consents=())
    job = posting()
    assert list(postings_fitting(no_notices)) == [job]
    person_erase(profile=no_notices, reason="request")
    no_notices.refresh_from_db()
    assert list(postings_fitting(no_notices)) == []


def test_postings_fitting_leaves_out_imported_listings_and_closed_postings():
    from employers.models import Employer
    from jobs.choices import PostingSource
    from tests.factories import EmployerFactory

    person = seeker(consents=(ConsentPurpose.NOTIFICATIONS,))
    fits = posting()
    posting(status=PostingStatus.CLOSED)
    external = EmployerFactory(verification_status=Employer.Verification.EXTERNAL, brn=None)
    posting(employer=external, source=PostingSource.WORK24, external_id="X1")
    assert list(postings_fitting(person)) == [fits]


def test_the_digest_task_fans_out_in_chunks(monkeypatch):
    from accounts.choices import NotifyFrequency
    from jobs.matching import digest
    from jobs.tasks import send_digest_chunk, send_digests

    people = [seeker(notify_frequency=NotifyFrequency.DAILY) for _ in range(3)]
    match_posting(posting().pk)
    chunks = []
    monkeypatch.setattr(digest, "DIGEST_CHUNK", 2)
    monkeypatch.setattr(send_digest_chunk, "delay", chunks.append)
    assert send_digests() == 3
    assert chunks == [sorted(p.pk for p in people)[:2], sorted(p.pk for p in people)[2:]]
    assert send_digest_chunk(chunks[0]) == 4  # on site and email for each of the two
    assert send_digest_chunk(chunks[0]) == 0


def test_releasing_held_messages_enqueues_enough_delivery_tasks(monkeypatch, settings):
    from accounts.messaging import delivery
    from accounts.tasks import deliver_messages, release_held_messages

    people = [seeker(notify_channels=["email"]) for _ in range(3)]
    match_posting(posting().pk)
    assert len(people) == 3
    sent = []
    monkeypatch.setattr(delivery, "RELEASE_BATCH", 2)
    monkeypatch.setattr(deliver_messages, "delay", lambda: sent.append(1))
    assert release_held_messages() == 2  # 3 due emails, 2 a task
    assert len(sent) == 2


def test_redis_down_at_publish_time_leaves_the_posting_to_the_sweep(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from namdong_jobs.celery import app

    app.amqp.producer_pool  # noqa: B018 - make sure both pools exist, so that monkeypatch restores them
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens there
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    person = seeker()
    submitted = JobPostingFactory(
        status=PostingStatus.SUBMITTED, published_at=None, apply_methods=["online"], contact_phone="032-453-1234"
    )
    with django_capture_on_commit_callbacks(execute=True):
        posting_approve(posting=submitted, by=district_staff())  # the approval itself succeeds
    assert "Could not enqueue matching" in caplog.text
    submitted.refresh_from_db()
    assert submitted.status == PostingStatus.PUBLISHED and submitted.matched_at is None
    later = timezone.now() + datetime.timedelta(minutes=run_module.UNMATCHED_GRACE_MINUTES + 1)
    assert unmatched_postings(now=later) == [submitted.pk]
    match_task(submitted.pk)  # what the sweep enqueues once the broker is back
    assert set(matched(submitted)) == {person.pk}
    assert unmatched_postings(now=later) == []
