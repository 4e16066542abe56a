"""Settings: every choice METHODS.md leaves to the user, with its documented default.

The Settings sheet holds name/value pairs; names are matched like headers (English key or Russian
label). :func:`settings_from_pairs` returns the :class:`Settings` and the problems found, so a typo
in one setting is reported next to every other input problem instead of stopping the refresh.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from clientbase_xl.analytics.actions import REASONS
from clientbase_xl.i18n import Lang, Text, parse_lang
from clientbase_xl.inputs.problems import Problem
from clientbase_xl.inputs.schema import header_key
from clientbase_xl.inputs.stages import SALE_STAGES
from clientbase_xl.inputs.values import parse_bool, parse_date, parse_number

AbcMetric = Literal["revenue", "margin", "quantity"]
XyzMethod = Literal["regularity", "variation"]
ClvModel = Literal["mbgnbd", "bgnbd"]


def _meta(en: str, ru: str, doc_en: str, doc_ru: str) -> dict[str, object]:
    return {"label": Text(en, ru), "doc": Text(doc_en, doc_ru)}


def _file_meta(sheet_en: str, label_ru: str, sheet_ru: str) -> dict[str, object]:
    # Short enough for the Settings sheet's explanation column; docs/inputs tells the rest.
    return _meta(
        f"{sheet_en} file",
        label_ru,
        f"CSV or Parquet file, or folder of them, instead of the {sheet_en} sheet.",
        f"Файл CSV или Parquet либо папка с ними вместо листа «{sheet_ru}».",
    )


#: Input sheets that a Settings entry ``<key>_file`` may point at a file or folder instead.
FILE_INPUTS = ("sales", "clients", "activities", "survey", "wallet", "payments", "stock")


#: Names of the three default priority groups, top first.
DEFAULT_PRIORITY_GROUPS = (
    Text("Key", "Ключевые"),
    Text("Develop", "Развивать"),
    Text("Maintain", "Поддерживать"),
)
PRIORITY_N = Text("Priority {n}", "Приоритет {n}")


@dataclass(frozen=True)
class Settings:
    """Analysis settings. Field metadata carries the bilingual label and one-line explanation."""

    as_of: dt.date | None = field(
        default=None,
        metadata=_meta(
            "Analysis date",
            "Дата анализа",
            "Last day of the analysis; blank means the last date in Sales.",
            "Последний день анализа; пусто — последняя дата в продажах.",
        ),
    )
    window_months: int = field(
        default=12,
        metadata=_meta(
            "Window, months",
            "Окно, мес.",
            "Calendar months up to the analysis date that ABC and XYZ look at.",
            "Календарных месяцев до даты анализа, по которым считаются ABC и XYZ.",
        ),
    )
    abc_metric: AbcMetric = field(
        default="revenue",
        metadata=_meta(
            "ABC metric",
            "Показатель ABC",
            "revenue, margin or quantity.",
            "revenue (выручка), margin (маржа) или quantity (кол-во).",
        ),
    )
    abc_thresholds: tuple[float, ...] = field(
        default=(80.0, 95.0),
        metadata=_meta(
            "ABC thresholds, %",
            "Границы ABC, %",
            "Cumulative shares closing A and B.",
            "Накопленные доли, закрывающие A и B.",
        ),
    )
    abcd: bool = field(
        default=False,
        metadata=_meta(
            "ABCD",
            "ABCD",
            "yes: four classes A-D instead of three.",
            "да: четыре класса A-D вместо трёх.",
        ),
    )
    abcd_thresholds: tuple[float, ...] = field(
        default=(50.0, 80.0, 95.0),
        metadata=_meta(
            "ABCD thresholds, %",
            "Границы ABCD, %",
            "Cumulative shares closing A, B and C.",
            "Накопленные доли, закрывающие A, B и C.",
        ),
    )
    xyz_method: XyzMethod = field(
        default="regularity",
        metadata=_meta(
            "XYZ method",
            "Метод XYZ",
            "regularity (months with purchases) or variation (coefficient of variation).",
            "regularity (месяцы с покупками) или variation (коэффициент вариации).",
        ),
    )
    xyz_x_share: float = field(
        default=75.0,
        metadata=_meta(
            "XYZ regular months, %",
            "XYZ: доля месяцев, %",
            "X: bought in at least this share of the window's months.",
            "X: покупал не менее чем в этой доле месяцев окна.",
        ),
    )
    xyz_cv_thresholds: tuple[float, ...] = field(
        default=(10.0, 25.0),
        metadata=_meta(
            "XYZ variation thresholds, %",
            "Границы вариации XYZ, %",
            "Coefficient of variation closing X and Y.",
            "Коэффициент вариации, закрывающий X и Y.",
        ),
    )
    history_months: int = field(
        default=13,
        metadata=_meta(
            "Months of history",
            "Месяцев истории",
            "Months the migration and portfolio trends cover; 13 allows a year-ago comparison.",
            "Сколько месяцев показывают миграция и портфель; 13 — чтобы сравнить с прошлым годом.",
        ),
    )
    migration_to: dt.date | None = field(
        default=None,
        metadata=_meta(
            "Migration: to month",
            "Миграция: в месяц",
            "The later month of the migration tab; blank means the latest month.",
            "Поздний месяц на листе миграции; пусто — последний месяц.",
        ),
    )
    migration_from: dt.date | None = field(
        default=None,
        metadata=_meta(
            "Migration: from month",
            "Миграция: из месяца",
            "The earlier month; blank means the month before the later one.",
            "Ранний месяц; пусто — месяц перед поздним.",
        ),
    )
    manager_load: tuple[float, ...] = field(
        default=(50.0, 250.0),
        metadata=_meta(
            "Clients per manager",
            "Клиентов на менеджера",
            "The healthy band of clients per manager (seed: 50-250 in B2B); outside is flagged.",
            "Нормальный диапазон клиентов на менеджера (B2B: 50-250); вне его — отметка.",
        ),
    )
    ltv_lifetime_by: Literal["base", "segment"] = field(
        default="base",
        metadata=_meta(
            "LTV lifetime over",
            "Срок жизни LTV по",
            "base: t is the average lifetime of all clients; segment: of the client's ABC class.",
            "base: t — средний срок жизни всех клиентов; segment: клиентов его класса ABC.",
        ),
    )
    ltv_sector: float | None = field(
        default=None,
        metadata=_meta(
            "LTV: sector benchmark",
            "LTV: ориентир отрасли",
            "The sector's average LTV (seed 001 compares with it), shown beside ours over time.",
            "Средний LTV по отрасли (с ним сравнивает статья), показывается рядом с нашим.",
        ),
    )
    ltv_competitor: float | None = field(
        default=None,
        metadata=_meta(
            "LTV: competitor benchmark",
            "LTV: ориентир конкурента",
            "A competitor's LTV as far as known, shown beside ours over time.",
            "LTV конкурента, насколько он известен, показывается рядом с нашим.",
        ),
    )
    activity_period: Literal["day", "week", "month"] = field(
        default="month",
        metadata=_meta(
            "Activity period",
            "Период активности",
            "day, week or month: the period of the Activity tab.",
            "day, week или month: период листа «Активность отгрузок».",
        ),
    )
    churn_days: int = field(
        default=180,
        metadata=_meta(
            "Churn days",
            "Дней до оттока",
            "A client with no order for this many days is churned.",
            "Клиент без заказов столько дней считается ушедшим.",
        ),
    )
    rhythm_tolerance: float = field(
        default=2.0,
        metadata=_meta(
            "Late after, spreads",
            "Опоздание после, разбросов",
            "A client is late when its silence passes its rhythm by this many spreads of its "
            "own intervals (Actions tab).",
            "Клиент опаздывает, когда пауза превышает его ритм на столько разбросов его "
            "интервалов (лист «Действия»).",
        ),
    )
    rhythm_sleeping: float = field(
        default=3.0,
        metadata=_meta(
            "Sleeping after, rhythms",
            "Спит после, ритмов",
            "A client is sleeping when silent for this many of its rhythms (Actions tab).",
            "Клиент «спит», когда молчит столько своих ритмов (лист «Действия»).",
        ),
    )
    actions_per_manager: int = field(
        default=10,
        metadata=_meta(
            "Actions per manager",
            "Действий на менеджера",
            "The Actions tab lists this many items per manager, largest stake first; the rest "
            "are counted.",
            "Лист «Действия» показывает столько пунктов на менеджера, по убыванию суммы; "
            "остальные только считаются.",
        ),
    )
    actions_off: tuple[str, ...] = field(
        default=(),
        metadata=_meta(
            "Reasons switched off",
            "Отключённые причины",
            "Action reasons left out, separated by /: late, sleeping, abc_down, xyz_down, "
            "behind_plan, overdue, detractor, second_order, next_class, cross_sell.",
            "Причины действий, которые не показывать, через /: late, sleeping, abc_down, "
            "xyz_down, behind_plan, overdue, detractor, second_order, next_class, cross_sell.",
        ),
    )
    next_class_gap: float = field(
        default=25.0,
        metadata=_meta(
            "Close to the next class, %",
            "Близко к следующему классу, %",
            "A client is close to the next ABC class when it needs at most this share of its "
            "revenue more to reach it.",
            "Клиент близок к следующему классу ABC, если ему нужно не больше этой доли его "
            "выручки, чтобы туда попасть.",
        ),
    )
    plan_uplift: float = field(
        default=15.0,
        metadata=_meta(
            "Plan uplift, %",
            "Прирост плана, %",
            "Individual plan = current sales plus this much, capped by potential.",
            "Индивидуальный план = текущие продажи плюс столько, но не больше потенциала.",
        ),
    )
    ticket_bands: tuple[float, ...] = field(
        default=(),
        metadata=_meta(
            "Ticket bands",
            "Границы чеков",
            "Upper bounds of the order-size bands, like 1000/5000/20000; blank: the quartiles of "
            "the window's orders.",
            "Верхние границы диапазонов суммы заказа, например 1000/5000/20000; пусто — "
            "квартили заказов окна.",
        ),
    )
    plan_method: Literal["uplift", "share"] = field(
        default="uplift",
        metadata=_meta(
            "Plan method",
            "Метод плана",
            "uplift: current sales plus the uplift, capped by potential; share: the sales that "
            "reach the target share of the client's wallet.",
            "uplift: текущие продажи плюс прирост, но не больше потенциала; share: продажи, "
            "при которых доля в закупках клиента достигает целевой.",
        ),
    )
    plan_share: float = field(
        default=30.0,
        metadata=_meta(
            "Target share of wallet, %",
            "Целевая пенетрация, %",
            "The share of each client's wallet the share method plans for.",
            "Доля закупок клиента, на которую планирует метод share.",
        ),
    )
    wallet_max_age_months: int = field(
        default=12,
        metadata=_meta(
            "Wallet estimate: months it holds",
            "Оценка потенциала: сколько месяцев верна",
            "A Wallet estimate older than this many months is flagged on the Potential tab: "
            "ask the client again.",
            "Оценка с листа «Потенциал» старше стольких месяцев отмечается на вкладке "
            "«Потенциал роста»: спросите клиента снова.",
        ),
    )
    plan_split: Literal["current", "last_year", "potential"] = field(
        default="current",
        metadata=_meta(
            "Plan split",
            "Деление плана",
            "How a target of the Targets sheet is split over clients: current (sales now), "
            "last_year (the same month a year before) or potential (sales now plus potential).",
            "Как цель листа «Цели» делится между клиентами: current (текущие продажи), "
            "last_year (тот же месяц год назад) или potential (продажи плюс потенциал).",
        ),
    )
    priority_cuts: tuple[float, ...] = field(
        default=(40.0, 70.0),
        metadata=_meta(
            "Priority bands, %",
            "Границы приоритетов, %",
            "Score cuts of the priority groups: a score reaching a cut is in the group above.",
            "Границы групп приоритета: балл не ниже границы — в группе выше.",
        ),
    )
    priority_groups: tuple[str, ...] = field(
        default=(),
        metadata=_meta(
            "Priority group names",
            "Названия групп приоритета",
            "Top group first, one more name than cuts, e.g. Key/Develop/Maintain; blank: "
            "those names.",
            "Сначала верхняя группа, на одно имя больше, чем границ, например "
            "Ключевые/Развивать/Поддерживать; пусто — эти имена.",
        ),
    )
    clv_months: int = field(
        default=12,
        metadata=_meta(
            "CLV horizon, months",
            "Горизонт CLV, мес.",
            "Months ahead that probabilistic CLV counts.",
            "На сколько месяцев вперёд считается вероятностный CLV.",
        ),
    )
    clv_model: ClvModel = field(
        default="mbgnbd",
        metadata=_meta(
            "CLV model",
            "Модель CLV",
            "mbgnbd (modified BG/NBD: a one-time buyer long silent is likely gone) or bgnbd "
            "(classic: every one-time buyer counts as alive).",
            "mbgnbd (модифицированная BG/NBD: давно молчащий разовый покупатель, скорее всего, "
            "ушёл) или bgnbd (классическая: любой разовый покупатель считается активным).",
        ),
    )
    clv_discount: float = field(
        default=1.0,
        metadata=_meta(
            "CLV discount, % a month",
            "Дисконт CLV, % в месяц",
            "Monthly discount rate of future sales in CLV.",
            "Месячная ставка дисконтирования будущих продаж в CLV.",
        ),
    )
    nps_target: float = field(
        default=45.0,
        metadata=_meta("NPS target", "Цель NPS", "The NPS line to reach.", "Целевой уровень NPS."),
    )
    language: Lang = field(
        default="en",
        metadata=_meta(
            "Language",
            "Язык",
            "en or ru: tab names, headers and messages.",
            "en или ru: названия листов, заголовки и сообщения.",
        ),
    )
    currency: str = field(
        default="",
        metadata=_meta(
            "Currency",
            "Валюта",
            "Shown next to money amounts, e.g. ₽ or EUR.",
            "Показывается у денежных сумм, например ₽ или EUR.",
        ),
    )
    sale_stages: tuple[str, ...] = field(
        default=SALE_STAGES,
        metadata=_meta(
            "Sale stages",
            "Стадии продажи",
            "Stages of a CRM deal list that count as a sale, separated by /; other stages "
            "(lost, in progress) are left out.",
            "Стадии списка сделок из CRM, которые считаются продажей, через /; сделки в других "
            "стадиях (проигранные, в работе) не учитываются.",
        ),
    )
    sales_file: str = field(default="", metadata=_file_meta("Sales", "Файл продаж", "Продажи"))
    clients_file: str = field(
        default="", metadata=_file_meta("Clients", "Файл клиентов", "Клиенты")
    )
    activities_file: str = field(
        default="", metadata=_file_meta("Activities", "Файл активностей", "Активности")
    )
    survey_file: str = field(default="", metadata=_file_meta("Survey", "Файл опроса", "Опрос"))
    wallet_file: str = field(
        default="", metadata=_file_meta("Wallet", "Файл потенциала", "Потенциал")
    )
    payments_file: str = field(default="", metadata=_file_meta("Payments", "Файл оплат", "Оплаты"))
    stock_file: str = field(default="", metadata=_file_meta("Stock", "Файл остатков", "Остатки"))

    def priority_names(self, lang: Lang) -> tuple[str, ...]:
        """Names of the priority groups, top first: the user's, else defaults in ``lang``."""
        if self.priority_groups:
            return self.priority_groups
        count = len(self.priority_cuts) + 1
        if count == len(DEFAULT_PRIORITY_GROUPS):
            return tuple(t.format(lang) for t in DEFAULT_PRIORITY_GROUPS)
        return tuple(PRIORITY_N.format(lang, n=n) for n in range(1, count + 1))

    @property
    def files(self) -> dict[str, str]:
        """Input keys read from a file or folder instead of their sheet, with the path typed."""
        paths = {key: str(getattr(self, f"{key}_file")) for key in FILE_INPUTS}
        return {key: path for key, path in paths.items() if path}

    # Users type percentages; the analytics take fractions. The conversion is made here once,
    # so no method divides by 100 itself.
    @property
    def abc_cuts(self) -> tuple[float, ...]:
        """Cumulative-share thresholds (as fractions) of the active ABC or ABCD scheme."""
        return _fractions(self.abcd_thresholds if self.abcd else self.abc_thresholds)

    @property
    def x_share(self) -> float:
        """The X class's share of months with orders, as a fraction."""
        return self.xyz_x_share / 100

    @property
    def cv_cuts(self) -> tuple[float, float]:
        """The XYZ variation thresholds of X and Y, as fractions."""
        x, y = _fractions(self.xyz_cv_thresholds)  # two: the setting's parser checks it
        return x, y

    @property
    def next_class_share(self) -> float:
        """How close to the next ABC class counts as close, as a fraction of revenue."""
        return self.next_class_gap / 100

    @property
    def uplift(self) -> float:
        """The plan's uplift over current sales, as a fraction."""
        return self.plan_uplift / 100

    @property
    def target_share(self) -> float:
        """The target share of wallet of the share plan method, as a fraction."""
        return self.plan_share / 100

    @property
    def priority_bands(self) -> tuple[float, ...]:
        """The score cuts of the priority groups, as fractions of the full score."""
        return _fractions(self.priority_cuts)

    @property
    def discount(self) -> float:
        """CLV's monthly discount rate, as a fraction."""
        return self.clv_discount / 100


