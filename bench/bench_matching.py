"""Benchmark of matching (issue 6): one posting against a whole city of seekers.

Generates ``--seekers`` job seekers with realistic wanted conditions straight into the
database with PostgreSQL ``COPY`` (users, seeker profiles and consents), creates a verified
employer with a narrow and a broad published posting, then for each:

* counts the candidates (:data:`CANDIDATES_SQL`: the occupation prefilter);
* times ``jobs.matching.match_posting`` in this process ``--repeat`` times (the posting's
  matches, match messages and ``matched_at`` reset before each; medians of the
  ``MatchRun`` times: selection plus match rows, message rows, commit) and runs it once more
  to show that a second run adds no match and no message;

and for the broad posting:

* the peak resident memory (``VmHWM``) of a real Celery worker (``--pool=solo``, its own
  queue ``bench_matching`` on the benchmark's Redis database) running the
  ``jobs.tasks.match_posting`` task;
* the naive way: every seeker with its account through the ORM and the same rules in
  Python (:func:`naive_fit`), creating nothing; its count, total score and reasons must
  equal the match rows' (a difference is printed as ``FINDING`` and the exit status is 1).

The last line of output is one JSON object (see ``bench/README.md``).

Run against the scratch benchmark database (the script refuses a database whose name does not
contain "bench": generation TRUNCATEs people, employers and postings with CASCADE)::

    createdb -h 127.0.0.1 -U postgres nj_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nj_bench REDIS_URL=redis://127.0.0.1:6379/12 \\
    .venv/bin/python bench/bench_matching.py --seekers 1000000

``--reuse`` keeps the seekers already generated (only the postings are made again);
``--no-worker`` and ``--no-naive`` skip those parts (the naive loop takes about a minute per
million seekers).

Generated population (one ``random.Random(--seed)``, so runs are repeatable):

* 60 % have an account (email and phone 45 %, phone only 35 %, email only 20 %; identifiers
  verified, a tenth of emails beside a phone left unverified); 40 % are walk-ins (no
  account, ``registered_centre`` = their home dong's centre or the district job centre,
  ``registered_by`` that centre's staff member, a phone and sometimes an email).
* wanted occupations: none (= any occupation, 직종 무관) 3 %, else 1–3 KECO minor codes
  (50/35/15 %) from a skewed distribution
  (``OCCUPATION_WEIGHTS``: manufacturing, cleaning, food service, care, security, driving
  and office support dominate; every other minor code of ``reference_occupation`` weighs 1);
  a second or third choice is the first one's relative (same middle group) 60 % of the time,
  and 제조 단순 종사자 (890) half the time after a skilled production (8xx) first choice.
* wanted dongs: none (= anywhere in Namdong) 40 %, else 1–3 (30/18/12 %): the home dong
  first (70 %), then dongs near it (nearest five, distance between dong centres).
* home dong for 90 % (``DONG_WEIGHTS``: rough relative sizes, big apartment areas heavier;
  not census figures); birth years 1950–2008, older seekers heavier.
* employment types: none (= any) 20 %, else 1 (60 %) or 2 (40 %) of ``EmploymentType``,
  regular/contract/part-time heaviest; shifts set for 30 %, days for 25 %.
* wanted minimum wage: none 55 %; else the minimum wage (20 %) or 10,500–15,000 KRW/h in
  500 steps, lower amounts heavier.
* licences: 12 % hold 1–2 of any, more when they fit a wanted occupation (care worker,
  forklift, welder, cook, driving).
* declared priority groups 5 % (each with a ``sensitive`` consent); languages 3 %.
* notify channels: accounts choose among on-site/email/SMS mixes (only identifiers they
  have), walk-ins SMS (and email when they have one); frequency immediate 70 %, daily 25 %,
  off 5 %.
* consents: ``collection`` for everyone; an active ``notifications`` consent for 88 %
  (5 % have a withdrawn one); paper consents (taken by the centre's staff)
  for walk-ins, online ones for accounts.

Figures only; nothing is asserted on time (shared machines are noisy).
"""

import argparse
import bisect
import collections
import dataclasses
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "namdong_jobs.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")  # no query log; as a deployed worker
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
#: The broker of this process and of the benchmark's worker (its own Redis database).
BENCH_REDIS_URL = os.environ.setdefault("CELERY_BROKER_URL", os.environ["REDIS_URL"])
os.environ.setdefault("SMS_BACKEND", "accounts.messaging.sms.locmem.SmsBackend")
os.environ.setdefault("EMAIL_URL", "memorymail://")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from psycopg import sql  # noqa: E402

from accounts.choices import ConsentMethod, ConsentPurpose, NotifyFrequency  # noqa: E402
from accounts.consent_texts import CONSENT_VERSION  # noqa: E402
from accounts.models import Consent, SeekerProfile, StaffMembership, User  # noqa: E402
from employers.models import Employer  # noqa: E402
from jobs.choices import EntryChannel, PostingSource, PostingStatus, WageType  # noqa: E402
from jobs.matching.notices import match_subject  # noqa: E402
from jobs.matching.rules import NEAR_M, POINTS, kst_year  # noqa: E402
from jobs.matching.run import match_posting  # noqa: E402
from jobs.models import JobPosting  # noqa: E402
from jobs.tasks import match_posting as match_task  # noqa: E402
from namdong_jobs.celery import app as celery_app  # noqa: E402
from namdong_jobs.reference.codes import (  # noqa: E402
    DECLARED_PRIORITY_GROUPS,
    Education,
    EmploymentType,
    Language,
    Licence,
    PriorityGroup,
    Shift,
    Weekday,
)
from namdong_jobs.reference.models import CommunityCentre, Dong, MinimumWage, Occupation  # noqa: E402

EMAIL_DOMAIN = "bench.example"
NULL = r"\N"
BENCH_TITLE = "[벤치]"

