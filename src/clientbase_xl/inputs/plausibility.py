"""Checks of the parsed sales lines as a whole, against silent wrong numbers.

Values each legal on its own may make no sense together: a date a century off, an analysis date
years after the last sale, two spellings of one client. (A totals line among the clients is left
out where the sheet is validated, :func:`~clientbase_xl.inputs.validate.validate_table`.)

Input: the Sales frame as :func:`~clientbase_xl.inputs.validate.validate_table` returns it
(``date``, ``client``, ``amount``, ..., ``_row``) and the settings. Output: the problems found.
Pure: no files, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.inputs.problems import Problem, row_list
from clientbase_xl.inputs.settings import Settings

#: A date this far outside the middle half of the lines (or three times that half's span when
#: it is longer) is a typo: 1900 or 2099 among 2025 sales.
FAR_DAYS = 730
#: Days past the last sale after which an analysis date is worth a word.
LATE_DAYS = 92

NO_SALE = Text(
    "No line has a positive amount: every line is a return or zero, so there is nothing to "
    "analyse.",
    "Нет ни одной строки с положительной суммой: все строки — возвраты или нули, анализировать "
    "нечего.",
)
NO_SALE_FIX = Text(
    "Paste the sales lines themselves (returns may stay, as negative amounts).",
    "Вставьте сами строки продаж (возвраты могут остаться, с минусом).",
)
FAR_DATE = Text(
    "The date is far from the other lines' (half of them lie between {lo} and {hi}): a typo "
    "would move the analysis date and the windows.",
    "Дата далеко от остальных строк (половина из них — с {lo} по {hi}): опечатка сдвинула бы "
    "дату анализа и окна.",
)
FAR_DATE_FIX = Text("Correct the date.", "Исправьте дату.")
EMPTY_WINDOW = Text(
    "The analysis window ({months} months to {as_of}) holds no sale: the last sale is on {last}.",
    "В окне анализа ({months} мес. до {as_of}) нет ни одной продажи: последняя продажа {last}.",
)
EMPTY_WINDOW_FIX = Text(
    "Clear the analysis date (the last sale is then used) or set it within the data.",
    "Очистите дату анализа (тогда берётся последняя продажа) или задайте её в пределах данных.",
)
LATE_AS_OF = Text(
    "The analysis date is {days} days after the last sale ({last}): recent months show no sales.",
    "Дата анализа на {days} дн. позже последней продажи ({last}): последние месяцы без продаж.",
)
LATE_AS_OF_FIX = Text(
    "Paste the latest sales, or clear the analysis date.",
    "Добавьте последние продажи или очистите дату анализа.",
)
AFTER_AS_OF = Text(
    "{n} line(s) dated after the analysis date {as_of} (rows {rows}) are left out.",
    "Строк после даты анализа {as_of}: {n} (строки {rows}) — не учтены.",
)
AFTER_AS_OF_FIX = Text(
    "Nothing to do if meant; else correct the dates or the analysis date.",
    "Ничего делать не нужно, если так и задумано; иначе исправьте даты или дату анализа.",
)
CASE_TWINS = Text(
    "Client codes {codes} differ only in upper and lower case; they are counted as {n} "
    "different clients.",
    "Коды клиентов {codes} отличаются только регистром букв; они считаются {n} разными клиентами.",
)
CASE_TWINS_FIX = Text(
    "If they are one client, write the code the same way on every line.",
    "Если это один клиент, напишите код одинаково во всех строках.",
)


NO_SUCH_MONTH = Text(
    "No sales in {month}, the month this setting names: the migration compares {used} instead.",
    "В {month}, месяце из этого параметра, продаж нет: миграция сравнивает вместо него {used}.",
)
NO_SUCH_MONTH_FIX = Text(
    "Name a month between {first} and {last}, or clear the setting.",
    "Укажите месяц с {first} по {last} или очистите параметр.",
)


def check_sales(
    sales: pd.DataFrame,
    settings: Settings,
    sheet: str,
    where: dict[str, str],
    settings_sheet: str = "Settings",
) -> list[Problem]:
    """Report what would make a silent wrong number.

    Parameters
    ----------
    sales
        The parsed Sales frame (``date``, ``client``, ``amount``, ``_row``, ...).
    settings
        The analysis settings (the analysis date and window).
    sheet, where
        The Sales sheet's name and each column's place (``Amount (C)``), for the problems.
    settings_sheet
        Where the analysis date was set, for the problems about it.

    Returns
    -------
    list of Problem
        Errors (no analysis possible: a date far off, no positive sale, an empty window) and
        warnings (case twins, an analysis date long after the last sale, lines after it).
    """
    problems: list[Problem] = []
    lines = _Lines.of(sales)
    if not len(lines.day):
        return problems
    if not (lines.amount > 0).any():
        problems.append(Problem(sheet, None, where.get("amount"), "", NO_SALE, NO_SALE_FIX))
        return problems
    problems += _currencies(sales, sheet, where.get("currency", "currency"))
    problems += _pasted_twice(sales, sheet)
    problems += _far_dates(lines, sheet, where.get("date", "date"))
    if any(p.severity == "error" for p in problems):
        return problems
    problems += _analysis_date(lines, settings, (sheet, settings_sheet), where.get("date", "date"))
    # Judged on the distinct codes, never line by line: a million lines hold some thousands.
    codes = pd.Series(sales["client"].dropna().unique()).astype("string")
    problems += _case_twins(sales, codes, sheet, where.get("client", "client"))
    problems += _migration_months(lines, settings, settings_sheet)
    return problems


MIXED_CURRENCIES = Text(
    "The lines are in {n} currencies ({counts}): amounts in different currencies cannot be "
    "summed into one revenue.",
    "Строки в {n} валютах ({counts}): суммы в разных валютах нельзя сложить в одну выручку.",
)
MIXED_CURRENCIES_FIX = Text(
    "Convert the amounts to one currency (a column of them headed Amount, the currency column "
    "cleared or made one), or keep only the lines of one currency.",
    "Пересчитайте суммы в одну валюту (столбец «Сумма» в ней, а столбец валюты очистите или "
    "приведите к одной), или оставьте строки только одной валюты.",
)
#: How a currency is written, to its code: «руб.» and RUR are the rouble RUB is.
_CURRENCY_CODES = {
    spelling: code
    for code, spellings in {
        "RUB": ("rub", "rur", "руб", "р", "₽", "рубль", "рубли", "рублей", "российский рубль"),
        "USD": ("usd", "$", "us$", "доллар", "доллары", "долларов", "доллар сша"),
        "EUR": ("eur", "€", "евро"),
        "KZT": ("kzt", "₸", "тенге"),
        "BYN": ("byn", "byr", "бел. руб", "белорусский рубль"),
        "UAH": ("uah", "₴", "грн", "гривна"),
    }.items()
    for spelling in spellings
}


def _currencies(sales: pd.DataFrame, sheet: str, column: str) -> list[Problem]:
    """An error when the lines' Currency column names more than one currency.

    Spellings of one currency (RUB, RUR, «руб.», ₽) are one; blank cells are in none. The
    error is at the first line of the second most common currency.
    """
    if "currency" not in sales or not sales["currency"].notna().any():
        return []
    named = sales["currency"].dropna()
    distinct = pd.Series(named.unique())
    codes = dict(zip(distinct, distinct.map(_currency_code), strict=True))
    coded = named.map(codes)
    # Most lines first, ties by code: the message never depends on the lines' order.
    counts = coded.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    if len(counts) < 2:
        return []
    minor = sales.loc[coded.index[coded.to_numpy() == counts.index[1]]]
    first = minor.loc[minor["_row"].idxmin()]
    shown = ", ".join(f"{code} {n:,}".replace(",", " ") for code, n in counts.items())
    return [
        Problem(
            sheet,
            int(first["_row"]),
            column,
            str(first["currency"]),
            MIXED_CURRENCIES,
            MIXED_CURRENCIES_FIX,
            {"n": len(counts), "counts": shown},
        )
    ]


#: This many lines in a row, each the same as an earlier line in every column, are taken for
#: a paste made twice (a month's export appended again, or one that overlaps the last).
PASTED_RUN = 20
PASTED_TWICE = Text(
    "Rows {first}-{last} ({n} lines) repeat earlier lines exactly, column for column (the first "
    "at row {twin}): the same lines pasted twice? Each such line is counted again.",
    "Строки {first}-{last} ({n} строк) в точности повторяют строки выше, столбец в столбец "
    "(первая — строку {twin}): одни и те же строки вставлены дважды? Каждая такая строка "
    "учитывается ещё раз.",
)
PASTED_TWICE_FIX = Text(
    "Delete the repeated rows if they are a second paste; if they are real, nothing to do.",
    "Удалите повторённые строки, если это повторная вставка; если они настоящие, ничего "
    "делать не нужно.",
)
#: The columns a repeated line repeats: every one a sales line is read by.
_LINE_COLUMNS = ("date", "client", "amount", "order", "product", "category", "quantity", "cost")


def _pasted_twice(sales: pd.DataFrame, sheet: str) -> list[Problem]:
    """A warning for each run of :data:`PASTED_RUN` or more lines that repeat earlier ones.

    Two lines alike in every column happen (one product twice in a document), twenty in a row
    hardly: that is a paste made twice. Candidates are found on the day and the amount as one
    number (50 ms a million lines), and only they are compared column by column.
    """
    day = sales["date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)
    cents = np.nan_to_num(np.round(sales["amount"].to_numpy(dtype=float) * 100)).astype(np.int64)
    key = pd.Series(cents * 1_000_003 + day)  # a hash: a collision makes a candidate only
    if _runs(key.duplicated().to_numpy()).size == 0:
        return []
    candidate = key.duplicated(keep=False).to_numpy()
    columns = [c for c in _LINE_COLUMNS if c in sales]
    among = sales.loc[candidate, columns]
    repeated = np.zeros(len(sales), dtype=bool)
    repeated[np.flatnonzero(candidate)] = among.duplicated().to_numpy()
    twins = among.drop_duplicates().reset_index()
    rows = sales["_row"].to_numpy()
    problems = []
    for start, end in _runs(repeated):
        first = among.loc[[sales.index[start]]].merge(twins, on=columns)["index"].iloc[0]
        problems.append(
            Problem(
                sheet,
                int(rows[start]),
                None,
                "",
                PASTED_TWICE,
                PASTED_TWICE_FIX,
                {
                    "first": int(rows[start]),
                    "last": int(rows[end - 1]),
                    "n": end - start,
                    "twin": int(sales.loc[first, "_row"]),
                },
                severity="warning",
            )
        )
    return problems


def _runs(flags: np.ndarray) -> np.ndarray:
    """(start, end) of each run of at least :data:`PASTED_RUN` True values, end exclusive."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    pairs = edges.reshape(-1, 2)
    return pairs[(pairs[:, 1] - pairs[:, 0]) >= PASTED_RUN]