def _fractions(percents: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(p / 100 for p in percents)


SETTING_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}

UNKNOWN = Text("Unknown setting.", "Неизвестный параметр.")
UNKNOWN_FIX = Text("Use one of: {names}.", "Используйте один из: {names}.")
BAD = Text("Expected {expected}.", "Ожидалось: {expected}.")
BAD_FIX = Text(
    "Correct the value or clear it to use the default ({default}).",
    "Исправьте значение или очистите его — тогда будет по умолчанию ({default}).",
)


GROUP_COUNT = Text(
    "{names} group names for {groups} priority groups.",
    "Названий групп: {names}, а групп приоритета: {groups}.",
)
GROUP_COUNT_FIX = Text(
    "Give one name more than there are priority bands ({cuts}), top group first.",
    "Дайте на одно название больше, чем границ ({cuts}), начиная с верхней группы.",
)


#: A number as typed in plain ASCII digits, maybe between spaces: ``12``, ``-0.5``, ``80.``
_PLAIN_NUMBER = re.compile(r" *[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+) *")


def _one_number(value: object) -> float | None:
    # A setting is one cell, and parse_number's column machinery costs milliseconds a call
    # (a refresh reads some twenty numbers): typed numbers and plain digits are read directly,
    # to the same value (a test holds the two to each other).
    if isinstance(value, float | int) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return float(value)
    number = parse_number([value])
    return None if number.bad[0] or number.blank[0] else float(number.values.iloc[0])