#: Relative weight of KECO minor codes among wanted occupations; codes not listed weigh 1.
#: Namdong-gu has the Namdong industrial complex: production work, cleaning, food service,
#: care, security and driving are what job-bank seekers ask for most.
OCCUPATION_WEIGHTS = {
    "890": 200,  # 제조 단순 종사자
    "561": 40,  # 청소·방역 및 가사 서비스원
    "532": 30,  # 식당 서비스원
    "550": 30,  # 돌봄 서비스 종사자
    "542": 25,  # 경비원
    "622": 22,  # 자동차 운전원
    "624": 18,  # 택배원 및 기타 운송 종사자
    "531": 15,  # 주방장 및 조리사
    "026": 14,  # 경영지원 사무원
    "029": 14,  # 안내·고객상담·사무보조
    "615": 12,  # 판매 종사자
    "562": 12,  # 검침·주차관리 및 기타 서비스 단순 종사자
    "616": 10,  # 매장계산원
    "824": 10,  # 용접원
    "623": 10,  # 물품이동장비 조작원 (지게차)
    "816": 9,  # 기계 조립원
    "836": 9,  # 전기·전자 부품·제품 조립원
    "852": 8,  # 고무·플라스틱 제품 생산기계 조작원
    "706": 8,  # 건설·채굴 단순 종사자
    "813": 7,  # 금형원 및 공작기계 조작원
    "821": 7,  # 금속관련 기계·설비 조작원
    "028": 6,  # 무역·운송·생산·품질 사무원
    "027": 6,  # 회계·경리 사무원
    "232": 6,  # 보육교사 및 기타 사회복지 종사자
    "873": 6,  # 식품 가공 기계 조작원
    "825": 5,  # 도장원 및 도금원
    "815": 5,  # 자동조립라인·산업용로봇 조작원
    "231": 4,  # 사회복지사 및 상담사
    "307": 4,  # 보건·의료 종사자
    "811": 4,  # 기계장비 설치·정비원
    "812": 4,  # 운송장비 정비원
    "831": 4,  # 전기공
    "872": 4,  # 식품 가공 기능원
    "304": 3,  # 간호사
    "862": 3,  # 재봉사
    "881": 3,  # 인쇄기계 조작원
    "511": 3,  # 미용 서비스원
    "523": 3,  # 숙박시설 서비스원
}
#: Share of seekers who want any occupation (직종 무관: no wanted occupation).
ANY_OCCUPATION = 0.03
#: 제조 단순 종사자: production workers wanting a skilled 8xx job often accept it as well.
SIMPLE_PRODUCTION = "890"
#: The narrow posting's occupation (공예원 및 귀금속 세공원: rarely wanted, as is its middle group).
NARROW_OCCUPATION = "884"
#: The broad posting's hourly wage (KRW): a little over the minimum wage, as production jobs
#: in the industrial complex commonly pay.
BROAD_WAGE = 11_000
#: Rough relative sizes of the dongs (large apartment areas heavier); not census figures.
DONG_WEIGHTS = {
    "구월1동": 40,
    "서창2동": 45,
    "논현1동": 40,
    "논현2동": 35,
    "논현고잔동": 40,
    "만수1동": 33,
    "만수3동": 25,
}
DEFAULT_DONG_WEIGHT = 20
#: Licences more likely for seekers wanting an occupation: minor code → (licence, probability).
OCCUPATION_LICENCES = {
    "550": (Licence.CARE_WORKER, 0.5),
    "623": (Licence.FORKLIFT, 0.6),
    "824": (Licence.WELDER, 0.4),
    "531": (Licence.COOK, 0.4),
    "622": (Licence.DRIVING_1, 0.7),
    "624": (Licence.DRIVING_1, 0.5),
}


class Weighted:
    """Draw from ``values`` with relative ``weights`` using one uniform number."""

    def __init__(self, values, weights):
        self.values = list(values)
        self.cum = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.total)]

    def draw(self, rng: random.Random, k: int) -> list:
        """``k`` draws at once (much faster than ``k`` calls of :meth:`pick`)."""
        return rng.choices(self.values, cum_weights=self.cum, k=k)


def literal(value) -> str:
    """``value`` in COPY text format (``None`` → ``\\N``, lists → array literals of plain codes)."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        return "{" + ",".join(value) + "}"
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def array(codes) -> str:
    return "{" + ",".join(codes) + "}"


def column_layout(model, generated: list[str]) -> tuple[list[str], str]:
    """Columns of ``model`` for COPY: ``generated`` first (the caller writes them), then every
    other concrete column filled with its model default, as one constant text suffix (an
    auto primary key left out is numbered by the database).

    Raises ``RuntimeError`` for a NOT NULL column without a default that the generator does
    not write (a field added since: teach the generator about it)."""
    rest, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in generated or (field.primary_key and field.get_internal_type().endswith("AutoField")):
            continue
        if field.has_default():
            default = field.get_default()
        elif field.null:
            default = None
        elif field.get_internal_type() in ("CharField", "TextField", "EmailField", "FileField", "URLField"):
            default = ""
        else:
            raise RuntimeError(f"{model.__name__}.{field.name}: NOT NULL without a default; generate it.")
        rest.append(field.column)
        values.append(literal(default))
    suffix = ("\t" + "\t".join(values)) if values else ""
    return generated + rest, suffix


class Reference:
    """Codes read from the reference tables."""

    def __init__(self):
        minors = list(Occupation.objects.filter(level=Occupation.Level.MINOR).values_list("code", "parent_id"))
        if not minors:
            raise SystemExit("reference_occupation is empty: run `manage.py migrate` on this database first.")
        self.middle_of = dict(minors)
        self.occupations = Weighted([c for c, _ in minors], [OCCUPATION_WEIGHTS.get(c, 1) for c, _ in minors])
        # a code's relatives: its middle group's other codes, or its major group's when alone.
        self.related: dict[str, Weighted] = {}
        for code, middle in minors:
            codes = [c for c, m in minors if m == middle and c != code]
            codes = codes or [c for c, m in minors if m[0] == middle[0] and c != code] or [code]
            self.related[code] = Weighted(codes, [OCCUPATION_WEIGHTS.get(c, 1) for c in codes])
        dongs = list(Dong.objects.all())
        self.dong_codes = [d.code for d in dongs]
        self.dongs = Weighted(self.dong_codes, [DONG_WEIGHTS.get(d.name, DEFAULT_DONG_WEIGHT) for d in dongs])
        self.near = {d.code: [o.code for o in sorted(dongs, key=d.distance_m) if o.code != d.code][:5] for d in dongs}
        centres = list(CommunityCentre.objects.all())
        self.centre_of_dong = {c.dong_id: c.id for c in centres if c.dong_id}
        self.district_centre = next(c.id for c in centres if c.is_district)
        self.centre_ids = [c.id for c in centres]
        self.minimum_wage = MinimumWage.objects.for_date(timezone.localdate()).hourly_krw


# ---- database helpers ------------------------------------------------------------------


def secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, definition) of ``table``'s indexes that back no constraint (dropped while
    loading and built again afterwards, much faster than updating them row by row)."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(x.indexrelid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        """,
        [table],
    )
    return cursor.fetchall()