def _currency_code(spelling: object) -> str:
    text = " ".join(str(spelling).casefold().split())
    return _CURRENCY_CODES.get(text) or _CURRENCY_CODES.get(text.rstrip(".")) or text.upper()


@dataclass(frozen=True)
class _Lines:
    """The judged lines (date, client and amount all read) as arrays.

    Day numbers since 1970, amounts and sheet rows; no copy is made where every line is whole.
    """

    day: np.ndarray
    amount: np.ndarray
    row: np.ndarray

    @classmethod
    def of(cls, sales: pd.DataFrame) -> _Lines:
        dates = sales["date"].to_numpy(dtype="datetime64[ns]")
        amount = sales["amount"].to_numpy(dtype=float)
        ok = ~np.isnat(dates) & ~np.isnan(amount) & sales["client"].notna().to_numpy(dtype=bool)
        day = dates.astype("datetime64[D]").astype(np.int64)
        row = sales["_row"].to_numpy()
        if ok.all():
            return cls(day, amount, row)
        return cls(day[ok], amount[ok], row[ok])


def _date(day: float) -> str:
    return str(np.datetime64(int(day), "D"))


def _far_dates(lines: _Lines, sheet: str, column: str) -> list[Problem]:
    lo, hi = (float(q) for q in np.quantile(lines.day, [0.25, 0.75], method="lower"))
    margin = max(float(FAR_DAYS), 3 * (hi - lo))
    far = np.flatnonzero((lines.day < lo - margin) | (lines.day > hi + margin))
    params = {"lo": _date(lo), "hi": _date(hi)}
    return [
        Problem(
            sheet, int(lines.row[i]), column, _date(lines.day[i]), FAR_DATE, FAR_DATE_FIX, params
        )
        for i in far
    ]


