""" "Postings that fit you": one seeker's wanted conditions against the published postings
(the reverse direction of ``match_posting``, same rules: ``jobs.matching.rules``). Used by my
page (and meant for the staff resident page of the desk issue)."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import SeekerProfile

from ..models import JobPosting
from .rules import FitSql, fetch_seeker_values

_TABLE = JobPosting._meta.db_table


def postings_fitting(profile: SeekerProfile, *, today: datetime.date | None = None):
    """Open postings entered here (imported listings are not matched) that fit ``profile``'s
    wanted conditions now, best first (score, then newest), as a ``JobPosting`` queryset
    annotated with ``match_score`` (0–100) and ``match_reasons`` (reason codes; explain them
    with ``jobs.matching.rules.explain``). Notification consent and frequency do not matter
    here (they govern messages, not what the seeker may see), and no wanted occupation means
    any (notices need one). An erased profile fits nothing."""
    today = today or timezone.localdate()
    if profile.erased_at is not None:
        return JobPosting.objects.none()
    values = fetch_seeker_values(profile.pk, today.year)
    if values is None:
        return JobPosting.objects.none()

    def rendered(method: str):
        fit = FitSql(seeker=values, p=_TABLE)
        return getattr(fit, method)(), fit.params

    fits_sql, fits_params = rendered("fits")
    score_sql, score_params = rendered("score")
    reasons_sql, reasons_params = rendered("reasons")
    return (
        JobPosting.objects.open(today)
        .direct()
        .alias(fits=RawSQL(fits_sql, fits_params, output_field=models.BooleanField()))
        .filter(fits=True)
        .annotate(
            match_score=RawSQL(score_sql, score_params, output_field=models.IntegerField()),
            match_reasons=RawSQL(reasons_sql, reasons_params, output_field=ArrayField(models.CharField())),
        )
        .order_by("-match_score", "-date_posted", "-id")
    )
