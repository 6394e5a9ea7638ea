"""Paper consents taken at a centre's desk (issue 5 item 2; DESIGN.md "Privacy"): the checks
of a signed form's purposes, version and date (not in the future, at most
:data:`PAPER_SIGNED_MAX_YEARS` back), its optional scan (PDF, JPEG or PNG judged by
content, kept in private storage under ``consents/``), the consent rows it gives
(method ``paper``, ``taken_by`` the staff member), and the opening of such private files
for download (:func:`private_file_open`: a scan, and also a guardian's document). Used by
:mod:`.residents`."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils import timezone
from django.utils.translation import gettext as _

from namdong_jobs.text import tidy_text

from ..choices import ConsentMethod, ConsentPurpose
from ..consent_texts import RETENTION_YEARS
from ..models import Consent
from ..storage import private_storage
from .consents import consent_give, consents_active
from .seekers import guardian_document_check

#: Longest paper form version (the model's column).
PAPER_FORM_VERSION_MAX = 20
#: Oldest signing date a paper form may carry, in years before today (KST; 29 February →
#: 28 February): the retention period (``RETENTION_YEARS``, 2 years, DESIGN.md "Privacy").
#: A form signed longer ago is a typing mistake (0001-01-01, 1900-01-01) or one whose
#: record would already be erased for inactivity: the resident signs a new form instead.
#: Also applies to bulk intake, which registers through the same service.
PAPER_SIGNED_MAX_YEARS = RETENTION_YEARS
#: Content types of stored consent scans, by the extension their content gave them.
SCAN_CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def clean_purposes(purposes, errors: dict, *, key: str, required_collection: bool) -> list[str]:
    """The purposes ticked, in the order of :class:`ConsentPurpose`. Errors go under ``key``."""
    given = {str(p) for p in purposes or ()}
    if given - set(ConsentPurpose.values):
        errors[key] = [_("알 수 없는 동의 항목이 있습니다.")]
    elif required_collection and ConsentPurpose.COLLECTION not in given:
        errors[key] = [_("개인정보 수집·이용 동의(필수)에 서명한 경우에만 등록할 수 있습니다.")]
    elif not given:
        errors[key] = [_("서면 동의서에서 동의한 항목을 하나 이상 골라 주세요.")]
    return [p for p in ConsentPurpose.values if p in given]


def paper_signed_earliest(today: datetime.date) -> datetime.date:
    """The oldest signing date accepted on ``today``: :data:`PAPER_SIGNED_MAX_YEARS` years
    before it, 29 February → 28 February (``2026-06-15`` → ``2023-06-15``)."""
    try:
        return today.replace(year=today.year - PAPER_SIGNED_MAX_YEARS)
    except ValueError:
        return today.replace(year=today.year - PAPER_SIGNED_MAX_YEARS, day=28)


def clean_paper(version, signed_on, errors: dict) -> str:
    """The paper form's version (tidy) after checking it and the signing date: a KST date
    from :func:`paper_signed_earliest` to today. Errors go under ``paper_form_version`` and
    ``paper_signed_on``."""
    version = tidy_text(version or "", multiline=False)
    if not version:
        errors["paper_form_version"] = [_("서면 동의서의 판(버전)을 적어 주세요. 예: 2026-11-v1")]
    elif len(version) > PAPER_FORM_VERSION_MAX:
        errors["paper_form_version"] = [_("동의서 판은 %(n)d자 이내로 적어 주세요.") % {"n": PAPER_FORM_VERSION_MAX}]
    if not isinstance(signed_on, datetime.date):
        errors["paper_signed_on"] = [_("동의서에 서명한 날짜를 입력해 주세요.")]
    elif signed_on > timezone.localdate():
        errors["paper_signed_on"] = [_("서명한 날짜는 오늘이나 그 전이어야 합니다.")]
    elif signed_on < paper_signed_earliest(timezone.localdate()):
        errors["paper_signed_on"] = [
            _(
                "서명한 날짜는 최근 %(years)d년(개인정보 보유 기간) 안이어야 합니다. 그보다 오래된 동의서는 "
                "보유 기간이 지났으니, 주민에게 새 동의서를 받아 주세요."
            )
            % {"years": PAPER_SIGNED_MAX_YEARS}
        ]
    return version


def paper_scan_check(*, file) -> str:
    """Check an uploaded scan of a signed paper consent form by its content, as a guardian's
    document is checked (:func:`.seekers.guardian_document_check`: PDF, JPEG or PNG, at
    most ``settings.NJ_MAX_UPLOAD_BYTES``). Returns ``"pdf"``, ``"jpg"`` or ``"png"``; raises
    ``ValidationError`` (Korean; codes ``empty``, ``too_large``, ``file_type``)."""
    try:
        return guardian_document_check(file=file)
    except ValidationError as exc:
        messages = {
            "empty": _("빈 파일입니다. 동의서 스캔 파일을 다시 골라 주세요."),
            "file_type": _(
                "동의서 스캔은 PDF, JPG, PNG 파일만 올릴 수 있습니다. 파일 이름이 아니라 내용으로 판단합니다."
            ),
        }
        if getattr(exc, "code", None) in messages:
            raise ValidationError(messages[exc.code], code=exc.code) from None
        raise


def check_file(file, check, errors: dict, key: str) -> str | None:
    """``check(file=file)`` (a content check returning the file's kind), its messages put
    under ``errors[key]`` instead of raised; ``None`` without a file or on an error."""
    if file is None:
        return None
    try:
        return check(file=file)
    except ValidationError as exc:
        errors[key] = exc.messages
        return None


def scan_store(file, kind: str) -> str:
    """Save a checked scan in private storage (``consents/<random>.<kind>``); its name."""
    field = Consent._meta.get_field("paper_scan")
    file.seek(0)
    return private_storage().save(field.generate_filename(None, f"consent.{kind}"), File(file))


def paper_consents_give(*, profile, staff, purposes, version, signed_on, scan_name) -> list[Consent]:
    """Paper consents for ``purposes`` not active yet (those active are left alone); the
    new rows, each pointing at ``scan_name`` when there is one."""
    active = consents_active(person=profile)
    given = [
        consent_give(
            person=profile,
            purpose=purpose,
            method=ConsentMethod.PAPER,
            taken_by=staff,
            paper_form_version=version,
            paper_signed_on=signed_on,
        )
        for purpose in purposes
        if purpose not in active
    ]
    if scan_name and given:
        Consent.objects.filter(pk__in=[c.pk for c in given]).update(paper_scan=scan_name)
        for consent in given:
            consent.paper_scan.name = scan_name
    return given


def files_delete(names) -> None:
    """Delete files of the private storage by name (blank names are skipped)."""
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)


def private_file_open(name: str, *filename_parts: str):
    """Open the private-storage file ``name`` for sending: ``(file, filename,
    content_type)`` (the caller closes the file; ``FileResponse`` does). ``filename`` is the
    non-blank ``filename_parts`` joined by "-" with the stored file's extension, the content
    type that extension's (:data:`SCAN_CONTENT_TYPES`, else ``application/octet-stream``).
    Checks nothing about who asks and logs nothing. Raises ``FileNotFoundError`` when
    ``name`` is blank or its file is missing."""
    if not name:
        raise FileNotFoundError(name)
    try:
        handle = private_storage().open(name, "rb")
    except IsADirectoryError as exc:
        raise FileNotFoundError(name) from exc
    kind = name.rsplit(".", 1)[-1].lower()
    filename = "-".join(part for part in filename_parts if part)
    return handle, f"{filename}.{kind}", SCAN_CONTENT_TYPES.get(kind, "application/octet-stream")


def consent_scan_open(consent: Consent):
    """Open the scan of ``consent``'s paper form for sending (:func:`private_file_open`):
    ``(file, filename, content_type)``, e.g. ``"동의서 스캔-12-2026-06-15.pdf"``. Checks
    nothing about who asks and logs nothing: the caller has checked the resident is in the
    staff member's scope and writes the ``download`` row. Raises ``FileNotFoundError`` when
    there is no scan or its file is missing."""
    signed = consent.paper_signed_on.isoformat() if consent.paper_signed_on else ""
    name = consent.paper_scan.name if consent.paper_scan else ""
    return private_file_open(name, _("동의서 스캔"), str(consent.person_id), signed)