def _analysis_date(
    lines: _Lines, settings: Settings, sheets: tuple[str, str], column: str
) -> list[Problem]:
    if settings.as_of is None:
        return []
    sheet, settings_sheet = sheets
    as_of = pd.Timestamp(settings.as_of)
    end = int((as_of.normalize() - pd.Timestamp("1970-01-01")).days)
    if end < lines.day.min():
        return []  # before the first sale: an error of its own (see the model)
    start_day = (as_of.to_period("M") - (settings.window_months - 1)).start_time
    start = int((start_day - pd.Timestamp("1970-01-01")).days)
    sold = lines.amount > 0
    last = int(lines.day[sold].max())
    shown = as_of.strftime("%Y-%m-%d")
    params = {"as_of": shown, "last": _date(last), "months": settings.window_months}
    params["days"] = end - last
    in_window = sold & (lines.day >= start) & (lines.day <= end)
    if not in_window.any() and end > last:
        return [
            Problem(settings_sheet, None, "as_of", shown, EMPTY_WINDOW, EMPTY_WINDOW_FIX, params)
        ]
    out: list[Problem] = []
    if end - last > LATE_DAYS:
        out.append(
            Problem(
                settings_sheet, None, "as_of", shown, LATE_AS_OF, LATE_AS_OF_FIX, params, "warning"
            )
        )
    after = np.flatnonzero(lines.day > end)
    if len(after):
        rows = pd.Series(lines.row[after])
        out.append(
            Problem(
                sheet,
                int(rows.iloc[0]),
                column,
                _date(lines.day[after[0]]),
                AFTER_AS_OF,
                AFTER_AS_OF_FIX,
                {"n": len(after), "rows": row_list(rows), "as_of": shown},
                "warning",
            )
        )
    return out


