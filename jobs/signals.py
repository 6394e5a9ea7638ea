"""Signal receivers of the jobs app: denormalised search text kept in step with the rows it
copies from, and jobs' part of a seeker's data rights (``accounts.signals``: the data
export and erasure)."""

import logging

from django.db import connection, transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.choices import ConsentPurpose
from accounts.models import OutboundMessage, SeekerProfile
from accounts.services.privacy_export import coded, iso
from accounts.signals import FormerIdentifiers, collect_personal_data, consent_withdrawn, person_erased
from employers.models import Employer
from namdong_jobs.reference.codes import DECLARED_PRIORITY_GROUPS

from .choices import ApplicationChannel, ApplicationStatus
from .matching.rules import POINTS, explain
from .models import (
    FINAL_STATUSES,
    Application,
    ApplicationStatusChange,
    CounsellingNote,
    JobPosting,
    Match,
    NoteChannel,
    Referral,
    ReferralMethod,
    SavedPosting,
)
from .services.application_resume import application_resume_files

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Employer, dispatch_uid="jobs.refresh_search_on_employer_save")
def refresh_postings_search_on_employer_rename(sender, instance: Employer, created: bool, **kwargs) -> None:
    """When an employer's name changes, recompute the search fields
    (``JobPosting.SEARCH_FIELDS``) of its postings (they include the employer name), so a keyword search
    finds them under the new name at once."""
    if created or kwargs.get("raw") or not instance.name_changed:
        return
    instance._loaded_name = instance.name
    postings = list(JobPosting.objects.filter(employer=instance).only("id", "title", "description", "search_document"))
    changed = []
    for posting in postings:
        posting.employer = instance
        before = posting.search_document
        posting.refresh_search_fields()
        if posting.search_document != before:
            changed.append(posting)
    JobPosting.objects.bulk_update(changed, list(JobPosting.SEARCH_FIELDS), batch_size=500)


# --- a seeker's data rights (issue 4 item 8): the export and erasure of ``jobs``' part ------


def _application_subjects(application_ids: list[int]) -> Q:
    """Outbound messages about these applications (subject ``application:<id>`` or
    ``application:<id>:…``, the convention of ``OutboundMessage.subject``)."""
    return Q(subject__regex=rf"^application:({'|'.join(str(pk) for pk in application_ids)})(:|$)")


@receiver(collect_personal_data, dispatch_uid="jobs.export_applications")
def export_applications(sender, profile: SeekerProfile, **kwargs) -> tuple[str, list]:
    """The ``applications`` section of a seeker's data export: each application with the
    posting's title and employer, channel and status (code and label), times, the message
    and profile snapshot as sent, the résumé file sent with it (name and format; the file is
    the one the seeker uploaded), the interview details and the status history."""
    applications = (
        Application.objects.filter(seeker=profile)
        .select_related("posting__employer", "revision", "provision_consent")
        .prefetch_related("status_changes")
        .order_by("created_at", "id")
    )
    return "applications", [
        {
            "id": a.pk,
            "posting": {"id": a.posting_id, "title": a.posting.title, "employer": a.posting.employer.name},
            "posting_revision": a.revision.number if a.revision_id else None,
            "channel": coded(a.channel, ApplicationChannel),
            "status": coded(a.status, ApplicationStatus),
            "applied_at": iso(a.created_at),
            "status_changed_at": iso(a.status_changed_at),
            "message": a.message,
            "profile_snapshot": a.profile_snapshot,
            "provision_consent_version": a.provision_consent.version if a.provision_consent_id else None,
            "resume_sent": {"name": a.resume_name, "format": a.resume_format} if a.resume else None,
            "interview_at": iso(a.interview_at),
            "interview_place": a.interview_place,
            "history": [
                {
                    "from": coded(change.from_status, ApplicationStatus),
                    "to": coded(change.to_status, ApplicationStatus),
                    "at": iso(change.changed_at),
                    "note": change.note,
                }
                for change in a.status_changes.all()
            ],
        }
        for a in applications
    ]


@receiver(collect_personal_data, dispatch_uid="jobs.export_saved_postings")
def export_saved_postings(sender, profile: SeekerProfile, **kwargs) -> tuple[str, list]:
    """The ``saved_postings`` section of a seeker's data export (관심 공고)."""
    saved = SavedPosting.objects.filter(seeker=profile).select_related("posting__employer").order_by("saved_at", "id")
    return "saved_postings", [
        {
            "posting": {"id": s.posting_id, "title": s.posting.title, "employer": s.posting.employer.name},
            "saved_at": iso(s.saved_at),
        }
        for s in saved
    ]


