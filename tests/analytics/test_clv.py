import importlib.util
import math
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.clv import (
    BgNbd,
    GammaGamma,
    bgnbd_log_likelihood,
    clv_by_manager,
    clv_summary,
    discounted_clv,
    expected_orders,
    expected_spend,
    fit_bgnbd,
    fit_gamma_gamma,
    gamma_gamma_log_likelihood,
    p_alive,
)


def cdnow(name: str) -> pd.DataFrame:
    """The CDNOW data of Fader, Hardie and Lee (2005), as shipped by lifetimes (not imported)."""
    spec = importlib.util.find_spec("lifetimes")
    assert spec is not None and spec.submodule_search_locations
    return pd.read_csv(Path(spec.submodule_search_locations[0]) / "datasets" / name)


def test_bgnbd_same_estimates_as_fader_hardie_lee_2005_cdnow() -> None:
    # "Counting your customers the easy way", section 5: 2357 CDNOW customers, 39 weeks.
    s = cdnow("cdnow_customers_summary.csv")
    model = fit_bgnbd(s["frequency"], s["recency"], s["T"])
    assert model.r == pytest.approx(0.243, abs=5e-4)
    assert model.alpha == pytest.approx(4.414, abs=5e-4)
    assert model.a == pytest.approx(0.793, abs=5e-4)
    assert model.b == pytest.approx(2.426, abs=5e-4)
    assert model.log_likelihood == pytest.approx(-9582.4, abs=0.05)
    # Customer 1 of the data (x = 2, t_x = 30.43, T = 38.86) expects 1.226 purchases in the
    # next 39 weeks under the published parameters, the figure lifetimes' docs quote for it.
    published = BgNbd(0.243, 4.414, 0.793, 2.426, 0.0)
    one = pd.Series([2.0]), pd.Series([30.43]), pd.Series([38.86])
    assert expected_orders(published, 39, *one).iloc[0] == pytest.approx(1.226, abs=2e-3)


def test_mbgnbd_same_estimates_as_lifetimes_modified_beta_geo_fitter_cdnow() -> None:
    # Batislam, Denizel and Filiztekin (2007); lifetimes' ModifiedBetaGeoFitter is the
    # independent implementation, run here on the same 2357 CDNOW customers.
    s = cdnow("cdnow_customers_summary.csv")
    args = s["frequency"], s["recency"], s["T"]
    ours = fit_bgnbd(*args, modified=True)
    # lifetimes 0.11 sets pandas options pandas 3 deprecates: its warnings are not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import ModifiedBetaGeoFitter

        theirs = ModifiedBetaGeoFitter().fit(*args).params_
        # The same model evaluated by both: P(alive) of every customer, the next 39 weeks.
        fitter = ModifiedBetaGeoFitter()
        fitter.params_ = pd.Series({k: getattr(ours, k) for k in ("r", "alpha", "a", "b")})
        alive = fitter.conditional_probability_alive(*args)
        coming = fitter.conditional_expected_number_of_purchases_up_to_time(39, *args)
    for name in ("r", "alpha", "a", "b"):
        assert getattr(ours, name) == pytest.approx(theirs[name], rel=1e-5)
    np.testing.assert_allclose(p_alive(ours, *args), alive, rtol=1e-9)
    np.testing.assert_allclose(expected_orders(ours, 39, *args), coming, rtol=1e-9)


def test_a_one_time_buyer_long_silent_is_not_certainly_alive() -> None:
    # BG/NBD cannot lose a client before a repeat purchase: P(alive) = 1 at any silence.
    # MBG/NBD on CDNOW: 0.390 after 38.86 weeks, 0.315 after 78 (lifetimes gives the same).
    s = cdnow("cdnow_customers_summary.csv")
    args = s["frequency"], s["recency"], s["T"]
    once = pd.Series([0.0, 0.0]), pd.Series([0.0, 0.0]), pd.Series([38.86, 78.0])
    assert p_alive(fit_bgnbd(*args), *once).tolist() == [1.0, 1.0]
    modified = p_alive(fit_bgnbd(*args, modified=True), *once)
    assert modified.tolist() == pytest.approx([0.390, 0.315], abs=5e-4)


