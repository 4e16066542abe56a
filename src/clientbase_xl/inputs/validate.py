"""Parse one raw table against its schema, collecting every problem instead of stopping.

Input: a :class:`~clientbase_xl.inputs.raw.RawTable` and a
:class:`~clientbase_xl.inputs.schema.SheetSchema`. Output: a frame with one row per non-blank input
row, the schema's canonical column keys (typed; missing optional columns absent), any extra user
columns under their own headers, and ``_row`` (the Excel row number); plus a list of problems.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.inputs.header import (
    SEARCH_ROWS,
    find_header,
    first_rows,
    sum_rows,
    totals_rows,
)
from clientbase_xl.inputs.problems import Problem, row_list
from clientbase_xl.inputs.raw import ColumnCells, RawTable, cell_at, column_letter
from clientbase_xl.inputs.schema import Column, Kind, SheetSchema
from clientbase_xl.inputs.stages import SALE_STAGES, other_stages
from clientbase_xl.inputs.values import PARSERS, Parsed, parse_date, parse_text

#: Tables with this many rows have their columns parsed on two threads. Below, threads cost
#: more than they give; above (files past a sheet's million rows), the temporaries of two
#: columns at once cost more memory than the time saved is worth: 570 MB more at 10M lines,
#: which took the refresh within 0.1 GB of its 4 GB budget.
PARALLEL_ROWS = range(50_000, 2_000_001)

EXPECTED: dict[Kind, Text] = {
    "date": Text("Expected a date.", "Ожидалась дата."),
    "number": Text("Expected a number.", "Ожидалось число."),
    "score": Text("Expected a whole number from 0 to 10.", "Ожидалось целое число от 0 до 10."),
    "bool": Text("Expected yes or no.", "Ожидалось да или нет."),
    "id": Text("Expected a code or name.", "Ожидался код или наименование."),
    "text": Text("Expected text.", "Ожидался текст."),
}
FIX: dict[Kind, Text] = {
    "date": Text(
        "Type it as 31.12.2025 or 2025-12-31, or format the cell as a date.",
        "Введите как 31.12.2025 или 2025-12-31 либо задайте ячейке формат даты.",
    ),
    "number": Text(
        "Keep only digits, a minus and one decimal separator, e.g. 1234,56.",
        "Оставьте только цифры, минус и один десятичный разделитель, например 1234,56.",
    ),
    "score": Text("Enter the answer on the 0-10 scale.", "Введите ответ по шкале 0-10."),
    "bool": Text("Enter yes/no (да/нет) or TRUE/FALSE.", "Введите да/нет или ИСТИНА/ЛОЖЬ."),
    "id": Text("Enter the code.", "Введите код."),
    "text": Text("Enter the text.", "Введите текст."),
}
#: The largest magnitude a number cell may hold: Excel keeps 15 significant digits, so past
#: this no sum of amounts is exact to the cent, and sums of a few near 1e308 overflow.
NUMBER_LIMIT = 1e15
TOO_LARGE = Text(
    "The number is too large for an amount (over 10^15): no sum of it would be exact.",
    "Число слишком велико для суммы (больше 10^15): ни одна сумма с ним не будет точной.",
)
TOO_LARGE_FIX = Text(
    "Check the cell: a pasted code or a formula error? Enter the real amount.",
    "Проверьте ячейку: не вставлен ли код или ошибка формулы? Введите настоящую сумму.",
)
NO_HEADER = Text(
    "No header row found in the first {n} rows: a row naming {expected} was expected. The rows "
    "looked at: {rows}.",
    "Строка заголовков не найдена в первых {n} строках: ожидалась строка с {expected}. "
    "Просмотренные строки: {rows}.",
)
NO_HEADER_FIX = Text(
    "Give the columns headers (Date / Дата, Client / Клиент, Amount / Сумма ...) in one row "
    "above the data.",
    "Подпишите столбцы (Дата, Клиент, Сумма ...) в одной строке над данными.",
)
GROUP_ROWS = Text(
    "{n} group row(s) of the report (rows {rows}) have no date: they are subtotals, left out.",
    "Строк групп отчёта без даты: {n} (строки {rows}) — это промежуточные итоги, не учтены.",
)
SUM_ROWS = Text(
    "{n} subtotal row(s) (rows {rows}) hold the sum of the lines above them and no date or "
    "client: left out.",
    "Строк промежуточных итогов: {n} (строки {rows}) — в них сумма строк над ними и нет даты "
    "или клиента; не учтены.",
)
SUBTOTALS_FIX = Text(
    "Nothing to do; a line that is a real sale needs its date.",
    "Ничего делать не нужно; настоящей продаже нужна дата.",
)
CHOICE = Text("Expected one of: {choices}.", "Ожидалось одно из: {choices}.")
CHOICE_FIX = Text("Use one of the listed values.", "Используйте одно из перечисленных значений.")
BLANK = Text("The required value is empty.", "Обязательное значение не заполнено.")
BLANK_FIX = Text("Fill it in or delete the row.", "Заполните или удалите строку.")
UNCALCULATED = Text(
    "The cell holds a formula saved without its result (the file was written by a program "
    "that does not calculate), so its value is unknown.",
    "В ячейке формула, сохранённая без результата (файл записан программой, которая не "
    "вычисляет формулы), поэтому значение неизвестно.",
)
UNCALCULATED_FIX = Text(
    "Open the file in Excel or LibreOffice, let it calculate, save it and refresh again; or "
    "paste the column as values.",
    "Откройте файл в Excel или LibreOffice, дайте ему пересчитать, сохраните и обновите снова; "
    "или вставьте столбец как значения.",
)
MISSING_COLUMN = Text("Required column {column} is missing.", "Нет обязательного столбца {column}.")
MISSING_COLUMN_FIX = Text(
    "Add a column headed one of: {accepted}.", "Добавьте столбец с заголовком: {accepted}."
)
STAND_IN = Text(
    "Column {column} is read as {name}: amounts with VAT, where net amounts are wanted. "
    "Shares, segments and counts are the same either way; revenue, margins, LTV and plans "
    "include the VAT.",
    "Столбец {column} читается как сумма: суммы с НДС там, где нужны без НДС. Доли, "
    "сегменты и счёт заказов от этого не меняются; выручка, маржа, LTV и планы — с НДС.",
)
STAND_IN_FIX = Text(
    "Add a column of amounts without VAT headed {name} or «Сумма без НДС» (it is then read "
    "instead); if VAT does not matter to you, nothing to do.",
    "Добавьте столбец сумм без НДС с заголовком «{name_ru}» или «Сумма без НДС» (тогда читается "
    "он); если НДС вам не важен, ничего делать не нужно.",
)
SCALED_COLUMN = Text(
    "Column {column} is in thousands or millions, so it is not read as {name}: every result "
    "in money would be that many times too small.",
    "Столбец {column} в тысячах или миллионах, поэтому он не читается как {name_ru}: все "
    "денежные результаты были бы во столько же раз меньше.",
)
SCALED_COLUMN_FIX = Text(
    "Put the numbers in full (Excel: type 1000 in a cell, copy it, select the column, Paste "
    "Special > Multiply) and head the column {name}.",
    "Запишите числа полностью (Excel: введите 1000 в ячейку, скопируйте её, выделите столбец, "
    "Специальная вставка > Умножить) и назовите столбец «{name_ru}».",
)
DUPLICATE_COLUMN = Text(
    "Column {column} appears twice (also in {other}); this one is ignored.",
    "Столбец {column} встречается дважды (ещё в {other}); этот не учитывается.",
)
DUPLICATE_COLUMN_FIX = Text(
    "Rename or delete one of the two columns.", "Переименуйте или удалите один из двух столбцов."
)
BLANK_HEADER = Text(
    "A column has data but no header; it is ignored.",
    "У столбца с данными нет заголовка; он не учитывается.",
)
BLANK_HEADER_FIX = Text(
    "Give the column a header or delete it.", "Дайте столбцу заголовок или удалите его."
)


def _where(raw: RawTable, index: int) -> str:
    return f"{raw.header[index]} ({column_letter(raw.first_col + index)})"


def _has_data(cells: ColumnCells) -> bool:
    return not parse_text(cells).blank.all()


def show_value(value: object) -> str:
    """Render a cell value for a problem report as the user would recognise it."""
    if value is None:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < NUMBER_LIMIT:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.15g}"  # as Excel shows it: 15 significant digits
    if isinstance(value, dt.datetime):
        # A typed column hands a Timestamp, a cell by cell read a date or datetime: the same
        # cell is shown the same way, a date at midnight as the date alone.
        moment = pd.Timestamp(value).to_pydatetime()
        return str(moment.date() if moment.time() == dt.time() else moment)
    return str(value)


#: The fewest letters of a name's start taken for the name, when it starts no other name:
#: «Больше приоритетных» for «Больше приоритетных клиентов», "high" for "higher".
PREFIX_LETTERS = 3


def _plain(name: str) -> str:
    """A name as it is compared: case, runs of spaces and a closing full stop aside."""
    return " ".join(name.casefold().split()).rstrip(".")


def _restrict(
    parsed: Parsed, choices: tuple[str, ...], synonyms: tuple[tuple[str, str], ...] = ()
) -> Parsed:
    """Map values onto ``choices`` (``synonyms`` too), compared as :func:`_plain` leaves them.

    A value that starts exactly one choice (at least :data:`PREFIX_LETTERS` letters) is that
    choice; anything else is bad.
    """
    canonical = {_plain(s): c for s, c in synonyms}
    canonical |= {_plain(c): c for c in choices}

    def choose(value: object) -> str | None:
        typed = _plain(str(value))
        if typed in canonical:
            return canonical[typed]
        starts = {c for name, c in canonical.items() if name.startswith(typed)}
        return starts.pop() if len(typed) >= PREFIX_LETTERS and len(starts) == 1 else None

    # Each distinct value once: a Stage column of a million lines holds a handful.
    chosen = {v: choose(v) for v in parsed.values.dropna().unique()}
    mapped = parsed.values.map(chosen)
    bad = parsed.bad | (~parsed.blank & mapped.isna().to_numpy())
    return Parsed(mapped, parsed.blank, bad)


def _too_large(cell: object) -> bool:
    """Whether a bad number cell is bad for its size alone (a number, but past the limit)."""
    number = PARSERS["number"]([cell])
    return not number.bad[0] and bool(abs(number.values.iloc[0]) > NUMBER_LIMIT)


TOTALS = Text(
    "{n} totals line(s) (rows {rows}) left out of the analysis: «{label}» is a report's total, "
    "not a client.",
    "Строк итогов: {n} (строки {rows}) — не учтены: «{label}» — итог отчёта, а не клиент.",
)
TOTALS_FIX = Text(
    "Nothing to do; delete them from the sheet to silence this note.",
    "Ничего делать не нужно; удалите их с листа, чтобы это сообщение исчезло.",
)


def _left_out(
    sheet: str,
    numbers: np.ndarray,
    where: str,
    value: object,
    what: Text,
    fix: Text = SUBTOTALS_FIX,
) -> Problem:
    """The one warning for a report's rows left out (subtotals, totals): how many, and which.

    ``value`` is the first row's cell, shown and quoted as ``label``.
    """
    return Problem(
        sheet,
        int(numbers[0]),
        where,
        show_value(value),
        what,
        fix,
        {"n": len(numbers), "rows": row_list(numbers), "label": value},
        severity="warning",
    )


def _at_header(
    raw: RawTable, index: int, what: Text, fix: Text, named: Column | None = None, **params: str
) -> Problem:
    """A warning at the header cell of column ``index``, its text the value and ``column``.

    ``named``, the schema column the header is about, gives ``name`` and ``name_ru``.
    """
    text = str(raw.header[index]).strip()
    if named is not None:
        params |= {"name": named.label.en, "name_ru": named.label.ru}
    return Problem(
        raw.sheet,
        raw.first_row - 1,
        _where(raw, index),
        text,
        what,
        fix,
        {"column": text, **params},
        severity="warning",
    )


def validate_table(
    raw: RawTable, schema: SheetSchema, sale_stages: tuple[str, ...] = SALE_STAGES
) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse ``raw`` as ``schema``; return the typed frame and every problem found.

    A pasted report's header is looked for below its title rows (see
    :mod:`~clientbase_xl.inputs.header`); in such a report, rows with no date are its group
    subtotals, and in Sales rows without a date or client that hold the sum of the lines
    above are subtotals too: left out and said once. In a CRM deal list, deals in other
    stages than ``sale_stages`` are left out (:mod:`~clientbase_xl.inputs.stages`).
    """
    raw = find_header(raw, schema).with_merges()
    problems: list[Problem] = []
    mapped: dict[str, int] = {}
    extras: dict[str, int] = {}
    stand_ins: dict[str, int] = {}
    for index, header in enumerate(raw.header):
        text = "" if header is None else str(header).strip()
        if not text:
            if _has_data(raw.column(index)):
                problems.append(
                    Problem(
                        raw.sheet,
                        raw.first_row - 1,
                        column_letter(raw.first_col + index),
                        "",
                        BLANK_HEADER,
                        BLANK_HEADER_FIX,
                        severity="warning",
                    )
                )
            continue
        col = schema.column_for(text)
        if col is None and (scaled := schema.scaled_column(text)) is not None:
            problems.append(_at_header(raw, index, SCALED_COLUMN, SCALED_COLUMN_FIX, scaled))
        if col is not None and col.stands_in(text):
            # Taken only when no other header names the column: said below if it is.
            stand_ins.setdefault(col.key, index)
        elif col is None:
            extras.setdefault(text, index)
        elif col.key in mapped:
            other = _where(raw, mapped[col.key])
            problems.append(
                _at_header(raw, index, DUPLICATE_COLUMN, DUPLICATE_COLUMN_FIX, other=other)
            )
        else:
            mapped[col.key] = index
    for key, index in stand_ins.items():
        if key in mapped:
            continue
        mapped[key] = index
        problems.append(_at_header(raw, index, STAND_IN, STAND_IN_FIX, schema.column(key)))
    for col in schema.columns:
        if col.required and col.key not in mapped:
            problems.append(
                Problem(
                    raw.sheet,
                    None,
                    col.label.en,
                    "",
                    MISSING_COLUMN,
                    MISSING_COLUMN_FIX,
                    {
                        "column": f"{col.label.en} / {col.label.ru}",
                        "accepted": ", ".join(dict.fromkeys(col.accepted_headers())),
                    },
                )
            )
    if any(p.what is MISSING_COLUMN for p in problems):
        looked = first_rows(raw)
        # A column in thousands is the header row's only fault: said above, at its cell.
        in_thousands = any(p.what is SCALED_COLUMN for p in problems)
        if looked and raw.header_row is None and not in_thousands:
            required = [c.label.en for c in schema.columns if c.required]
            problems.append(
                Problem(
                    raw.sheet,
                    None,
                    None,
                    "",
                    NO_HEADER,
                    NO_HEADER_FIX,
                    {
                        "n": SEARCH_ROWS + 1,
                        "expected": ", ".join(required),
                        "rows": "; ".join(looked),
                    },
                )
            )
        return pd.DataFrame(), problems

    rows = raw.row_numbers()
    data: dict[str, object] = {}
    blank_all = np.ones(raw.height, dtype=bool)
    parsed_cols = []

    def parse(col: Column, cells: ColumnCells) -> Parsed:
        parsed = parse_date(cells, raw.date1904) if col.kind == "date" else PARSERS[col.kind](cells)
        if col.kind == "number":
            huge = ~parsed.bad & (parsed.values.abs().to_numpy() > NUMBER_LIMIT)
            if huge.any():
                values = parsed.values.where(~huge)
                return Parsed(values, parsed.blank, parsed.bad | huge)
        return _restrict(parsed, col.choices, col.synonyms) if col.choices else parsed

    columns = [(schema.column(key), index, raw.column(index)) for key, index in mapped.items()]
    # Parsing a column is mostly Arrow and numpy work that lets go of the GIL: the columns of
    # a large table are parsed two at a time.
    workers = 2 if raw.height in PARALLEL_ROWS else 1
    with ThreadPoolExecutor(workers, thread_name_prefix="clientbase-parse") as pool:
        parsed_all = pool.map(parse, [c[0] for c in columns], [c[2] for c in columns])
        for (col, index, cells), parsed in zip(columns, parsed_all, strict=True):
            data[col.key] = parsed.values.reset_index(drop=True)
            blank_all &= parsed.blank
            parsed_cols.append((col, index, cells, parsed))
    keep = ~blank_all
    # Which cells of each column were blank, as its parse found: no column is parsed twice.
    blank = {col.key: parsed.blank for col, _, _, parsed in parsed_cols}
    if schema.key == "sales" and "client" in mapped:
        # A report's totals line («Итого», Total) is left out and said once: its cells are no
        # problems of their own.
        totals = totals_rows(pd.Series(data["client"])) & keep
        if totals.any():
            first = int(np.flatnonzero(totals)[0])
            label = pd.Series(data["client"]).iloc[first]
            where = _where(raw, mapped["client"])
            problems.append(
                _left_out(raw.sheet_of(first), rows[totals], where, label, TOTALS, TOTALS_FIX)
            )
            keep &= ~totals
        if "stage" in data:
            stage_at = _where(raw, mapped["stage"])
            others, found = other_stages(
                pd.Series(data["stage"]), rows, sale_stages, raw.sheet, stage_at
            )
            problems += found
            keep &= ~others
        if "date" in blank and "amount" in data:
            # A subtotal typed below the lines it sums (or Excel's Data > Subtotal) has the sum
            # but neither the date nor the client of a sale.
            amount = pd.Series(data["amount"]).to_numpy(dtype=float, na_value=np.nan)
            amount = np.where(keep, amount, np.nan)  # lines left out sum nothing
            sums = sum_rows(amount, keep & (blank["date"] | blank["client"]))
            if sums.any():
                where = _where(raw, mapped["amount"])
                problems.append(_left_out(raw.sheet, rows[sums], where, amount[sums][0], SUM_ROWS))
                keep &= ~sums
    if raw.header_row is not None and "date" in data:
        # A report's group rows name a client or product and its subtotal, but no date.
        date_index = mapped["date"]
        groups = keep & blank["date"]
        if groups.any():
            where = _where(raw, date_index)
            problems.append(_left_out(raw.sheet, rows[groups], where, None, GROUP_ROWS))
            keep &= ~groups
    cell_problems: list[tuple[int, int, Problem]] = []
    for col, index, cells, parsed in parsed_cols:
        where = _where(raw, index)
        expected, fix = (CHOICE, CHOICE_FIX) if col.choices else (EXPECTED[col.kind], FIX[col.kind])
        # A formula saved without its result reads as a blank: said as what it is, once.
        formulas = {i: f for i, f in raw.formulas_in(index).items() if keep[i]}
        for pos, formula in formulas.items():
            problem = Problem(
                raw.sheet, int(rows[pos]), where, formula, UNCALCULATED, UNCALCULATED_FIX
            )
            cell_problems.append((pos, index, problem))
        unsaid = keep.copy()
        unsaid[list(formulas)] = False
        for i in np.flatnonzero(parsed.bad & unsaid):
            cell = cell_at(cells, int(i))
            large = col.kind == "number" and _too_large(cell)
            problem = Problem(
                raw.sheet_of(int(i)),
                int(rows[i]),
                where,
                show_value(cell),
                TOO_LARGE if large else expected,
                TOO_LARGE_FIX if large else fix,
                {"choices": ", ".join(col.choices)},
            )
            cell_problems.append((int(i), index, problem))
        if col.required:
            for i in np.flatnonzero(parsed.blank & unsaid):
                problem = Problem(raw.sheet_of(int(i)), int(rows[i]), where, "", BLANK, BLANK_FIX)
                cell_problems.append((int(i), index, problem))
    # Users fix a sheet row by row, left to right.
    cell_problems.sort(key=lambda t: (t[0], t[1]))
    problems.extend(p for _, _, p in cell_problems)
    for text, index in extras.items():
        data[text] = np.asarray(raw.column(index), dtype=object)
    data["_row"] = rows
    # Each column kept as parsed (copy-on-write guards them): no copy into 2-D blocks by dtype.
    frame = pd.DataFrame(data, copy=False)
    if not keep.all():  # a copy of ten million lines only when there are blank rows to drop
        frame = frame[keep].reset_index(drop=True)
    # Where each column is in the sheet, for problems found later (duplicates across rows).
    frame.attrs["where"] = {key: _where(raw, index) for key, index in mapped.items()}
    return frame, problems