def _percent(value: object) -> float | None:
    text = str(value).strip()
    number = _one_number(text.rstrip("%"))
    if number is None:
        return None
    # A cell formatted as percent holds 0.8 for "80 %"; a typed 80 means 80 %.
    return number * 100 if 0 < number <= 1 and not text.endswith("%") else number


def _percents(value: object) -> tuple[float, ...] | None:
    parts = [p for p in str(value).replace(";", "/").replace("|", "/").split("/") if p.strip()]
    shares = [_percent(p) for p in parts]
    if not shares or any(s is None for s in shares):
        return None
    out = tuple(s for s in shares if s is not None)
    increasing = all(a < b for a, b in itertools.pairwise(out))
    return out if increasing and out[0] > 0 and out[-1] < 100 else None


def _per_month(value: object) -> float | None:
    # "1.5 %" and 1.5 both mean 1.5 % a month; a fraction is not read as a percent here, since
    # 0.5 % a month is a usual discount.
    return _one_number(value.strip().removesuffix("%") if isinstance(value, str) else value)


def _names(value: object) -> tuple[str, ...] | None:
    names = tuple(p.strip() for p in str(value).replace(";", "/").split("/"))
    return names if all(names) and len(set(names)) == len(names) else None


def _reasons(value: object) -> tuple[str, ...] | None:
    names = _names(value)
    if names is None:
        return None
    codes = tuple(n.casefold() for n in names)
    return codes if set(codes) <= set(REASONS) else None


