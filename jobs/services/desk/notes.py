"""Counselling notes (상담 기록, issue 5 item 5): date, channel (visit, phone), content, next
action and an optional follow-up date, written by centre staff about a resident in their
scope. Each write appends an access-log row (action ``edit``, detail ``"note"``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessAction, SeekerProfile, User
from accounts.services import access_log_write, profiles_visible_to_staff
from accounts.services.activity import seeker_touch

from ...models import CounsellingNote, NoteChannel, today_kst

#: Longest note content and next action (the model's columns).
CONTENT_MAX = 2000
NEXT_ACTION_MAX = 300
#: How far ahead a follow-up may be set: further is a typing mistake.
FOLLOW_UP_MAX_AHEAD = datetime.timedelta(days=366)
#: How far back a note's date may go (a year, as :data:`FOLLOW_UP_MAX_AHEAD`): notes are written
#: at or soon after the contact, so an older date (0001-01-01, a wrong year) is a typing mistake.
NOTED_ON_MAX_BACK = datetime.timedelta(days=366)


def _require_scope(*, seeker: SeekerProfile, staff: User) -> None:
    if not profiles_visible_to_staff(staff).filter(pk=seeker.pk).exists():
        raise PermissionDenied(_("이 주민의 기록을 다룰 권한이 없습니다."))


@transaction.atomic
def note_add(
    *,
    seeker: SeekerProfile,
    staff: User,
    content: str,
    noted_on: datetime.date | None = None,
    channel: str = NoteChannel.VISIT,
    next_action: str = "",
    follow_up_on: datetime.date | None = None,
    ip: str | None = None,
) -> CounsellingNote:
    """Write a counselling note by ``staff`` (their centre is recorded) about ``seeker``;
    returns it.

    ``noted_on`` is the KST date of the contact (default today; not in the future nor more
    than a year back, :data:`NOTED_ON_MAX_BACK`);
    ``channel`` a :class:`NoteChannel` value; ``content`` 1–2,000 characters; ``next_action``
    at most 300; ``follow_up_on`` a KST date from ``noted_on`` up to a year ahead. Counts as
    the resident's activity (retention) and appends an access-log row (``edit``, ``"note"``).

    Raises ``PermissionDenied`` when the resident is outside ``staff``'s scope
    (``accounts.services.profiles_visible_to_staff``), ``ValidationError`` keyed by field
    otherwise."""
    _require_scope(seeker=seeker, staff=staff)
    today = today_kst()
    noted_on = noted_on or today
    content = (content or "").strip()
    next_action = (next_action or "").strip()
    errors = {}
    if not content:
        errors["content"] = _("상담 내용을 적어 주세요.")
    elif len(content) > CONTENT_MAX:
        errors["content"] = _("상담 내용은 %(n)d자 이내로 적어 주세요.") % {"n": CONTENT_MAX}
    if len(next_action) > NEXT_ACTION_MAX:
        errors["next_action"] = _("다음 할 일은 %(n)d자 이내로 적어 주세요.") % {"n": NEXT_ACTION_MAX}
    if channel not in NoteChannel.values:
        errors["channel"] = _("상담 방법을 골라 주세요.")
    if noted_on > today:
        errors["noted_on"] = _("상담 날짜는 오늘이나 그 전이어야 합니다.")
    elif noted_on < today - NOTED_ON_MAX_BACK:
        errors["noted_on"] = _("상담 날짜는 최근 1년 안이어야 합니다. 날짜를 확인해 주세요.")
    if follow_up_on is not None:
        if follow_up_on < noted_on:
            errors["follow_up_on"] = _("다시 연락할 날짜는 상담 날짜와 같거나 그 뒤여야 합니다.")
        elif follow_up_on > today + FOLLOW_UP_MAX_AHEAD:
            errors["follow_up_on"] = _("다시 연락할 날짜는 1년 안이어야 합니다. 날짜를 확인해 주세요.")
    if errors:
        raise ValidationError(errors)
    note = CounsellingNote.objects.create(
        seeker=seeker,
        centre=staff.staff_centre,
        staff=staff,
        noted_on=noted_on,
        channel=channel,
        content=content,
        next_action=next_action,
        follow_up_on=follow_up_on,
    )
    seeker_touch(profile=seeker)
    access_log_write(staff=staff, action=AccessAction.EDIT, person=seeker, ip=ip, detail="note")
    return note


@transaction.atomic
def note_follow_up_done(*, note: CounsellingNote, staff: User, ip: str | None = None) -> bool:
    """Mark ``note``'s follow-up done (it leaves the follow-up list). Returns False when it
    was already done or had no follow-up date. Raises ``PermissionDenied`` when the
    resident is outside ``staff``'s scope. Appends an access-log row (``edit``, ``"note"``)
    when it changed."""
    _require_scope(seeker=note.seeker, staff=staff)
    updated = CounsellingNote.objects.filter(
        pk=note.pk, follow_up_on__isnull=False, follow_up_done_at__isnull=True
    ).update(follow_up_done_at=timezone.now())
    if updated:
        access_log_write(staff=staff, action=AccessAction.EDIT, person=note.seeker, ip=ip, detail="note")
    return bool(updated)
