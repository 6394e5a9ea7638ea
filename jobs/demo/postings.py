"""Seeding of the demo employers (certifications, 남동인더스파크 입주) and their direct postings
(:mod:`jobs.demo.seed`).

A posting whose status the lifecycle moved on after seeding (the expiry task recorded ``expired``;
staff or the employer closed, filled or rejected it) is left exactly as it is: a re-run neither
reopens it nor counts it as changed. The seeder's own closed/filled postings carry a recognisable
``closed_at`` (17:00 KST sharp, 5–9 days after the posting date), so those still follow the seed date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from employers.brn import brn_check_digit, brn_is_valid
from employers.models import Certification, Employer
from jobs.choices import ApplyMethod, PostingSource, PostingStatus, PriorityGroup, RevisionStatus, Weekday
from jobs.models import JobPosting, JobPostingRevision
from jobs.services.revisions import snapshot
from jobs.wages import hourly_krw

from . import data
from .base import SeederBase, at_kst
from .report import SeedError

#: Postings whose title or noun holds one of these stay open, so keyword search finds them.
SHOWCASE_WORDS = ("요양보호사", "경비", "청소", "간호", "지게차")
#: How many published postings get each special deadline/status (the rest: deadline date+3 … date+45).
SPECIAL_KINDS = (("past", 4), ("closed", 1), ("filled", 1), ("open_ended", 8))
WAGE_STEP = {"HOUR": 100, "DAY": 5_000, "MONTH": 10_000, "YEAR": 500_000}
#: The seeder closes its closed/filled postings at 17:00 KST, this many days after the posting date.
CLOSE_AFTER_DAYS = range(5, 10)
CLOSE_MINUTES = 17 * 60
DAY = datetime.timedelta(days=1)


def object_particle(word: str) -> str:
    """을 after a final consonant, 를 after a vowel: 요양보호사 → 를, 경비원 → 을."""
    last = word[-1]
    if "가" <= last <= "힣":
        return "을" if (ord(last) - 0xAC00) % 28 else "를"
    return "을(를)"


def moved_on_by_lifecycle(posting: JobPosting) -> bool:
    """True when the posting's status is not one the seeder set: ``expired`` or ``rejected`` (the
    seeder sets neither), or ``closed``/``filled`` without the seeder's ``closed_at``."""
    if posting.status in (PostingStatus.EXPIRED, PostingStatus.REJECTED):
        return True
    if posting.status in (PostingStatus.CLOSED, PostingStatus.FILLED):
        seeded = {at_kst(posting.date_posted + days * DAY, CLOSE_MINUTES) for days in CLOSE_AFTER_DAYS}
        return posting.closed_at not in seeded
    return False


@dataclass(frozen=True)
class Plan:
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