def _band(value: object) -> tuple[float, ...] | None:
    parts = [_whole(p) for p in str(value).replace(";", "/").replace("-", "/").split("/")]
    if not parts or any(p is None for p in parts):
        return None
    out = tuple(float(p) for p in parts if p is not None)
    return out if all(a < b for a, b in itertools.pairwise(out)) else None


def _amount(value: object) -> float | None:
    number = _one_number(value)
    return number if number is not None and number > 0 else None


def _bounds(value: object) -> tuple[float, ...] | None:
    parts = [_one_number(p) for p in str(value).replace(";", "/").split("/") if p.strip()]
    if not parts or any(p is None or p <= 0 for p in parts):
        return None
    out = tuple(float(p) for p in parts if p is not None)
    return out if all(a < b for a, b in itertools.pairwise(out)) else None


def _whole(value: object) -> int | None:
    number = _one_number(value)
    return int(number) if number is not None and number.is_integer() and number > 0 else None


def _date(value: object) -> dt.date | None:
    parsed = parse_date([value])
    return None if parsed.bad[0] or parsed.blank[0] else parsed.values.iloc[0].date()


def _path(value: object) -> str | None:
    # Windows' "Copy as path" puts quotes around the path.
    return str(value).strip().strip('"').strip() or None


def _choice(*options: str) -> Callable[[object], str | None]:
    def parse(value: object) -> str | None:
        text = str(value).strip().casefold()
        return text if text in options else None

    return parse


