"""Probabilistic CLV: (M)BG/NBD for how many orders, Gamma-Gamma for how much (METHODS.md).

Conventions of lifetimes (Fader, Hardie and Lee 2005): per client, ``frequency`` = repeat
purchase days (distinct order days minus one), ``recency`` = time from the first to the last
order day, ``T`` = time from the first order day to the analysis date, both in ``unit_days``
(default a week); ``monetary`` = mean value of the repeat order days (0 without repeats).

BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while alive a
client buys at a Poisson rate λ ~ Gamma(r, α); after each purchase it drops out with
probability p ~ Beta(a, b). A client who never bought again can then not have dropped out, so
BG/NBD gives every one-time buyer P(alive) = 1, however long silent. The modified BG/NBD
(Batislam, Denizel and Filiztekin 2007, "Empirical validation and comparison of models for
customer base analysis") lets a client drop out at the first purchase too: the one-time
buyer's P(alive) falls with the silence. With ``modified`` the formulas below take their MBG/NBD
form: b + x − 1 becomes b + x, the Beta terms gain one purchase, and the [x > 0] indicator
goes (:attr:`BgNbd.shift`, one purchase).

Gamma-Gamma ("RFM and CLV: using iso-value curves"): order values around a client's mean
ν ~ Gamma(q, γ), each value ~ Gamma(p, ν). Both are fitted by maximum likelihood on the log of
their parameters, so every estimate stays positive.

SciPy is imported inside the functions that need it: it takes about a second to import, and
every button press of the add-in starts a fresh Python that loads this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import day_number, day_numbers

SUMMARY_COLUMNS = ("client", "frequency", "recency", "T", "monetary")
#: Every parameter is searched between e^-20 and e^20: far wider than any fitted client base.
LOG_BOUNDS = (-20.0, 20.0)
#: Days in a month, for horizons given in months (365.25 / 12).
DAYS_A_MONTH = 30.4375


def clv_summary(orders: pd.DataFrame, as_of: pd.Timestamp, unit_days: float = 7.0) -> pd.DataFrame:
    """Frequency, recency, T and monetary value per client, lifetimes' conventions.

    Parameters
    ----------
    orders
        One row per order: ``client``, ``date``, ``amount`` (returns left out).
    as_of
        The end of the observation period.

    Returns
    -------
    pandas.DataFrame
        One row per client with an order up to ``as_of``, columns :data:`SUMMARY_COLUMNS`.
    """
    upto = orders[orders["date"] <= as_of]
    # Plain arrays sorted by client and day: several times faster than grouping twice, and
    # this summary is the baseline the benchmarks hold against lifetimes.
    codes, clients = pd.factorize(upto["client"], sort=True)
    day = day_numbers(upto["date"])
    amount = upto["amount"].to_numpy(dtype=float)
    order = np.lexsort((day, codes))
    codes, day, amount = codes[order], day[order], amount[order]
    # One entry per client and day holding the day's total (lifetimes' unit of purchase).
    starts = np.flatnonzero(_changes(codes, day))
    d_client, d_day = codes[starts], day[starts]
    d_amount = np.add.reduceat(amount, starts) if len(starts) else amount[:0]
    first = _changes(d_client)
    client_starts = np.flatnonzero(first)
    client_ends = np.append(client_starts[1:], len(d_client))
    first_day = d_day[client_starts]
    last_day = d_day[client_ends - 1] if len(client_ends) else first_day
    frequency = (client_ends - client_starts) - 1.0
    repeat_total = (
        np.add.reduceat(np.where(first, 0.0, d_amount), client_starts)
        if len(client_starts)
        else d_amount[:0]
    )
    end = day_number(as_of)
    return pd.DataFrame(
        {
            "client": clients[d_client[client_starts]],
            "frequency": frequency,
            "recency": (last_day - first_day) / unit_days,
            "T": (end - first_day) / unit_days,
            "monetary": np.divide(
                repeat_total, frequency, out=np.zeros_like(repeat_total), where=frequency > 0
            ),
        },
        columns=list(SUMMARY_COLUMNS),
    )


def _changes(*keys: np.ndarray) -> np.ndarray:
    """Mask of the rows where any of the sorted ``keys`` differs from the row before."""
    out = np.zeros(len(keys[0]), dtype=bool)
    out[:1] = True
    for key in keys:
        out[1:] |= key[1:] != key[:-1]
    return out


@dataclass(frozen=True)
class BgNbd:
    """Fitted BG/NBD (or, ``modified``, MBG/NBD) parameters and the log-likelihood at them."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    modified: bool = False

    @property
    def shift(self) -> int:
        """One purchase more in the dropout terms of MBG/NBD than of BG/NBD."""
        return int(self.modified)


