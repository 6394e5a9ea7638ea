"""Postings of the city (COPY), with their derived fields computed by the model's own code.

Every row's ``search_document``, search arrays, ``wage_hourly`` and ``licences`` come from
:meth:`jobs.models.JobPosting.refresh_derived_fields` run on an unsaved instance (the method
``save()`` runs), so a generated row equals one the portal would have saved.

Generated postings (one ``random.Random``, repeatable):

* source: entered here 88 % (by the employer 85 %, by centre staff from a phone call 10 % or
  a paper form 5 %), imported 12 % (고용24 10 %, schema.org 2 %: ``EXTERNAL`` employers,
  the free-text wage, career, education and working-condition strings of the real 고용24
  listings, no online applying);
* status: published 70 % (a few past their deadline, before the expiry task ran), expired
  12 %, closed 6 %, filled 6 %, draft 3 %, submitted 2 %, rejected 1 % (imported: published
  60 %, expired 40 %); open postings were registered in the last 60 days (recent days
  heavier), deadlines 0–45 days ahead or none (until filled, 15 %); closed ones over the last
  400 days;
* employers: a heavy-tailed number of postings each (Pareto weights); drafts may come from
  employers still waiting for verification, published postings only from verified ones;
* occupation: KECO minor codes weighted like the seekers' wanted occupations
  (``bench.matching.reference.OCCUPATION_WEIGHTS``), the title and text written from its
  words (:mod:`.vocabulary`); dong: the employer's 75 %, else any of the 20;
* wage types: 시급 38 %, 월급 40 %, 연봉 9 %, 일급 10 %, 주급 1 %, none 2 %, at or above the
  minimum wage; schedules of the demo roles; priority groups welcomed 30 %; benefits,
  apply methods, contacts; licences named in the text for a third of the occupations that
  have one (요양보호사, 지게차, 용접, 조리, 운전).
"""

from __future__ import annotations

import bisect
import datetime
import random
import re
import time
from decimal import Decimal

from django.utils import timezone, translation

from bench.matching import progress
from bench.matching.db import (
    NULL,
    array,
    column_layout,
    copy_lines,
    drop_secondary_indexes,
    literal,
    set_id_sequence,
    ts,
)
from bench.matching.reference import Reference
from employers.models import Employer
from jobs.demo.roles import SCHEDULES
from jobs.models import JobPosting

from .employers import EmployerRow
from .vocabulary import BENEFIT_WORDS, Vocabulary

DAY = 86_400
KST = datetime.timezone(datetime.timedelta(hours=9))
EMPLOYMENT = (("regular", 40), ("contract", 15), ("part_time", 25), ("daily", 10), ("dispatch", 5), ("intern", 5))
EDUCATION = (("any", 40), ("middle", 10), ("high", 35), ("college", 8), ("university", 7))
CAREER = (("any", 50), ("new", 10), ("experienced", 20), ("either", 20))
DIRECT_STATUS = (
    ("published", 70), ("expired", 12), ("closed", 6), ("filled", 6), ("draft", 3), ("submitted", 2), ("rejected", 1),
)  # fmt: skip
PRIORITY = ("older", "career_break", "disabled", "multicultural", "youth", "defector")
PROVIDERS = ("고용24", "사람인", "잡코리아", "인크루트")
REJECTION = "직종과 업무 내용이 맞지 않습니다."


def weighted(pairs):
    values = [v for v, _ in pairs]
    cum, total = [], 0
    for _, w in pairs:
        total += w
        cum.append(total)
    return values, cum, total


def pick(rng: random.Random, table) -> str:
    values, cum, total = table
    return values[bisect.bisect_right(cum, rng.random() * total)]


def _wage(rng: random.Random, minimum: int) -> tuple[str, int | None, int | None, Decimal | None]:
    """(wage type, min, max, daily hours) at or above ``minimum`` KRW per hour."""
    r = rng.random()
    if r < 0.38:
        lo = minimum + rng.randrange(0, 47) * 100
        return "HOUR", lo, (lo + rng.randrange(5, 30) * 100 if rng.random() < 0.2 else None), None
    if r < 0.78:
        lo = max(2_160_000, minimum * 209) // 10_000 * 10_000 + rng.randrange(0, 180) * 10_000
        return "MONTH", lo, (lo + rng.randrange(10, 80) * 10_000 if rng.random() < 0.35 else None), None
    if r < 0.87:
        lo = 26_000_000 + rng.randrange(0, 25) * 1_000_000
        return "YEAR", lo, (lo + rng.randrange(1, 10) * 1_000_000 if rng.random() < 0.5 else None), None
    if r < 0.97:
        hours = rng.choice((Decimal(8), Decimal(8), Decimal(9), Decimal(4), Decimal(10)))
        lo = int(minimum * hours) // 5_000 * 5_000 + 5_000 + rng.randrange(0, 16) * 5_000
        return "DAY", lo, None, hours
    if r < 0.98:
        lo = 500_000 + rng.randrange(0, 40) * 10_000
        return "WEEK", lo, None, None
    return "", None, None, None


