"""The demo-data service behind ``python manage.py seed_demo`` (vocabulary in :mod:`jobs.demo.data`).

``seed_demo(on=date)`` is deterministic for a date (every choice comes from ``random.Random`` seeded
with it, drawn in a fixed order) and idempotent: rows are found by a natural key (email, 사업자등록번호,
``(source, external_id)`` …), compared field by field and saved only when something differs, so a
second run with the same date creates and changes nothing.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.utils import timezone

from accounts.identifiers import normalize_mobile
from accounts.models import SeekerProfile, StaffMembership, User
from employers.brn import brn_is_valid
from employers.models import Certification, Employer, EmployerMember
from jobs.choices import PostingSource, PostingStatus, PriorityGroup, Weekday
from jobs.models import JobPosting
from jobs.wages import hourly_krw
from namdong_jobs.reference.models import CommunityCentre, Dong, MinimumWage, Occupation

from . import data
from .report import DemoLogin, SeedError, SeedReport

KST = ZoneInfo("Asia/Seoul")
#: Postings whose title or noun holds one of these stay open, so keyword search finds them.
SHOWCASE_WORDS = ("요양보호사", "경비", "청소", "간호", "지게차")
#: How many published postings get each special deadline/status (the rest: deadline date+3 … date+45).
SPECIAL_KINDS = (("past", 4), ("closed", 1), ("filled", 1), ("open_ended", 8))
WAGE_STEP = {"HOUR": 100, "DAY": 5_000, "MONTH": 10_000, "YEAR": 500_000}
def seed_demo(*, on: datetime.date) -> SeedReport:
    """Create or update the Namdong demo data for the date ``on`` in one transaction.

    Makes about 16 employers (with certifications and 남동인더스파크 입주 rows), 60 direct postings
    (``external_id`` ``"demo-<employer>-<role>[-<site>]"``, dates relative to ``on``), the district
    admin, one officer per dong centre, employer owners, online seekers and walk-in residents, all
    with the password ``data.DEMO_PASSWORD``. Returns a :class:`SeedReport`. Raises
    :class:`SeedError` when reference data is missing or a wage would be under the minimum wage.
    """
    report = SeedReport(on=on)
    with transaction.atomic():
        _Seeder(on, report).run()
    return report


def brn_with_check_digit(first9: str) -> str:
    """Complete nine digits with the National Tax Service check digit (weights 1,3,7,1,3,7,1,3,5
    plus ⌊5·d9/10⌋)."""
    d = [int(c) for c in first9]
    total = sum(w * x for w, x in zip((1, 3, 7, 1, 3, 7, 1, 3, 5), d, strict=True)) + (5 * d[8]) // 10
    return first9 + str((10 - total % 10) % 10)


def object_particle(word: str) -> str:
    """을 after a final consonant, 를 after a vowel: 요양보호사 → 를, 경비원 → 을."""
    last = word[-1]
    if "가" <= last <= "힣":
        return "을" if (ord(last) - 0xAC00) % 28 else "를"
    return "을(를)"


def at_kst(day: datetime.date, minutes: int = 0) -> datetime.datetime:
    """``day`` 00:00 KST plus ``minutes``, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=KST) + datetime.timedelta(minutes=minutes)


@dataclass(frozen=True)
class _Plan:
    spec: data.EmployerSpec
    role_key: str
    role: data.Role
    site_key: str
    status: str

    @property
    def key(self) -> str:
        return f"demo-{self.spec.key}-{self.role_key}" + (f"-{self.site_key}" if self.site_key else "")

    @property
    def site(self) -> data.Site | None:
        return data.SITES[self.site_key] if self.site_key else None