def _dropout_possible(x: np.ndarray, modified: bool) -> np.ndarray:
    """Who may have dropped out: BG/NBD only after a repeat purchase, MBG/NBD anyone."""
    mask: np.ndarray = np.ones(len(x), dtype=bool) if modified else x > 0
    return mask


@dataclass(frozen=True)
class GammaGamma:
    """Fitted Gamma-Gamma parameters and the log-likelihood at them."""

    p: float
    q: float
    v: float
    log_likelihood: float


def bgnbd_log_likelihood(
    params: np.ndarray, x: np.ndarray, t_x: np.ndarray, t: np.ndarray, modified: bool = False
) -> tuple[float, np.ndarray]:
    """The BG/NBD log-likelihood summed over clients, and its gradient in (r, α, a, b).

    ``x``, ``t_x`` and ``t`` hold each client's frequency, recency and T. The likelihood is
    Fader, Hardie and Lee (2005), eq. 6 (``modified``: Batislam et al. 2007, eq. 4, with s = 1
    below, else s = 0); the optimiser gets the gradient too, which saves it four likelihood
    evaluations per step. With w₁ and w₂ the shares of the two terms of the last logarithm in
    it (w₂ = 0 for x = 0 in BG/NBD)::

        ∂/∂r = ψ(r+x) − ψ(r) + ln α − w₁ ln(α+T) − w₂ ln(α+tₓ)
        ∂/∂α = r/α − (r+x) (w₁/(α+T) + w₂/(α+tₓ))
        ∂/∂a = ψ(a+b) − ψ(a+b+x+s) + w₂/a
        ∂/∂b = ψ(a+b) + ψ(b+x+s) − ψ(b) − ψ(a+b+x+s) − w₂/(b+x−1+s)
    """
    from scipy import special  # imported when used (see the module)

    r, alpha, a, b = params
    s = int(modified)
    dropout = _dropout_possible(x, modified)
    a3 = -(r + x) * np.log(alpha + t)
    a4 = np.full_like(x, -np.inf)
    a4[dropout] = (
        np.log(a) - np.log(b + x[dropout] - 1 + s) - (r + x[dropout]) * np.log(alpha + t_x[dropout])
    )
    last = np.logaddexp(a3, a4)
    w1, w2 = np.exp(a3 - last), np.exp(a4 - last)
    ll = (
        special.gammaln(r + x)
        - special.gammaln(r)
        + r * np.log(alpha)
        + special.gammaln(a + b)
        + special.gammaln(b + x + s)
        - special.gammaln(b)
        - special.gammaln(a + b + x + s)
        + last
    )
    psi_abx = special.digamma(a + b + x + s)
    tail = np.where(dropout, b + x - 1 + s, 1.0)
    grad = np.array(
        [
            np.sum(
                special.digamma(r + x)
                - special.digamma(r)
                + np.log(alpha)
                - w1 * np.log(alpha + t)
                - w2 * np.log(alpha + t_x)
            ),
            np.sum(r / alpha - (r + x) * (w1 / (alpha + t) + w2 / (alpha + t_x))),
            np.sum(special.digamma(a + b) - psi_abx + w2 / a),
            np.sum(
                special.digamma(a + b)
                + special.digamma(b + x + s)
                - special.digamma(b)
                - psi_abx
                - w2 / tail
            ),
        ]
    )
    return float(ll.sum()), grad