_MANWON = re.compile(r"([0-9][0-9,]*)\s*만원")


def _listing_wage(text: str) -> tuple[str, int | None, int | None, None]:
    """The wage of a 고용24 listing's salary text (``"연봉 3,000 만원 ~ 3,500 만원"``)."""
    amounts = [int(a.replace(",", "")) * 10_000 for a in _MANWON.findall(text)]
    if not amounts:
        return "", None, None, None
    kind = "YEAR" if "연봉" in text else "MONTH" if "월" in text else "YEAR"
    lo, hi = min(amounts), max(amounts)
    return kind, lo, (hi if hi != lo else None), None


def generate_postings(
    n: int,
    rng: random.Random,
    ref: Reference,
    vocab: Vocabulary,
    employers: list[EmployerRow],
    staff: dict[int, int],
    cursor,
    chunk: int = 5_000,
) -> tuple[list[tuple[int, int, int, int, int]], dict]:
    """COPY ``n`` postings; returns ``(id, published epoch, end epoch, popularity × 1000,
    owner user id or 0)`` of every posting that was published here (applications go to these)
    and the stats."""
    stats: dict = {}
    now = timezone.now()
    now_ts = int(now.timestamp())
    today = timezone.localdate()
    district_staff = staff[ref.district_centre]
    employer_objects = {e.id: Employer(id=e.id, name=e.name) for e in employers}
    direct = [e for e in employers if not e.external and e.verified]
    waiting = [e for e in employers if not e.external and not e.verified]
    external = [e for e in employers if e.external]

    def heavy(rows):
        cum, total = [], 0.0
        for _ in rows:
            total += min(rng.paretovariate(1.1), 200.0)
            cum.append(total)
        return rows, cum, total

    direct_table, external_table = heavy(direct), heavy(external)
    employment, education, career, direct_status = (
        weighted(EMPLOYMENT),
        weighted(EDUCATION),
        weighted(CAREER),
        weighted(DIRECT_STATUS),
    )
    schedules = list(SCHEDULES.values())
    work24 = vocab.work24_rows
    derived = list(JobPosting.DERIVED_FIELDS)
    generated = [
        "id", "title", "employer_id", "occupation_id", "description", "dong_id", "address", "location_text",
        "employment_type", "employment_type_text", "wage_type", "wage_min", "wage_max", "wage_text", "work_days",
        "days_per_week", "hours_per_week", "daily_hours", "start_time", "end_time", "shifts",
        "working_condition_text", "education_min", "education_text", "career_type", "career_min_years",
        "career_text", "openings", "preferred_qualifications", "priority_groups", "benefits", "apply_methods",
        "contact_name", "contact_phone", "contact_email", "matched_at", "date_posted", "deadline", "status",
        "published_at", "closed_at", "created_by_id", "entry_channel", "centre_id", "submitted_at",
        "published_by_id", "rejection_reason", "law_flags", "created_at", "updated_at", "source", "source_provider",
        "source_url", "external_id", "raw",
    ]  # fmt: skip
    columns, suffix = column_layout(JobPosting, generated + derived)
    published_rows: list[tuple[int, int, int, int, int]] = []
    counts: dict[str, int] = {}

    def day_ts(day: datetime.date, minutes: int) -> int:
        return int(datetime.datetime.combine(day, datetime.time(), tzinfo=KST).timestamp()) + minutes * 60

    def plan() -> list[tuple]:
        """Who posts what when, sorted by creation time: ids follow creation, as in a live
        database (rows are inserted as postings are written, so the heap is in time order)."""
        planned = []
        for _ in range(n):
            is_external = rng.random() < 0.12
            if is_external:
                employer = pick(rng, external_table)
                status = "published" if rng.random() < 0.6 else "expired"
                source = "work24" if rng.random() < 0.83 else "jsonld"
            else:
                status = pick(rng, direct_status)
                early = status in ("draft", "submitted") and waiting and rng.random() < 0.2
                employer = rng.choice(waiting) if early else pick(rng, direct_table)
                source = "direct"
            if status == "published":
                back = int(rng.random() ** 2 * 60)
                posted = today - datetime.timedelta(days=back)
                if rng.random() < 0.01 and back > 2:  # past its deadline, expiry task not run yet
                    deadline = posted + datetime.timedelta(days=rng.randrange(0, back))
                else:
                    deadline = None if rng.random() < 0.15 else today + datetime.timedelta(days=rng.randrange(0, 46))
            elif status in ("draft", "submitted", "rejected"):
                posted = today - datetime.timedelta(days=rng.randrange(0, 30))
                deadline = None if rng.random() < 0.3 else today + datetime.timedelta(days=rng.randrange(7, 60))
            else:
                posted = today - datetime.timedelta(days=rng.randrange(10, 400))
                if status == "expired":
                    deadline = min(
                        posted + datetime.timedelta(days=rng.randrange(7, 45)), today - datetime.timedelta(1)
                    )
                    deadline = max(deadline, posted)
                else:
                    deadline = None if rng.random() < 0.3 else posted + datetime.timedelta(days=rng.randrange(7, 60))
            created = min(day_ts(posted, rng.randrange(-600, 540)), now_ts - 4 * 3600)
            planned.append((created, is_external, status, source, employer, posted, deadline))
        planned.sort(key=lambda p: p[0])
        return planned

    def lines():
        out = []
        for pid, (created, is_external, status, source, employer, posted, deadline) in enumerate(plan(), start=1):
            counts[status] = counts.get(status, 0) + 1
            code = ref.occupations.pick(rng)
            dong = employer.dong if employer.dong and rng.random() < 0.75 else ref.dongs.pick(rng)
            dong_name = vocab.dong_names[dong]
            job = vocab.job(rng, code)
            title = vocab.title(rng, code, job, dong_name, employer.short)[:200]
            priority = rng.sample(PRIORITY[:5], k=rng.choice((1, 1, 2))) if rng.random() < 0.3 else []
            benefits = [b for b in BENEFIT_WORDS if rng.random() < {"insurance": 0.8, "severance": 0.6}.get(b, 0.2)]
            wage_type, wage_min, wage_max, daily_hours = _wage(rng, ref.minimum_wage)
            schedule = rng.choice(schedules)
            row = rng.choice(work24) if is_external else None
            if row is not None:  # an imported listing: its wage as the source wrote it
                wage_type, wage_min, wage_max, daily_hours = _listing_wage(row["annual_salary"])
            with translation.override("ko"):
                wage_words = JobPosting(wage_type=wage_type, wage_min=wage_min, wage_max=wage_max).wage_display
            hours = f"{schedule.start} ~ {schedule.end}" + (f" ({schedule.text})" if schedule.text else "")
            description, prefs = vocab.description(
                rng,
                code=code,
                job=job,
                employer=employer.short,
                dong=dong_name,
                priority=priority,
                benefits=benefits,
                licence_hint=rng.random() < 0.35,
                schedule_text=hours if rng.random() < 0.6 else "",
                wage_text=wage_words if wage_type and rng.random() < 0.6 else "",
            )
            submitted = published = closed = matched = NULL
            published_by = NULL
            if status != "draft":
                submitted = created + rng.randrange(60, 3 * 3600)
            if status in ("published", "expired", "closed", "filled"):
                published = max(submitted, min(day_ts(posted, 540 + rng.randrange(0, 480)), now_ts - 60))
                matched = published + rng.randrange(5, 300)
                published_by = district_staff
                end = now_ts
                if status == "expired":
                    end = closed = min(now_ts, max(published + 3600, day_ts(deadline, 24 * 60)))
                elif status != "published":
                    end = closed = min(now_ts, published + rng.randrange(3 * DAY, 40 * DAY))
                if not is_external:
                    popularity = int(min(rng.paretovariate(1.3), 60.0) * 1000)
                    owner = employer.owner_id or 0
                    published_rows.append((pid, published, max(end, published + 3600), popularity, owner))
            updated = max(t for t in (created, submitted, published, closed) if t != NULL)
            # who entered it
            centre = created_by = NULL
            channel = "import"
            if not is_external:
                r = rng.random()
                channel = "employer" if r < 0.85 else "phone" if r < 0.95 else "paper"
                if channel == "employer":
                    created_by = employer.owner_id or NULL
                else:
                    centre = ref.centre_of_dong.get(dong, ref.district_centre)
                    created_by = staff[centre]
            # imported listings keep their original strings
            emp_type = pick(rng, employment)
            emp_text = wage_text = cond_text = edu_text = career_text = ""
            edu = pick(rng, education)
            car = pick(rng, career)
            car_years = rng.randrange(1, 6) if car == "experienced" else NULL
            if row is not None:
                wage_text, career_text, edu_text, cond_text = (
                    row["annual_salary"],
                    row["career"],
                    row["education"],
                    row["working_condition"],
                )
                emp_type, emp_text = "regular", "정규직"
            methods = []
            if not is_external:
                methods = [
                    m for m, p in (("online", 0.85), ("phone", 0.6), ("visit", 0.2), ("email", 0.1)) if rng.random() < p
                ]
                methods = methods or ["phone"]
            posting = JobPosting(
                title=title,
                employer=employer_objects[employer.id],
                description=description,
                preferred_qualifications=prefs,
                wage_type=wage_type,
                wage_min=wage_min,
                wage_max=wage_max,
                daily_hours=daily_hours,
            )
            posting.refresh_derived_fields()
            values = [getattr(posting, name) for name in derived]
            derived_text = "\t".join(literal(v) for v in values)
            out.append(
                f"{pid}\t{literal(title)}\t{employer.id}\t{code}\t{literal(description)}\t{dong}\t"
                f"인천광역시 남동구 {dong_name} {rng.randrange(1, 900)}-{rng.randrange(1, 30)}\t\t"
                f"{emp_type}\t{emp_text}\t{wage_type}\t{literal(wage_min)}\t{literal(wage_max)}\t{literal(wage_text)}\t"
                f"{array(schedule.days)}\t{literal(schedule.per_week)}\t{schedule.week_hours}\t"
                f"{literal(daily_hours if daily_hours else schedule.hours)}\t{schedule.start}\t{schedule.end}\t"
                f"{array(schedule.shifts)}\t{literal(cond_text)}\t{edu}\t{literal(edu_text)}\t{car}\t{car_years}\t"
                f"{literal(career_text)}\t{rng.randrange(1, 6) if rng.random() < 0.9 else NULL}\t{literal(prefs)}\t"
                f"{array(priority)}\t{array(benefits)}\t{array(methods)}\t담당자\t"
                f"032-{rng.randrange(400, 900)}-{rng.randrange(10000):04d}\t\t"
                f"{ts(matched) if matched != NULL else NULL}\t{posted.isoformat()}\t{literal(deadline)}\t{status}\t"
                f"{ts(published) if published != NULL else NULL}\t{ts(closed) if closed != NULL else NULL}\t"
                f"{created_by}\t{channel}\t{centre}\t{ts(submitted) if submitted != NULL else NULL}\t{published_by}\t"
                f"{REJECTION if status == 'rejected' else ''}\t[]\t{ts(created)}\t{ts(updated)}\t"
                f"{source}\t{rng.choice(PROVIDERS) if is_external else ''}\t"
                f"{f'https://www.work24.go.kr/wk/a/b/1500/empDetail.do?id=B{pid}' if is_external else ''}\t"
                f"{f'B{pid:07d}' if is_external else ''}\t{{}}\t{derived_text}{suffix}\n"
            )
            if len(out) >= chunk:
                yield out
                out = []
                if pid % 50_000 == 0:
                    progress(f"    … {pid:,} postings")
        if out:
            yield out

    start = time.perf_counter()
    table = JobPosting._meta.db_table
    dropped = drop_secondary_indexes(cursor, table)
    stats["postings"] = copy_lines(cursor, table, columns, lines())
    copied = time.perf_counter()
    for definition in dropped:
        cursor.execute(definition)
    set_id_sequence(cursor, table, n)
    stats["postings_s"] = time.perf_counter() - start
    stats["postings_index_s"] = time.perf_counter() - copied
    stats["posting_statuses"] = dict(sorted(counts.items(), key=lambda kv: -kv[1]))
    progress(
        f"  jobs_jobposting        {stats['postings']:>9,} rows  {stats['postings_s']:6.1f} s "
        f"(indexes {stats['postings_index_s']:.1f} s) {stats['posting_statuses']}"
    )
    return published_rows, stats
