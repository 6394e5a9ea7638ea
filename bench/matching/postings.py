"""The bench employer and its two published postings, narrow and broad.

Earlier bench postings (title starting with :data:`BENCH_TITLE`) are reset and deleted first,
so each run of the benchmark matches fresh postings against the seekers in the database.
"""

import datetime

from django.db import connection
from django.utils import timezone

from accounts.models import StaffMembership, User
from bench.matching.reference import Reference
from bench.matching.timing import reset
from employers.models import Employer
from jobs.choices import EntryChannel, PostingSource, PostingStatus, WageType
from jobs.models import JobPosting
from namdong_jobs.reference.codes import EmploymentType, PriorityGroup, Shift, Weekday

BENCH_TITLE = "[벤치]"
#: The narrow posting's occupation (공예원 및 귀금속 세공원: rarely wanted, as is its middle group).
NARROW_OCCUPATION = "884"
#: The broad posting's hourly wage (KRW): a little over the minimum wage, as production jobs
#: in the industrial complex commonly pay.
BROAD_WAGE = 11_000


def create_postings(ref: Reference) -> tuple[JobPosting, JobPosting]:
    """A verified employer and two published postings (replacing earlier bench ones):

    * narrow: a rarely wanted occupation (weight 1), one dong, a high hourly wage, day shift
      on weekdays, regular employment;
    * broad: the most wanted minor occupation among the seekers, in the dong its seekers
      want most, the employment type they accept most, no shift or day limits,
      :data:`BROAD_WAGE` per hour; it welcomes 고령자 and 경력단절여성 and names the forklift
      licence (so every part of the score is computed).
    """
    district_staff = StaffMembership.objects.filter(centre_id=ref.district_centre).values_list("user_id", flat=True)
    staff_user = User.objects.get(pk=district_staff[0])
    now = timezone.now()
    for posting_id in JobPosting.objects.filter(title__startswith=BENCH_TITLE).values_list("pk", flat=True):
        reset(posting_id)  # set-based, before Django's cascade
    JobPosting.objects.filter(title__startswith=BENCH_TITLE).delete()
    employer, _ = Employer.objects.update_or_create(
        brn="1234567891",
        defaults={
            "name": "벤치정밀(주)",
            "dong_id": ref.dong_codes[0],
            "verification_status": Employer.Verification.VERIFIED,
            "verified_at": now,
            "verified_by": staff_user,
        },
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o, count(*) FROM accounts_seekerprofile, unnest(wanted_occupations) o GROUP BY o ORDER BY 2 DESC"
        )
        ranking = cursor.fetchall()
        broad_occ = ranking[0][0]
        narrow_occ = NARROW_OCCUPATION if NARROW_OCCUPATION in ref.middle_of else ranking[-1][0]
        cursor.execute(
            "SELECT d, count(*) FROM accounts_seekerprofile, unnest(wanted_dongs) d "
            "WHERE wanted_occupations @> ARRAY[%s]::varchar[] GROUP BY d ORDER BY 2 DESC LIMIT 1",
            [broad_occ],
        )
        broad_dong = cursor.fetchone()[0]
        cursor.execute(
            "SELECT e, count(*) FROM accounts_seekerprofile, unnest(wanted_employment_types) e "
            "WHERE wanted_occupations @> ARRAY[%s]::varchar[] GROUP BY e ORDER BY 2 DESC LIMIT 1",
            [broad_occ],
        )
        broad_emp = cursor.fetchone()[0]
    common = {
        "employer": employer,
        "status": PostingStatus.PUBLISHED,
        "published_at": now,
        "published_by": staff_user,
        "created_by": staff_user,
        "entry_channel": EntryChannel.PHONE,
        "centre_id": ref.district_centre,
        "source": PostingSource.DIRECT,
        "wage_type": WageType.HOUR,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    }
    narrow = JobPosting.objects.create(
        title=f"{BENCH_TITLE} 좁은 공고 ({narrow_occ})",
        occupation_id=narrow_occ,
        dong_id=ref.dong_codes[-1],
        employment_type=EmploymentType.REGULAR,
        wage_min=18_000,
        shifts=[Shift.DAY],
        work_days=[Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI],
        **common,
    )
    broad = JobPosting.objects.create(
        title=f"{BENCH_TITLE} 넓은 공고 ({broad_occ})",
        occupation_id=broad_occ,
        dong_id=broad_dong,
        employment_type=broad_emp,
        wage_min=max(BROAD_WAGE, ref.minimum_wage),
        priority_groups=[PriorityGroup.OLDER, PriorityGroup.CAREER_BREAK],
        preferred_qualifications="지게차 운전 가능자 우대, 경력단절여성·고령자 환영",
        **common,
    )
    return narrow, broad