def _flag(value: object) -> bool | None:
    parsed = parse_bool([value])
    return None if parsed.bad[0] or parsed.blank[0] else bool(parsed.values.iloc[0])


_PARSE: dict[str, tuple[Callable[[object], object | None], Text]] = {
    "as_of": (_date, Text("a date", "дата")),
    "window_months": (_whole, Text("a whole number of months", "целое число месяцев")),
    "abc_metric": (
        _choice("revenue", "margin", "quantity"),
        Text("revenue, margin or quantity", "revenue, margin или quantity"),
    ),
    "abc_thresholds": (
        _percents,
        Text("two increasing percentages like 80/95", "две возрастающие доли, например 80/95"),
    ),
    "abcd": (_flag, Text("yes or no", "да или нет")),
    "abcd_thresholds": (
        _percents,
        Text(
            "three increasing percentages like 50/80/95", "три возрастающие доли, например 50/80/95"
        ),
    ),
    "xyz_method": (
        _choice("regularity", "variation"),
        Text("regularity or variation", "regularity или variation"),
    ),
    "xyz_x_share": (_percent, Text("a percentage", "процент")),
    "xyz_cv_thresholds": (
        _percents,
        Text("two increasing percentages like 10/25", "две возрастающие доли, например 10/25"),
    ),
    "churn_days": (_whole, Text("a whole number of days", "целое число дней")),
    "ltv_lifetime_by": (_choice("base", "segment"), Text("base or segment", "base или segment")),
    "ltv_sector": (_amount, Text("an amount of money", "сумма")),
    "ltv_competitor": (_amount, Text("an amount of money", "сумма")),
    "activity_period": (
        _choice("day", "week", "month"),
        Text("day, week or month", "day, week или month"),
    ),
    "history_months": (_whole, Text("a whole number of months", "целое число месяцев")),
    "wallet_max_age_months": (_whole, Text("a whole number of months", "целое число месяцев")),
    "migration_to": (_date, Text("a month, e.g. 2025-10", "месяц, например 2025-10")),
    "migration_from": (_date, Text("a month, e.g. 2025-09", "месяц, например 2025-09")),
    "manager_load": (
        _band,
        Text(
            "two increasing whole numbers like 50/250",
            "два возрастающих целых числа, например 50/250",
        ),
    ),
    "plan_uplift": (_percent, Text("a percentage", "процент")),
    "plan_method": (_choice("uplift", "share"), Text("uplift or share", "uplift или share")),
    "ticket_bands": (
        _bounds,
        Text("increasing amounts like 1000/5000/20000", "возрастающие суммы, например 1000/5000"),
    ),
    "plan_share": (_percent, Text("a percentage", "процент")),
    "plan_split": (
        _choice("current", "last_year", "potential"),
        Text("current, last_year or potential", "current, last_year или potential"),
    ),
    "priority_cuts": (
        _percents,
        Text("increasing percentages like 40/70", "возрастающие доли, например 40/70"),
    ),
    "sale_stages": (_names, Text("stage names separated by /", "названия стадий через /")),
    "rhythm_tolerance": (_one_number, Text("a number of spreads", "число разбросов")),
    "rhythm_sleeping": (_one_number, Text("a number of rhythms", "число ритмов")),
    "actions_per_manager": (_whole, Text("a whole number", "целое число")),
    "actions_off": (_reasons, Text("reason codes separated by /", "коды причин через /")),
    "next_class_gap": (_percent, Text("a percentage", "процент")),
    "priority_groups": (
        _names,
        Text("names separated by /, like Key/Develop/Maintain", "имена через /"),
    ),
    "clv_months": (_whole, Text("a whole number of months", "целое число месяцев")),
    "clv_model": (_choice("mbgnbd", "bgnbd"), Text("mbgnbd or bgnbd", "mbgnbd или bgnbd")),
    "clv_discount": (_per_month, Text("a number (percent a month)", "число (% в месяц)")),
    "nps_target": (_one_number, Text("a number from -100 to 100", "число от -100 до 100")),
    "language": (lambda v: parse_lang(str(v)), Text("en or ru", "en или ru")),
    "currency": (lambda v: str(v).strip(), Text("text", "текст")),
    **{
        f"{key}_file": (_path, Text("a file or folder path", "путь к файлу или папке"))
        for key in FILE_INPUTS
    },
}
_COUNTS = {"abc_thresholds": 2, "abcd_thresholds": 3, "xyz_cv_thresholds": 2, "manager_load": 2}


