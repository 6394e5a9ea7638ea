"""Each matching rule and score part (jobs.matching.rules), one posting against all seekers,
and the explanations."""

import pytest
from django.utils import translation

from accounts.choices import ConsentPurpose, NotifyFrequency
from accounts.services import consent_withdraw
from jobs.choices import WageType
from jobs.matching import explain, match_posting, postings_fitting, reason_text
from jobs.matching.rules import POINTS
from namdong_jobs.reference.codes import EmploymentType, Licence, PriorityGroup, Shift
from namdong_jobs.reference.models import Occupation

from .helpers import NONHYEON_GOJAN, dong, far_dong, matched, near_dong, posting, seeker

pytestmark = pytest.mark.django_db


def chemical_posting(**fields):
    return posting(occupation=Occupation.objects.get(code="852"), **fields)


# ---- must fit -----------------------------------------------------------------------


def test_exact_occupation_fits_better_than_the_same_middle_group_and_another_group_does_not_fit():
    exact = seeker(wanted_occupations=["852"])
    same_group = seeker(wanted_occupations=["851"])
    other_group = seeker(wanted_occupations=["561"])
    anything = seeker(wanted_occupations=[])
    job = chemical_posting()
    match_posting(job.pk)
    found = matched(job)
    assert other_group.pk not in found
    assert found[exact.pk].reasons[0] == "occupation"
    assert found[same_group.pk].reasons[0] == "occupation_group"
    assert found[exact.pk].score - found[same_group.pk].score == POINTS["occupation"] - POINTS["occupation_group"]
    # no wanted occupation: no notices (every posting would fit), but browsing treats it as any
    assert anything.pk not in found
    (fits,) = postings_fitting(anything)
    assert fits == job and fits.match_reasons[0] == "occupation_any"
    assert found[same_group.pk].score - fits.match_score == POINTS["occupation_group"] - POINTS["occupation_any"]


def test_workplace_dong_must_be_a_wanted_dong_unless_the_seeker_wants_anywhere():
    wants_it = seeker(wanted_dongs=[NONHYEON_GOJAN, "2820051000"])
    seeker(wanted_dongs=[far_dong(NONHYEON_GOJAN).code])
    anywhere = seeker(wanted_dongs=[])
    job = posting()
    match_posting(job.pk)
    assert set(matched(job)) == {wants_it.pk, anywhere.pk}
    assert "dong_wanted" in matched(job)[wants_it.pk].reasons


def test_a_posting_without_a_dong_fits_only_seekers_who_want_anywhere():
    anywhere = seeker()
    seeker(wanted_dongs=[NONHYEON_GOJAN])
    job = posting(dong=None)
    match_posting(job.pk)
    assert set(matched(job)) == {anywhere.pk}


def test_employment_type_must_be_accepted():
    regular = seeker(wanted_employment_types=[EmploymentType.REGULAR])
    part_time = seeker(wanted_employment_types=[EmploymentType.PART_TIME])
    both = seeker(wanted_employment_types=[EmploymentType.PART_TIME, EmploymentType.REGULAR])
    job = posting(employment_type=EmploymentType.REGULAR)
    match_posting(job.pk)
    assert set(matched(job)) == {regular.pk, both.pk}
    assert part_time.pk not in matched(job)


@pytest.mark.parametrize(
    ("wage_type", "amount", "daily_hours", "hourly"),
    [
        (WageType.HOUR, 12_000, None, 12_000),
        (WageType.DAY, 100_000, None, 12_500),  # ÷ 8 hours when none stated
        (WageType.DAY, 100_000, 10, 10_000),  # ÷ the stated daily hours
        (WageType.MONTH, 2_508_000, None, 12_000),  # ÷ 209
        (WageType.YEAR, 30_096_000, None, 12_000),  # ÷ 12 ÷ 209
    ],
)
def test_wage_compares_per_hour_whatever_the_wage_type(wage_type, amount, daily_hours, hourly):
    at_minimum = seeker(wanted_min_hourly_krw=hourly)
    above = seeker(wanted_min_hourly_krw=hourly + 1)
    no_minimum = seeker(wanted_min_hourly_krw=None)
    job = posting(wage_type=wage_type, wage_min=amount, wage_max=None, daily_hours=daily_hours)
    match_posting(job.pk)
    found = matched(job)
    assert at_minimum.pk in found and no_minimum.pk in found
    assert above.pk not in found
    assert "wage" in found[at_minimum.pk].reasons and "wage" not in found[no_minimum.pk].reasons
    assert found[at_minimum.pk].score - found[no_minimum.pk].score == POINTS["wage"]


def test_a_posting_without_a_wage_does_not_fit_a_stated_minimum():
    wants_minimum = seeker(wanted_min_hourly_krw=10_320)
    no_minimum = seeker()
    job = posting(wage_type="", wage_min=None, wage_max=None)
    match_posting(job.pk)
    assert set(matched(job)) == {no_minimum.pk}
    assert wants_minimum.pk not in matched(job)


def test_shifts_must_share_one_when_both_are_stated():
    day = seeker(wanted_shifts=[Shift.DAY])
    night = seeker(wanted_shifts=[Shift.NIGHT])
    any_shift = seeker(wanted_shifts=[])
    job = posting(shifts=[Shift.DAY, Shift.ROTATING])
    open_shift = posting(shifts=[])
    match_posting(job.pk)
    match_posting(open_shift.pk)
    assert set(matched(job)) == {day.pk, any_shift.pk}
    assert set(matched(open_shift)) == {day.pk, night.pk, any_shift.pk}


