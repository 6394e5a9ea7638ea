"""Employers of the city: owner accounts, employers, their members and certifications (COPY).

* 92 % are employers registered here: verified 88 %, waiting for verification 8 %, rejected
  4 %; each has an owner account (email verified) and an ``EmployerMember`` row (owner); the
  others (8 %) are ``EXTERNAL`` employers of imported listings, without members or brn.
* a 사업자등록번호 with the National Tax Service check digit for every registered employer
  (unique), a dong weighted like the seekers' (``bench.matching.reference.DONG_WEIGHTS``),
  an address on a Namdong road, an industry, a headcount (skewed small) and a phone number.
* certifications for 15 %: 남동인더스파크 입주기업, 중소기업, 사회적기업, 자활기업…, a fifth of
  them expired (valid_until in the past).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from bench.matching import progress
from bench.matching.db import NULL, column_layout, copy_lines, literal, ts
from bench.matching.reference import Reference
from employers.brn import brn_check_digit, normalize_company_name
from employers.models import Certification, Employer, EmployerMember

from .vocabulary import INDUSTRIES, ROADS, Vocabulary

EMAIL_DOMAIN = "city.bench.example"
EXTERNAL_SHARE = 0.08
DAY = 86_400


@dataclass(frozen=True)
class EmployerRow:
    """What the postings need of an employer."""

    id: int
    name: str
    short: str
    dong: str | None
    external: bool
    verified: bool
    owner_id: int | None


def short_name(name: str) -> str:
    """The name without its company form, for titles: ``"(주)남동정밀"`` → ``"남동정밀"``."""
    for form in ("주식회사 ", "(주)", "㈜"):
        name = name.replace(form, "")
    return name.strip() or name


def generate_employers(
    n: int, rng: random.Random, ref: Reference, vocab: Vocabulary, district_staff: int, cursor, chunk: int = 20_000
) -> tuple[list[EmployerRow], dict]:
    """COPY ``n`` employers with their owners, memberships and certifications; returns the
    employers (in id order) and row counts/seconds per table."""
    stats: dict = {}
    now_ts = int(timezone.now().timestamp())
    cursor.execute("SELECT coalesce(max(id), 0) FROM accounts_user")
    (first_user,) = cursor.fetchone()
    first_user += 1

    rows: list[EmployerRow] = []
    owners: list[tuple[int, int, str, int]] = []  # (employer id, user id, name, joined)
    employer_lines: list[str] = []
    columns, suffix = column_layout(
        Employer,
        [
            "id", "name", "name_key", "brn", "representative", "address", "dong_id", "industry", "headcount", "phone",
            "verification_status", "verified_at", "verified_by_id", "rejection_reason", "registered_by_id",
            "created_at", "updated_at",
        ],
    )  # fmt: skip
    used_brn: set[str] = set()
    uid = first_user
    for eid in range(1, n + 1):
        name = vocab.company_name(rng)
        external = rng.random() < EXTERNAL_SHARE
        created = now_ts - rng.randrange(5 * 365 * DAY)
        dong = ref.dongs.pick(rng) if rng.random() < 0.93 else None
        if external:
            status, verified_at, verified_by, reason, brn, owner = "external", NULL, NULL, "", NULL, None
            registered_by = NULL
        else:
            r = rng.random()
            status = "verified" if r < 0.88 else "pending" if r < 0.96 else "rejected"
            verified_at = ts(created + rng.randrange(1, 5 * DAY)) if status == "verified" else NULL
            verified_by = district_staff if status == "verified" else NULL
            reason = "사업자등록증 사본의 상호와 입력한 기업명이 다릅니다." if status == "rejected" else ""
            while True:
                first9 = f"{rng.randrange(100, 1000)}{rng.randrange(1, 100):02d}{rng.randrange(0, 10000):04d}"
                brn = first9 + brn_check_digit(first9)
                if brn not in used_brn:
                    used_brn.add(brn)
                    break
            owner = uid
            owners.append((eid, uid, name, created))
            registered_by = uid
            uid += 1
        short = short_name(name)
        rows.append(EmployerRow(eid, name, short, dong, external, status == "verified", owner))
        headcount = max(1, int(rng.paretovariate(1.2) * 4)) if rng.random() < 0.9 else NULL
        employer_lines.append(
            f"{eid}\t{literal(name)}\t{literal(normalize_company_name(name))}\t{brn}\t{'김이박최정'[eid % 5]}대표\t"
            f"인천광역시 남동구 {rng.choice(ROADS)} {rng.randrange(1, 400)}\t{dong or NULL}\t{rng.choice(INDUSTRIES)}\t"
            f"{headcount}\t032-{rng.randrange(400, 900)}-{rng.randrange(10000):04d}\t{status}\t{verified_at}\t"
            f"{verified_by}\t{reason}\t{registered_by}\t{ts(created)}\t{ts(created)}{suffix}\n"
        )

    # ---- owner accounts ---------------------------------------------------------------------
    start = time.perf_counter()
    user_columns, user_suffix = column_layout(
        User, ["id", "password", "email", "phone", "name", "email_verified_at", "is_active", "date_joined"]
    )

    def user_lines():
        lines = []
        for _eid, user_id, _name, joined in owners:
            lines.append(
                f"{user_id}\t!bench\towner{user_id}@{EMAIL_DOMAIN}\t\\N\t담당자{user_id % 1000}\t{ts(joined)}\tt\t"
                f"{ts(joined)}{user_suffix}\n"
            )
            if len(lines) >= chunk:
                yield lines
                lines = []
        yield lines

    stats["owner_users"] = copy_lines(cursor, User._meta.db_table, user_columns, user_lines())
    cursor.execute("SELECT setval(pg_get_serial_sequence('accounts_user', 'id'), (SELECT max(id) FROM accounts_user))")
    stats["owner_users_s"] = time.perf_counter() - start
    progress(f"  accounts_user (owners) {stats['owner_users']:>9,} rows  {stats['owner_users_s']:6.1f} s")

    # ---- employers ----------------------------------------------------------------------------
    start = time.perf_counter()
    stats["employers"] = copy_lines(
        cursor, Employer._meta.db_table, columns, (employer_lines[i : i + chunk] for i in range(0, n, chunk))
    )
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('employers_employer', 'id'), {n})")  # noqa: S608
    stats["employers_s"] = time.perf_counter() - start
    progress(f"  employers_employer     {stats['employers']:>9,} rows  {stats['employers_s']:6.1f} s")

    # ---- members and certifications -------------------------------------------------------------
    start = time.perf_counter()
    member_columns, member_suffix = column_layout(EmployerMember, ["employer_id", "user_id", "role", "created_at"])
    member_lines = [f"{eid}\t{user_id}\towner\t{ts(joined)}{member_suffix}\n" for eid, user_id, _n, joined in owners]
    stats["members"] = copy_lines(cursor, EmployerMember._meta.db_table, member_columns, [member_lines])
    cert_columns, cert_suffix = column_layout(
        Certification, ["employer_id", "type", "number", "valid_from", "valid_until"]
    )
    cert_types = [t for t in Certification.Type.values]
    cert_lines = []
    today = timezone.localdate()
    for row in rows:
        if rng.random() >= 0.15:
            continue
        for kind in rng.sample(cert_types, k=1 if rng.random() < 0.8 else 2):
            start_day = today.toordinal() - rng.randrange(30, 3000)
            if rng.random() < 0.2:
                until = literal(type(today).fromordinal(today.toordinal() - rng.randrange(1, 400)))
            elif rng.random() < 0.5:
                until = literal(type(today).fromordinal(today.toordinal() + rng.randrange(30, 1500)))
            else:
                until = NULL
            valid_from = type(today).fromordinal(min(start_day, today.toordinal() - 400))
            cert_lines.append(
                f"{row.id}\t{kind}\t{kind.upper()}-{row.id:06d}\t{valid_from.isoformat()}\t{until}{cert_suffix}\n"
            )
    stats["certifications"] = copy_lines(cursor, Certification._meta.db_table, cert_columns, [cert_lines])
    stats["members_s"] = time.perf_counter() - start
    progress(
        f"  employers_employermember / certification {stats['members']:,} / {stats['certifications']:,} rows "
        f"{stats['members_s']:6.1f} s"
    )
    return rows, stats