@dataclass(frozen=True)
class Limits:
    """What a number setting may be, and where it stops being plausible.

    ``low`` to ``high``, both included (``low`` excluded with ``open_low``); past ``usual`` a
    warning is given and the value still used.
    """

    low: float
    high: float
    usual: tuple[float, float] | None = None
    open_low: bool = False


#: Bounds of the number settings: outside them a value means nothing (an X share of 150 %, a
#: plan of -100 %, a negative discount) and is an error; past ``usual`` it is a warning.
LIMITS: dict[str, Limits] = {
    "window_months": Limits(1, 120, (3, 36)),
    "history_months": Limits(1, 240, (2, 60)),
    "wallet_max_age_months": Limits(1, 240, (3, 36)),
    "xyz_x_share": Limits(0, 100, (50, 100), open_low=True),
    "churn_days": Limits(1, 3650, (30, 730)),
    "rhythm_tolerance": Limits(0, 50, (0.5, 5)),
    "rhythm_sleeping": Limits(1, 100, (2, 6)),
    "actions_per_manager": Limits(1, 10000, (3, 100)),
    "next_class_gap": Limits(0, 1000, (5, 100), open_low=True),
    "plan_uplift": Limits(-100, 1000, (-50, 100), open_low=True),
    "plan_share": Limits(0, 100, (5, 90), open_low=True),
    "clv_months": Limits(1, 120, (3, 60)),
    "clv_discount": Limits(0, 100, (0, 5)),
    "nps_target": Limits(-100, 100, (-20, 90)),
}
OUT_OF_RANGE = Text(
    "{value} is outside what this setting can be: {range}.",
    "{value} — вне допустимого для этого параметра: {range}.",
)
OUT_OF_RANGE_FIX = Text(
    "Correct the value or clear it to use the default ({default}).",
    "Исправьте значение или очистите его — тогда будет по умолчанию ({default}).",
)
UNUSUAL = Text(
    "{value} is unusual for this setting (usually {low} to {high}); it is used as given.",
    "{value} — необычное значение для этого параметра (обычно от {low} до {high}); "
    "оно использовано как есть.",
)
UNUSUAL_FIX = Text(
    "Check that it is meant: a percent typed as a fraction, or a digit too many?",
    "Проверьте, что так и задумано: нет ли лишней цифры или доли вместо процента?",
)
TWICE = Text(
    "This setting is given twice (rows {first} and {row}), with different values.",
    "Этот параметр задан дважды (строки {first} и {row}), с разными значениями.",
)
TWICE_FIX = Text("Delete the row you do not mean.", "Удалите строку, которая не нужна.")
TWICE_SAME = Text(
    "This setting is given twice (rows {first} and {row}), with the same value.",
    "Этот параметр задан дважды (строки {first} и {row}), с одним и тем же значением.",
)
TWICE_SAME_FIX = Text("Delete one of the two rows.", "Удалите одну из двух строк.")


