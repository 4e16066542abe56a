"""Spec of the Priority tab: the seed-003 action matrix, the criteria and every client's score."""

from __future__ import annotations

import dataclasses

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.schema import MEASURES
from clientbase_xl.report.spec import ON_FILE, Block, Col, DataBar, TabSpec

#: The block whose columns grow by one per criterion (see :func:`with_criteria`).
CLIENTS_BLOCK = "clients"

PRIORITY = TabSpec(
    "priority",
    T("Priority", "Приоритеты"),
    T(
        "Clients scored by the company's own weighted criteria (Criteria sheet), grouped by "
        "score, and the action matrix per group. Type measures into the last column: they "
        "are kept by every refresh.",
        "Клиенты по взвешенным признакам приоритетности (лист «Критерии»), группы по баллу и "
        "матрица мер по группам. Меры вписывайте в последний столбец: обновление их сохраняет.",
    ),
    (
        Block(
            "actions",
            T("Action matrix", "Матрица мер"),
            (
                # The group and measures headers are those of the Measures input, which reads
                # this table back on the next refresh.
                Col("group", MEASURES.column("group").label, width=16),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("revenue", T("Current sales", "Текущие продажи"), "money", 14),
                Col(
                    "potential",
                    T("Possible growth (wallet)", "Возможный рост (по закупкам)"),
                    "money",
                    14,
                ),
                Col(
                    "candidates",
                    T("Candidates to join (within 10 points)", "Кандидаты (до 10 баллов)"),
                    "int",
                    12,
                ),
                Col("new_clients", T("New clients", "Новые клиенты"), "int", 9),
                Col("new_revenue", T("Sales to new clients", "Продажи новым"), "money", 13),
                Col(
                    "depth",
                    T("Assortment depth", "Глубина по ассортименту"),
                    "pct",
                    11,
                ),
                Col("top_clients", T("Largest clients", "Крупнейшие клиенты"), width=40),
                Col("measures", MEASURES.column("measures").label, width=50),
            ),
            (DataBar("revenue"),),
        ),
        Block(
            "criteria",
            T("Criteria", "Критерии"),
            (
                Col("criterion", T("Criterion", "Критерий"), width=18),
                Col("source", T("Source", "Источник"), width=20),
                Col("weight", T("Weight", "Вес"), "ratio", 8),
                Col("weight_share", T("Share of the score", "Доля в балле"), "pct", 10),
                Col("direction", T("Better when", "Лучше, когда"), width=12),
                Col("known", T("Clients with a value", "Клиентов со значением"), "int", 11),
            ),
            (DataBar("weight_share"),),
        ),
        Block(
            CLIENTS_BLOCK,
            T("Clients by score", "Клиенты по баллу"),
            (
                Col("rank", T("Rank", "Место"), "int", 7),
                Col("client", T("Client", "Клиент"), width=14),
                Col("name", T("Name", "Наименование"), width=26),
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("group", T("Group", "Группа"), width=16),
                Col("score", T("Score", "Балл"), "pct", 9),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
            ),
            (DataBar("score"),),
        ),
    ),
    counts=("clients", ON_FILE),
)


def with_criteria(names: list[str]) -> TabSpec:
    """The Priority spec with one 0-1 score column per criterion in the clients block.

    ``names`` are unique (the Criteria sheet allows no duplicates).

    The criteria are the user's, so these columns exist only at refresh time; their frame keys
    are ``criterion_0``, ``criterion_1``, ... in the order given.
    """
    # Headers of an Excel table must be unique: a criterion named like a column ("Revenue")
    # would clash, so each is headed as the score it is.
    extra = tuple(
        Col(
            f"criterion_{i}",
            T(f"Score: {name}", f"Балл: {name}"),
            "pct",
            max(10.0, min(18.0, len(name) + 8.0)),
        )
        for i, name in enumerate(names)
    )
    blocks = tuple(
        dataclasses.replace(b, columns=(*b.columns, *extra)) if b.key == CLIENTS_BLOCK else b
        for b in PRIORITY.blocks
    )
    return dataclasses.replace(PRIORITY, blocks=blocks)
