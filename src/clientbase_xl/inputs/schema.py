"""The input contract: which sheets exist, which columns they have, and how users may name them.

Each sheet is found by Excel table name, else by sheet name (any of :attr:`SheetSchema.names`).
Headers are matched after :func:`header_key` folding, against the English and Russian aliases.
The docs pages in ``docs/inputs/`` are written from this module (see ``tests/inputs/test_docs``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from clientbase_xl.i18n import Text

Kind = Literal["date", "number", "id", "text", "score", "bool"]


@dataclass(frozen=True)
class Column:
    """One column of an input sheet.

    ``key`` is the canonical name used in every frame downstream; ``label`` is what the template
    writes as header; ``aliases`` are further headers accepted on reading.
    """

    key: str
    kind: Kind
    label: Text
    aliases: tuple[str, ...] = ()
    required: bool = False
    note: Text = Text("", "")
    #: The values allowed (compared case-insensitively); empty means any.
    choices: tuple[str, ...] = ()
    #: Other words people write for a choice, read as it (not listed in a problem's
    #: expectation): pairs of a spelling and the choice it stands for.
    synonyms: tuple[tuple[str, str], ...] = ()
    #: Headers that name this column only when no other header does, with a warning: an
    #: amount with VAT, where the column wants it without.
    stand_ins: tuple[str, ...] = ()

    def accepted_headers(self) -> tuple[str, ...]:
        """Every header that names this column."""
        return (self.key, *self.label.both(), *self.aliases, *self.stand_ins)

    def stands_in(self, header: object) -> bool:
        """Whether ``header`` is one of :attr:`stand_ins` (folded as headers are)."""
        return _header_name(header) in {header_key(h) for h in self.stand_ins}


@dataclass(frozen=True)
class SheetSchema:
    """One input sheet: its names, columns, and whether a refresh needs it."""

    key: str
    label: Text
    columns: tuple[Column, ...]
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: Text = Text("", "")

    def names(self) -> tuple[str, ...]:
        """Every table or sheet name that is this sheet."""
        return (self.key, *self.label.both(), *self.aliases)

    def column_for(self, header: object) -> Column | None:
        """The column a header names (any accepted header, folded), or None.

        A unit after the name is no part of it: «Сумма, руб.», "Amount (USD)", «Количество,
        шт.» name Amount and Quantity (thousands, «тыс. руб.», are a unit the numbers are not
        in: such a header names nothing).
        """
        return self._by_header.get(_header_name(header))

    def scaled_column(self, header: object) -> Column | None:
        """The column a header would name but for a scale after it («Сумма, тыс. руб.»)."""
        found = _SCALE.search(str(header))
        return None if found is None else self.column_for(str(header)[: found.start()])

    def reads_as_text(self, header: object) -> bool:
        """Whether the column a header names holds codes or text, whatever its cells look like.

        Readers that type columns themselves (fastexcel, pyarrow) read these as text, so that
        a code typed as a number, ``00123``, stays the code it is.
        """
        col = self.column_for(header)
        return col is not None and col.kind in ("id", "text")

    @cached_property
    def _by_header(self) -> dict[str, Column]:
        return {header_key(h): col for col in self.columns for h in col.accepted_headers()}

    def column(self, key: str) -> Column:
        """Return the column with canonical ``key``."""
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


#: A unit written after a column's name, as reports and hand-made sheets add it.
_UNIT = re.compile(
    r"\s*(?:,\s*|\(\s*|\s+в\s+)(?:руб|rub|rur|р|₽|usd|eur|\$|€|шт|pcs|кг|kg|ед)\.?\s*\)?\s*$",
    re.IGNORECASE,
)

#: A scale written after a column's name: the numbers are in thousands or millions.
_SCALE = re.compile(r"\s*[,(]\s*(?:тыс|тысяч|млн|thousands?|millions?|k|m)\b", re.IGNORECASE)


def _header_name(header: object) -> str:
    """The name a header gives its column: :func:`header_key` of it, its unit aside."""
    return header_key(_UNIT.sub("", str(header)))


def header_key(header: object) -> str:
    """Fold a header or name for matching: case, spaces, underscores, dots and ё do not count."""
    text = str(header).casefold().replace("ё", "е")
    return re.sub(r"[\s_.\-]+", "", text)


_DATE = Column("date", "date", Text("Date", "Дата"), ("Период", "Day", "День"), required=True)
_CLIENT = Column(
    "client",
    "id",
    Text("Client", "Клиент"),
    ("Контрагент", "Покупатель", "Customer", "Client ID", "Код клиента", "Customer ID"),
    required=True,
)
_MANAGER = Column(
    "manager",
    "id",
    Text("Manager", "Менеджер"),
    (
        "Ответственный",
        "Sales rep",
        "Salesperson",
        "Продавец",
        # CRM deal lists: Bitrix24, amoCRM / Kommo
        "Responsible",
        "Responsible person",
        "Responsible user",
    ),
)
#: The headers of a CRM deal list (Bitrix24's «Сделки», amoCRM's and Kommo's deals) that
#: name the Sales columns: a won deal is a sale on its closing date.
_CRM_DATE = ("Дата закрытия", "Предполагаемая дата закрытия", "Closing date", "Close date")
_CRM_CLIENT = ("Компания", "Company")
_CRM_AMOUNT = ("Бюджет", "Budget", "Сумма сделки", "Deal amount", "Opportunity")
_CRM_ORDER = ("Сделка", "ID сделки", "Deal", "Deal ID", "Lead ID")
_CATEGORY = Column(
    "category",
    "id",
    Text("Category", "Категория"),
    ("Товарная группа", "Группа товаров", "Product group", "Номенклатурная группа"),
)

#: How sales exports head their date: 1C's «Дата документа», a shipment's date.
_SALE_DATE = (
    "Дата документа",
    "Document date",
    "Дата продажи",
    "Sale date",
    "Дата реализации",
    "Дата отгрузки",
    "Shipment date",
)

SALES = SheetSchema(
    "sales",
    Text("Sales", "Продажи"),
    (
        replace(_DATE, aliases=_DATE.aliases + _SALE_DATE + _CRM_DATE),
        replace(_CLIENT, aliases=_CLIENT.aliases + _CRM_CLIENT),
        Column(
            "amount",
            "number",
            Text("Amount", "Сумма"),
            ("Выручка", "Revenue", "Sum", "Сумма без НДС", "Net amount", *_CRM_AMOUNT),
            required=True,
            stand_ins=("Сумма с НДС", "Сумма с учетом НДС", "Amount incl. VAT", "Gross amount"),
            note=Text(
                "Net of VAT; returns are negative lines.", "Без НДС; возвраты — строки с минусом."
            ),
        ),
        Column(
            "order",
            "id",
            Text("Order", "Заказ"),
            (
                "Документ",
                "Document",
                "Invoice",
                "Накладная",
                "Order ID",
                "Номер заказа",
                "Регистратор",
                *_CRM_ORDER,
            ),
            note=Text(
                "Lines of one document form one order; without it, one client's lines "
                "of one date do.",
                "Строки одного документа — один заказ; без номера заказом считаются "
                "строки клиента за один день.",
            ),
        ),
        Column(
            "document_type",
            "text",
            Text("Document type", "Вид документа"),
            ("Тип документа", "Document kind", "Transaction type"),
            note=Text(
                "A return's lines typed with a plus («Возврат товаров от клиента», Return, "
                "Credit note) are taken as returns, with a minus; the Order column's text is "
                "read so too.",
                "Строки возврата с плюсом («Возврат товаров от клиента», Return, Credit note) "
                "считаются возвратами, с минусом; так же читается текст столбца «Заказ».",
            ),
        ),
        Column(
            "currency",
            "id",
            Text("Currency", "Валюта"),
            ("Валюта документа", "Валюта взаиморасчетов", "Curr."),
            note=Text(
                "Read only to check that every line is in one currency: amounts in two cannot "
                "be summed.",
                "Читается только для проверки, что все строки в одной валюте: суммы в разных "
                "валютах складывать нельзя.",
            ),
        ),
        _MANAGER,
        Column("product", "id", Text("Product", "Товар"), ("Номенклатура", "SKU", "Item")),
        _CATEGORY,
        Column("quantity", "number", Text("Quantity", "Количество"), ("Qty", "Кол-во", "Кол во")),
        Column(
            "cost",
            "number",
            Text("Cost", "Себестоимость"),
            ("COGS", "Себестоимость продаж"),
            note=Text(
                "Cost of the line; margin = amount − cost.",
                "Себестоимость строки; маржа = сумма − себестоимость.",
            ),
        ),
        Column(
            "stage",
            "text",
            Text("Stage", "Стадия"),
            (
                "Стадия сделки",
                "Этап",
                "Этап сделки",
                "Статус",
                "Статус сделки",
                "Deal stage",
                "Status",
                "Lead status",
            ),
            note=Text(
                "For a CRM deal list: only deals in a stage named in Settings (Sale stages) "
                "count as sales.",
                "Для списка сделок из CRM: продажами считаются только сделки в стадиях, "
                "перечисленных в Параметрах (Стадии продажи).",
            ),
        ),
    ),
    required=True,
    aliases=("Реализация", "Отгрузки", "Shipments", "Сделки", "Deals"),
)

CLIENTS = SheetSchema(
    "clients",
    Text("Clients", "Клиенты"),
    (
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases, required=True),
        Column("name", "text", Text("Name", "Наименование"), ("Название", "Client name")),
        _MANAGER,
        Column("group", "text", Text("Group", "Группа"), ("Сегмент", "Segment", "Client group")),
        Column("region", "text", Text("Region", "Регион"), ("Город", "City")),
        Column("since", "date", Text("Since", "Клиент с"), ("First contact", "Дата начала")),
    ),
    aliases=("Контрагенты", "Customers"),
)

MANAGERS = SheetSchema(
    "managers",
    Text("Managers", "Менеджеры"),
    (
        Column("manager", "id", Text("Manager", "Менеджер"), _MANAGER.aliases, required=True),
        Column("team", "text", Text("Team", "Отдел"), ("Группа", "Команда")),
        Column("active", "bool", Text("Active", "Работает"), ("Активен", "Действует")),
    ),
    aliases=("Sales reps", "Сотрудники"),
)

ACTIVITIES = SheetSchema(
    "activities",
    Text("Activities", "Активности"),
    (
        _DATE,
        Column("manager", "id", Text("Manager", "Менеджер"), _MANAGER.aliases, required=True),
        Column(
            "type",
            "text",
            Text("Type", "Тип"),
            ("Вид", "Activity", "Действие"),
            required=True,
            note=Text(
                "Call, meeting, proposal, invoice or any other type.",
                "Звонок, встреча, КП, счёт или любой другой тип.",
            ),
        ),
        Column(
            "count",
            "number",
            Text("Count", "Количество"),
            ("Кол-во", "Qty"),
            note=Text("Blank means 1.", "Пусто — значит 1."),
        ),
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases),
    ),
    aliases=("Активность", "Дела"),
)

SURVEY = SheetSchema(
    "survey",
    Text("Survey", "Опрос"),
    (
        _DATE,
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases, required=True),
        Column(
            "score",
            "score",
            Text("Score", "Оценка"),
            ("NPS", "Балл", "Rating"),
            required=True,
            note=Text("0 to 10.", "От 0 до 10."),
        ),
        Column(
            "comment",
            "text",
            Text("What would make it a 10", "Что сделало бы оценку десяткой"),
            ("Comment", "Комментарий", "Что сделать, чтобы стало 10"),
        ),
        Column(
            "more",
            "text",
            Text(
                "What would make you buy 15-20 % more",
                "Что нужно, чтобы покупать на 15-20 % больше",
            ),
            ("Buy more if", "Покупали бы больше, если"),
        ),
        Column(
            "elsewhere",
            "text",
            Text("What else you buy elsewhere", "Что ещё покупаете у других"),
            ("Bought elsewhere", "Покупает у других"),
            note=Text(
                "Categories to offer: the Wallet sheet's cross-sell.",
                "Категории, которые можно предложить: кросс-продажи листа «Потенциал».",
            ),
        ),
        Column(
            "competitors",
            "text",
            Text("What competitors do better", "Что конкуренты делают лучше"),
            ("Competitors better", "Конкуренты лучше"),
        ),
        Column(
            "themes",
            "text",
            Text("Themes", "Темы"),
            ("Theme", "Тема", "Tags", "Теги"),
            note=Text(
                "Your tags for the answers, separated by ; or , (price; delivery): the NPS tab "
                "counts answers and NPS per theme.",
                "Ваши метки ответов через ; или , (цена; доставка): вкладка NPS считает ответы "
                "и NPS по темам.",
            ),
        ),
    ),
    aliases=("NPS survey", "Опрос NPS"),
    note=Text(
        "Ask: How likely are you to recommend us, 0-10? What would make it a 10? "
        "What would make you buy 15-20 % more from us? What else do you buy elsewhere?",
        "Спросите: Насколько вероятно, что вы порекомендуете нас, от 0 до 10? Что сделало бы "
        "оценку десяткой? Что нужно, чтобы вы покупали у нас на 15-20 % больше? Что ещё вы "
        "покупаете у других?",
    ),
)

WALLET = SheetSchema(
    "wallet",
    Text("Wallet", "Потенциал"),
    (
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases, required=True),
        Column("category", "id", Text("Category", "Категория"), _CATEGORY.aliases, required=True),
        Column(
            "total",
            "number",
            Text("Total", "Всего закупок"),
            ("Объём закупок", "Общий объем", "Wallet", "Total purchases"),
            required=True,
            note=Text(
                "The client's purchases of the category from all suppliers, not below 0.",
                "Закупки клиента по категории у всех поставщиков, не меньше 0.",
            ),
        ),
        Column(
            "date",
            "date",
            Text("Estimated on", "Дата оценки"),
            ("Date", "Дата", "As of", "На дату"),
            note=Text(
                "When the client gave the estimate. Keep the older rows and add a dated row "
                "for each new estimate: the Potential tab then shows the share of wallet a year "
                "ago and now, and flags estimates grown old.",
                "Когда клиент дал оценку. Не удаляйте старые строки, а добавляйте новую строку "
                "с датой для каждой новой оценки: вкладка «Потенциал роста» покажет пенетрацию "
                "год назад и сейчас и отметит устаревшие оценки.",
            ),
        ),
    ),
    aliases=("Share of wallet", "Кошелёк", "Пенетрация"),
    note=Text(
        "Ask each client: How much of this category do you buy a year, from us and from "
        "competitors? Estimates without real numbers run about 30 % low.",
        "Спросите каждого клиента: сколько товаров этой категории вы закупаете в год — у нас и "
        "у конкурентов? Оценки «на глаз» обычно занижены примерно на 30 %.",
    ),
)

#: The per-client metrics a criterion's Source may name (English key or either label); a Source
#: may also name a numeric column of the Clients sheet.
CRITERION_METRICS: dict[str, Text] = {
    "revenue": Text("Revenue", "Выручка"),
    "margin": Text("Margin", "Маржа"),
    "margin_pct": Text("Margin %", "Маржа, %"),
    "orders": Text("Orders", "Заказы"),
    "active_months": Text("Months with orders", "Месяцев с заказами"),
    "growth": Text("Growth", "Рост"),
    "penetration": Text("Share of wallet", "Пенетрация"),
    "potential": Text("Potential", "Потенциал"),
    "nps": Text("NPS score", "Оценка NPS"),
    "rfm": Text("RFM score", "Оценка RFM"),
    "recency": Text("Days since last order", "Дней с последнего заказа"),
    "ltv": Text("LTV", "LTV"),
    "categories": Text("Categories bought", "Категорий куплено"),
}
#: Direction values meaning "less is better"; any other (or blank) means "more is better".
LOWER_IS_BETTER = ("lower", "меньше")


def criterion_metric(source: object) -> str | None:
    """The :data:`CRITERION_METRICS` key a Source cell names, or None."""
    wanted = header_key(source)
    return next(
        (
            k
            for k, t in CRITERION_METRICS.items()
            if wanted in {header_key(n) for n in (k, *t.both())}
        ),
        None,
    )


CRITERIA = SheetSchema(
    "criteria",
    Text("Criteria", "Критерии"),
    (
        Column("criterion", "text", Text("Criterion", "Критерий"), ("Признак",), required=True),
        Column(
            "source",
            "text",
            Text("Source", "Источник"),
            ("Метрика", "Metric"),
            required=True,
            note=Text(
                "A metric ("
                + ", ".join(CRITERION_METRICS)
                + ") or a column of the Clients sheet: numeric, or text with Points.",
                "Показатель ("
                + ", ".join(t.ru for t in CRITERION_METRICS.values())
                + ") или столбец листа «Клиенты»: числовой или текстовый с баллами.",
            ),
        ),
        Column(
            "weight",
            "number",
            Text("Weight", "Вес"),
            (),
            required=True,
            note=Text("0 or more; not all 0.", "0 или больше; не все 0."),
        ),
        Column(
            "direction",
            "text",
            Text("Direction", "Направление"),
            (),
            choices=("higher", "lower", "больше", "меньше"),
            note=Text("Blank means higher is better.", "Пусто — больше значит лучше."),
        ),
        Column(
            "points",
            "text",
            Text("Points", "Баллы"),
            ("Values", "Значения", "Баллы по значениям"),
            note=Text(
                "For a text column of Clients (industry, region): points per value, e.g. "
                "Retail = 10; Wholesale = 5. Values not listed are unknown.",
                "Для текстового столбца «Клиентов» (отрасль, регион): баллы по значениям, "
                "например Розница = 10; Опт = 5. Не перечисленные значения — неизвестны.",
            ),
        ),
        replace(
            _CATEGORY,
            note=Text(
                "Blank: the criterion counts in the overall score. A category of Sales: it "
                "counts in that category's own score (a criteria list per product group).",
                "Пусто — критерий входит в общий балл. Категория листа «Продажи» — в балл по "
                "этой категории (свой список признаков на товарную группу).",
            ),
        ),
    ),
    aliases=("Признаки приоритетности",),
    note=Text(
        "Without this sheet the Priority tab uses revenue 35, margin 25, growth 15, orders 15 "
        "and NPS 10.",
        "Без этого листа вкладка «Приоритеты» берёт выручку 35, маржу 25, рост 15, заказы 15 "
        "и NPS 10.",
    ),
)

MEASURES = SheetSchema(
    "measures",
    Text("Priority measures", "Меры по приоритетам"),
    (
        Column("group", "text", Text("Group", "Группа"), required=True),
        Column("measures", "text", Text("Loyalty measures", "Меры по повышению приверженности")),
    ),
    # The action matrix of the Priority tab, read back so that the measures typed into it
    # survive the next refresh.
    aliases=("cb_priority_actions",),
    note=Text(
        "Not a sheet to fill: the Loyalty measures typed into the Priority tab's action matrix, "
        "kept by every refresh.",
        "Не лист для заполнения: меры, вписанные в матрицу действий вкладки «Приоритеты», "
        "сохраняются при каждом обновлении.",
    ),
)

_MONTH = Column(
    "month",
    "date",
    Text("Month", "Месяц"),
    ("Период", "Period"),
    note=Text("Any day of the month planned.", "Любой день планируемого месяца."),
)

TARGETS = SheetSchema(
    "targets",
    Text("Targets", "Цели"),
    (
        replace(_MONTH, required=True),
        replace(
            _MANAGER,
            note=Text(
                "Blank: the company's target for the month.", "Пусто — цель компании на месяц."
            ),
        ),
        Column(
            "target",
            "number",
            Text("Target", "Цель"),
            ("План продаж", "Sales target"),
            required=True,
            note=Text(
                "Sales for the month, not below 0. A target of 0, or one above 10 times or "
                "below 1 % of the best month sold so far, is warned about.",
                "Продажи за месяц, не меньше 0. О цели 0, а также в 10 раз больше лучшего "
                "месяца продаж или меньше 1 % от него будет предупреждение.",
            ),
        ),
        replace(
            _CATEGORY,
            note=Text(
                "A category of Sales: its target for the month, split over the clients that "
                "buy it or have a wallet in it. A month's targets are per category or per "
                "manager and company, not both.",
                "Категория листа «Продажи»: её цель на месяц делится между клиентами, которые "
                "её покупают или у которых есть закупки по ней. Цели месяца задаются либо по "
                "категориям, либо по менеджерам и компании.",
            ),
        ),
    ),
    aliases=("Sales targets", "Цели продаж"),
    note=Text(
        "A sales target per month, for the company or a manager: it is split over the clients "
        "by the Plan split setting (current sales, last year's same month, or what each client "
        "could buy) and becomes their plans when the month before is closed.",
        "Цель продаж на месяц — компании или менеджера: она делится между клиентами по "
        "параметру «Деление плана» (текущие продажи, тот же месяц прошлого года или то, что "
        "клиент может купить) и становится их планами при закрытии предыдущего месяца.",
    ),
)

PLANS = SheetSchema(
    "plans",
    Text("Plans", "Планы"),
    (
        _MONTH,
        replace(
            _CLIENT,
            required=False,
            note=Text("A client's own plan, or blank.", "Свой план клиента или пусто."),
        ),
        replace(
            _MANAGER,
            note=Text(
                "With Client blank: the manager's total.", "При пустом «Клиенте» — итог менеджера."
            ),
        ),
        Column(
            "plan",
            "number",
            Text("Plan", "План"),
            (),
            required=True,
            note=Text(
                "Sales for the month, not below 0. A plan above 10 times or below 1 % of its "
                "client's (a total: its manager's) best month so far is warned about: a cell "
                "showing 10% holds 0.1.",
                "Продажи за месяц, не меньше 0. О плане в 10 раз больше лучшего месяца клиента "
                "(для итога — менеджера) или меньше 1 % от него будет предупреждение: в ячейке "
                "с 10% хранится 0,1.",
            ),
        ),
    ),
    aliases=("Plan overrides", "Ручные планы"),
    note=Text(
        "Plans you set yourself win over the computed ones; the rest of a target is split over "
        "the other clients. Month blank: every month.",
        "Планы, заданные вручную, важнее рассчитанных; остаток цели делится между другими "
        "клиентами. Пустой месяц — каждый месяц.",
    ),
)

#: Seed 003's four directions of measures, by code.
MEASURE_DIRECTIONS: dict[str, Text] = {
    "priority_clients": Text("More priority clients", "Больше приоритетных клиентов"),
    "demand": Text("Deeper demand", "Глубже спрос"),
    "assortment": Text("Broader assortment", "Шире ассортимент"),
    "commitment": Text("Commitment", "Приверженность"),
}
#: Where a measure stands, by code; blank is open.
MEASURE_STATUSES: dict[str, Text] = {
    "open": Text("open", "в работе"),
    "done": Text("done", "выполнено"),
    "cancelled": Text("cancelled", "отменено"),
}


def _named(texts: dict[str, Text]) -> tuple[str, ...]:
    """Every way to write one of ``texts``: its code and its name in either language."""
    return tuple(dict.fromkeys(v for k, t in texts.items() for v in (k, *t.both())))


#: How people write a measure's status besides its names: «сделано», "in progress".
MEASURE_STATUS_SYNONYMS = tuple(
    (spelling, status)
    for status, spellings in {
        "done": ("сделано", "сделан", "готово", "завершено", "закрыто", "completed", "closed"),
        "open": ("в процессе", "начато", "запланировано", "in progress", "planned", "started"),
        "cancelled": ("отмена", "отменён", "отменен", "canceled"),
    }.items()
    for spelling in spellings
)


MEASURE_PLAN = SheetSchema(
    "measure_plan",
    Text("Measure plan", "План мероприятий"),
    (
        Column(
            "direction",
            "text",
            Text("Direction", "Направление"),
            (),
            required=True,
            choices=_named(MEASURE_DIRECTIONS),
            note=Text(
                "More priority clients, Deeper demand, Broader assortment or Commitment.",
                "Больше приоритетных клиентов, Глубже спрос, Шире ассортимент или Приверженность.",
            ),
        ),
        Column("measure", "text", Text("Measure", "Мероприятие"), ("Мера",), required=True),
        Column("owner", "id", Text("Owner", "Ответственный"), ("Manager", "Менеджер")),
        Column(
            "group",
            "text",
            Text("Priority group", "Группа приоритета"),
            ("Group", "Группа"),
        ),
        replace(_CLIENT, required=False),
        Column("deadline", "date", Text("Deadline", "Срок"), ("Due", "До")),
        Column("resources", "text", Text("Resources", "Ресурсы"), ("Budget", "Бюджет")),
        Column(
            "status",
            "text",
            Text("Status", "Статус"),
            (),
            choices=_named(MEASURE_STATUSES),
            synonyms=MEASURE_STATUS_SYNONYMS,
            note=Text(
                "Blank means open. Done, сделано, completed, in progress, отмена and the like "
                "are read too.",
                "Пусто — в работе. Читаются и «сделано», «готово», «в процессе», «отмена» и "
                "подобные.",
            ),
        ),
    ),
    aliases=("Measures plan", "Мероприятия"),
    note=Text(
        "Seed 003's action plan: each measure in one of four directions, with an owner, a "
        "deadline and resources. A measure past its deadline and not done is flagged; the "
        "owner's open measures are on the Actions tab. Yours: no refresh changes this sheet.",
        "План мероприятий по четырём направлениям: ответственный, срок, ресурсы. Мероприятие "
        "после срока и не выполненное отмечается; открытые мероприятия ответственного — на "
        "вкладке «Действия». Лист ваш: обновление его не меняет.",
    ),
)

PAYMENTS = SheetSchema(
    "payments",
    Text("Payments", "Оплаты"),
    (
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases, required=True),
        Column(
            "invoice_date",
            "date",
            Text("Invoice date", "Дата счёта"),
            ("Дата документа",),
            required=True,
        ),
        Column("due_date", "date", Text("Due date", "Срок оплаты"), ()),
        Column("paid_date", "date", Text("Paid date", "Дата оплаты"), ()),
        Column("amount", "number", Text("Amount", "Сумма"), (), required=True),
    ),
)

STOCK = SheetSchema(
    "stock",
    Text("Stock", "Остатки"),
    (
        _DATE,
        Column(
            "product",
            "id",
            Text("Product", "Товар"),
            ("Номенклатура", "SKU", "Item"),
            required=True,
        ),
        Column(
            "quantity", "number", Text("Quantity", "Количество"), ("Qty", "Кол-во"), required=True
        ),
        Column("value", "number", Text("Value", "Стоимость"), ("Сумма", "Amount")),
    ),
)

SETTINGS = SheetSchema(
    "settings",
    Text("Settings", "Настройки"),
    (
        Column(
            "setting",
            "text",
            Text("Setting", "Параметр"),
            ("Name", "Имя", "Настройка"),
            required=True,
        ),
        Column(
            "value",
            "text",
            Text("Value", "Значение"),
            (),
            note=Text("Blank means the default.", "Пусто — значение по умолчанию."),
        ),
    ),
    aliases=("Параметры",),
)

#: Every input sheet, in the order the template shows them.
RFM_SEGMENTS = SheetSchema(
    "rfm_segments",
    Text("RFM segments", "Сегменты RFM"),
    (
        Column("segment", "text", Text("Segment", "Сегмент"), required=True),
        *(
            Column(
                f"{k}_{end}", "score", Text(f"{k.upper()} {en}", f"{k.upper()} {ru}"), required=True
            )
            for k in ("r", "f", "m")
            for end, en, ru in (("low", "from", "от"), ("high", "to", "до"))
        ),
    ),
    aliases=("RFM rules", "Правила RFM"),
    note=Text(
        "One rule a row, tried in order: the first whose score ranges hold a client names it; "
        "clients no rule holds are Others.",
        "Одно правило в строке, по порядку: клиента называет первое подходящее правило; "
        "остальные — «Прочие».",
    ),
)

HISTORY = SheetSchema(
    "history",
    Text("History", "История"),
    (
        Column("month", "date", Text("Month", "Месяц"), ("Период",), required=True),
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases, required=True),
        Column("manager", "id", Text("Manager", "Менеджер"), _MANAGER.aliases),
        Column("abc", "text", Text("ABC", "ABC"), required=True, choices=tuple("ABCD")),
        Column("xyz", "text", Text("XYZ", "XYZ"), required=True, choices=tuple("XYZ")),
        Column("cell", "text", Text("Cell", "Ячейка")),
        Column("revenue", "number", Text("Revenue", "Выручка")),
        Column("margin", "number", Text("Margin", "Маржа")),
        Column("orders", "number", Text("Orders", "Заказы")),
        Column("active_months", "number", Text("Months with orders", "Месяцев с заказами")),
        Column(
            "plan",
            "number",
            Text("Plan for next month", "План на следующий месяц"),
            note=Text(
                "The individual plan set when the month was closed.",
                "Индивидуальный план, установленный при закрытии месяца.",
            ),
        ),
    ),
    aliases=("cb_history_snapshots",),
    note=Text(
        "Written by Close month: one snapshot per closed month. Edit only to correct it.",
        "Пишется кнопкой «Закрыть месяц»: снимок каждого закрытого месяца.",
    ),
)

HISTORY_WALLET = SheetSchema(
    "history_wallet",
    Text("History: share of wallet", "История: пенетрация"),
    (
        Column("month", "date", Text("Month", "Месяц"), ("Период",), required=True),
        Column("client", "id", Text("Client", "Клиент"), _CLIENT.aliases, required=True),
        Column("category", "id", Text("Category", "Категория"), _CATEGORY.aliases, required=True),
        Column("ours", "number", Text("Our sales", "Наши продажи")),
        Column("total", "number", Text("Wallet", "Закупки всего")),
        Column("penetration", "number", Text("Share of wallet", "Пенетрация")),
    ),
    aliases=("cb_history_wallet",),
    note=Text(
        "Written by Close month: the share of wallet of each client and category that month.",
        "Пишется кнопкой «Закрыть месяц»: пенетрация каждого клиента и категории в том месяце.",
    ),
)

SHEETS: tuple[SheetSchema, ...] = (
    SALES,
    CLIENTS,
    MANAGERS,
    ACTIVITIES,
    SURVEY,
    WALLET,
    CRITERIA,
    MEASURES,
    TARGETS,
    PLANS,
    MEASURE_PLAN,
    PAYMENTS,
    STOCK,
    RFM_SEGMENTS,
    HISTORY,
    HISTORY_WALLET,
    SETTINGS,
)