def _fit(
    negative_ll: Callable[[np.ndarray], tuple[float, np.ndarray]], start: np.ndarray
) -> tuple[list[float], float]:
    """Minimise ``negative_ll`` over log-parameters from ``start``; return the parameters and LL.

    ``negative_ll`` returns its value and its gradient in the log-parameters.
    """
    from scipy import optimize  # imported when used (see the module)

    # A quasi-Newton method with the analytic gradient: on 20,000 clients it needs a small
    # share of the likelihood evaluations Nelder-Mead does, and lands on the same optimum (the
    # CDNOW tests).
    def guarded(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        # A trial step far out can overflow the gamma functions: call that point very bad.
        with np.errstate(all="ignore"):
            value, grad = negative_ll(log_params)
        if not np.isfinite(value) or not np.all(np.isfinite(grad)):
            return np.finfo(float).max / 1e10, np.zeros_like(log_params)
        return value, grad

    # scipy-stubs have no overload for a function returning (value, gradient) with jac=True.
    objective: Any = guarded
    result = optimize.minimize(
        objective,
        np.log(start),
        method="L-BFGS-B",
        jac=True,
        bounds=[LOG_BOUNDS] * len(start),
        options={"ftol": 1e-15, "gtol": 1e-9, "maxiter": 2_000},
    )
    return [float(v) for v in np.exp(result.x)], -float(result.fun)


def fit_bgnbd(
    frequency: pd.Series, recency: pd.Series, t: pd.Series, modified: bool = False
) -> BgNbd:
    """Maximum-likelihood BG/NBD (``modified``: MBG/NBD) on ``frequency``, ``recency``, ``T``."""
    x, t_x, big_t = (np.asarray(v, dtype=float) for v in (frequency, recency, t))

    def negative(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        params = np.exp(log_params)
        ll, grad = bgnbd_log_likelihood(params, x, t_x, big_t, modified)
        # d/d(ln p) = p · d/dp
        return -ll, -grad * params

    start = np.array([1.0, max(float(big_t.mean()), 1.0), 1.0, 1.0])
    (r, alpha, a, b), ll = _fit(negative, start)
    return BgNbd(r, alpha, a, b, ll, modified)


def _repeat(frequency: pd.Series, monetary: pd.Series) -> np.ndarray:
    """Clients Gamma-Gamma can learn from: repeat order days with a positive mean value."""
    keep: np.ndarray = (np.asarray(frequency) > 0) & (np.asarray(monetary) > 0)
    return keep


def repeat_clients(summary: pd.DataFrame) -> int:
    """How many clients of :func:`clv_summary` have repeat orders of positive value."""
    return int(_repeat(summary["frequency"], summary["monetary"]).sum())


def gamma_gamma_log_likelihood(
    params: np.ndarray, x: np.ndarray, m: np.ndarray
) -> tuple[float, np.ndarray]:
    """The Gamma-Gamma log-likelihood summed over clients, and its gradient in (p, q, γ).

    ``x`` and ``m`` hold each client's repeat orders and their mean value (Fader, Hardie and
    Lee 2005, "RFM and CLV: using iso-value curves", eq. 5, with γ written v)::

        ∂/∂p = x (ψ(px+q) − ψ(px) + ln m + ln x − ln(v+xm))
        ∂/∂q = ψ(px+q) − ψ(q) + ln v − ln(v+xm)
        ∂/∂v = q/v − (px+q)/(v+xm)
    """
    from scipy import special  # imported when used (see the module)

    p, q, v = params
    px = p * x
    spent = np.log(v + x * m)
    ll = (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(v)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * spent
    )
    psi = special.digamma(px + q)
    grad = np.array(
        [
            np.sum(x * (psi - special.digamma(px) + np.log(m) + np.log(x) - spent)),
            np.sum(psi - special.digamma(q) + np.log(v) - spent),
            np.sum(q / v - (px + q) / (v + x * m)),
        ]
    )
    return float(ll.sum()), grad


def fit_gamma_gamma(frequency: pd.Series, monetary: pd.Series) -> GammaGamma:
    """Maximum-likelihood Gamma-Gamma on clients with repeat orders and positive spend."""
    keep = _repeat(frequency, monetary)
    x = np.asarray(frequency, dtype=float)[keep]
    m = np.asarray(monetary, dtype=float)[keep]

    def negative(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        params = np.exp(log_params)
        ll, grad = gamma_gamma_log_likelihood(params, x, m)
        return -ll, -grad * params

    (p, q, v), ll = _fit(negative, np.array([1.0, 1.0, max(float(m.mean()), 1.0)]))
    return GammaGamma(p, q, v, ll)


def p_alive(model: BgNbd, frequency: pd.Series, recency: pd.Series, t: pd.Series) -> pd.Series:
    """P(alive) = 1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)).

    MBG/NBD (Batislam et al. 2007, eq. 6): 1 / (1 + a / (b + x) · ((α + T) / (α + t_x))^(r + x))
    for every client, one-time buyers included.
    """
    x, t_x, big_t = (np.asarray(v, dtype=float) for v in (frequency, recency, t))
    ratio = np.where(
        _dropout_possible(x, model.modified),
        model.a
        / np.maximum(model.b + x - 1 + model.shift, 1e-300)
        * np.exp((model.r + x) * (np.log(model.alpha + big_t) - np.log(model.alpha + t_x))),
        0.0,
    )
    return pd.Series(1.0 / (1.0 + ratio), index=frequency.index)


def expected_orders(
    model: BgNbd, horizon: float, frequency: pd.Series, recency: pd.Series, t: pd.Series
) -> pd.Series:
    """Expected orders in the next ``horizon`` time units, given each client's history.

    E[Y(h) | x, t_x, T] = (a + b + x − 1) / (a − 1) ·
    [1 − ((α + T) / (α + T + h))^(r + x) · ₂F₁(r + x, b + x; a + b + x − 1; h / (α + T + h))]
    · P(alive) (Fader, Hardie and Lee 2005, eq. 10). MBG/NBD (Batislam et al. 2007, eq. 8)
    has a + b + x for a + b + x − 1 and b + x + 1 for b + x.
    """
    from scipy import special  # imported when used (see the module)

    r, alpha, a, b, s = model.r, model.alpha, model.a, model.b, model.shift
    x, big_t = np.asarray(frequency, dtype=float), np.asarray(t, dtype=float)
    z = horizon / (alpha + big_t + horizon)
    hyp = special.hyp2f1(r + x, b + x + s, a + b + x - 1 + s, z)
    first = (a + b + x - 1 + s) / (a - 1)
    second = 1 - np.exp((r + x) * (np.log(alpha + big_t) - np.log(alpha + big_t + horizon))) * hyp
    alive = p_alive(model, frequency, recency, t).to_numpy()
    return pd.Series(first * second * alive, index=frequency.index)


def expected_spend(model: GammaGamma, frequency: pd.Series, monetary: pd.Series) -> pd.Series:
    """E[M | x, m_x] = (p · (v + x · m_x)) / (p · x + q − 1); the population mean for x = 0."""
    x = np.asarray(frequency, dtype=float)
    m = np.asarray(monetary, dtype=float)
    value = model.p * (model.v + x * m) / (model.p * x + model.q - 1)
    return pd.Series(value, index=frequency.index)


def discounted_clv(
    orders_model: BgNbd,
    spend: pd.Series,
    summary: pd.DataFrame,
    months: int,
    monthly_discount: float,
    unit_days: float = 7.0,
) -> pd.Series:
    """Σ over months i = 1..``months`` of (E[Y(i)] − E[Y(i − 1)]) · spend / (1 + d)^i.

    ``summary`` is :func:`clv_summary`; ``spend`` the expected value of an order per client.
    """
    month = DAYS_A_MONTH / unit_days
    total = pd.Series(0.0, index=summary.index)
    previous = pd.Series(0.0, index=summary.index)
    args = (summary["frequency"], summary["recency"], summary["T"])
    for i in range(1, months + 1):
        now = expected_orders(orders_model, i * month, *args)
        total += (now - previous) * spend / (1 + monthly_discount) ** i
        previous = now
    return total


#: Fewer clients with repeat orders than this cannot support a fit of either model.
MIN_REPEAT_CLIENTS = 10


@dataclass(frozen=True)
class ClvResult:
    """Both fitted models and the per-client table of :func:`clv_table`."""

    orders_model: BgNbd
    spend_model: GammaGamma
    table: pd.DataFrame


def clv_table(
    summary: pd.DataFrame,
    months: int,
    monthly_discount: float,
    unit_days: float = 7.0,
    modified: bool = True,
) -> ClvResult | None:
    """Fit both models on :func:`clv_summary` and value every client over ``months``.

    ``modified`` chooses MBG/NBD (the default: a one-time buyer silent for long is not
    certain to be alive) over BG/NBD for the orders.

    Returns None when fewer than :data:`MIN_REPEAT_CLIENTS` clients have repeat orders. The
    table is ``summary`` plus ``p_alive``, ``expected_orders`` (in the horizon),
    ``expected_spend`` (per order) and ``clv`` (:func:`discounted_clv`).
    """
    if repeat_clients(summary) < MIN_REPEAT_CLIENTS:
        return None
    args = (summary["frequency"], summary["recency"], summary["T"])
    orders_model = fit_bgnbd(*args, modified=modified)
    spend_model = fit_gamma_gamma(summary["frequency"], summary["monetary"])
    spend = expected_spend(spend_model, summary["frequency"], summary["monetary"])
    table = summary.assign(
        p_alive=p_alive(orders_model, *args),
        expected_orders=expected_orders(orders_model, months * DAYS_A_MONTH / unit_days, *args),
        expected_spend=spend,
        clv=discounted_clv(orders_model, spend, summary, months, monthly_discount, unit_days),
    )
    return ClvResult(orders_model, spend_model, table)


def clv_by_manager(table: pd.DataFrame) -> pd.DataFrame:
    """The CLV table per manager, largest CLV first.

    Parameters
    ----------
    table
        :attr:`ClvResult.table` with a ``manager`` column (blank managers form one group).

    Returns
    -------
    pandas.DataFrame
        One row per manager: ``manager``, ``clients``, ``p_alive`` (the clients' mean),
        ``expected_orders`` and ``clv`` (their sums).
    """
    return (
        table.groupby("manager", dropna=False, observed=True)
        .agg(
            clients=("client", "size"),
            p_alive=("p_alive", "mean"),
            expected_orders=("expected_orders", "sum"),
            clv=("clv", "sum"),
        )
        .reset_index()
        .sort_values("clv", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
