"""The COPY generator of seekers (users, seeker profiles, consents) and its distributions.

:func:`populate` replaces every person in the database with ``n`` generated seekers in one
transaction (TRUNCATE … CASCADE, COPY with foreign-key triggers off, set-based foreign-key
check, then VACUUM (ANALYZE)).

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

"""

import random
import time

from django.db import connection, transaction
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose, NotifyFrequency
from accounts.consent_texts import CONSENT_VERSION
from accounts.models import Consent, SeekerProfile, StaffMembership, User
from bench.matching import progress
from bench.matching.db import (
    NULL,
    array,
    check_foreign_keys,
    column_layout,
    copy_lines,
    drop_secondary_indexes,
    set_id_sequence,
    ts,
    vacuum_analyze,
)
from bench.matching.reference import Reference, Weighted
from namdong_jobs.reference.codes import DECLARED_PRIORITY_GROUPS, Education, EmploymentType, Language, Licence

EMAIL_DOMAIN = "bench.example"
#: Share of seekers who want any occupation (직종 무관: no wanted occupation).
ANY_OCCUPATION = 0.03
#: 제조 단순 종사자: production workers wanting a skilled 8xx job often accept it as well.
SIMPLE_PRODUCTION = "890"
#: Licences more likely for seekers wanting an occupation: minor code → (licence, probability).
OCCUPATION_LICENCES = {
    "550": (Licence.CARE_WORKER, 0.5),
    "623": (Licence.FORKLIFT, 0.6),
    "824": (Licence.WELDER, 0.4),
    "531": (Licence.COOK, 0.4),
    "622": (Licence.DRIVING_1, 0.7),
    "624": (Licence.DRIVING_1, 0.5),
}


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
    dropped = drop_secondary_indexes(cursor, table)
    stats["profiles"] = copy_lines(cursor, table, profile_columns, profile_lines())
    copied = time.perf_counter()
    for definition in dropped:
        cursor.execute(definition)
    set_id_sequence(cursor, table, n)
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
    dropped = drop_secondary_indexes(cursor, table)
    stats["consents"] = copy_lines(cursor, table, consent_columns, consent_lines())
    for definition in dropped:
        cursor.execute(definition)
    stats["consents_s"] = time.perf_counter() - start
    progress(f"  accounts_consent       {stats['consents']:>9,} rows  {stats['consents_s']:6.1f} s")
    return stats


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
