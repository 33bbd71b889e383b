"""Legal deadlines (Wmo 2015, Awb) and their Atw extension, with hand-checked dates."""

from datetime import date, datetime, timezone

import pytest

from app.domain.deadlines import (
    add_working_days,
    beschikking_deadline_wmo,
    beslis_deadline_jeugd,
    bezwaar_deadline,
    end_of_day,
    is_working_day,
    onderzoek_deadline,
    persoonlijk_plan_deadline,
    term_after,
)


def test_onderzoek_due_six_weeks_later_on_the_same_weekday():
    deadline = onderzoek_deadline(date(2026, 6, 3))  # a Wednesday
    assert deadline.due == deadline.unadjusted == date(2026, 7, 15)
    assert deadline.atw_article == ""
    assert deadline.article == "art. 2.3.2 lid 1 Wmo 2015"


def test_term_ending_on_saturday_runs_to_monday():
    deadline = onderzoek_deadline(date(2026, 3, 7))  # melding via the portal on a Saturday
    assert deadline.unadjusted == date(2026, 4, 18)
    assert deadline.due == date(2026, 4, 20)
    assert deadline.shifted_for == ("zaterdag", "zondag")


def test_term_ending_on_sunday_runs_to_monday():
    deadline = beschikking_deadline_wmo(date(2026, 11, 1))
    assert (deadline.unadjusted, deadline.due) == (date(2026, 11, 15), date(2026, 11, 16))


def test_nieuwjaarsdag_followed_by_weekend_moves_onderzoek_to_monday():
    deadline = onderzoek_deadline(date(2026, 11, 20))
    assert deadline.unadjusted == date(2027, 1, 1)
    assert deadline.due == date(2027, 1, 4)
    assert deadline.label_nl == (
        "uiterlijk 4 januari 2027 (art. 2.3.2 lid 1 Wmo 2015; verschoven i.v.m. "
        "Nieuwjaarsdag, zaterdag en zondag, art. 1 lid 1 Atw)")


def test_goede_vrijdag_and_easter_move_wmo_beschikking_to_tuesday():
    deadline = beschikking_deadline_wmo(date(2026, 3, 20))
    assert deadline.unadjusted == date(2026, 4, 3)
    assert deadline.due == date(2026, 4, 7)
    assert deadline.shifted_for == ("Goede Vrijdag", "zaterdag", "zondag", "Tweede Paasdag")


def test_koningsdag_moves_wmo_beschikking_a_day():
    assert beschikking_deadline_wmo(date(2026, 4, 13)).due == date(2026, 4, 28)


def test_fifth_of_may_in_a_non_lustrum_year_moves_jeugd_beslissing():
    deadline = beslis_deadline_jeugd(date(2026, 3, 10))
    assert deadline.unadjusted == date(2026, 5, 5)
    assert deadline.due == date(2026, 5, 6)
    assert deadline.article == "art. 4:13 lid 2 Awb"


def test_hemelvaartsdag_moves_jeugd_beslissing_to_friday():
    assert beslis_deadline_jeugd(date(2027, 3, 11)).due == date(2027, 5, 7)


def test_tweede_pinksterdag_moves_onderzoek_to_tuesday():
    assert onderzoek_deadline(date(2028, 4, 24)).due == date(2028, 6, 6)


def test_verordening_can_set_a_shorter_jeugd_term():
    deadline = beslis_deadline_jeugd(date(2026, 6, 3), weeks=6)
    assert deadline.due == date(2026, 7, 15)
    assert "verordening" in deadline.article


def test_bezwaar_term_starts_the_day_after_bekendmaking():
    deadline = bezwaar_deadline(date(2025, 5, 1))  # sent Thursday; term starts Friday 2 May
    assert deadline.due == date(2025, 6, 12)
    assert deadline.label_nl == "uiterlijk 12 juni 2025 (art. 6:7 en 6:8 lid 1 Awb)"


def test_bezwaar_ending_on_christmas_runs_to_monday_28_december():
    deadline = bezwaar_deadline(date(2026, 11, 13))
    assert deadline.unadjusted == date(2026, 12, 25)
    assert deadline.due == date(2026, 12, 28)
    assert deadline.shifted_for == ("Eerste Kerstdag", "Tweede Kerstdag", "zondag")


def test_christmas_on_a_weekend_gives_no_substitute_day():
    assert beschikking_deadline_wmo(date(2027, 12, 11)).due == date(2027, 12, 27)


def test_persoonlijk_plan_seven_days_ending_on_koningsdag():
    deadline = persoonlijk_plan_deadline(date(2026, 4, 20))
    assert deadline.due == date(2026, 4, 28)
    assert deadline.article == "art. 2.3.2 lid 2 Wmo 2015"


def test_day_equated_by_decree_extends_the_term():
    deadline = onderzoek_deadline(date(2026, 11, 20), extra_holidays=[date(2027, 1, 4)])
    assert deadline.due == date(2027, 1, 5)


def test_atw_article_2_gives_a_short_term_two_working_days():
    # 3 days after Wed 24 Dec 2025: Kerst, Kerst, Saturday. Art. 1 alone would give Monday 29.
    deadline = term_after(date(2025, 12, 24), days=3, kind="test", article="art. x",
                          description_nl="test")
    assert deadline.unadjusted == date(2025, 12, 27)
    assert deadline.due == date(2025, 12, 30)
    assert deadline.atw_article == "art. 2 Atw"
    assert "verlengd i.v.m. Eerste Kerstdag, Tweede Kerstdag" in deadline.label_nl


def test_atw_does_not_extend_terms_over_twelve_weeks():
    thirteen = term_after(date(2026, 3, 7), weeks=13, kind="t", article="a", description_nl="d")
    twelve = term_after(date(2026, 3, 7), weeks=12, kind="t", article="a", description_nl="d")
    assert thirteen.due == date(2026, 6, 6)  # a Saturday, left alone (Atw art. 4 sub a)
    assert twelve.due == date(2026, 6, 1)    # Saturday 30 May moved to Monday


@pytest.mark.parametrize("kwargs", [{}, {"days": 3, "weeks": 1}, {"days": -3}])
def test_term_needs_either_days_or_weeks(kwargs):
    with pytest.raises(ValueError):
        term_after(date(2026, 1, 5), kind="t", article="a", description_nl="d", **kwargs)


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2026, 6, 10), 3, date(2026, 6, 15)),  # Wed + 3 over a weekend
    (date(2026, 4, 2), 3, date(2026, 4, 9)),    # over Goede Vrijdag and Tweede Paasdag
    (date(2026, 4, 24), 1, date(2026, 4, 28)),  # over the weekend and Koningsdag
    (date(2026, 4, 25), 0, date(2026, 4, 25)),
])
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def test_add_working_days_refuses_negative_counts():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 4, 2), -1)


def test_working_days_exclude_weekends_and_atw_days():
    assert is_working_day(date(2026, 4, 28))
    assert not is_working_day(date(2026, 4, 25))
    assert not is_working_day(date(2026, 5, 5))


@pytest.mark.parametrize(("day", "utc"), [
    (date(2027, 1, 4), datetime(2027, 1, 4, 22, 59, 59, tzinfo=timezone.utc)),
    (date(2026, 7, 15), datetime(2026, 7, 15, 21, 59, 59, tzinfo=timezone.utc)),
])
def test_end_of_day_is_one_second_before_midnight_in_amsterdam(day, utc):
    assert end_of_day(day) == utc
    assert end_of_day(day).utcoffset() is not None
