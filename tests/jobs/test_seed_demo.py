"""``seed_demo``: realistic Namdong demo data, deterministic for a date and idempotent."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from accounts.consent_texts import CONSENT_VERSION
from accounts.models import Consent, OutboundMessage, SeekerProfile, StaffMembership, User
from employers.brn import brn_is_valid
from employers.models import Certification, Employer, EmployerMember
from jobs.choices import ApplicationChannel, PostingSource, PostingStatus
from jobs.demo.data import ADMIN_EMAIL, DEMO_PASSWORD
from jobs.demo.report import SeedError
from jobs.demo.seed import seed_demo
from jobs.models import Application, ApplicationStatusChange, CounsellingNote, JobPosting, Referral, today_kst
from jobs.services import postings_expire
from jobs.wages import hourly_krw
from namdong_jobs.reference.models import CommunityCentre, MinimumWage

ON = datetime.date(2026, 9, 1)
DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return seed_demo(on=ON)


# fmt: off
POSTING_FIELDS = [
    "external_id", "title", "employer__brn", "occupation_id", "dong_id", "address", "employment_type", "wage_type",
    "wage_min", "wage_max", "work_days", "shifts", "start_time", "end_time", "daily_hours", "hours_per_week",
    "openings", "priority_groups", "benefits", "description", "preferred_qualifications", "date_posted", "deadline",
    "status", "published_at", "closed_at", "created_by__email",
]
SEEKER_FIELDS = [
    "name", "birth_year", "phone", "home_dong_id", "user__email", "registered_centre__name", "registered_by__email",
    "wanted_occupations", "wanted_dongs", "wanted_days", "wanted_min_hourly_krw",
]
EMPLOYER_FIELDS = ["brn", "name", "address", "dong_id", "verification_status", "verified_at", "verified_by__email"]
# fmt: on


def snapshot() -> dict[str, list]:
    """Everything the seed decides, without the timestamps the database or the clock sets."""
    return {
        "postings": list(JobPosting.objects.order_by("external_id").values_list(*POSTING_FIELDS)),
        "employers": list(Employer.objects.order_by("brn").values_list(*EMPLOYER_FIELDS)),
        "certifications": list(
            Certification.objects.order_by("employer__brn", "type", "number").values_list(
                "employer__brn", "type", "number", "valid_from", "valid_until"
            )
        ),
        "users": list(User.objects.order_by("email").values_list("email", "name", "phone", "is_staff", "is_superuser")),
        "staff": list(
            StaffMembership.objects.order_by("user__email").values_list("user__email", "centre__name", "role")
        ),
        "members": list(
            EmployerMember.objects.order_by("user__email").values_list("user__email", "employer__brn", "role")
        ),
        "seekers": list(SeekerProfile.objects.order_by("phone").values_list(*SEEKER_FIELDS)),
    }


def statuses() -> dict[str, tuple]:
    return {
        key: (status, closed)
        for key, status, closed in JobPosting.objects.values_list("external_id", "status", "closed_at")
    }


def sign_in(username: str, password: str) -> User | None:
    """``authenticate`` as the login view calls it: django-axes' backend refuses a call without a request."""
    return authenticate(request=RequestFactory().post("/accounts/login/"), username=username, password=password)


def delete_everything() -> None:
    with connection.cursor() as cursor:  # the log refuses DELETE (a trigger); a test's reset may truncate
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks on the table
        cursor.execute("TRUNCATE accounts_accesslogentry")
    Referral.objects.all().delete()
    CounsellingNote.objects.all().delete()
    OutboundMessage.objects.all().delete()
    ApplicationStatusChange.objects.all().delete()
    Application.objects.all().delete()
    JobPosting.objects.all().delete()
    EmployerMember.objects.all().delete()
    Employer.objects.all().delete()
    Consent.objects.all().delete()
    SeekerProfile.objects.all().delete()
    StaffMembership.objects.all().delete()
    User.objects.all().delete()


