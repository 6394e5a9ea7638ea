"""The demo-data service behind ``python manage.py seed_demo`` (vocabulary in :mod:`jobs.demo.data`;
people seeded in :mod:`jobs.demo.people`, employers and postings in :mod:`jobs.demo.postings`).

``seed_demo(on=date)`` is deterministic for a date (every choice comes from ``random.Random`` seeded
with it, drawn in a fixed order) and idempotent: rows are found by a natural key (email, 사업자등록번호,
``(source, external_id)`` …), compared field by field and saved only when something differs, so a
second run with the same date creates and changes nothing. Postings the lifecycle has since expired,
closed or filled are left alone (see :mod:`jobs.demo.postings`).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from namdong_jobs.reference.models import CommunityCentre, Dong, MinimumWage, Occupation

from .desk import DeskSeeding
from .people import PeopleSeeding
from .postings import EmployerSeeding
from .report import SeedError, SeedReport

#: Seed dates accepted by :func:`seed_demo` (postings reach 45 days either side of the date).
FIRST_DATE = datetime.date(2020, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)


def date_out_of_range(on: datetime.date) -> str:
    """The Korean error for a seed date outside ``FIRST_DATE`` … ``LAST_DATE``; ``""`` when it is inside."""
    if FIRST_DATE <= on <= LAST_DATE:
        return ""
    return f"기준일은 {FIRST_DATE:%Y-%m-%d} ~ {LAST_DATE:%Y-%m-%d} 사이의 날짜여야 합니다 (받은 값: {on.isoformat()})."


def seed_demo(*, on: datetime.date) -> SeedReport:
    """Create or update the Namdong demo data for the date ``on`` in one transaction.

    Makes about 16 employers (with certifications and 남동인더스파크 입주 rows), 60 direct postings
    (``external_id`` ``"demo-<employer>-<role>[-<site>]"``, dates relative to ``on``), the district
    admin, one officer per dong centre, employer owners, online seekers and walk-in residents, all
    with the password ``data.DEMO_PASSWORD``. Returns a :class:`SeedReport`. Raises
    :class:`SeedError` when ``on`` is outside ``FIRST_DATE`` … ``LAST_DATE``, reference data is
    missing or a wage would be under the minimum wage.
    """
    if problem := date_out_of_range(on):
        raise SeedError(problem)
    report = SeedReport(on=on)
    with transaction.atomic():
        _Seeder(on, report).run()
    return report


class _Seeder(PeopleSeeding, EmployerSeeding, DeskSeeding):
    def __init__(self, on: datetime.date, report: SeedReport):
        self.on, self.report = on, report
        self.rng = random.Random(f"namdong-demo:{on.isoformat()}")
        self.now = timezone.now()
        self._good_hashes = set()
        self.dongs = {d.name: d for d in Dong.objects.all()}
        self.occupations = {o.code: o for o in Occupation.objects.filter(level=Occupation.Level.MINOR)}
        centres = list(CommunityCentre.objects.select_related("dong"))
        district = next((c for c in centres if c.is_district), None)
        self.centres = sorted((c for c in centres if not c.is_district), key=lambda c: c.dong_id)
        if district is None or len(self.centres) < 20 or not self.occupations:
            raise SeedError("기준 데이터(행정동·센터·직업분류)가 없습니다. 먼저 `manage.py migrate` 를 실행하세요.")
        self.district = district
        try:
            self.minimum_wage = MinimumWage.objects.for_date(on).hourly_krw
        except MinimumWage.DoesNotExist as exc:
            raise SeedError(f"{on.year}년에 적용할 최저임금이 최저임금 표에 없습니다.") from exc
        self.staff_by_dong = {}
        self.employers = {}
        self.owners = {}

    def run(self) -> None:
        self.seed_staff()
        self.seed_employers()
        self.seed_members()
        self.seed_postings()
        self.seed_seekers()
        self.match_postings()

    def match_postings(self) -> None:
        """Match the open demo postings not matched yet against the demo seekers, as publishing
        would have (``jobs.matching.match_posting``), but without notices: sixty postings at
        once would use up every demo seeker's three SMS of the day, and a posting published
        while trying the demo must show its notices. A second run finds them matched."""
        from ..matching import match_posting
        from ..models import JobPosting

        for posting_id in (
            JobPosting.objects.open()
            .direct()
            .filter(matched_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        ):
            match_posting(posting_id, notify=False)
        self.seed_applications()
        self.seed_desk()
