"""What a file that is no zip package is: each kind a user hands over, from its bytes."""

from pathlib import Path

import olefile
import pytest

from clientbase_xl.template.cfb import compound_file
from clientbase_xl.workbook import sniff as sniffing
from clientbase_xl.workbook.sniff import sniff


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ("Дата;Клиент;Сумма\r\n".encode("cp1251"), "text"),  # 1C's CSV, Windows-1251
        ("\ufeffДата,Клиент\n".encode(), "text"),  # UTF-8 with its mark
        ("Date\tClient\r\n".encode("utf-16"), "text"),  # Excel's "Unicode Text"
        (b"<!DOCTYPE html><html><body><table></table></body></html>", "html"),
        (b"  <table border=1><tr><td>1</td></tr></table>", "html"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "xml2003",
        ),
        (bytes(range(256)), "unknown"),  # binary
        (b"", "unknown"),
    ],
)
def test_what_a_file_holds_is_told_by_its_start(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "file.xlsx"
    path.write_bytes(data)
    assert sniff(path) == kind


def test_compound_files_by_their_streams_wherever_the_directory_lies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read in chunks of 64 bytes, a stream's name in the directory is cut by a chunk's end.
    monkeypatch.setattr(sniffing, "_CHUNK", 64)
    cases = {
        "encrypted": {"EncryptionInfo": bytes(200), "EncryptedPackage": bytes(5000)},
        "xls": {"Workbook": bytes(5000), "\x05SummaryInformation": bytes(100)},
        "compound": {"WordDocument": bytes(5000)},
    }
    for kind, streams in cases.items():
        path = tmp_path / f"{kind}.xlsx"
        path.write_bytes(compound_file(streams))
        assert olefile.isOleFile(str(path))  # a compound file an independent reader opens
        assert sniff(path) == kind
