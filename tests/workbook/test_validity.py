"""Every kind of workbook the product writes passes an independent schema validator (the Open XML
SDK's rules, as openxml-audit ports them) and the checks of Excel's repair triggers, with zero
findings."""

import shutil
from pathlib import Path

import pytest

from clientbase_xl.cli import main
from tools.package_checks import audit, problems

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> None:
    import io

    err = io.StringIO()
    assert main(list(args), io.StringIO(), err) in (0, 1), err.getvalue()


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("kinds")
    out: dict[str, Path] = {}
    for lang in ("en", "ru"):
        out[f"demo {lang}"] = d / f"demo-{lang}.xlsx"
        _run(
            "demo",
            "--out",
            str(out[f"demo {lang}"]),
            "--clients",
            "40",
            "--months",
            "6",
            "--lang",
            lang,
        )
        template = d / f"template-{lang}.xlsm"
        shutil.copy(
            ROOT / ("workbook_template.xlsm" if lang == "en" else "workbook_template_ru.xlsm"),
            template,
        )
        out[f"template {lang}"] = template
        once = d / f"once-{lang}.xlsm"
        _run("refresh", str(template), "--out", str(once))
        out[f"refreshed template {lang}"] = once
        twice = d / f"twice-{lang}.xlsm"
        _run("refresh", str(once), "--out", str(twice))
        out[f"refreshed twice {lang}"] = twice
        other = "ru" if lang == "en" else "en"
        switched = d / f"switched-{lang}.xlsm"
        _run("refresh", str(twice), "--out", str(switched), "--lang", other)
        out[f"switched from {lang}"] = switched
        closed = d / f"closed-{lang}.xlsm"
        _run("close-month", str(switched), "--out", str(closed))
        out[f"closed month {lang}"] = closed
    fresh = d / "fresh-template.xlsm"
    _run("template", "--out", str(fresh))
    out["template built now"] = fresh
    _run("split", str(out["demo ru"]), "--out", str(d / "split"))
    out["a manager's file"] = sorted((d / "split").glob("*.xlsx"))[0]
    return out


KINDS = [
    f"{kind} {lang}"
    for lang in ("en", "ru")
    for kind in ("demo", "template", "refreshed template", "refreshed twice", "closed month")
] + ["switched from en", "switched from ru", "template built now", "a manager's file"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_book_passes_the_schema_validator(books: dict[str, Path], kind: str) -> None:
    assert audit(books[kind]) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_book_has_no_repair_trigger(books: dict[str, Path], kind: str) -> None:
    assert problems(books[kind]) == []


def test_the_checks_find_what_excel_repairs(books: dict[str, Path], tmp_path: Path) -> None:
    import zipfile

    src = books["refreshed template en"]
    bad = tmp_path / "bad.xlsx"  # an .xlsm's content under an .xlsx name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/tables/") and b'name="cb_pareto_curve"' in data:
                data = data.replace(b"cb_pareto_curve", b"cb_segments_clients")
            zout.writestr(info, data)
    found = problems(bad)
    assert any("main content type" in f for f in found)
    assert any("table names repeat" in f for f in found)
    bad.unlink()