def test_the_desk_has_work_to_show():
    """Every walk-in has a counselling note due today (the desk home's follow-up list), and
    referrals were made through the real service by the resident's centre; a second run adds
    none. (Referring needs postings open today, so the clock is pinned to the demo date.)"""
    with time_machine.travel(datetime.datetime(2026, 9, 1, 1, 0, tzinfo=datetime.UTC), tick=False):
        first = seed_demo(on=ON)
        again = seed_demo(on=ON)
        today = today_kst()
    walk_ins = SeekerProfile.objects.filter(user__isnull=True)
    assert walk_ins.exists()
    for profile in walk_ins:
        note = CounsellingNote.objects.get(seeker=profile)
        assert note.staff == profile.registered_by and note.follow_up_on == today
    referrals = Referral.objects.select_related("application__seeker")
    assert referrals.count() == first.tallies["referrals"].created > 0
    for referral in referrals:
        assert referral.application.channel == ApplicationChannel.REFERRAL
        assert referral.centre == referral.application.seeker.registered_centre
    assert again.tallies["notes"].created == 0 and again.tallies["referrals"].created == 0


def test_counts_and_shape(report):
    assert Employer.objects.count() == 16
    assert Employer.objects.filter(verification_status=Employer.Verification.PENDING).count() == 1
    assert all(brn_is_valid(brn) for brn in Employer.objects.values_list("brn", flat=True))
    postings = JobPosting.objects.all()
    assert postings.count() == 60
    assert set(postings.values_list("source", flat=True)) == {PostingSource.DIRECT}
    assert all(key.startswith("demo-") for key in postings.values_list("external_id", flat=True))
    assert postings.values("dong").distinct().count() >= 10
    assert not postings.filter(occupation__isnull=True).exists()
    assert set(postings.values_list("occupation__level", flat=True)) == {"minor"}
    # 남동인더스파크 입주기업 rows, and a designation that has expired by the seed date
    assert Certification.objects.filter(type=Certification.Type.INDUSPARK).count() == 6
    assert any(not c.is_valid_on(ON) for c in Certification.objects.all())
    # one officer per dong centre; the district admin is district staff
    for centre in CommunityCentre.objects.filter(kind=CommunityCentre.Kind.DONG):
        assert centre.staff.filter(is_active=True).count() == 1, centre
    admin = User.objects.get(email=ADMIN_EMAIL)
    assert admin.is_district_staff and admin.is_superuser and admin.is_staff
    assert StaffMembership.objects.count() == 21
    assert EmployerMember.objects.filter(role=EmployerMember.Role.OWNER).count() == 5
    assert SeekerProfile.objects.filter(user__isnull=False).count() == 5
    assert report.created == sum(t.created for t in report.tallies.values()) > 0


def test_every_wage_respects_the_minimum_wage(report):
    minimum = MinimumWage.objects.for_date(ON).hourly_krw
    assert minimum == 10_320
    published = JobPosting.objects.filter(status=PostingStatus.PUBLISHED)
    assert published.count() >= 50
    for posting in JobPosting.objects.all():
        hourly = hourly_krw(posting.wage_min, posting.wage_type, posting.daily_hours)
        assert hourly >= minimum, (posting.external_id, posting.wage_display, hourly)


def test_dates_are_relative_to_the_seed_date(report):
    postings = JobPosting.objects.all()
    assert all(ON - 30 * DAY <= p.date_posted <= ON for p in postings)
    open_ = JobPosting.objects.open(today=ON)
    assert all(p.deadline is None or ON + 3 * DAY <= p.deadline <= ON + 45 * DAY for p in open_)
    assert open_.filter(deadline__isnull=True).exists()
    assert JobPosting.objects.past_deadline(today=ON).count() >= 3
    assert postings.filter(status=PostingStatus.CLOSED).exists()
    assert postings.filter(status=PostingStatus.FILLED).exists()
    assert postings.filter(status__in=[PostingStatus.DRAFT, PostingStatus.SUBMITTED]).count() == 2
    assert not postings.filter(status=PostingStatus.PUBLISHED, published_at__isnull=True).exists()
    # postings of the unverified employer are not public
    pending = postings.filter(employer__verification_status=Employer.Verification.PENDING)
    assert pending.exists() and not pending.filter(status=PostingStatus.PUBLISHED).exists()