def copy_lines(cursor, table: str, columns: list[str], lines) -> int:
    """COPY the text-format ``lines`` (iterable of chunks of lines) into ``table``; returns rows."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    rows = 0
    with cursor.copy(statement) as copy:
        for chunk in lines:
            copy.write("".join(chunk))
            rows += len(chunk)
    return rows


def ensure_bench_database() -> None:
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        raise SystemExit(f"Refusing to run on database {name!r}: its name must contain 'bench' (it is truncated).")


# ---- generation ------------------------------------------------------------------------


def truncate_people(cursor) -> None:
    """Empty the people tables and everything that points at them (employers, postings,
    applications, messages…: TRUNCATE … CASCADE), identities restarted."""
    cursor.execute(
        "TRUNCATE accounts_consent, accounts_seekerprofile, accounts_staffmembership, accounts_user "
        "RESTART IDENTITY CASCADE"
    )


def create_staff(ref: Reference) -> dict[int, int]:
    """One officer per centre (they take walk-ins' paper consents); returns centre id → user id."""
    staff = {}
    now = timezone.now()
    for centre_id in ref.centre_ids:
        user = User.objects.create(
            email=f"staff{centre_id}@{EMAIL_DOMAIN}", name=f"벤치 직원 {centre_id}", email_verified_at=now
        )
        StaffMembership.objects.create(user=user, centre_id=centre_id)
        staff[centre_id] = user.pk
    return staff


FAMILY = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민유나진지엄채원천방공현"
GIVEN = "민서지현수영준호성진우은정혜경미숙자순희철재동원상용태석훈연아윤주하나다유채예소"


def generate(n: int, seed: int, staff: dict[int, int], ref: Reference, cursor, chunk: int = 20_000) -> dict:
    """Write ``n`` seekers with their accounts and consents by COPY; returns row counts and
    per-table seconds. Runs inside the caller's transaction."""
    rng = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    now_ts = int(now.timestamp())
    day = 86_400
    first_user_id = max(staff.values()) + 1

    # Per-seeker facts the three tables share (compact lists).
    has_account = [rng.random() < 0.60 for _ in range(n)]
    ident_mode = Weighted(["both", "phone", "email"], [45, 35, 20]).draw(rng, n)
    created = [now_ts - rng.randrange(730 * day) for _ in range(n)]

    stats = {}

    # ---- accounts_user ----------------------------------------------------------------
    start = time.perf_counter()
    user_columns, user_suffix = column_layout(
        User,
        [
            "id",
            "password",
            "email",
            "phone",
            "name",
            "email_verified_at",
            "phone_verified_at",
            "is_active",
            "date_joined",
        ],
    )
    user_ids = [0] * n
    names = [rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(997)]

    def user_lines():
        uid = first_user_id
        lines = []
        for i in range(n):
            if not has_account[i]:
                continue
            user_ids[i] = uid
            mode = ident_mode[i]
            joined = ts(created[i])
            email = phone = email_at = phone_at = NULL
            if mode != "phone":
                email = f"s{uid}@{EMAIL_DOMAIN}"
                email_at = joined if mode == "email" or rng.random() < 0.9 else NULL
            if mode != "email":
                phone = f"+8210{uid:08d}"
                phone_at = joined
            lines.append(
                f"{uid}\t!bench\t{email}\t{phone}\t{names[i % 997]}\t{email_at}\t{phone_at}\tt\t{joined}{user_suffix}\n"
            )
            uid += 1
            if len(lines) >= chunk:
                yield lines
                lines = []
        if lines:
            yield lines

    stats["users"] = copy_lines(cursor, User._meta.db_table, user_columns, user_lines())
    cursor.execute("SELECT setval(pg_get_serial_sequence('accounts_user', 'id'), (SELECT max(id) FROM accounts_user))")
    stats["users_s"] = time.perf_counter() - start
    progress(f"  accounts_user          {stats['users']:>9,} rows  {stats['users_s']:6.1f} s")

    # ---- accounts_seekerprofile -------------------------------------------------------
    start = time.perf_counter()
    profile_columns, profile_suffix = column_layout(
        SeekerProfile,
        [
            "id",
            "user_id",
            "name",
            "birth_year",
            "phone",
            "email",
            "home_dong_id",
            "registered_centre_id",
            "registered_by_id",
            "wanted_occupations",
            "wanted_dongs",
            "wanted_employment_types",
            "wanted_shifts",
            "wanted_days",
            "wanted_min_hourly_krw",
            "education",
            "licences",
            "languages",
            "is_searchable",
            "declared_groups",
            "notify_channels",
            "notify_frequency",
            "created_at",
            "updated_at",
            "last_activity_at",
        ],
    )
    occ_count = Weighted([1, 2, 3], [50, 35, 15])
    dong_count = Weighted([0, 1, 2, 3], [40, 30, 18, 12])
    emp = Weighted(
        EmploymentType.values,
        [{"regular": 40, "contract": 20, "part_time": 25, "daily": 10}.get(v, 4) for v in EmploymentType.values],
    )
    shifts = Weighted(
        [("day",), ("day", "rotating"), ("rotating",), ("night",), ("day", "night", "rotating")], [70, 10, 10, 5, 5]
    )
    days = Weighted(
        [
            ("MON", "TUE", "WED", "THU", "FRI"),
            ("MON", "TUE", "WED", "THU", "FRI", "SAT"),
            ("SAT", "SUN"),
            ("MON", "WED", "FRI"),
            ("TUE", "THU"),
        ],
        [60, 15, 15, 5, 5],
    )
    wage_steps = list(range(10_500, 15_001, 500))
    wages = Weighted([ref.minimum_wage, *wage_steps], [20] + [16 / (k + 1) for k in range(len(wage_steps))])
    birth = Weighted(list(range(1950, 2009)), [3 if y < 1966 else 2 if y < 1981 else 1.5 for y in range(1950, 2009)])
    education = Weighted(
        Education.values,
        [{"middle": 15, "high": 45, "college": 15, "university": 20}.get(v, 1) for v in Education.values],
    )
    other_licences = Weighted(
        [Licence.DRIVING_2, Licence.DRIVING_1, Licence.CARE_WORKER, Licence.FORKLIFT, Licence.COOK, Licence.WELDER],
        [40, 20, 15, 10, 8, 7],
    )
    groups = Weighted([g.value for g in DECLARED_PRIORITY_GROUPS], [40, 35, 20, 5])
    foreign = Weighted([v for v in Language.values if v not in ("ko", "other")], [1] * (len(Language.values) - 2))
    account_channels = Weighted(
        [("onsite",), ("onsite", "email"), ("onsite", "sms"), ("onsite", "email", "sms"), ("email",), ("sms",)],
        [15, 25, 30, 10, 10, 10],
    )
    frequency = Weighted(
        NotifyFrequency.values, [{"immediate": 70, "daily": 25, "off": 5}[v] for v in NotifyFrequency.values]
    )
    declared = [False] * n
    centre_of = [0] * n

    def profile_lines():
        lines = []
        freq = frequency.draw(rng, n)
        for i in range(n):
            pid = i + 1
            uid = user_ids[i]
            home = ref.dongs.pick(rng) if rng.random() < 0.9 else None
            # wanted occupations: the first from the whole distribution, the others often nearby.
            first = ref.occupations.pick(rng)
            occs = [first] if rng.random() >= ANY_OCCUPATION else []
            for _ in range(occ_count.pick(rng) - 1 if occs else 0):
                r = rng.random()
                if first[0] == "8" and r < 0.5:
                    code = SIMPLE_PRODUCTION
                elif r < 0.6:
                    code = ref.related[first].pick(rng)
                else:
                    code = ref.occupations.pick(rng)
                if code not in occs:
                    occs.append(code)
            k = dong_count.pick(rng)
            wdongs = []
            if k:
                anchor = home if home and rng.random() < 0.7 else ref.dongs.pick(rng)
                wdongs.append(anchor)
                near = ref.near[anchor]
                while len(wdongs) < k:
                    code = rng.choice(near) if rng.random() < 0.8 else ref.dongs.pick(rng)
                    if code not in wdongs:
                        wdongs.append(code)
            emps = [emp.pick(rng)] if rng.random() >= 0.20 else []
            if emps and rng.random() < 0.40:
                other = emp.pick(rng)
                if other != emps[0]:
                    emps.append(other)
            wshifts = shifts.pick(rng) if rng.random() < 0.30 else ()
            wdays = days.pick(rng) if rng.random() < 0.25 else ()
            wage = wages.pick(rng) if rng.random() < 0.45 else NULL
            lic = []
            if rng.random() < 0.12:
                lic.append(other_licences.pick(rng))
                if rng.random() < 0.25:
                    lic.append(other_licences.pick(rng))
            for code in occs:
                fit = OCCUPATION_LICENCES.get(code)
                if fit and rng.random() < fit[1]:
                    lic.append(fit[0])
            lic = list(dict.fromkeys(lic))
            dgroups = ()
            if rng.random() < 0.05:
                declared[i] = True
                dgroups = (groups.pick(rng),)
            langs = (foreign.pick(rng),) if rng.random() < 0.03 else ()
            name = names[i % 997]
            if uid:
                mode = ident_mode[i]
                channels = account_channels.pick(rng)
                if mode == "phone":
                    channels = tuple(c for c in channels if c != "email") or ("onsite",)
                elif mode == "email":
                    channels = tuple(c for c in channels if c != "sms") or ("onsite",)
                phone, email, centre, staff_id, user = "", "", NULL, NULL, uid
            else:
                centre_id = ref.centre_of_dong.get(home) if home and rng.random() < 0.9 else ref.district_centre
                centre_of[i] = centre_id
                phone = f"+8210{50_000_000 + pid:08d}"
                email = f"w{pid}@{EMAIL_DOMAIN}" if rng.random() < 0.1 else ""
                channels = ("sms", "email") if email and rng.random() < 0.5 else ("sms",)
                centre, staff_id, user = centre_id, staff[centre_id], NULL
            born = ts(created[i])
            active = ts(created[i] + rng.randrange(max(1, now_ts - created[i])))
            lines.append(
                f"{pid}\t{user}\t{name}\t{birth.pick(rng)}\t{phone}\t{email}\t{home or NULL}\t{centre}\t{staff_id}\t"
                f"{array(occs)}\t{array(wdongs)}\t{array(emps)}\t{array(wshifts)}\t{array(wdays)}\t{wage}\t"
                f"{education.pick(rng)}\t{array(lic)}\t{array(langs)}\t{'t' if rng.random() < 0.3 else 'f'}\t"
                f"{array(dgroups)}\t{array(channels)}\t{freq[i]}\t{born}\t{active}\t{active}{profile_suffix}\n"
            )
            if len(lines) >= chunk:
                yield lines
                lines = []
                if pid % 200_000 == 0:
                    progress(f"    … {pid:,} seekers")
        if lines:
            yield lines

    table = SeekerProfile._meta.db_table
    dropped = secondary_indexes(cursor, table)
    for name, _ in dropped:
        cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    stats["profiles"] = copy_lines(cursor, table, profile_columns, profile_lines())
    copied = time.perf_counter()
    for _, definition in dropped:
        cursor.execute(definition)
    cursor.execute(
        sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), {})").format(sql.Literal(table), sql.Literal(n))
    )
    stats["profiles_s"] = time.perf_counter() - start
    progress(
        f"  accounts_seekerprofile {stats['profiles']:>9,} rows  {stats['profiles_s']:6.1f} s "
        f"(indexes {time.perf_counter() - copied:.1f} s)"
    )

    # ---- accounts_consent -------------------------------------------------------------
    start = time.perf_counter()
    consent_columns, consent_suffix = column_layout(
        Consent,
        [
            "person_id",
            "purpose",
            "version",
            "method",
            "given_at",
            "taken_by_id",
            "paper_form_version",
            "paper_signed_on",
            "withdrawn_at",
        ],
    )

    def consent_lines():
        lines = []
        for i in range(n):
            pid = i + 1
            given = ts(created[i])
            if user_ids[i]:
                how = f"{ConsentMethod.ONLINE}\t{given}\t\\N\t\t\\N"
            else:
                how = f"{ConsentMethod.PAPER}\t{given}\t{staff[centre_of[i]]}\t{CONSENT_VERSION}\t{given[:10]}"
            head = f"{pid}\t"
            tail = f"\t{CONSENT_VERSION}\t{how}\t"
            lines.append(f"{head}{ConsentPurpose.COLLECTION}{tail}\\N{consent_suffix}\n")
            r = rng.random()
            if r < 0.88:
                lines.append(f"{head}{ConsentPurpose.NOTIFICATIONS}{tail}\\N{consent_suffix}\n")
            elif r < 0.93:
                withdrawn = ts(created[i] + rng.randrange(max(1, now_ts - created[i])))
                lines.append(f"{head}{ConsentPurpose.NOTIFICATIONS}{tail}{withdrawn}{consent_suffix}\n")
            if declared[i]:
                lines.append(f"{head}{ConsentPurpose.SENSITIVE}{tail}\\N{consent_suffix}\n")
            if len(lines) >= chunk:
                yield lines
                lines = []
        if lines:
            yield lines

    table = Consent._meta.db_table
    dropped = secondary_indexes(cursor, table)
    for name, _ in dropped:
        cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    stats["consents"] = copy_lines(cursor, table, consent_columns, consent_lines())
    for _, definition in dropped:
        cursor.execute(definition)
    stats["consents_s"] = time.perf_counter() - start
    progress(f"  accounts_consent       {stats['consents']:>9,} rows  {stats['consents_s']:6.1f} s")
    return stats