def _case_twins(sales: pd.DataFrame, codes: pd.Series, sheet: str, column: str) -> list[Problem]:
    folded = codes.str.casefold()
    twins = codes[folded.duplicated(keep=False).to_numpy(dtype=bool)]
    if twins.empty:
        return []
    first_rows = (
        sales.loc[sales["client"].isin(list(twins)).to_numpy(dtype=bool), ["client", "_row"]]
        .groupby("client", observed=True)["_row"]
        .min()
    )
    out = []
    for _, group in twins.groupby(folded[twins.index], sort=True):
        spellings = sorted(group, key=lambda c: first_rows.get(c, 0))
        out.append(
            Problem(
                sheet,
                int(min(first_rows.get(c, 0) for c in spellings)),
                column,
                spellings[0],
                CASE_TWINS,
                CASE_TWINS_FIX,
                {"codes": ", ".join(spellings), "n": len(spellings)},
                "warning",
            )
        )
    return out


def _migration_months(lines: _Lines, settings: Settings, sheet: str) -> list[Problem]:
    """A migration month the settings name that has no sales: said, and what is used."""
    if settings.migration_to is None and settings.migration_from is None:
        return []
    months = pd.PeriodIndex(
        pd.unique(lines.day.astype("datetime64[D]").astype("datetime64[M]")), freq="M"
    )
    last = pd.Timestamp(settings.as_of).to_period("M") if settings.as_of else months.max()
    have = {m for m in months if m <= last}
    first = min(have)
    out = []
    for key, used in (
        ("migration_to", Text("the latest month", "последний месяц")),
        ("migration_from", Text("the month before", "предыдущий месяц")),
    ):
        day = getattr(settings, key)
        if day is None:
            continue
        month = pd.Timestamp(day).to_period("M")
        if month not in have:
            out.append(
                Problem(
                    sheet,
                    None,
                    key,
                    str(month),
                    NO_SUCH_MONTH,
                    NO_SUCH_MONTH_FIX,
                    {"month": str(month), "used": used, "first": str(first), "last": str(last)},
                    "warning",
                )
            )
    return out