def _range(limits: Limits) -> Text:
    low, high = f"{limits.low:g}", f"{limits.high:g}"
    if limits.open_low:
        return Text(f"above {low}, up to {high}", f"больше {low} и не больше {high}")
    return Text(f"from {low} to {high}", f"от {low} до {high}")


def _limit_problem(
    key: str, value: float, typed: str, where: tuple[str, int, str]
) -> Problem | None:
    """An error for a number outside what ``key`` can be, a warning past its usual values."""
    limits = LIMITS.get(key)
    if limits is None:
        return None
    sheet, row, name = where
    shown = f"{value:g}"
    below = value <= limits.low if limits.open_low else value < limits.low
    if below or value > limits.high:
        params = {
            "value": shown,
            "range": _range(limits),
            "default": _default(SETTING_FIELDS[key].default),
        }
        return Problem(sheet, row, name, typed, OUT_OF_RANGE, OUT_OF_RANGE_FIX, params)
    if limits.usual is not None and not limits.usual[0] <= value <= limits.usual[1]:
        usual = {"value": shown, "low": f"{limits.usual[0]:g}", "high": f"{limits.usual[1]:g}"}
        return Problem(sheet, row, name, typed, UNUSUAL, UNUSUAL_FIX, usual, "warning")
    return None


def _lookup() -> dict[str, str]:
    names: dict[str, str] = {}
    for name, f in SETTING_FIELDS.items():
        label: Text = f.metadata["label"]
        for alias in (name, *label.both()):
            names[header_key(alias)] = name
            # "XYZ regular months, %" is also found as typed without its unit.
            names.setdefault(header_key(alias.rsplit(",", 1)[0]), name)
    return names