_TS_CACHE: dict[int, str] = {}


def ts(epoch: int) -> str:
    """``epoch`` seconds as a UTC timestamp literal (dates cached; the time part is computed)."""
    day, second = divmod(epoch, 86_400)
    date = _TS_CACHE.get(day)
    if date is None:
        date = _TS_CACHE[day] = datetime.date.fromordinal(719_163 + day).isoformat()
    hour, rest = divmod(second, 3600)
    return f"{date} {hour:02d}:{rest // 60:02d}:{rest % 60:02d}+00"


def check_foreign_keys(cursor) -> None:
    """Set-based check of the foreign keys that the load skipped row by row; raises
    ``RuntimeError`` naming the first one with a dangling value."""
    checks = [
        ("accounts_seekerprofile", "user_id", "accounts_user", "id"),
        ("accounts_seekerprofile", "registered_by_id", "accounts_user", "id"),
        ("accounts_seekerprofile", "registered_centre_id", "reference_communitycentre", "id"),
        ("accounts_seekerprofile", "home_dong_id", "reference_dong", "code"),
        ("accounts_consent", "person_id", "accounts_seekerprofile", "id"),
        ("accounts_consent", "taken_by_id", "accounts_user", "id"),
    ]
    for table, column, target, key in checks:
        cursor.execute(
            sql.SQL(
                "SELECT count(*) FROM {t} a WHERE a.{c} IS NOT NULL"
                " AND NOT EXISTS (SELECT 1 FROM {r} b WHERE b.{k} = a.{c})"
            ).format(t=sql.Identifier(table), c=sql.Identifier(column), r=sql.Identifier(target), k=sql.Identifier(key))
        )
        (missing,) = cursor.fetchone()
        if missing:
            raise RuntimeError(f"{table}.{column}: {missing} rows point at no {target} row")