def test_keyword_search_finds_the_showcase_words(report):
    found = JobPosting.objects.open(today=ON).keyword("요양보호사")
    assert found.exists()
    assert any("요양보호사를" in p.description for p in found)
    for word in ("경비", "청소", "간호", "지게차"):
        assert JobPosting.objects.open(today=ON).keyword(word).exists(), word


def test_second_run_creates_and_changes_nothing(report):
    before = snapshot()
    stamps = dict(JobPosting.objects.values_list("external_id", "updated_at"))
    again = seed_demo(on=ON)
    assert (again.created, again.updated) == (0, 0)
    assert snapshot() == before
    assert dict(JobPosting.objects.values_list("external_id", "updated_at")) == stamps


def test_same_date_gives_the_same_content(report):
    first = snapshot()
    delete_everything()
    seed_demo(on=ON)
    assert snapshot() == first
    # another date moves the dates; coming back restores the first content exactly
    seed_demo(on=ON + 5 * DAY)
    assert snapshot() != first
    back = seed_demo(on=ON)
    assert back.created == 0 and back.updated > 0
    assert snapshot() == first


@pytest.mark.parametrize("later", [0, 10])
def test_a_rerun_leaves_postings_the_expiry_task_closed(report, later):
    """Re-seeding used to flip expired postings back to published ("구인공고 변경 4건")."""
    expired = postings_expire(today=ON + later * DAY)
    assert expired == 4 if not later else expired > 4  # the 4 past-deadline postings, then the first to pass
    before = statuses()
    again = seed_demo(on=ON + later * DAY)
    after = statuses()
    closed = {key for key, (status, _) in before.items() if status == PostingStatus.EXPIRED}
    assert len(closed) == expired
    assert {key: after[key] for key in closed} == {key: before[key] for key in closed}
    assert len(again.kept) == expired
    if not later:
        assert (again.created, again.updated) == (0, 0)
        assert after == before
    assert seed_demo(on=ON + later * DAY).updated == 0


def test_a_rerun_leaves_postings_staff_closed_or_filled(report):
    open_ = list(JobPosting.objects.open(today=ON).order_by("external_id")[:3])
    JobPosting.objects.filter(pk=open_[0].pk).update(status=PostingStatus.CLOSED, closed_at=timezone.now())
    JobPosting.objects.filter(pk=open_[1].pk).update(status=PostingStatus.FILLED, closed_at=None)
    JobPosting.objects.filter(pk=open_[2].pk).update(status=PostingStatus.REJECTED)
    before = statuses()
    assert seed_demo(on=ON).updated == 0
    assert statuses() == before
    seed_demo(on=ON + 7 * DAY)
    after = statuses()
    assert [after[p.external_id] for p in open_] == [before[p.external_id] for p in open_]


@pytest.mark.parametrize("bad", ["9999-12-31", "2019-12-31", "2101-01-01", "0001-01-01"])
def test_command_rejects_a_date_out_of_range(settings, bad):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="2020-01-01 ~ 2100-12-31"):
        call_command("seed_demo", "--date", bad)
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("bad", [datetime.date.max, datetime.date.min, datetime.date(2019, 12, 31)])
def test_service_rejects_a_date_out_of_range(bad):
    with pytest.raises(SeedError, match="2020-01-01 ~ 2100-12-31"):
        seed_demo(on=bad)


def test_the_last_accepted_date_seeds():
    assert seed_demo(on=datetime.date(2100, 12, 31)).created > 0


def test_seeker_logins_show_their_phone(report):
    seekers = [x for x in report.logins if x.role == "구직자"]
    assert [x.phone for x in seekers] == [f"010-7100-000{i}" for i in range(1, 6)]
    assert all(x.phone == "" for x in report.logins if x.role != "구직자")
    for x in seekers:
        assert sign_in(x.phone, DEMO_PASSWORD).email == x.login