def test_mbgnbd_p_alive_by_hand() -> None:
    model = BgNbd(1.0, 1.0, 1.0, 1.0, 0.0, modified=True)
    # x = 0, t_x = 0, T = 10: a / (b + x) · ((α + T) / (α + t_x))^(r + x) = 1 · 11 → 1/12.
    one = pd.Series([0.0]), pd.Series([0.0]), pd.Series([10.0])
    assert p_alive(model, *one).iloc[0] == pytest.approx(1 / 12)
    # b = 2, x = 1, t_x = 5, T = 10: 1/3 · (11/6)² = 121/108 → 108/229.
    model = BgNbd(1.0, 1.0, 1.0, 2.0, 0.0, modified=True)
    two = pd.Series([1.0]), pd.Series([5.0]), pd.Series([10.0])
    assert p_alive(model, *two).iloc[0] == pytest.approx(108 / 229)


def test_gamma_gamma_same_estimates_as_fader_hardie_lee_2005_cdnow() -> None:
    # "RFM and CLV: using iso-value curves": p = 6.25, q = 3.74, γ = 15.44 on the 946 CDNOW
    # customers with repeat purchases (their mean repeat spend zbar).
    s = cdnow("cdnow_customers_summary_with_transactions.csv")
    model = fit_gamma_gamma(s["x"], s["zbar"])
    assert model.p == pytest.approx(6.25, abs=0.01)
    assert model.q == pytest.approx(3.74, abs=0.01)
    assert model.v == pytest.approx(15.44, abs=0.02)


def test_summary_by_hand() -> None:
    orders = pd.DataFrame(
        {
            "client": ["a", "a", "a", "a", "b"],
            "date": pd.to_datetime(
                ["2025-01-01", "2025-01-01", "2025-01-15", "2025-01-29", "2025-01-22"]
            ),
            "amount": [10.0, 5.0, 30.0, 50.0, 7.0],
        }
    )
    got = clv_summary(orders, pd.Timestamp("2025-02-05")).set_index("client")
    # a: order days Jan 1 (two orders, one day), 15, 29 -> 2 repeat days; recency 28 days = 4
    # weeks; T = 35 days = 5 weeks; monetary = mean of the repeat days (30 + 50) / 2 = 40.
    assert got.loc["a"].tolist() == [2.0, 4.0, 5.0, 40.0]
    # b: one order day: no repeats, recency 0, T 2 weeks, monetary 0.
    assert got.loc["b"].tolist() == [0.0, 0.0, 2.0, 0.0]


def test_p_alive_and_spend_by_hand() -> None:
    model = BgNbd(r=1.0, alpha=1.0, a=1.0, b=3.0, log_likelihood=0.0)
    x, t_x, t = pd.Series([0.0, 2.0]), pd.Series([0.0, 1.0]), pd.Series([3.0, 3.0])
    # x = 0: never a repeat, so never seen to drop out: 1. x = 2: a / (b + x − 1) = 1/4,
    # ((α + T) / (α + t_x))^(r + x) = (4 / 2)^3 = 8 -> 1 / (1 + 1/4 · 8) = 1/3.
    assert p_alive(model, x, t_x, t).tolist() == pytest.approx([1.0, 1 / 3])
    spend = GammaGamma(p=2.0, q=3.0, v=10.0, log_likelihood=0.0)
    # (p (v + x m)) / (p x + q − 1): x = 2, m = 20 -> 2 · 50 / 6; x = 0 -> 2 · 10 / 2 = 10.
    got = expected_spend(spend, pd.Series([2.0, 0.0]), pd.Series([20.0, 0.0]))
    assert got.tolist() == pytest.approx([100 / 6, 10.0])


@settings(max_examples=40)
@given(
    st.floats(0.1, 5),
    st.floats(0.5, 50),
    st.floats(1.05, 5),
    st.floats(0.5, 5),
    st.lists(
        st.tuples(st.integers(0, 20), st.floats(0, 1), st.floats(1, 100)), min_size=1, max_size=20
    ),
    st.booleans(),
)
def test_p_alive_in_0_1_and_expected_orders_grow_with_the_horizon(
    r: float,
    alpha: float,
    a: float,
    b: float,
    clients: list[tuple[int, float, float]],
    modified: bool,
) -> None:
    model = BgNbd(r, alpha, a, b, 0.0, modified)
    x = pd.Series([float(c[0]) for c in clients])
    t = pd.Series([c[2] for c in clients])
    t_x = pd.Series([c[1] * c[2] for c in clients])
    alive = p_alive(model, x, t_x, t)
    assert alive.between(0, 1).all()
    short = expected_orders(model, 4, x, t_x, t)
    long = expected_orders(model, 52, x, t_x, t)
    assert (short >= -1e-12).all() and (long >= short - 1e-9).all()