def vacuum_analyze() -> None:
    """VACUUM (ANALYZE) the people tables and what matching writes: the steady state that
    autovacuum keeps (statistics, visibility map for index-only scans, hint bits set), not
    the state just after a bulk load, whose first readers pay for setting hint bits."""
    with connection.cursor() as cursor:
        for table in (
            "accounts_user",
            "accounts_seekerprofile",
            "accounts_consent",
            "jobs_match",
            "accounts_outboundmessage",
        ):
            cursor.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))


def populate(n: int, seed: int) -> dict:
    """Replace every generated person with ``n`` new seekers; returns the stats of :func:`generate`."""
    ref = Reference()
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        truncate_people(cursor)
        staff = create_staff(ref)
        # Foreign keys are checked once, set-based, after the load (check_foreign_keys)
        # instead of by a trigger per row; CHECK and UNIQUE constraints apply as usual.
        cursor.execute("SET LOCAL session_replication_role = replica")
        stats = generate(n, seed, staff, ref, cursor)
        cursor.execute("SET LOCAL session_replication_role = origin")
        check_foreign_keys(cursor)
    loaded = time.perf_counter()
    vacuum_analyze()
    stats["analyze_s"] = time.perf_counter() - loaded
    stats["seconds"] = time.perf_counter() - start
    rows = stats["users"] + stats["profiles"] + stats["consents"]
    progress(
        f"generated {n:,} seekers ({rows:,} rows) in {stats['seconds']:.1f} s "
        f"({rows / stats['seconds']:,.0f} rows/s, {n / stats['seconds']:,.0f} seekers/s; "
        f"VACUUM ANALYZE {stats['analyze_s']:.1f} s)"
    )
    return stats