#: A target or plan this many times the best month sold so far (or this fraction of it) is
#: worth a word: an extra zero, or an amount typed in thousands.
TARGET_RATIO = 10.0
TARGET_HIGH = Text(
    "A target {ratio:.0f} times the best month sold so far ({best}, {month}): an extra zero?",
    "Цель в {ratio:.0f} раз больше лучшего месяца продаж ({best}, {month}): лишний ноль?",
)
TARGET_LOW = Text(
    "A target of {share} of the best month sold so far ({best}, {month}): typed in thousands?",
    "Цель — {share} от лучшего месяца продаж ({best}, {month}): введена в тысячах?",
)
TARGET_ODD_FIX = Text(
    "Check the amount; if it is meant, nothing to do.",
    "Проверьте сумму; если так и задумано, ничего делать не нужно.",
)
PLAN_HIGH = Text(
    "A plan {ratio:.0f} times {whose} best month so far ({best}, {month}): an extra zero?",
    "План в {ratio:.0f} раз больше лучшего месяца {whose} ({best}, {month}): лишний ноль?",
)
PLAN_LOW = Text(
    "A plan of {share} of {whose} best month so far ({best}, {month}): typed in thousands, "
    "or a growth rate (a cell showing 10% holds 0.1)?",
    "План — {share} от лучшего месяца {whose} ({best}, {month}): введён в тысячах или это "
    "процент роста (в ячейке с 10% хранится 0,1)?",
)
PLAN_ODD_FIX = Text(
    "A plan is the amount to sell in the month: check it; if it is meant, nothing to do.",
    "План — это сумма продаж за месяц: проверьте её; если так и задумано, ничего делать не нужно.",
)
_WHOSE = {
    "k": Text("the client's", "клиента"),
    "m": Text("the manager's", "менеджера"),
}


def check_targets(
    targets: pd.DataFrame, sales: pd.DataFrame, sheet: str, column: str
) -> list[Problem]:
    """A warning for each target far from anything its company, manager or category sold.

    Input: the Targets frame (``month``, ``manager``, ``category``, ``target``, ``_row``) and
    the sales lines. Each target is held to the best calendar month of the lines it covers
    (all of them, the manager's, or the category's); one with no sales to compare stays silent,
    as does a target of 0 (warned about where the sheet is checked).
    """
    months = sales["date"].dt.to_period("M")
    best = {**_best_by(sales, months, "manager", "m"), **_best_by(sales, months, "category", "c")}
    company = _best_month(sales["amount"].groupby(months).sum())
    if company is not None:
        best[""] = company
    keys = [
        f"m:{manager}" if pd.notna(manager) else f"c:{category}" if pd.notna(category) else ""
        for manager, category in zip(targets["manager"], targets["category"], strict=True)
    ]
    return _far_from_best(
        targets["_row"],
        keys,
        targets["target"],
        best,
        (TARGET_HIGH, TARGET_LOW, TARGET_ODD_FIX),
        sheet,
        column,
    )


