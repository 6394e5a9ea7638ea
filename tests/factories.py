"""factory_boy factories for the core models. Reference rows (dongs, KECO, centres) come
from the data migration, so factories look them up rather than invent them."""

import datetime

import factory
from django.utils import timezone

from accounts.models import SeekerProfile, StaffMembership, User
from employers.brn import brn_check_digit
from employers.models import Certification, Employer, EmployerMember
from jobs.choices import EmploymentType, PostingStatus, WageType
from jobs.models import JobPosting
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kr")
    name = factory.Sequence(lambda n: f"사용자{n}")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password("correct-horse-battery")


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"(주)남동정밀{n}")
    brn = factory.Sequence(lambda n: f"{131810000 + n:09d}" + brn_check_digit(f"{131810000 + n:09d}"))
    address = "인천광역시 남동구 남동대로 100"
    dong = factory.LazyFunction(lambda: Dong.objects.get(name="논현고잔동"))
    verification_status = Employer.Verification.VERIFIED


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    employer = factory.SubFactory(EmployerFactory)
    type = Certification.Type.SOCIAL
    number = factory.Sequence(lambda n: f"2026-{n:03d}")
    valid_from = datetime.date(2026, 1, 1)
    valid_until = datetime.date(2028, 12, 31)


class EmployerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerMember

    employer = factory.SubFactory(EmployerFactory)
    user = factory.SubFactory(UserFactory)
    role = EmployerMember.Role.OWNER


class StaffMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMembership

    user = factory.SubFactory(UserFactory)
    centre = factory.LazyFunction(lambda: CommunityCentre.objects.get(name="구월1동 행정복지센터"))


class SeekerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeekerProfile

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"구직자{n}")
    birth_year = 1980


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    title = factory.Sequence(lambda n: f"생산직 사원 모집 {n}")
    employer = factory.SubFactory(EmployerFactory)
    occupation = factory.LazyFunction(lambda: Occupation.objects.get(code="890"))
    description = "남동인더스파크 공장에서 부품 조립 업무를 담당합니다."
    dong = factory.LazyFunction(lambda: Dong.objects.get(name="논현고잔동"))
    address = "인천광역시 남동구 남동서로 200"
    employment_type = EmploymentType.REGULAR
    wage_type = WageType.MONTH
    wage_min = 2_500_000
    wage_max = 3_000_000
    openings = 2
    status = PostingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    # posted today, or 30 days before a deadline that has already passed
    date_posted = factory.LazyAttribute(
        lambda o: (
            min(timezone.localdate(), o.deadline - datetime.timedelta(days=30)) if o.deadline else timezone.localdate()
        )
    )


# ---- applications (issue 4: applying and tracking) ------------------------------------------


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application made directly (no snapshot, no history): use
    ``jobs.services.application_apply`` when the test is about applying."""

    class Meta:
        model = "jobs.Application"

    posting = factory.SubFactory(JobPostingFactory)
    seeker = factory.SubFactory(SeekerProfileFactory)
    status_changed_at = factory.LazyFunction(timezone.now)


class SavedPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobs.SavedPosting"

    seeker = factory.SubFactory(SeekerProfileFactory)
    posting = factory.SubFactory(JobPostingFactory)


class CareerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.CareerEntry"

    profile = factory.SubFactory(SeekerProfileFactory)
    company = factory.Sequence(lambda n: f"남동산업{n}")
    role = "생산직"
    started_on = datetime.date(2015, 3, 1)
    ended_on = datetime.date(2019, 6, 1)
