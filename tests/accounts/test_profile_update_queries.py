"""``services.profile_update`` checks the fields the model's check constraints cover itself
(Korean messages) and leaves the constraints to PostgreSQL: Django's own validation of them
cost nine queries and nine savepoints a save (half the CPU time of a 1,000-row bulk intake,
issue 5 review)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts import services
from accounts.models import SeekerProfile
from tests.factories import SeekerProfileFactory

pytestmark = pytest.mark.django_db


def test_a_save_runs_no_constraint_query():
    profile = SeekerProfileFactory(birth_year=1970)
    with CaptureQueriesContext(connection) as queries:
        services.profile_update(
            profile=profile,
            name="김순자",
            wanted_employment_types=["part_time"],
            wanted_shifts=["day"],
            licences=["care_worker"],
        )
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if '"_check"' in s]
    assert len(sql) <= 8, sql
    profile.refresh_from_db()
    assert profile.wanted_shifts == ["day"] and profile.licences == ["care_worker"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("wanted_employment_types", ["freelance"], "알 수 없는 고용형태"),
        ("wanted_days", ["HOLIDAY"], "알 수 없는 요일"),
        ("languages", ["klingon"], "알 수 없는 언어"),
        ("birth_year", 1850, "출생 연도"),
    ],
)
def test_constrained_fields_are_still_refused_in_korean(field, value, message):
    profile = SeekerProfileFactory(birth_year=1970)
    with pytest.raises(ValidationError) as caught:
        services.profile_update(profile=profile, **{field: value})
    assert message in " ".join(caught.value.message_dict[field])


def test_the_database_still_enforces_the_constraints():
    profile = SeekerProfileFactory(birth_year=1970)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeekerProfile.objects.filter(pk=profile.pk).update(wanted_days=["HOLIDAY"])
