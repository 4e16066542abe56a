"""CRM deal lists as their users export them: Bitrix24 («Сделки», CSV in Windows-1251 with ';')
and amoCRM (deals, CSV in UTF-8 with a byte-order mark and ','), both in tests/data, built
from the columns those exports carry. Each is read as a Sales file and pasted as a sheet; only
won deals count, deals still open (no closing date) or lost are left out and said once."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from clientbase_xl.cli import main
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.schema import SALES
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.sources import read_source

DATA = Path(__file__).parent.parent / "data"
#: file -> (encoding, separator, deals in other stages, their message's stages)
EXPORTS = {
    "bitrix24_deals.csv": (
        "cp1251",
        ";",
        4,
        "Сделка провалена 1, В работе 1, Счёт на предоплату 1, Анализ причины провала 1",
    ),
    "amocrm_deals.csv": (
        "utf-8-sig",
        ",",
        3,
        "Закрыто и не реализовано 1, Переговоры 1, Первичный контакт 1",
    ),
}
#: Won in both files: 15,000 + 17,500 (Ромашка), 48,250.50 (СтройТех), 22,100 (Лебедев).
WON = {"ООО Ромашка": 32500.0, "АО СтройТех": 48250.5, "ИП Лебедев": 22100.0}


def _run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    return main(list(args), io.StringIO(), err), err.getvalue()


def _revenue(tables: dict[str, object]) -> dict[str, float]:
    inputs, problems = load_inputs(tables)  # type: ignore[arg-type]
    assert inputs is not None, problems.lines("en")
    assert not problems.has_errors
    return inputs.sales.groupby("client")["amount"].sum().to_dict()


@pytest.mark.parametrize("name", EXPORTS)
def test_only_won_deals_are_sales(name: str) -> None:
    assert _revenue({"sales": read_source(DATA / name, SALES)}) == WON


@pytest.mark.parametrize("name", EXPORTS)
def test_a_deal_list_pasted_into_a_sheet_refreshes(name: str, tmp_path: Path) -> None:
    encoding, sep, n, found = EXPORTS[name]
    with (DATA / name).open(encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh, delimiter=sep))
    wb = openpyxl.Workbook()
    wb.active.title = "Сделки"
    for row in rows:  # pasted as text, the way a CSV opened in Excel and copied arrives
        wb.active.append(row)
    book = tmp_path / "deals.xlsx"
    wb.save(book)
    code, stderr = _run("refresh", str(book), "--out", str(tmp_path / "out.xlsx"))
    assert code == 0, stderr
    assert f"{n} deal(s) in other stages left out ({found})" in stderr
    assert "error" not in stderr  # open deals have no closing date: not an error of theirs
    segments = pd.read_excel(
        tmp_path / "out.xlsx", sheet_name="Segments", header=None, engine="calamine"
    )
    assert set(WON) <= set(segments.stack().astype(str))


def test_the_sale_stages_are_a_setting(book_from: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "deals.csv").write_bytes((DATA / "bitrix24_deals.csv").read_bytes())
    settings = Settings(sales_file="deals.csv", sale_stages=("Сделка успешна", "Сделка провалена"))
    book = book_from({}, settings=settings)
    code, stderr = _run("check", str(book))
    assert code == 0, stderr
    assert (
        "3 deal(s) in other stages left out (В работе 1, Счёт на предоплату 1, Анализ причины "
        "провала 1)" in stderr
    )


def test_no_deal_in_a_sale_stage_is_an_error_naming_the_stages(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "deals.csv").write_bytes((DATA / "amocrm_deals.csv").read_bytes())
    book = book_from({}, settings=Settings(sales_file="deals.csv", sale_stages=("Оплачено",)))
    code, stderr = _run("check", str(book))
    assert code == 1
    assert (
        "No line is in a sale stage (Оплачено); the stages found: Успешно реализовано 4, "
        "Закрыто и не реализовано 1, Переговоры 1, Первичный контакт 1." in stderr
    )
    assert "Sale stages" in stderr


def test_stages_match_like_headers() -> None:
    # Case, spaces and dashes do not count: "closed-WON" is Kommo's "Closed - won".
    raw = read_source(DATA / "amocrm_deals.csv", SALES)
    settings = Settings(sale_stages=("успешно  РЕАЛИЗОВАНО",))
    from clientbase_xl.inputs.validate import validate_table

    frame, _ = validate_table(raw, SALES, settings.sale_stages)
    assert frame["amount"].sum() == sum(WON.values())