def settings_from_pairs(
    pairs: Iterable[tuple[int, object, object]], sheet: str
) -> tuple[Settings, list[Problem]]:
    """Build :class:`Settings` from ``(excel_row, name, value)`` triples.

    Blank values keep the default; unknown names and unreadable values are problems.
    """
    lookup = _lookup()
    values: dict[str, object] = {}
    problems: list[Problem] = []
    rows: dict[str, int] = {}
    typed: dict[str, object] = {}
    for row, name, value in pairs:
        if name is None or str(name).strip() == "":
            continue
        key = lookup.get(header_key(name))
        if key is None:
            problems.append(
                Problem(
                    sheet,
                    row,
                    str(name),
                    str(name),
                    UNKNOWN,
                    UNKNOWN_FIX,
                    {"names": ", ".join(SETTING_FIELDS)},
                )
            )
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key in typed:
            same = header_key(typed[key]) == header_key(value)
            problems.append(
                Problem(
                    sheet,
                    row,
                    str(name),
                    _show(value).en,
                    TWICE_SAME if same else TWICE,
                    TWICE_SAME_FIX if same else TWICE_FIX,
                    {"first": rows[key], "row": row},
                    "warning" if same else "error",
                )
            )
            continue
        typed[key], rows[key] = value, row
        parse, expected = _PARSE[key]
        parsed = parse(value)
        count = _COUNTS.get(key)
        if parsed is None or (count is not None and len(parsed) != count):  # type: ignore[arg-type]
            default = SETTING_FIELDS[key].default
            problems.append(
                Problem(
                    sheet,
                    row,
                    str(name),
                    _show(value).en,
                    BAD,
                    BAD_FIX,
                    {"expected": expected, "default": _default(default)},
                )
            )
            continue
        if isinstance(parsed, int | float) and not isinstance(parsed, bool):
            limit = _limit_problem(key, float(parsed), _show(value).en, (sheet, row, str(name)))
            if limit is not None:
                problems.append(limit)
                if limit.severity == "error":
                    continue
        values[key] = parsed
    settings = Settings(**values)  # type: ignore[arg-type]
    if (
        settings.priority_groups
        and len(settings.priority_groups) != len(settings.priority_cuts) + 1
    ):
        problems.append(
            Problem(
                sheet,
                rows["priority_groups"],
                "priority_groups",
                "/".join(settings.priority_groups),
                GROUP_COUNT,
                GROUP_COUNT_FIX,
                {
                    "names": len(settings.priority_groups),
                    "groups": len(settings.priority_cuts) + 1,
                    "cuts": _show(settings.priority_cuts),
                },
            )
        )
        settings = dataclasses.replace(settings, priority_groups=())
    return settings, problems


def _show(value: object) -> Text:
    """A setting's value as a user would type it, in either language."""
    if isinstance(value, bool):
        return Text("yes", "да") if value else Text("no", "нет")
    if isinstance(value, tuple):
        text = "/".join(v if isinstance(v, str) else f"{v:g}" for v in value)
    elif isinstance(value, float):
        text = f"{value:g}"
    elif value is None:
        text = ""
    elif isinstance(value, pd.Timestamp | dt.date):
        text = value.strftime("%Y-%m-%d")
    else:
        text = str(value)
    return Text(text, text)


def _default(value: object) -> Text:
    """A default as a message names it: an empty one is said, not shown as nothing."""
    shown = _show(value)
    return shown if shown.en else Text("blank", "пусто")


def describe(settings: Settings, lang: Lang) -> list[tuple[str, str, str, str]]:
    """Return (key, label, value, explanation) per setting, for the template and the docs."""
    out = []
    for name, f in SETTING_FIELDS.items():
        label: Text = f.metadata["label"]
        doc: Text = f.metadata["doc"]
        out.append(
            (
                name,
                label.format(lang),
                _show(getattr(settings, name)).format(lang),
                doc.format(lang),
            )
        )
    return out
