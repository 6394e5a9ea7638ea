"""Seeding of the demo people (:mod:`jobs.demo.seed`): the district admin, one officer per dong
centre, employer owners, online seekers and walk-in residents, and the printed login rows."""

import datetime

from django.contrib.auth.hashers import check_password, make_password
from django.utils import timezone

from accounts.choices import ConsentMethod, ConsentPurpose, NotifyChannel
from accounts.consent_texts import CONSENT_VERSION
from accounts.identifiers import format_mobile, normalize_mobile
from accounts.models import SeekerProfile, StaffMembership, User
from accounts.services import consent_give
from employers.models import Employer, EmployerMember
from jobs.choices import ApplicationStatus
from jobs.matching import postings_fitting
from jobs.models import Application, JobPosting
from jobs.services import application_apply, application_mark_viewed, application_set_status

from . import data
from .base import SeederBase
from .report import DemoLogin


class PeopleSeeding(SeederBase):
    _hash = ""
    _good_hashes: set[str]

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
        wanted = {
            "name": name,
            "phone": normalize_mobile(phone) if phone else None,
            "is_active": True,
            "is_staff": admin,
            "is_superuser": admin,
        }
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=None,
                email_verified_at=self.now,
                phone_verified_at=self.now if phone else None,
                **wanted,
            )
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

    def login(self, role: str, user: User, place: str) -> None:
        """A row of the login table; the phone (010-xxxx-xxxx) too when the account has one."""
        phone = format_mobile(user.phone) if user.phone else ""
        self.report.logins.append(DemoLogin(role, user.email, data.DEMO_PASSWORD, place, phone))

    # ---- staff, employer owners, seekers ---------------------------------------------------

    def seed_staff(self) -> None:
        self.admin = self.user(email=data.ADMIN_EMAIL, name=data.ADMIN_NAME, admin=True)
        manager = {"centre": self.district, "role": StaffMembership.Role.MANAGER, "is_active": True}
        self.upsert(StaffMembership, "staff", {"user": self.admin}, manager)
        self.login("구청 관리자", self.admin, self.district.name)
        for i, centre in enumerate(self.centres):
            email = f"staff.{data.DONG_ROMAN[centre.dong.name]}@{data.DEMO_DOMAIN}"
            name = data.STAFF_SURNAMES[i] + data.STAFF_GIVEN[(i * 7) % len(data.STAFF_GIVEN)]
            staff = self.user(email=email, name=name)
            officer = {"centre": centre, "role": StaffMembership.Role.OFFICER, "is_active": True}
            self.upsert(StaffMembership, "staff", {"user": staff}, officer)
            self.staff_by_dong[centre.dong.name] = staff
            self.login("센터 직원", staff, centre.name)

    def seed_members(self) -> None:
        for login, key, name in data.MEMBERS:
            employer = self.employers[key]
            user = self.user(email=f"{login}@{data.DEMO_DOMAIN}", name=name)
            lookup = {"employer": employer, "user": user}
            self.upsert(EmployerMember, "members", lookup, {"role": EmployerMember.Role.OWNER})
            self.owners[key] = user
            pending = " (확인 대기)" if employer.verification_status == Employer.Verification.PENDING else ""
            self.login("기업 담당자", user, employer.name + pending)

    def seed_seekers(self) -> None:
        """Online seekers (an account, online consents) and walk-in residents (no account,
        belonging to their dong's centre, paper consents taken by its officer on the current
        form version, ``CONSENT_VERSION``, as the desk's registration form defaults to)."""
        for spec in data.SEEKERS:
            values = {
                "name": spec.name,
                "birth_year": spec.birth_year,
                "home_dong": self.dongs[spec.home_dong],
                "wanted_occupations": list(spec.occupations),
                "wanted_dongs": [self.dongs[name].code for name in spec.dongs],
                "wanted_employment_types": list(spec.employment_types),
                "wanted_shifts": list(spec.shifts),
                "wanted_days": list(spec.days),
                "wanted_min_hourly_krw": spec.min_hourly,
                **self.seeker_details(spec.name),
            }
            phone = normalize_mobile(spec.phone)
            if spec.login:
                email = f"{spec.login}@{data.DEMO_DOMAIN}"
                user = self.user(email=email, name=spec.name, phone=spec.phone)
                online = {"phone": phone, "email": email, "registered_centre": None, "registered_by": None}
                online["notify_channels"] = [NotifyChannel.ONSITE, NotifyChannel.EMAIL, NotifyChannel.SMS]
                profile = self.upsert(SeekerProfile, "seekers", {"user": user}, {**values, **online})
                self.login("구직자", user, f"{spec.home_dong} 거주")
                for purpose in (ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION, ConsentPurpose.NOTIFICATIONS):
                    consent_give(person=profile, purpose=purpose, now=self.now)
            else:
                centre = next(c for c in self.centres if c.dong.name == spec.centre_dong)
                lookup = {"user": None, "registered_centre": centre, "phone": phone}
                staff = self.staff_by_dong[spec.centre_dong]
                walk_in = {"registered_by": staff, "notify_channels": [NotifyChannel.SMS]}
                profile = self.upsert(SeekerProfile, "seekers", lookup, {**values, **walk_in})
                for purpose in (ConsentPurpose.COLLECTION, ConsentPurpose.PROVISION, ConsentPurpose.NOTIFICATIONS):
                    consent_give(
                        person=profile,
                        purpose=purpose,
                        method=ConsentMethod.PAPER,
                        taken_by=staff,
                        paper_form_version=CONSENT_VERSION,
                        paper_signed_on=self.on,
                        now=self.now,
                    )

    @staticmethod
    def seeker_details(name: str) -> dict:
        """Education, licences, languages and introduction of a demo seeker (``data.SEEKER_DETAILS``)."""
        education, licences, languages, intro = data.SEEKER_DETAILS[name]
        return {
            "education": education,
            "licences": list(licences),
            "languages": list(languages),
            "self_introduction": intro,
        }

    # ---- applications ------------------------------------------------------------------------

    def seed_applications(self) -> None:
        """A few online applications (``data.DEMO_APPLICATIONS``) through the real services, so
        employers see applicants and seekers a status history; once per seeker (a re-run finds
        the seeker's demo application and leaves it as it is)."""
        for login, nth, step, message in data.DEMO_APPLICATIONS:
            profile = SeekerProfile.objects.get(user__email=f"{login}@{data.DEMO_DOMAIN}")
            if Application.objects.filter(seeker=profile).exists():
                self.report.tallies["applications"].unchanged += 1
                continue
            # postings open today whose employer has a demo member, those that fit first (a demo
            # for a past --date may have none left: then it makes none)
            open_online = JobPosting.objects.filter(
                apply_methods__contains=["online"], employer__memberships__isnull=False
            ).distinct()
            posting = (
                open_online.filter(pk__in=postings_fitting(profile).values("pk"))
                .order_by("external_id")[nth : nth + 1]
                .first()
                or open_online.filter(pk__in=JobPosting.objects.open().direct().values("pk"))
                .order_by("external_id")[nth : nth + 1]
                .first()
            )
            if posting is None:
                continue
            application = application_apply(seeker=profile, posting=posting, by=profile.user, message=message)
            self.report.tallies["applications"].created += 1
            owner = posting.employer.memberships.order_by("id").first()
            if step and owner is not None:
                application_mark_viewed(application=application, by=owner.user)
            if step == ApplicationStatus.INTERVIEW and owner is not None:
                day = timezone.localdate() + datetime.timedelta(days=3)  # interviews lie ahead of today
                when = datetime.datetime.combine(day, datetime.time(14, 0))
                application_set_status(
                    application=application,
                    status=ApplicationStatus.INTERVIEW,
                    by=owner.user,
                    interview_at=timezone.make_aware(when),
                    interview_place=f"{posting.employer.name} 사무실 ({posting.address})",
                )
