"""Products and assortment by hand: product ABC, carriers, depth, ticket bands."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.abc_xyz import SegmentRules
from clientbase_xl.analytics.assortment import (
    carriers,
    classify_items,
    depth,
    quartile_bounds,
    ticket_bands,
)
from clientbase_xl.analytics.orders import orders


def _lines() -> pd.DataFrame:
    # Three clients, three months; P1 (Tools) 800, P2 (Tools) 150, P3 (Paint) 50 of 1,000.
    rows = [
        ("2025-01-10", "a", "P1", "Tools", 300.0),
        ("2025-02-10", "a", "P1", "Tools", 300.0),
        ("2025-03-10", "b", "P1", "Tools", 200.0),
        ("2025-03-10", "b", "P2", "Tools", 150.0),
        ("2025-03-12", "c", "P3", "Paint", 50.0),
    ]
    frame = pd.DataFrame(rows, columns=["date", "client", "product", "category", "amount"])
    return frame.assign(
        date=pd.to_datetime(frame["date"]), order=pd.NA, quantity=1.0, cost=float("nan")
    )


def test_products_take_the_client_method() -> None:
    out = classify_items(_lines(), "product", pd.Timestamp("2025-03-31"), SegmentRules(3))
    got = out.set_index("product")
    # Cumulative shares before each: P1 0 (A), P2 0.80 (B: 80 % reached), P3 0.95 (C).
    assert list(got["abc"]) == ["A", "B", "C"]
    assert got.loc["P1", "revenue"] == 800.0 and got.loc["P1", "clients"] == 2
    # P1 sold in 3 of 3 months (X by regularity); P2 and P3 once (Z).
    assert list(got["xyz"]) == ["X", "Z", "Z"]


def test_carriers_name_the_largest_buyers_first() -> None:
    out = carriers(_lines(), ["P1"], pd.Series({"a": "Alpha", "b": "Beta"}))
    assert out.iloc[0].to_dict() == {
        "product": "P1",
        "buyers": 2,
        "buyers_revenue": 800.0,
        "top_clients": "Alpha, Beta",  # a 600, b 200
    }


def test_depth_and_what_a_client_lacks() -> None:
    out = depth(_lines()).set_index("client")
    # Two categories are sold: Tools (950) and Paint (50).
    assert out.loc["a", "depth"] == 0.5 and out.loc["a", "lacks"] == "Paint"
    assert out.loc["c", "lacks"] == "Tools" and out.loc["b", "categories"] == 1


def test_ticket_bands_count_orders_and_revenue() -> None:
    # Orders (client and day): a 300, a 300, b 350, c 50. Bands: up to 100, 100-320, over 320.
    out = ticket_bands(orders(_lines()), (100.0, 320.0))
    assert list(out["orders"]) == [1, 2, 1]
    assert list(out["revenue"]) == [50.0, 600.0, 350.0]
    assert list(out["order_share"]) == [0.25, 0.5, 0.25]
    assert list(out["revenue_share"]) == [0.05, 0.6, 0.35]
    assert list(out["average"]) == [50.0, 300.0, 350.0]
    # Quartiles of 50, 300, 300, 350: 237.5, 300, 312.5 -> two digits: 240, 300, 310.
    assert quartile_bounds(pd.Series([50.0, 300.0, 300.0, 350.0])) == (240.0, 300.0, 310.0)