# ---- postings --------------------------------------------------------------------------


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


# ---- timing ----------------------------------------------------------------------------

#: Candidates: seekers the occupation prefilter lets through (wanted occupations empty, i.e.
#: any occupation, or overlapping the minor codes of the posting's middle group) and not
#: erased. Nothing else: place, employment type, wage, shifts/days, account, consent and
#: notification settings are what separates candidates from matches.
CANDIDATES_SQL = """
SELECT count(*)
FROM accounts_seekerprofile s
WHERE s.erased_at IS NULL
  AND (s.wanted_occupations = '{}' OR s.wanted_occupations && %s::varchar[])
"""


def group_codes(ref: Reference, occupation: str) -> list[str]:
    """The minor codes of ``occupation``'s KECO middle group (itself included), from ``Occupation``."""
    middle = ref.middle_of[occupation]
    return sorted(code for code, parent in ref.middle_of.items() if parent == middle)


def count_candidates(posting: JobPosting, ref: Reference) -> tuple[int, float]:
    """Seekers passing :data:`CANDIDATES_SQL` for ``posting``, and the query's milliseconds."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(CANDIDATES_SQL, [group_codes(ref, posting.occupation_id)])
        (count,) = cursor.fetchone()
    return count, (time.perf_counter() - start) * 1000


def reset(posting_id: int) -> None:
    """Undo the match runs of a posting: its match rows, its match messages (subject
    ``posting:<id>``) and ``matched_at``; then VACUUM those two tables (without it every
    run would find the previous run's dead entries under the same unique keys, and the
    runs would slow down one after the other)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_outboundmessage WHERE subject = %s", [match_subject(posting_id)])
        cursor.execute("DELETE FROM jobs_match WHERE posting_id = %s", [posting_id])
        cursor.execute("UPDATE jobs_jobposting SET matched_at = NULL WHERE id = %s", [posting_id])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM jobs_match, accounts_outboundmessage")


def messages_by_channel(posting_id: int) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT channel, count(*) FROM accounts_outboundmessage WHERE subject = %s GROUP BY channel ORDER BY 1",
            [match_subject(posting_id)],
        )
        return dict(cursor.fetchall())


def ms(value: float) -> float:
    return round(value, 1)


def time_match(posting: JobPosting, repeat: int) -> dict:
    """Time ``match_posting`` for ``posting`` in this process ``repeat`` times (reset before
    each), then run it once more without a reset: that run must add nothing.

    Returns the counts, the median of each time in milliseconds (``select_insert_runs_ms``:
    every run's selection plus insert, to show the spread), rows per second of the median
    selection plus insert, and the last run's counts (``again_matches``/``again_messages``).
    Raises ``RuntimeError`` when the posting is not matched or the runs' counts differ."""
    runs = []
    for _ in range(repeat):
        reset(posting.pk)
        runs.append(match_posting(posting.pk))
        if runs[-1].skipped:
            raise RuntimeError(f"posting {posting.pk} was not matched: {runs[-1].skipped}")
    if len({(r.matches, r.messages) for r in runs}) > 1:
        raise RuntimeError(f"posting {posting.pk}: runs wrote different counts: {runs}")
    again = match_posting(posting.pk)

    def median(field: str) -> float:
        return ms(statistics.median(getattr(r, field) for r in runs))

    select_insert_ms = median("select_insert_ms")
    return {
        "matches": runs[0].matches,
        "select_insert_ms": select_insert_ms,
        "rows_per_s": round(runs[0].matches / (select_insert_ms / 1000)) if select_insert_ms else None,
        "messages": runs[0].messages,
        "messages_ms": median("messages_ms"),
        "commit_ms": median("commit_ms"),
        "total_ms": median("total_ms"),
        "runs": repeat,
        "select_insert_runs_ms": [ms(r.select_insert_ms) for r in runs],
        "again_matches": again.matches,
        "again_messages": again.messages,
        "again_total_ms": ms(again.total_ms),
    }


# ---- the worker's peak memory ----------------------------------------------------------

WORKER_QUEUE = "bench_matching"


def proc_status_mb(pid: int, field: str) -> float:
    """``field`` (``VmHWM``: peak resident set, ``VmRSS``: now) of process ``pid``, in MB (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} in /proc/{pid}/status")


def wait_for(condition, worker: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited ({worker.returncode}) waiting for {what}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.05)


def stop(worker: subprocess.Popen) -> None:
    """TERM (warm shutdown), then KILL after 20 s."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def purge(queue: str) -> int:
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.queue_purge(queue) or 0