@receiver(collect_personal_data, dispatch_uid="jobs.export_matches")
def export_matches(sender, profile: SeekerProfile, **kwargs) -> tuple[str, list]:
    """The export's ``"matches"``: the postings found to fit the person, with score and reasons
    (codes and their Korean explanation)."""
    return "matches", [
        {
            "posting_id": m.posting_id,
            "posting_title": m.posting.title,
            "score": m.score,
            "reasons": m.reasons,
            "explanation": explain(m.reasons, translate=False),
            "found_at": iso(m.created_at),
            "notified_at": iso(m.notified_at),
        }
        for m in Match.objects.filter(profile=profile).select_related("posting").order_by("created_at", "id")
    ]


@receiver(person_erased, dispatch_uid="jobs.erase_seeker_job_data")
def erase_seeker_job_data(sender, profile: SeekerProfile, former: FormerIdentifiers, **kwargs) -> None:
    """Erasure (DESIGN.md "Privacy"), inside the erasure's transaction: applications lose
    the seeker's message, the profile snapshot, the résumé copy sent with them (files
    deleted from storage once the erasure commits) and the interview place (employer free
    text, which may address the person); status, channel, posting, revision and dates stay
    (anonymous statistics, and the employer sees "탈퇴한 구직자"); applications still open end
    as withdrawn with a history row by the system; status-change notes are
    blanked (free text about the person); saved postings and matches are deleted; and messages about the
    applications to anyone else (an employer's "new applicant" notice) have the person's
    names replaced by "탈퇴한 구직자" and their phone numbers and email addresses removed."""
    applications = Application.objects.filter(seeker=profile)
    ids = list(applications.values_list("pk", flat=True))
    files = application_resume_files(applications)
    _end_open_applications(applications)
    applications.update(
        message="", profile_snapshot={}, interview_place="", resume="", resume_name="", resume_format=""
    )
    ApplicationStatusChange.objects.filter(application_id__in=ids).exclude(note="").update(note="")
    SavedPosting.objects.filter(seeker=profile).delete()
    Match.objects.filter(profile=profile).delete()  # reasons may come from sensitive data
    if files:
        transaction.on_commit(lambda: _delete_files(files))
    if not ids or not former.all:
        return
    about = OutboundMessage.objects.filter(_application_subjects(ids))
    # stored Korean text gets Korean words, whatever the language of the request or task
    replacements = [(name, gettext_noop("탈퇴한 구직자")) for name in former.names]
    replacements += [(value, "") for value in (*former.phones, *former.emails)]
    for old, new in replacements:
        about.filter(Q(title__contains=old) | Q(body__contains=old) | Q(html_body__contains=old)).update(
            title=Replace("title", Value(old), Value(new)),
            body=Replace("body", Value(old), Value(new)),
            html_body=Replace("html_body", Value(old), Value(new)),
        )


@receiver(person_erased, dispatch_uid="jobs.erase_counselling_notes")
def erase_counselling_notes(sender, profile: SeekerProfile, **kwargs) -> None:
    """Erasure (DESIGN.md "Privacy": note contents go at once), inside the erasure's
    transaction: the person's counselling notes lose their content and next action; the
    rows stay with their dates, channel, centre and staff (anonymous statistics). Referrals
    keep their rows unchanged: they hold ids, a method and dates, nothing personal."""
    CounsellingNote.objects.filter(seeker=profile).exclude(content="", next_action="").update(
        content="", next_action=""
    )


@receiver(collect_personal_data, dispatch_uid="jobs.export_counselling_notes")
def export_counselling_notes(sender, profile: SeekerProfile, **kwargs) -> tuple[str, list]:
    """The ``counselling_notes`` section of a data export: each note the centre wrote about
    the person (date, channel, content, next action, follow-up date and when it was done,
    the centre), oldest first, without naming the staff member (their own personal data;
    the centre can say who on request)."""
    notes = CounsellingNote.objects.filter(seeker=profile).select_related("centre").order_by("noted_on", "id")
    return "counselling_notes", [
        {
            "noted_on": iso(n.noted_on),
            "channel": coded(n.channel, NoteChannel),
            "content": n.content,
            "next_action": n.next_action,
            "follow_up_on": iso(n.follow_up_on),
            "follow_up_done_at": iso(n.follow_up_done_at),
            "centre": n.centre.name,
            "written_at": iso(n.created_at),
        }
        for n in notes
    ]