def check_plans(plans: pd.DataFrame, sales: pd.DataFrame, sheet: str, column: str) -> list[Problem]:
    """A warning for each plan far from anything its client (or manager, for a total) bought.

    Input: the Plans frame (``client``, ``manager``, ``plan``, ``_row``) and the sales lines.
    As :func:`check_targets`, against the best calendar month of the client's lines, or of the
    manager's for a manager's total: a plan of 0.1 is most often a 10% typed into Excel, which
    keeps a percent as its fraction.
    """
    planned = plans["client"].dropna().unique()
    # Only the planned clients' lines are grouped: a few of a million, as a rule.
    mine = sales[pd.Index(planned).get_indexer(pd.Index(sales["client"])) >= 0]
    best = {
        **_best_by(mine, mine["date"].dt.to_period("M"), "client", "k"),
        **_best_by(sales, sales["date"].dt.to_period("M"), "manager", "m"),
    }
    keys = [
        f"k:{client}" if pd.notna(client) else f"m:{manager}"
        for client, manager in zip(plans["client"], plans["manager"], strict=True)
    ]
    return _far_from_best(
        plans["_row"],
        keys,
        plans["plan"],
        best,
        (PLAN_HIGH, PLAN_LOW, PLAN_ODD_FIX),
        sheet,
        column,
    )


def _far_from_best(
    rows: pd.Series,
    keys: list[str],
    amounts: pd.Series,
    best: dict[str, tuple[float, pd.Period]],
    texts: tuple[Text, Text, Text],
    sheet: str,
    column: str,
) -> list[Problem]:
    """A warning for each amount far from its key's best month (``texts``: high, low, fix).

    Far is above :data:`TARGET_RATIO` times the best month or below a hundredth of it; an
    amount of 0 or less, and a key with no best month, stay silent.
    """
    high, low, fix = texts
    problems = []
    for row, key, amount in zip(rows, keys, amounts, strict=True):
        if key not in best or not amount > 0:
            continue
        top, month = best[key]
        shown: dict[str, object] = {"best": f"{top:,.0f}".replace(",", " "), "month": str(month)}
        if key[:1] in _WHOSE:
            shown["whose"] = _WHOSE[key[:1]]
        if amount > TARGET_RATIO * top:
            what, params = high, {"ratio": amount / top, **shown}
        elif amount * TARGET_RATIO**2 < top:
            # Two digits that mean something: 0.1 against 1,200 is 0.0083%, not 0.0%.
            percent = 100 * amount / top
            share = f"{percent:.2g}%" if percent >= 0.01 else "<0.01%"
            what, params = low, {"share": share, **shown}
        else:
            continue
        problems.append(
            Problem(
                sheet,
                int(row),
                column,
                f"{amount:,.2f}".replace(",", " "),
                what,
                fix,
                params,
                severity="warning",
            )
        )
    return problems


def _best_month(sums: pd.Series) -> tuple[float, pd.Period] | None:
    """The largest positive monthly sum of ``sums`` (indexed by month) and its month."""
    positive = sums[sums > 0]
    if positive.empty:
        return None
    at = int(np.argmax(positive.to_numpy()))
    return float(positive.iloc[at]), pd.PeriodIndex(positive.index)[at]


def _best_by(
    sales: pd.DataFrame, months: pd.Series, by: str, prefix: str
) -> dict[str, tuple[float, pd.Period]]:
    """Per ``by`` value: its best month as :func:`_best_month` finds it, keyed ``prefix:value``.

    Grouped once, not once per value: twenty thousand planned clients are a single grouping.
    """
    named = sales[by].notna()
    if not named.any():
        return {}
    sums = sales.loc[named, "amount"].groupby([sales.loc[named, by], months[named]]).sum()
    positive = sums[sums > 0]
    # The first largest month of each value: months are sorted within it, as argmax takes.
    tops = positive.groupby(level=0, sort=False).idxmax()
    return {f"{prefix}:{name}": (float(positive.loc[at]), at[1]) for name, at in tops.items()}
