"""The desk part of the demo (issue 5): a counselling note for every walk-in resident, with
a follow-up due on the seed date so that each centre's desk home has something to do, and
one referral (동행면접) per centre that has a walk-in with the provision consent and an open
posting that fits them (for a resident aged 15–17, within the minors' working time,
:mod:`jobs.rules.minors`). Made through the real services (``note_add``, ``referral_create``),
so the access log shows the demo staff's writes. A resident who already has a note (or an
application) is left as it is, so a second run creates nothing."""

from accounts.models import SeekerProfile

from ..models import Application, CounsellingNote, JobPosting, NoteChannel, ReferralMethod, today_kst
from ..services.desk.fitting import postings_for_resident
from ..services.desk.notes import note_add
from ..services.desk.referrals import referral_create

#: The demo counselling note's text and next action.
NOTE_TEXT = "센터 방문 상담. 희망 조건과 자격증을 확인하고 맞는 공고를 함께 찾아봤습니다."
NEXT_ACTION = "맞는 공고가 새로 나오면 전화로 안내"


class DeskSeeding:
    def seed_desk(self) -> None:
        walk_ins = SeekerProfile.objects.filter(user__isnull=True, registered_centre__isnull=False).select_related(
            "registered_by", "registered_centre"
        )
        referred_centres = set()
        for profile in walk_ins.order_by("pk"):
            staff = profile.registered_by
            if staff is None:
                continue
            if CounsellingNote.objects.filter(seeker=profile).exists():
                self.report.tallies["notes"].unchanged += 1
            else:
                note_add(
                    seeker=profile,
                    staff=staff,
                    content=NOTE_TEXT,
                    channel=NoteChannel.VISIT,
                    next_action=NEXT_ACTION,
                    noted_on=min(self.on, today_kst()),
                    follow_up_on=today_kst(),
                )
                self.report.tallies["notes"].created += 1
            if profile.registered_centre_id in referred_centres:
                continue
            if Application.objects.filter(seeker=profile).exists():
                referred_centres.add(profile.registered_centre_id)
                self.report.tallies["referrals"].unchanged += 1
                continue
            # what the record offers (minors within 근로기준법 §69-70), of the postings entered here
            fitting = postings_for_resident(profile).filter(pk__in=JobPosting.objects.open().direct().values("pk"))
            posting = fitting.order_by("-match_score", "pk").first()
            if posting is None or not profile.consents.active().filter(purpose="provision").exists():
                continue
            referral_create(
                staff=staff,
                seeker=profile,
                posting=posting,
                method=ReferralMethod.ACCOMPANY,
                message="센터 직원이 면접에 함께 갑니다. 일정은 전화로 조율해 주세요.",
            )
            referred_centres.add(profile.registered_centre_id)
            self.report.tallies["referrals"].created += 1