def test_discounting_lowers_clv_and_a_zero_rate_sums_the_orders() -> None:
    model = BgNbd(0.243, 4.414, 0.793, 2.426, 0.0)
    summary = pd.DataFrame({"frequency": [2.0], "recency": [30.43], "T": [38.86]})
    spend = pd.Series([10.0])
    flat = discounted_clv(model, spend, summary, 12, 0.0)
    # Without discounting, the month steps telescope to E[Y(12 months)] × spend.
    year = expected_orders(
        model, 12 * 30.4375 / 7, summary["frequency"], summary["recency"], summary["T"]
    )
    assert flat.iloc[0] == pytest.approx(10 * year.iloc[0])
    assert discounted_clv(model, spend, summary, 12, 0.01).iloc[0] < flat.iloc[0]
    assert math.isfinite(flat.iloc[0])


def assert_gradient_matches_finite_differences(
    log_likelihood: Callable[..., tuple[float, np.ndarray]],
    params: np.ndarray,
    *data: np.ndarray,
) -> None:
    """The analytic gradient the optimiser uses, held to central differences of the likelihood."""
    _, grad = log_likelihood(params, *data)
    for k in range(len(params)):
        step = 1e-6 * params[k]
        up, down = params.copy(), params.copy()
        up[k] += step
        down[k] -= step
        numeric = (log_likelihood(up, *data)[0] - log_likelihood(down, *data)[0]) / (2 * step)
        assert grad[k] == pytest.approx(numeric, rel=1e-4, abs=1e-4 * len(data[0]))


@settings(max_examples=40)
@given(
    log_params=st.lists(st.floats(-2.0, 2.0), min_size=4, max_size=4),
    clients=st.lists(
        st.tuples(st.integers(0, 30), st.floats(0.0, 1.0), st.floats(1.0, 500.0)),
        min_size=1,
        max_size=40,
    ),
    modified=st.booleans(),
)
def test_bgnbd_gradient_matches_finite_differences(
    log_params: list[float], clients: list[tuple[int, float, float]], modified: bool
) -> None:
    x = np.array([float(c[0]) for c in clients])
    big_t = np.array([c[2] for c in clients])
    # Recency is 0 without repeat orders and at most T.
    t_x = np.where(x > 0, np.array([c[1] for c in clients]) * big_t, 0.0)
    assert_gradient_matches_finite_differences(
        lambda p, *data: bgnbd_log_likelihood(p, *data, modified=modified),
        np.exp(np.array(log_params)),
        x,
        t_x,
        big_t,
    )


@settings(max_examples=40)
@given(
    log_params=st.lists(st.floats(-2.0, 3.0), min_size=3, max_size=3),
    clients=st.lists(
        st.tuples(st.integers(1, 30), st.floats(0.5, 2_000.0)), min_size=1, max_size=40
    ),
)
def test_gamma_gamma_gradient_matches_finite_differences(
    log_params: list[float], clients: list[tuple[int, float]]
) -> None:
    x = np.array([float(c[0]) for c in clients])
    m = np.array([c[1] for c in clients])
    assert_gradient_matches_finite_differences(
        gamma_gamma_log_likelihood, np.exp(np.array(log_params)), x, m
    )


def test_clv_by_manager_by_hand() -> None:
    table = pd.DataFrame(
        {
            "client": ["a", "b", "c", "d"],
            "manager": ["Ivanov", "Petrova", "Ivanov", None],
            "p_alive": [0.9, 0.5, 0.3, 1.0],
            "expected_orders": [2.0, 1.0, 0.5, 0.25],
            "clv": [100.0, 400.0, 50.0, 10.0],
        }
    )
    got = clv_by_manager(table)
    # Petrova: b alone, 400. Ivanov: a + c = 150, P(alive) (0.9 + 0.3) / 2 = 0.6, orders 2.5.
    # No manager: d, 10 (a group of its own, never dropped).
    assert got["manager"].tolist()[:2] == ["Petrova", "Ivanov"] and pd.isna(got["manager"][2])
    assert got["clv"].tolist() == [400.0, 150.0, 10.0]
    assert got["clients"].tolist() == [1, 2, 1]
    assert got["p_alive"].tolist() == pytest.approx([0.5, 0.6, 1.0])
    assert got["expected_orders"].tolist() == [1.0, 2.5, 0.25]
