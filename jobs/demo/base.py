"""Shared ground of the demo seeder (:mod:`jobs.demo.seed`): the seed date's state and the generic
upsert that finds a row by its natural key and saves only the fields that differ."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import models

from accounts.models import User
from employers.models import Employer
from namdong_jobs.reference.models import CommunityCentre, Dong, Occupation

from .report import SeedReport

KST = ZoneInfo("Asia/Seoul")


def at_kst(day: datetime.date, minutes: int = 0) -> datetime.datetime:
    """``day`` 00:00 KST plus ``minutes``, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=KST) + datetime.timedelta(minutes=minutes)


class SeederBase:
    """State of one run (filled by :class:`jobs.demo.seed._Seeder`) and the upsert helpers."""

    on: datetime.date
    report: SeedReport
    rng: random.Random
    now: datetime.datetime
    minimum_wage: int
    dongs: dict[str, Dong]
    occupations: dict[str, Occupation]
    district: CommunityCentre
    centres: list[CommunityCentre]
    admin: User
    staff_by_dong: dict[str, User]
    employers: dict[str, Employer]
    owners: dict[str, User]

    def upsert(self, model: type[models.Model], tally: str, lookup: dict, values: dict) -> models.Model:
        """Find the row by ``lookup``; create it, or save only the fields of ``values`` that differ."""
        return self.write(model, tally, lookup, values, model.objects.filter(**lookup).first())

    def write(
        self, model: type[models.Model], tally: str, lookup: dict, values: dict, obj: models.Model | None
    ) -> models.Model:
        """:meth:`upsert` for a row already looked up (``obj``, ``None`` when there is none)."""
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
