"""Which sheets are the tool's own: marks, renamed copies, legacy tabs, new names."""

from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.inputs.schema import SHEETS, header_key
from clientbase_xl.report.owned import (
    SheetFacts,
    mark_formula,
    owned,
    parse_mark,
    plan_write,
    unique_names,
)
from clientbase_xl.tabs import OWN_TABS, SEGMENTS


def test_no_input_sheet_name_or_alias_is_a_result_tab_title() -> None:
    titles = {header_key(spec.title(lang)) for spec in OWN_TABS for lang in ("en", "ru")}
    for sheet in SHEETS:
        if sheet.key == "history":  # the one tab that is both: Close month writes it
            continue
        clashes = {n for n in sheet.names() if header_key(n) in titles}
        assert not clashes, (sheet.key, clashes)


@given(st.text(min_size=1, max_size=20), st.text(max_size=31))
def test_a_mark_reads_back_as_written(key: str, name: str) -> None:
    key = key.replace("|", "")
    if key:
        assert parse_mark(mark_formula(key, name)) == (key, name)
        assert parse_mark("=" + mark_formula(key, name)) == (key, name)


def test_a_mark_that_is_not_ours_reads_as_none() -> None:
    assert parse_mark("Sheet1!$A$1") is None
    assert parse_mark('"no separator"') is None
    assert parse_mark('"|no key"') is None


def test_only_sheets_the_tool_wrote_are_owned() -> None:
    sheets = [
        SheetFacts("Segments", ("segments", "Segments"), ("cb_segments_clients",)),
        # Renamed by the user to keep last month's: theirs now.
        SheetFacts("Segments Oct", ("segments", "Segments"), ("cb_segments_clients",)),
        # Named like a result tab, no mark, no cb_ table: the user's.
        SheetFacts("Потенциал роста", None, ("Wallet",)),
        # Written before marks existed: the title and the tab's own table.
        SheetFacts("Matrix", None, ("cb_matrix_abc_xyz",)),
        # A user's sheet called Pareto holding another tab's table: not Pareto's.
        SheetFacts("Pareto", None, ("cb_segments_copy",)),
        # Close month's tab under the name it had before "Closed months" (Excel keeps
        # "History" for itself), unmarked: still the tool's.
        SheetFacts("History", None, ("cb_history_snapshots",)),
    ]
    assert owned(sheets, OWN_TABS) == {
        "Segments": "segments",
        "Matrix": "matrix",
        "History": "history",
    }


def test_a_new_tab_never_takes_a_name_a_user_sheet_has() -> None:
    sheets = [
        SheetFacts("segments", None, ()),  # a user's sheet, named in another case
        SheetFacts("Сегменты", ("segments", "Сегменты"), ("cb_segments_clients",)),
    ]
    plan = plan_write(sheets, OWN_TABS, ["segments"], {"segments"}, "en")
    assert plan.drop == {"Сегменты"}  # the Russian twin is replaced, the user's sheet stays
    assert plan.titles == {"segments": "Segments (2)"}
    assert plan.places == {"Segments (2)": {"Сегменты"}}


def test_a_suffixed_name_stays_within_excels_31_characters() -> None:
    long = SEGMENTS.title("en").ljust(31, "x")
    sheets = [SheetFacts(long)]
    spec = type(SEGMENTS)(SEGMENTS.key, type(SEGMENTS.name)(long, long), SEGMENTS.about, ())
    plan = plan_write(sheets, [spec], ["segments"], set(), "en")
    assert plan.titles["segments"] == long[:27] + " (2)"
    assert len(plan.titles["segments"]) == 31


def test_table_names_are_made_unique_case_blind() -> None:
    kept = {"cb_segments_clients": True, "CB_MATRIX_ABC_XYZ": False, "cb_segments_clients_2": True}
    kept_renames, new_renames = unique_names(
        ["cb_segments_clients", "cb_matrix_abc_xyz", "cb_pareto_curve", "cb_window_months"],
        kept,
        reserved=["cb_window_months"],
    )
    # The tool's renamed copy gives its name up; a user's table or defined name keeps theirs.
    assert kept_renames == {"cb_segments_clients": "cb_segments_clients_3"}
    assert new_renames == {
        "cb_matrix_abc_xyz": "cb_matrix_abc_xyz_2",
        "cb_window_months": "cb_window_months_2",
    }
