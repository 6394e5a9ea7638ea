"""Result shapes of the demo-data service (:func:`jobs.demo.seed.seed_demo`)."""

import datetime
from dataclasses import dataclass, field

TALLY_LABELS = {
    "users": "계정",
    "staff": "센터 직원",
    "employers": "구인기업",
    "certifications": "기업 인증",
    "members": "기업 담당자",
    "postings": "구인공고",
    "seekers": "구직자",
    "applications": "지원",
    "notes": "상담 기록",
    "referrals": "취업알선",
}


class SeedError(Exception):
    """Reference data missing (run ``migrate``) or the demo vocabulary breaks a rule."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class DemoLogin:
    """One row of the printed login table: role (Korean), login email, password, centre/employer,
    and the mobile number (national format, ``010-1234-5678``) the account can also log in with."""

    role: str
    login: str
    password: str
    place: str
    phone: str = ""


@dataclass
class SeedReport:
    """What ``seed_demo`` did: ``tallies`` maps a kind (keys of ``TALLY_LABELS``) to its
    created/updated/unchanged counts; ``logins`` lists the demo accounts in print order; ``kept``
    the external ids of postings left as the lifecycle put them (expired, closed, filled, rejected)."""

    on: datetime.date
    tallies: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for key in TALLY_LABELS})
    logins: list[DemoLogin] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(t.created for t in self.tallies.values())

    @property
    def updated(self) -> int:
        return sum(t.updated for t in self.tallies.values())