def worker_peak_rss(posting: JobPosting, timeout_s: float = 900) -> dict:
    """Run ``jobs.tasks.match_posting`` for ``posting`` (reset first) in a real Celery worker
    (``--pool=solo``: the task runs in the worker's main process) on its own queue, wait until
    ``matched_at`` is set, and read the worker's peak resident memory (``VmHWM``).

    Returns ``worker_rss_mb`` (peak), ``worker_idle_rss_mb`` (resident once ready, before the
    task) and ``worker_task_ms`` (from sending the task to ``matched_at`` visible)."""
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL (the worker must use the same bench database).")
    reset(posting.pk)
    purge(WORKER_QUEUE)
    log = tempfile.NamedTemporaryFile("w+", prefix="bench_worker_", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "namdong_jobs",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        WORKER_QUEUE,
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    env = {**os.environ, "REDIS_URL": BENCH_REDIS_URL, "CELERY_BROKER_URL": BENCH_REDIS_URL}
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        wait_for(lambda: "ready." in Path(log.name).read_text(), worker, 120, "the worker to start")
        idle = proc_status_mb(worker.pid, "VmRSS")
        sent = time.perf_counter()
        match_task.apply_async((posting.pk,), queue=WORKER_QUEUE)
        matched = JobPosting.objects.filter(pk=posting.pk, matched_at__isnull=False)
        wait_for(matched.exists, worker, timeout_s, "the match run")
        task_ms = (time.perf_counter() - sent) * 1000
        time.sleep(1)  # let the task return and the worker settle
        peak = proc_status_mb(worker.pid, "VmHWM")
    except RuntimeError as error:
        raise RuntimeError(f"{error} (worker log: {log.name})") from error
    finally:
        stop(worker)
        log.close()
    Path(log.name).unlink()
    return {"worker_rss_mb": peak, "worker_idle_rss_mb": idle, "worker_task_ms": ms(task_ms)}


# ---- the naive way ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class NaivePosting:
    """A posting's side of the rules, for :func:`naive_fit`."""

    occupation: str
    group_codes: frozenset
    dong: str
    near_dongs: frozenset
    employment_type: str
    wage: int | None
    shifts: frozenset
    days: frozenset
    groups: tuple
    licences: tuple

    @classmethod
    def of(cls, posting: JobPosting, ref: Reference) -> "NaivePosting":
        """Middle groups from ``Occupation``, near dongs from ``Dong.distance_m``."""
        dongs = list(Dong.objects.all())
        here = next(d for d in dongs if d.code == posting.dong_id)
        return cls(
            occupation=posting.occupation_id,
            group_codes=frozenset(group_codes(ref, posting.occupation_id)),
            dong=posting.dong_id,
            near_dongs=frozenset(d.code for d in dongs if here.distance_m(d) < NEAR_M),
            employment_type=posting.employment_type,
            wage=posting.wage_hourly,
            shifts=frozenset(posting.shifts),
            days=frozenset(posting.work_days),
            groups=tuple(posting.priority_groups),
            licences=tuple(posting.licences),
        )


def naive_fit(s: SeekerProfile, p: NaivePosting, notifiable: set, sensitive: set, year: int):
    """The rules of ``jobs.matching.rules`` (and ``run.SEEKER_NOTIFIABLE_SQL``) in Python for
    one seeker: ``None`` when ``p`` does not fit, else ``(score, reasons)``."""
    u = s.user
    if s.erased_at is not None or s.notify_frequency == NotifyFrequency.OFF or s.pk not in notifiable:
        return None
    if u is not None and (not u.is_active or u.erased_at is not None):
        return None
    occs = s.wanted_occupations
    if occs and p.group_codes.isdisjoint(occs):
        return None
    if s.wanted_dongs and p.dong not in s.wanted_dongs:
        return None
    if s.wanted_employment_types and p.employment_type not in s.wanted_employment_types:
        return None
    minimum = s.wanted_min_hourly_krw
    if minimum is not None and (p.wage is None or p.wage < minimum):
        return None
    if s.wanted_shifts and p.shifts and p.shifts.isdisjoint(s.wanted_shifts):
        return None
    if s.wanted_days and p.days and not p.days.issubset(s.wanted_days):
        return None
    reasons = ["occupation" if p.occupation in occs else "occupation_group" if occs else "occupation_any"]
    home = s.home_dong_id
    if home is not None and home == p.dong:
        reasons.append("dong_home")
    elif home in p.near_dongs:
        reasons.append("dong_near")
    elif s.wanted_dongs:
        reasons.append("dong_wanted")
    if minimum is not None:
        reasons.append("wage")
    score = sum(POINTS[r] for r in reasons)
    groups = set()
    if s.birth_year is not None:
        if year - 34 <= s.birth_year <= year - 15:
            groups.add(PriorityGroup.YOUTH)
        if s.birth_year <= year - 55:
            groups.add(PriorityGroup.OLDER)
    if s.declared_groups and s.pk in sensitive:
        groups.update(s.declared_groups)
    welcome = [g for g in p.groups if g in groups]
    if welcome:
        score += POINTS["group"]
        reasons += [f"group:{g}" for g in welcome]
    held = [li for li in p.licences if li in s.licences]
    if held:
        score += POINTS["licence"]
        reasons += [f"licence:{li}" for li in held]
    return score, reasons


def active_consents(purpose: str) -> set[int]:
    return set(Consent.objects.filter(purpose=purpose, withdrawn_at__isnull=True).values_list("person_id", flat=True))


def naive_match(posting: JobPosting, ref: Reference, year: int) -> dict:
    """The naive way: every seeker (with the account) through the ORM and :func:`naive_fit`
    in Python, creating nothing. Returns the count, the milliseconds (consents loaded
    first, included), the total score and the number of matches per reasons list."""
    start = time.perf_counter()
    p = NaivePosting.of(posting, ref)
    notifiable = active_consents(ConsentPurpose.NOTIFICATIONS)
    sensitive = active_consents(ConsentPurpose.SENSITIVE)
    count = total = 0
    reasons = collections.Counter()
    for seeker in SeekerProfile.objects.select_related("user").iterator(chunk_size=2000):
        fit = naive_fit(seeker, p, notifiable, sensitive, year)
        if fit is not None:
            count += 1
            total += fit[0]
            reasons[tuple(fit[1])] += 1
    return {"matches": count, "ms": (time.perf_counter() - start) * 1000, "score_sum": total, "reasons": reasons}


def stored_matches(posting_id: int) -> dict:
    """The same summary as :func:`naive_match` of the match rows in the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(score), 0) FROM jobs_match WHERE posting_id = %s", [posting_id])
        count, total = cursor.fetchone()
        cursor.execute("SELECT reasons, count(*) FROM jobs_match WHERE posting_id = %s GROUP BY reasons", [posting_id])
        reasons = collections.Counter({tuple(r): n for r, n in cursor.fetchall()})
    return {"matches": count, "score_sum": total, "reasons": reasons}


#: The JSON line's leading keys (the rest follow as computed).
JSON_FIRST = (
    "seekers",
    "candidates",
    "matches",
    "select_insert_ms",
    "rows_per_s",
    "messages",
    "messages_ms",
    "commit_ms",
    "total_ms",
    "naive_ms",
    "naive_matches",
    "speedup",
    "worker_rss_mb",
)


def progress(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--reuse", action="store_true", help="keep the seekers already generated")
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs per posting (medians reported)")
    parser.add_argument("--no-worker", action="store_true", help="skip the Celery worker's peak memory")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive ORM loop (minutes at 1M)")
    args = parser.parse_args()
    ensure_bench_database()
    progress(f"matching benchmark: PostgreSQL {connection.pg_version}, database {connection.settings_dict['NAME']}")
    result = {"seekers": args.seekers}
    if args.reuse:
        result["seekers"] = SeekerProfile.objects.count()
        progress(f"reusing {result['seekers']:,} seekers")
        vacuum_analyze()
    else:
        progress(f"generating {args.seekers:,} seekers (seed {args.seed})")
        stats = populate(args.seekers, args.seed)
        result["generate_s"] = round(stats["seconds"], 1)
    ref = Reference()
    narrow, broad = create_postings(ref)
    findings = []
    figures = {}
    for label, posting in (("narrow", narrow), ("broad", broad)):
        candidates, candidates_ms = count_candidates(posting, ref)
        progress(
            f"{label:6} posting #{posting.pk}: occupation {posting.occupation_id}, dong {posting.dong_id}, "
            f"{posting.employment_type}, {posting.wage_hourly:,} KRW/h; candidates {candidates:,} "
            f"({candidates_ms:.0f} ms)"
        )
        run = figures[label] = {"candidates": candidates, **time_match(posting, args.repeat)}
        progress(
            f"  match_posting (median of {run['runs']}): {run['matches']:,} matches, "
            f"select+insert {run['select_insert_ms']:,.0f} ms {run['select_insert_runs_ms']} "
            f"({run['rows_per_s'] or 0:,} rows/s); {run['messages']:,} messages {run['messages_ms']:,.0f} ms "
            f"{messages_by_channel(posting.pk)}; commit {run['commit_ms']:,.0f} ms; total {run['total_ms']:,.0f} ms"
        )
        progress(
            f"  again:         {run['again_matches']} matches, {run['again_messages']} messages "
            f"({run['again_total_ms']:,.0f} ms)"
        )
        if run["again_matches"] or run["again_messages"]:
            findings.append(
                f"{label}: the second run added {run['again_matches']} matches, {run['again_messages']} messages"
            )
    result.update(figures["broad"])
    result.update(worker_rss_mb=None, naive_ms=None, speedup=None)
    if not args.no_worker:
        result.update(worker_peak_rss(broad))
        progress(
            f"worker: broad posting matched in {result['worker_task_ms']:,.0f} ms after sending; "
            f"peak RSS {result['worker_rss_mb']} MB (idle {result['worker_idle_rss_mb']} MB)"
        )
    if not args.no_naive:
        progress("naive ORM loop over every seeker for the broad posting…")
        stored = stored_matches(broad.pk)
        naive = naive_match(broad, ref, kst_year())
        result["naive_ms"] = ms(naive["ms"])
        result["naive_matches"] = naive["matches"]
        result["speedup"] = round(naive["ms"] / result["select_insert_ms"], 1)
        progress(
            f"  naive: {naive['matches']:,} matches in {naive['ms']:,.0f} ms "
            f"({result['speedup']:,}× the select+insert); SQL rows: {stored['matches']:,}"
        )
        if naive["matches"] != result["matches"] or stored["matches"] != result["matches"]:
            findings.append(
                f"naive count {naive['matches']} ≠ SQL count {result['matches']} (stored {stored['matches']})"
            )
        if naive["score_sum"] != stored["score_sum"] or naive["reasons"] != stored["reasons"]:
            diff = (naive["reasons"] - stored["reasons"]) + (stored["reasons"] - naive["reasons"])
            findings.append(
                f"naive scores/reasons differ from SQL: score sums {naive['score_sum']} vs {stored['score_sum']}; "
                f"differing reasons lists: {dict(diff.most_common(5))}"
            )
    # Leave no pending match messages behind (another benchmark's delivery loop on this
    # database would send them) and no delivery tasks (no worker of this bench takes them).
    for posting in (narrow, broad):
        reset(posting.pk)
    purge("celery")
    result["narrow"] = figures["narrow"]
    result["checks_ok"] = not findings
    first = [k for k in JSON_FIRST if k in result]
    result = {k: result[k] for k in first + [k for k in result if k not in first]}
    for finding in findings:
        print(f"FINDING: {finding}", file=sys.stderr, flush=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if findings:
        sys.exit(1)


if __name__ == "__main__":
    main()