@receiver(collect_personal_data, dispatch_uid="jobs.export_referrals")
def export_referrals(sender, profile: SeekerProfile, **kwargs) -> tuple[str, list]:
    """The ``referrals`` section of a data export (취업알선): each referral of the person by a
    centre — the application and posting, the centre, the method, the interview time, the
    outcome (the application's status) and its date — oldest first, without naming the
    staff member."""
    referrals = (
        Referral.objects.filter(application__seeker=profile)
        .select_related("application__posting__employer", "centre")
        .order_by("created_at", "id")
    )
    return "referrals", [
        {
            "application_id": r.application_id,
            "posting": {
                "id": r.application.posting_id,
                "title": r.application.posting.title,
                "employer": r.application.posting.employer.name,
            },
            "centre": r.centre.name,
            "method": coded(r.method, ReferralMethod),
            "referred_at": iso(r.created_at),
            "interview_at": iso(r.interview_at),
            "outcome": coded(r.application.status, ApplicationStatus),
            "outcome_on": iso(r.outcome_on),
        }
        for r in referrals
    ]


def _end_open_applications(applications) -> None:
    """Applications still open when the seeker is erased end as withdrawn (a deleted account
    cannot be interviewed or hired), each with a history row by the system, so that employers
    do not keep an interview with nobody open for ever."""
    now = timezone.now()
    for application in applications.exclude(status__in=FINAL_STATUSES).select_for_update():
        ApplicationStatusChange.objects.create(
            application=application,
            from_status=application.status,
            to_status=ApplicationStatus.WITHDRAWN,
            changed_by=None,
        )
        application.status = ApplicationStatus.WITHDRAWN
        application.status_changed_at = now
        application.save(update_fields=["status", "status_changed_at", "updated_at"])


def _delete_files(files: list[tuple]) -> None:
    """Delete ``(storage, name)`` files, logging (not raising) what cannot be deleted."""
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("could not delete an erased person's application résumé %s", name)


@receiver(consent_withdrawn, dispatch_uid="jobs.drop_declared_groups_from_snapshots")
def drop_declared_groups_from_snapshots(sender, person: SeekerProfile, purpose: str, **kwargs) -> None:
    """The sensitive-data consent was withdrawn: remove the declared priority groups from the
    profiles that ``person``'s applications sent to employers (DESIGN.md "Privacy": never
    shown to employers without that consent). Groups derived from birth year stay."""
    if purpose != ConsentPurpose.SENSITIVE:
        return
    for application in Application.objects.select_for_update().filter(
        seeker=person, profile_snapshot__has_key="declared_groups"
    ):
        application.profile_snapshot.pop("declared_groups", None)
        application.profile_snapshot["declared_groups_shared"] = False
        application.save(update_fields=["profile_snapshot", "updated_at"])


@receiver(consent_withdrawn, dispatch_uid="jobs.drop_declared_groups_from_matches")
def drop_declared_groups_from_matches(sender, person: SeekerProfile, purpose: str, **kwargs) -> None:
    """The sensitive-data consent was withdrawn: ``person``'s matches lose the reasons that
    came from declared priority groups, and their points when no group reason is left
    (DESIGN.md "Privacy": never used in matching without that consent). Groups derived from
    birth year stay. Message texts never named a declared group (``rules.reason_text``)."""
    if purpose != ConsentPurpose.SENSITIVE:
        return
    declared = [f"group:{g.value}" for g in DECLARED_PRIORITY_GROUPS]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jobs_match SET reasons = kept.reasons, score = score - CASE WHEN EXISTS ("
            "SELECT 1 FROM unnest(kept.reasons) r WHERE r LIKE 'group:%%') THEN 0 ELSE %s END "
            "FROM (SELECT id, ARRAY(SELECT r FROM unnest(reasons) r WHERE r <> ALL(%s::varchar[]))::varchar[] "
            "AS reasons FROM jobs_match WHERE profile_id = %s AND reasons && %s::varchar[]) kept "
            "WHERE jobs_match.id = kept.id",
            [POINTS["group"], declared, person.pk, declared],
        )