class _Seeder:
    def __init__(self, on: datetime.date, report: SeedReport):
        self.on, self.report = on, report
        self.rng = random.Random(f"namdong-demo:{on.isoformat()}")
        self.now = timezone.now()
        self._hash = ""
        self._good_hashes: set[str] = set()
        self.dongs = {d.name: d for d in Dong.objects.all()}
        self.occupations = {o.code: o for o in Occupation.objects.filter(level=Occupation.Level.MINOR)}
        centres = list(CommunityCentre.objects.select_related("dong"))
        self.district = next((c for c in centres if c.is_district), None)
        self.centres = sorted((c for c in centres if not c.is_district), key=lambda c: c.dong_id)
        if self.district is None or len(self.centres) < 20 or not self.occupations:
            raise SeedError("기준 데이터(행정동·센터·직업분류)가 없습니다. 먼저 `manage.py migrate` 를 실행하세요.")
        try:
            self.minimum_wage = MinimumWage.objects.for_date(on).hourly_krw
        except MinimumWage.DoesNotExist as exc:
            raise SeedError(f"{on.year}년에 적용할 최저임금이 최저임금 표에 없습니다.") from exc
        self.staff_by_dong: dict[str, User] = {}
        self.employers: dict[str, Employer] = {}
        self.owners: dict[str, User] = {}

    def run(self) -> None:
        self.seed_staff()
        self.seed_employers()
        self.seed_members()
        self.seed_postings()
        self.seed_seekers()

    # ---- generic upsert ------------------------------------------------------------------

    def upsert(self, model: type[models.Model], tally: str, lookup: dict, values: dict) -> models.Model:
        """Find the row by ``lookup``; create it, or save only the fields of ``values`` that differ."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.report.tallies[tally].created += 1
            return obj
        self.save_changes(tally, obj, self.assign(obj, values))
        return obj

    @staticmethod
    def assign(obj: models.Model, values: dict) -> list[str]:
        """Set on ``obj`` the ``values`` that differ from its own (relations compared by id); return
        the names of the fields set."""
        changed = []
        for name, value in values.items():
            f = obj._meta.get_field(name)
            if f.is_relation:
                differs = getattr(obj, f.attname) != (value.pk if value is not None else None)
            else:
                differs = getattr(obj, name) != value
            if differs:
                setattr(obj, name, value)
                changed.append(name)
        return changed

    def save_changes(self, tally: str, obj: models.Model, changed: list[str], *, clean: bool = True) -> None:
        if not changed:
            self.report.tallies[tally].unchanged += 1
            return
        if clean:
            obj.full_clean()
        obj.save(update_fields=changed)
        self.report.tallies[tally].updated += 1

    # ---- accounts ------------------------------------------------------------------------

    @property
    def password_hash(self) -> str:
        """One hash of the demo password shared by the accounts created in this run (hashing is slow)."""
        if not self._hash:
            self._hash = make_password(data.DEMO_PASSWORD)
            self._good_hashes.add(self._hash)
        return self._hash

    def has_demo_password(self, encoded: str) -> bool:
        if encoded in self._good_hashes:
            return True
        if check_password(data.DEMO_PASSWORD, encoded):
            self._good_hashes.add(encoded)
            return True
        return False

    def user(self, *, email: str, name: str, phone: str = "", admin: bool = False) -> User:
        """The demo account ``email``, created (identifiers verified) or brought back to its values."""
        wanted = {"name": name, "phone": normalize_mobile(phone) if phone else None,
                  "is_active": True, "is_staff": admin, "is_superuser": admin}
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, email_verified_at=self.now,
                                            phone_verified_at=self.now if phone else None, **wanted)
            user.password = self.password_hash
            user.save(update_fields=["password"])
            self.report.tallies["users"].created += 1
            return user
        wanted["email_verified_at"] = user.email_verified_at or self.now
        wanted["phone_verified_at"] = (user.phone_verified_at or self.now) if phone else user.phone_verified_at
        changed = self.assign(user, wanted)
        if not self.has_demo_password(user.password):
            user.password = self.password_hash
            changed.append("password")
        self.save_changes("users", user, changed, clean=False)
        return user

    def login(self, role: str, email: str, place: str) -> None:
        self.report.logins.append(DemoLogin(role, email, data.DEMO_PASSWORD, place))

    def seed_staff(self) -> None:
        self.admin = self.user(email=data.ADMIN_EMAIL, name=data.ADMIN_NAME, admin=True)
        self.upsert(StaffMembership, "staff", {"user": self.admin},
                    {"centre": self.district, "role": StaffMembership.Role.MANAGER, "is_active": True})
        self.login("구청 관리자", data.ADMIN_EMAIL, self.district.name)
        for i, centre in enumerate(self.centres):
            email = f"staff.{data.DONG_ROMAN[centre.dong.name]}@{data.DEMO_DOMAIN}"
            name = data.STAFF_SURNAMES[i] + data.STAFF_GIVEN[(i * 7) % len(data.STAFF_GIVEN)]
            staff = self.user(email=email, name=name)
            self.upsert(StaffMembership, "staff", {"user": staff},
                        {"centre": centre, "role": StaffMembership.Role.OFFICER, "is_active": True})
            self.staff_by_dong[centre.dong.name] = staff
            self.login("센터 직원", email, centre.name)

    # ---- employers -----------------------------------------------------------------------

    def seed_employers(self) -> None:
        verified_at = at_kst(self.on - datetime.timedelta(days=90), 10 * 60)
        for spec in data.EMPLOYERS:
            brn = brn_with_check_digit(spec.brn9)
            if not brn_is_valid(brn):
                raise SeedError(f"{spec.name}: 사업자등록번호 {brn} 의 검증번호가 맞지 않습니다.")
            status = Employer.Verification.PENDING if spec.pending else Employer.Verification.VERIFIED
            employer = self.upsert(Employer, "employers", {"brn": brn}, {
                "name": spec.name, "representative": spec.representative, "address": spec.address,
                "dong": self.dongs[spec.dong], "industry": spec.industry, "headcount": spec.headcount,
                "phone": spec.phone, "verification_status": status,
                "verified_at": None if spec.pending else verified_at,
                "verified_by": None if spec.pending else self.admin,
            })
            self.employers[spec.key] = employer
            for kind, number, start, end in spec.certs:
                self.upsert(Certification, "certifications", {"employer": employer, "type": kind, "number": number}, {
                    "valid_from": self.on + datetime.timedelta(days=start),
                    "valid_until": None if end is None else self.on + datetime.timedelta(days=end),
                })

    def seed_members(self) -> None:
        for login, key, name in data.MEMBERS:
            email = f"{login}@{data.DEMO_DOMAIN}"
            employer = self.employers[key]
            user = self.user(email=email, name=name)
            self.upsert(EmployerMember, "members", {"employer": employer, "user": user},
                        {"role": EmployerMember.Role.OWNER})
            self.owners[key] = user
            pending = " (확인 대기)" if employer.verification_status == Employer.Verification.PENDING else ""
            self.login("기업 담당자", email, employer.name + pending)

    # ---- postings ------------------------------------------------------------------------

    def plans(self) -> list[_Plan]:
        plans = []
        for spec in data.EMPLOYERS:
            for word in spec.jobs.split():
                word, _, status = word.partition("!")
                role_key, _, site_key = word.partition("@")
                plans.append(_Plan(spec, role_key, data.ROLES[role_key], site_key, status))
        return plans

    def special_kinds(self, plans: list[_Plan]) -> dict[int, str]:
        """Pick (with the seeded RNG) which plain postings are past deadline, closed, filled or
        without deadline; showcase postings (search words) and pending employers' stay out."""
        eligible = [
            i for i, p in enumerate(plans)
            if not p.status and not p.spec.pending
            and not any(w in p.role.title or w in p.role.noun for w in SHOWCASE_WORDS)
        ]
        self.rng.shuffle(eligible)
        picks = iter(eligible)
        return {next(picks): kind for kind, count in SPECIAL_KINDS for _ in range(count)}

    def seed_postings(self) -> None:
        plans = self.plans()
        kinds = self.special_kinds(plans)
        for i, plan in enumerate(plans):
            self.seed_posting(plan, kinds.get(i, plan.status or "open"))

    def seed_posting(self, plan: _Plan, kind: str) -> None:
        role, spec, site = plan.role, plan.spec, plan.site
        schedule = data.SCHEDULES[role.schedule]
        daily_hours = Decimal(schedule.hours)
        wage_type, low, high = role.wage
        # every draw happens for every posting, in order, whatever its kind: same date → same values
        bump = self.rng.randint(0, 10) * WAGE_STEP[wage_type]
        openings = self.rng.randint(1, 3)
        age, span, minute = self.rng.randint(0, 30), self.rng.randint(3, 45), self.rng.randint(0, 8 * 60 - 1)
        low, high = low + bump, (high + bump if high else None)
        if hourly_krw(low, wage_type, daily_hours) < self.minimum_wage:
            raise SeedError(f"{plan.key}: 임금이 최저임금({self.minimum_wage:,}원/시간)보다 낮습니다.")

        day = datetime.timedelta(days=1)
        posted, deadline, closed_at = self.on - age * day, self.on + span * day, None
        status = PostingStatus.PUBLISHED if kind in ("open", "open_ended", "past") else PostingStatus(kind)
        if kind == "open_ended":
            deadline = None
        elif kind == "past":
            deadline = self.on - (1 + span % 10) * day
            posted = deadline - (7 + age % 14) * day
        elif kind in ("closed", "filled"):
            posted = self.on - (10 + age % 21) * day
            closed_at = at_kst(posted + (5 + minute % 5) * day, 17 * 60)
        elif kind in ("draft", "submitted"):
            posted = self.on
        published_at = None if kind in ("draft", "submitted") else at_kst(posted, 9 * 60 + minute)

        title = f"[{spec.short}] {role.title}" + (f" - {site.label}" if site else "")
        self.upsert(JobPosting, "postings", {"source": PostingSource.DIRECT, "external_id": plan.key}, {
            "title": title, "employer": self.employers[spec.key], "occupation": self.occupations[role.occupation],
            "description": self.description(plan, schedule),
            "dong": self.dongs[site.dong if site else spec.dong], "address": site.address if site else spec.address,
            "employment_type": role.employment, "wage_type": wage_type, "wage_min": low, "wage_max": high,
            "work_days": list(schedule.days), "days_per_week": schedule.per_week or len(schedule.days),
            "hours_per_week": schedule.week_hours, "daily_hours": daily_hours,
            "start_time": datetime.time.fromisoformat(schedule.start),
            "end_time": datetime.time.fromisoformat(schedule.end),
            "shifts": list(schedule.shifts), "working_condition_text": schedule.text,
            "education_min": role.education, "career_type": role.career[0], "career_min_years": role.career[1],
            "openings": openings, "preferred_qualifications": "\n".join(role.prefs),
            "priority_groups": list(role.groups), "benefits": list(role.benefits),
            "date_posted": posted, "deadline": deadline, "status": status,
            "published_at": published_at, "closed_at": closed_at, "created_by": self.owners.get(spec.key),
        })

    @staticmethod
    def description(plan: _Plan, schedule: data.Schedule) -> str:
        """Multi-line Korean description: intro, duties, 자격요건, 우대사항, working conditions."""
        role, spec, site = plan.role, plan.spec, plan.site
        lines = [f"{spec.name}에서 함께 일할 {role.noun}{object_particle(role.noun)} 모집합니다."]
        if site:
            lines.append(f"근무지는 {site.label}입니다.")
        lines += ["", "■ 담당 업무", *(f"- {d}" for d in role.duties)]
        lines += ["", "■ 자격요건", *(f"- {q}" for q in role.quals)]
        lines += ["", "■ 우대사항", *(f"- {p}" for p in role.prefs)]
        if role.groups:
            lines.append(f"- {'·'.join(PriorityGroup(g).label for g in role.groups)} 지원을 환영합니다.")
        days = "·".join(Weekday(d).label for d in schedule.days)
        per_week = schedule.per_week or len(schedule.days)
        hours = f"1일 {schedule.hours}시간, 주 {schedule.week_hours}시간"
        lines += ["", "■ 근무 조건", f"- 근무 요일: {days} (주 {per_week}일)",
                  f"- 근무 시간: {schedule.start} ~ {schedule.end} ({hours})"]
        if schedule.text:
            lines.append(f"- {schedule.text}")
        lines += ["", f"문의: {spec.phone} (채용 담당자)"]
        return "\n".join(lines)

    # ---- seekers -------------------------------------------------------------------------

    def seed_seekers(self) -> None:
        for spec in data.SEEKERS:
            values = {
                "name": spec.name, "birth_year": spec.birth_year, "phone": normalize_mobile(spec.phone),
                "home_dong": self.dongs[spec.home_dong],
                "wanted_occupations": list(spec.occupations),
                "wanted_dongs": [self.dongs[name].code for name in spec.dongs],
                "wanted_employment_types": list(spec.employment_types), "wanted_shifts": list(spec.shifts),
                "wanted_days": list(spec.days), "wanted_min_hourly_krw": spec.min_hourly,
            }
            if spec.login:
                email = f"{spec.login}@{data.DEMO_DOMAIN}"
                user = self.user(email=email, name=spec.name, phone=spec.phone)
                self.upsert(SeekerProfile, "seekers", {"user": user}, {
                    **values, "email": email, "registered_centre": None, "registered_by": None})
                self.login("구직자", email, f"{spec.home_dong} 거주")
            else:
                centre = next(c for c in self.centres if c.dong.name == spec.centre_dong)
                self.upsert(SeekerProfile, "seekers",
                            {"user": None, "registered_centre": centre, "phone": values.pop("phone")},
                            {**values, "registered_by": self.staff_by_dong[spec.centre_dong]})
