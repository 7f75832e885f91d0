from __future__ import annotations

import datetime as dt

import pytest

from verordening.taal.logic import datum_plus, is_werkdag
from verordening.taal.operators import delen


@pytest.mark.parametrize(
    ("teller", "noemer", "afronding", "verwacht"),
    [
        (7, 2, "rekenkundig", 4),
        (-7, 2, "rekenkundig", -4),
        (7, 2, "naar_beneden", 3),
        (7, 2, "naar_boven", 4),
        (170808 * 130, 300, "rekenkundig", 74017),
        (6, 3, "naar_boven", 2),
    ],
)
def test_integer_division_rounds_as_stated(
    teller: int, noemer: int, afronding: str, verwacht: int
) -> None:
    assert delen(teller, noemer, afronding) == verwacht


def test_working_days_skip_weekends_and_termijnenwet_days() -> None:
    # Thursday 28 March 2024: Goede Vrijdag (29th) and Tweede Paasdag (1 April) do not count.
    assert datum_plus(dt.date(2024, 3, 28), "werkdagen", 3) == dt.date(2024, 4, 4)
    # 5 May counts as a holiday every year (Algemene termijnenwet art. 3), also in 2026.
    assert not is_werkdag(dt.date(2026, 5, 5))
    assert datum_plus(dt.date(2024, 4, 4), "werkdagen", -3) == dt.date(2024, 3, 28)


def test_months_and_years_clamp_to_month_end() -> None:
    assert datum_plus(dt.date(2024, 1, 31), "maanden", 1) == dt.date(2024, 2, 29)
    assert datum_plus(dt.date(2024, 2, 29), "jaren", -5) == dt.date(2019, 2, 28)
    assert datum_plus(dt.date(2025, 3, 3), "weken", 4) == dt.date(2025, 3, 31)