class EmployerSeeding(SeederBase):
    def seed_employers(self) -> None:
        verified_at = at_kst(self.on - 90 * DAY, 10 * 60)
        for spec in data.EMPLOYERS:
            brn = spec.brn9 + brn_check_digit(spec.brn9)
            if not brn_is_valid(brn):
                raise SeedError(f"{spec.name}: 사업자등록번호 {brn} 의 검증번호가 맞지 않습니다.")
            status = Employer.Verification.PENDING if spec.pending else Employer.Verification.VERIFIED
            values = {
                "name": spec.name,
                "representative": spec.representative,
                "address": spec.address,
                "dong": self.dongs[spec.dong],
                "industry": spec.industry,
                "headcount": spec.headcount,
                "phone": spec.phone,
                "verification_status": status,
                "verified_at": None if spec.pending else verified_at,
                "verified_by": None if spec.pending else self.admin,
            }
            employer = self.upsert(Employer, "employers", {"brn": brn}, values)
            self.employers[spec.key] = employer
            for kind, number, start, end in spec.certs:
                lookup = {"employer": employer, "type": kind, "number": number}
                valid = {
                    "valid_from": self.on + start * DAY,
                    "valid_until": None if end is None else self.on + end * DAY,
                }
                self.upsert(Certification, "certifications", lookup, valid)

    # ---- postings ------------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        plans = []
        for spec in data.EMPLOYERS:
            for word in spec.jobs.split():
                word, _, status = word.partition("!")
                role_key, _, site_key = word.partition("@")
                plans.append(Plan(spec, role_key, data.ROLES[role_key], site_key, status))
        return plans

    def special_kinds(self, plans: list[Plan]) -> dict[int, str]:
        """Pick (with the seeded RNG) which plain postings are past deadline, closed, filled or
        without deadline; showcase postings (search words) and pending employers' stay out."""
        eligible = [
            i
            for i, p in enumerate(plans)
            if not p.status
            and not p.spec.pending
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

    def seed_posting(self, plan: Plan, kind: str) -> None:
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

        lookup = {"source": PostingSource.DIRECT, "external_id": plan.key}
        posting = JobPosting.objects.filter(**lookup).first()
        if posting is not None and moved_on_by_lifecycle(posting):
            self.report.tallies["postings"].unchanged += 1
            self.report.kept.append(plan.key)
            return

        # posted at least a day before the seed date, so no demo time lies in the future
        posted, deadline, closed_at = self.on - max(age, 1) * DAY, self.on + span * DAY, None
        status = PostingStatus.PUBLISHED if kind in ("open", "open_ended", "past") else PostingStatus(kind)
        if kind == "open_ended":
            deadline = None
        elif kind == "past":
            deadline = self.on - (1 + span % 10) * DAY
            posted = deadline - (7 + age % 14) * DAY
        elif kind in ("closed", "filled"):
            posted = self.on - (10 + age % 21) * DAY
            closed_at = at_kst(posted + CLOSE_AFTER_DAYS[minute % len(CLOSE_AFTER_DAYS)] * DAY, CLOSE_MINUTES)
        elif kind in ("draft", "submitted"):
            posted = self.on
        published_at = None if kind in ("draft", "submitted") else at_kst(posted, 9 * 60 + minute)
        submitted_at = at_kst(self.on - DAY, 9 * 60 + minute) if kind == "submitted" else None

        title = f"[{spec.short}] {role.title}" + (f" - {site.label}" if site else "")
        values = {
            "title": title,
            "employer": self.employers[spec.key],
            "occupation": self.occupations[role.occupation],
            "description": self.description(plan, schedule),
            "dong": self.dongs[site.dong if site else spec.dong],
            "address": site.address if site else spec.address,
            "employment_type": role.employment,
            "wage_type": wage_type,
            "wage_min": low,
            "wage_max": high,
            "work_days": list(schedule.days),
            "days_per_week": schedule.per_week or len(schedule.days),
            "hours_per_week": schedule.week_hours,
            "daily_hours": daily_hours,
            "start_time": datetime.time.fromisoformat(schedule.start),
            "end_time": datetime.time.fromisoformat(schedule.end),
            "shifts": list(schedule.shifts),
            "working_condition_text": schedule.text,
            "education_min": role.education,
            "career_type": role.career[0],
            "career_min_years": role.career[1],
            "openings": openings,
            "preferred_qualifications": "\n".join(role.prefs),
            "priority_groups": list(role.groups),
            "benefits": list(role.benefits),
            "date_posted": posted,
            "deadline": deadline,
            "status": status,
            "published_at": published_at,
            "closed_at": closed_at,
            "created_by": self.owners.get(spec.key),
            "submitted_at": submitted_at,
            "apply_methods": [ApplyMethod.ONLINE, ApplyMethod.PHONE],
            "contact_name": "채용 담당자",
            "contact_phone": spec.phone,
            "published_by": self.admin if published_at else None,
        }
        posting = self.write(JobPosting, "postings", lookup, values, posting)
        if published_at:
            self.live_revision(posting)

    def live_revision(self, posting: JobPosting) -> None:
        """Give a published demo posting its approved revision (the text applications point to),
        once; a re-run with unchanged values leaves it alone, changed values make a new one."""
        data_now = snapshot(posting)
        current = posting.current_revision
        if current is not None and current.data == data_now:
            return
        number = (posting.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        revision = JobPostingRevision.objects.create(
            posting=posting,
            number=number,
            data=data_now,
            status=RevisionStatus.APPROVED,
            created_by=self.admin,
            decided_by=self.admin,
            decided_at=posting.published_at,
        )
        posting.current_revision = revision
        posting.save(update_fields=["current_revision"])

    @staticmethod
    def description(plan: Plan, schedule: data.Schedule) -> str:
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
        lines += ["", "■ 근무 조건", f"- 근무 요일: {days} (주 {per_week}일)"]
        lines.append(f"- 근무 시간: {schedule.start} ~ {schedule.end} ({hours})")
        if schedule.text:
            lines.append(f"- {schedule.text}")
        lines += ["", f"문의: {spec.phone} (채용 담당자)"]
        return "\n".join(lines)