def test_the_seeker_must_be_free_on_every_working_day():
    weekdays = seeker(wanted_days=["MON", "TUE", "WED", "THU", "FRI"])
    all_week = seeker(wanted_days=["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"])
    weekend = seeker(wanted_days=["SAT", "SUN"])
    any_day = seeker(wanted_days=[])
    job = posting(work_days=["MON", "WED", "FRI", "SAT"])
    match_posting(job.pk)
    assert set(matched(job)) == {all_week.pk, any_day.pk}
    assert weekdays.pk not in matched(job) and weekend.pk not in matched(job)


def test_only_active_seekers_who_consent_to_notifications_and_have_not_turned_them_off_are_matched():
    consenting = seeker()
    no_consent = seeker(consents=())
    withdrawn = seeker()
    consent_withdraw(person=withdrawn, purpose=ConsentPurpose.NOTIFICATIONS)
    turned_off = seeker(notify_frequency=NotifyFrequency.OFF)
    inactive = seeker()
    inactive.user.is_active = False
    inactive.user.save()
    walk_in = seeker(user=None, registered_centre=dong(NONHYEON_GOJAN).centre, phone="+821055550001")
    job = posting()
    match_posting(job.pk)
    assert set(matched(job)) == {consenting.pk, walk_in.pk}
    assert {no_consent.pk, withdrawn.pk, turned_off.pk, inactive.pk}.isdisjoint(matched(job))


def test_erased_seekers_are_not_matched():
    from accounts.services import person_erase

    gone = seeker()
    person_erase(profile=gone, reason="request")
    job = posting()
    match_posting(job.pk)
    assert gone.pk not in matched(job)


# ---- score ---------------------------------------------------------------------------


def test_home_dong_scores_over_a_near_dong_over_a_far_one():
    workplace = NONHYEON_GOJAN
    home = seeker(home_dong=dong(workplace))
    near = seeker(home_dong=near_dong(workplace))
    far = seeker(home_dong=far_dong(workplace))
    assert dong(workplace).distance_m(near.home_dong) < 2000 < dong(workplace).distance_m(far.home_dong)
    job = posting()
    match_posting(job.pk)
    found = matched(job)
    assert "dong_home" in found[home.pk].reasons
    assert "dong_near" in found[near.pk].reasons
    assert not {"dong_home", "dong_near"} & set(found[far.pk].reasons)
    assert found[home.pk].score - found[far.pk].score == POINTS["dong_home"]
    assert found[near.pk].score - found[far.pk].score == POINTS["dong_near"]


def test_birth_year_groups_count_for_a_posting_that_welcomes_them():
    older = seeker(birth_year=1960)  # 66 in 2026
    youth = seeker(birth_year=2000)
    middle = seeker(birth_year=1980)
    job = posting(priority_groups=[PriorityGroup.OLDER])
    match_posting(job.pk)
    found = matched(job)
    assert "group:older" in found[older.pk].reasons
    assert not any(r.startswith("group:") for r in found[youth.pk].reasons + found[middle.pk].reasons)
    assert found[older.pk].score - found[middle.pk].score == POINTS["group"]


def test_declared_groups_count_only_with_the_sensitive_data_consent():
    with_consent = seeker(
        consents=(ConsentPurpose.NOTIFICATIONS, ConsentPurpose.SENSITIVE), declared_groups=[PriorityGroup.DISABLED]
    )
    # declared groups stored without an active consent (cannot happen through the services,
    # which delete them on withdrawal) are still never used
    without = seeker(declared_groups=[PriorityGroup.DISABLED])
    job = posting(priority_groups=[PriorityGroup.DISABLED])
    match_posting(job.pk)
    found = matched(job)
    assert found[with_consent.pk].reasons[-1] == "group:disabled"
    assert not any(r.startswith("group:") for r in found[without.pk].reasons)


def test_licences_the_posting_names_and_the_seeker_holds_score():
    holder = seeker(licences=[Licence.FORKLIFT, Licence.COOK])
    none = seeker(licences=[])
    job = posting(preferred_qualifications="지게차 운전 가능자 우대")
    assert job.licences == [Licence.FORKLIFT]
    match_posting(job.pk)
    found = matched(job)
    assert found[holder.pk].reasons[-1] == "licence:forklift"
    assert found[holder.pk].score - found[none.pk].score == POINTS["licence"]


def test_the_best_fit_scores_100():
    best = seeker(
        wanted_occupations=["890"],
        home_dong=dong(NONHYEON_GOJAN),
        wanted_min_hourly_krw=10_320,
        birth_year=1960,
        licences=[Licence.FORKLIFT],
    )
    job = posting(priority_groups=[PriorityGroup.OLDER], description="지게차 면허 소지자 우대")
    match_posting(job.pk)
    assert matched(job)[best.pk].score == 100
    assert matched(job)[best.pk].reasons == ["occupation", "dong_home", "wage", "group:older", "licence:forklift"]


# ---- explanations --------------------------------------------------------------------


def test_explanations_read_in_korean_and_in_english():
    reasons = ["occupation", "dong_near", "wage", "group:older", "licence:forklift"]
    assert explain(reasons) == (
        "희망 직종 일치, 거주 동 근처, 희망 임금 이상, 우대 대상: 고령자, 보유 자격 우대: 지게차운전기능사"
    )
    with translation.override("en"):
        english = explain(reasons)
    assert "희망" not in english
    assert reason_text("nonsense") == "nonsense"
    assert reason_text("licence:nonsense") == "licence:nonsense"