def test_demo_logins_authenticate(report):
    roles = {login.role for login in report.logins}
    assert roles == {"구청 관리자", "센터 직원", "기업 담당자", "구직자"}
    assert len(report.logins) == 1 + 20 + 5 + 5
    for login in report.logins:
        assert login.password == DEMO_PASSWORD
        assert sign_in(login.login, DEMO_PASSWORD) is not None, login.login
    assert sign_in(ADMIN_EMAIL, "wrong-password") is None
    assert sign_in("010-7100-0001", DEMO_PASSWORD).email == "seeker1@namdong.example"


def test_a_changed_password_is_restored_once(report):
    user = User.objects.get(email="staff.guwol1@namdong.example")
    user.set_password("something-else")
    user.save()
    again = seed_demo(on=ON)
    assert (again.tallies["users"].updated, again.updated) == (1, 1)
    assert sign_in(user.email, DEMO_PASSWORD) is not None
    assert seed_demo(on=ON).updated == 0


def test_walk_in_residents_belong_to_their_centre(report):
    walk_ins = SeekerProfile.objects.filter(user__isnull=True)
    assert walk_ins.count() == 3
    for seeker in walk_ins:
        assert seeker.phone.startswith("+8210")
        assert seeker.registered_by.staff_centre == seeker.registered_centre


def test_command_refuses_without_force_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", "--date", "2026-09-01")
    assert not JobPosting.objects.exists()
    call_command("seed_demo", "--date", "2026-09-01", "--force", stdout=StringIO())
    assert JobPosting.objects.count() == 60


def test_command_prints_summary_and_logins(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", "--date", "2026-09-01", stdout=out)
    text = out.getvalue()
    assert "기준일 2026-09-01" in text and "구인공고" in text
    for login in (ADMIN_EMAIL, "staff.guwol1@namdong.example", "employer1@namdong.example", DEMO_PASSWORD):
        assert login in text
    assert "휴대전화(로그인 가능)" in text
    assert next(line for line in text.splitlines() if "seeker1@namdong.example" in line).count("010-7100-0001") == 1
    out = StringIO()
    call_command("seed_demo", "--date", "2026-09-01", stdout=out)
    assert "새로 만듦 0건, 변경 0건" in out.getvalue()


def test_command_defaults_to_today_and_rejects_a_bad_date(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert JobPosting.objects.open().keyword("요양보호사").exists()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", "--date", "2026-13-01")


def test_demo_seekers_have_consents_and_profile_details(report):
    """Online seekers consent online themselves; walk-in residents on the centre's paper form
    (the current version, ``CONSENT_VERSION``), recorded by the officer who registered them.
    Seeding twice adds no second consent."""
    seed_demo(on=ON)
    for profile in SeekerProfile.objects.all():
        active = {c.purpose: c for c in profile.consents.filter(withdrawn_at__isnull=True)}
        assert set(active) == {"collection", "provision", "notifications"}, profile.name
        assert profile.consents.count() == 3
        assert profile.education and profile.languages
        for consent in active.values():
            if profile.user_id:
                assert consent.method == "online" and consent.taken_by is None
            else:
                assert consent.method == "paper" and consent.taken_by == profile.registered_by
                assert consent.paper_signed_on == ON
                assert consent.paper_form_version == CONSENT_VERSION  # as the desk's form defaults to
    assert SeekerProfile.objects.get(name="김순자").licences == ["care_worker"]


def test_demo_applications_show_each_step():
    """Three demo seekers applied online through the real services: one just submitted, one
    viewed by the employer, one invited to an interview; a second run adds none. (Applying
    needs postings open today, so the clock is pinned to the demo date.)"""
    with time_machine.travel(datetime.datetime(2026, 9, 1, 1, 0, tzinfo=datetime.UTC), tick=False):
        first = seed_demo(on=ON)
        again = seed_demo(on=ON)
    assert first.tallies["applications"].created == 3
    assert again.tallies["applications"].created == 0
    online = Application.objects.filter(channel=ApplicationChannel.ONLINE)
    statuses = dict(online.values_list("seeker__user__email", "status"))
    assert sorted(statuses.values()) == ["interview", "submitted", "viewed"]
    for application in online:
        assert application.provision_consent_id and application.profile_snapshot["name"]
        steps = list(application.status_changes.values_list("to_status", flat=True))
        assert steps[-1] == application.status and steps[0] == "submitted"
