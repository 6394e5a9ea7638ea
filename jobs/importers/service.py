"""The write path of the posting importers: employers found or created, postings upserted by
``(source, external_id)``, one transaction per record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from employers.brn import normalize_company_name
from employers.models import Employer
from jobs.choices import EntryChannel, PostingSource, PostingStatus
from jobs.models import JobPosting, today_kst
from namdong_jobs.reference.models import Dong

from .checks import MinimumWages
from .common import ImportReport, ParsedRecord, Skipped, field_label

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

#: The source's wage field, named in warnings about the wage.
_WAGE_FIELD = {PostingSource.WORK24: "annual_salary", PostingSource.JSONLD: "baseSalary"}

#: Never taken from an import: set by the import itself (or by staff) only.
_PROTECTED = {"status", "published_at", "closed_at", "source", "external_id", "created_by", "employer"}


def import_records(
    records: Iterable[ParsedRecord], *, source: PostingSource | str, dry_run: bool = False
) -> ImportReport:
    """Write parsed ``records`` as postings of ``source`` (``PostingSource.WORK24`` or
    ``JSONLD``) and return an ``ImportReport``.

    Each record is written (employer, then posting) inside its own ``transaction.atomic()``:
    a validation or database error rolls back that record only and is reported as skipped.
    Postings are upserted by ``(source, external_id)``; an existing one is ``unchanged``
    when every imported field is equal, else ``updated``. New postings are ``PUBLISHED``
    with ``published_at`` now; an existing posting's status is never taken from the file
    (an ``EXPIRED`` one whose deadline moved to today or later is published again).
    With ``dry_run`` everything is done inside one outer transaction that is rolled back,
    so the counts are exact and nothing is written. Records' warnings are copied to the
    report, with one more for a wage below the minimum wage in force on the posting date
    (``checks.MinimumWages``; the posting is still imported).
    Raises nothing for a bad record; ``ValueError`` for an unknown ``source``.
    """
    source = PostingSource(source)
    if source == PostingSource.DIRECT:
        raise ValueError("direct postings are not imported")
    report = ImportReport()
    dongs = Dong.objects.in_bulk(field_name="name")
    minimum_wages = MinimumWages()
    with transaction.atomic() if dry_run else nullcontext():
        for record in records:
            report.warnings.extend(record.warnings)
            if record.skip_reason:
                report.skipped.append(Skipped(record.row, record.skip_reason))
                continue
            if issue := minimum_wages.below(record, _WAGE_FIELD[source]):
                report.warnings.append(issue)  # kept: the posting's own wording, to be checked
            try:
                with transaction.atomic():
                    outcome = _write(record, source=source, dongs=dongs)
            except _EmployerInvalid as exc:
                report.skipped.append(Skipped(record.row, _validation_reason(exc.error, Employer)))
                continue
            except ValidationError as exc:
                report.skipped.append(Skipped(record.row, _validation_reason(exc, JobPosting)))
                continue
            except DatabaseError as exc:
                report.skipped.append(Skipped(record.row, _database_reason(exc)))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
    return report


def find_or_create_employer(*, name: str, brn: str | None) -> tuple[Employer, bool]:
    """The employer with ``brn`` (10 digits, valid check digit) when given, else the first
    (oldest) ``EXTERNAL`` employer with the same ``name_key`` (``normalize_company_name``:
    "(주)", "㈜", "주식회사" are one form); created as ``EXTERNAL`` when none is found.

    A name alone never joins a listing to a local (pending, verified or rejected) employer:
    imported listings stay outside employer verification (DESIGN.md), so "남동정밀 주식회사"
    in a feed must not show the badges, phone and address of the verified 남동정밀(주).
    An existing employer is never changed. Returns ``(employer, created)``; raises
    ``ValidationError`` for an empty name key or an invalid ``brn``."""
    if brn:
        found = Employer.objects.filter(brn=brn).first()
    else:
        key = normalize_company_name(name)
        if not key:
            raise ValidationError({"name": "기업명을 알아볼 수 없습니다"})
        external = Employer.objects.filter(verification_status=Employer.Verification.EXTERNAL)
        found = external.filter(name_key=key).order_by("id").first()
    if found is not None:
        return found, False
    employer = Employer(name=name, brn=brn or None, verification_status=Employer.Verification.EXTERNAL)
    employer.full_clean(exclude=["dong", "verified_by"], validate_unique=False, validate_constraints=False)
    employer.save()
    return employer, True


class _EmployerInvalid(Exception):
    """The employer of a record failed validation (``error``: the ``ValidationError``)."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


def _write(record: ParsedRecord, *, source: PostingSource, dongs: dict[str, Dong]) -> str:
    try:
        employer, _ = find_or_create_employer(name=record.employer_name, brn=record.employer_brn)
    except ValidationError as exc:
        raise _EmployerInvalid(exc) from exc
    fields = {k: v for k, v in record.fields.items() if k not in _PROTECTED}
    if fields.get("date_posted", "") is None:
        del fields["date_posted"]  # unreadable: model default on create, kept on update
    fields["dong"] = dongs.get(record.dong_name) if record.dong_name else None
    posting = JobPosting.objects.select_for_update().filter(source=source, external_id=record.external_id).first()
    if posting is None:
        posting = JobPosting(
            source=source,
            external_id=record.external_id,
            employer=employer,
            entry_channel=EntryChannel.IMPORT,
            status=PostingStatus.PUBLISHED,
            published_at=timezone.now(),
            **fields,
        )
        _clean(posting)
        posting.save()
        return CREATED
    changed = {k: v for k, v in fields.items() if _differs(posting, k, v)}
    if posting.employer_id != employer.pk:
        changed["employer"] = employer
    if not changed:
        return UNCHANGED
    for name, value in changed.items():
        setattr(posting, name, value)
    if "deadline" in changed and posting.status == PostingStatus.EXPIRED and _not_past(posting.deadline):
        posting.status, posting.closed_at = PostingStatus.PUBLISHED, None
    _clean(posting)
    posting.save()
    return UPDATED


def _differs(posting: JobPosting, name: str, value: Any) -> bool:
    if name == "dong":
        return posting.dong_id != (value.pk if value is not None else None)
    return getattr(posting, name) != value


def _not_past(deadline: datetime.date | None) -> bool:
    return deadline is None or deadline >= today_kst()


def _clean(posting: JobPosting) -> None:
    posting.full_clean(
        exclude=["employer", "dong", "occupation", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )


def _validation_reason(exc: ValidationError, model: type[JobPosting] | type[Employer]) -> str:
    """e.g. "값 검증에 실패해 가져오지 않았습니다 (최대 임금 (원): 2147483647 이하의 값을 입력해
    주세요.)": each field by its Korean ``verbose_name`` on ``model``, with Django's message."""
    if hasattr(exc, "error_dict"):
        details = [f"{field_label(name, model)}: {' '.join(messages)}" for name, messages in exc.message_dict.items()]
    else:
        details = [" ".join(exc.messages)]
    prefix = "기업 " if model is Employer else ""
    return f"{prefix}값 검증에 실패해 가져오지 않았습니다 ({'; '.join(details)})"


def _database_reason(exc: DatabaseError) -> str:
    constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
    detail = f"제약 조건 {constraint}" if constraint else type(exc).__name__
    return f"데이터베이스 오류로 가져오지 않았습니다 ({detail})"
