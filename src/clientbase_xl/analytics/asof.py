"""Each client's latest row up to a month, for many months: rows sorted once, then searched.

A timeline asks the same question for every month (the manager then, the running sums then).
Regrouping all rows per month costs a pass over them each time; here the rows are sorted once
by (client, month) and every month's answer is one binary search per client.
"""

from __future__ import annotations

import numpy as np


class LatestUpTo:
    """Rows keyed by integer client codes and month ordinals, in (client, month) order.

    ``order`` gives the rows' positions in that order: arrays of values indexed by it line up
    with the positions :meth:`positions` returns.
    """

    def __init__(self, codes: np.ndarray, months: np.ndarray) -> None:
        self.order = np.lexsort((months, codes))
        self.codes = codes[self.order]
        self.first = int(months.min()) if len(months) else 0
        # Wider than any month offset (and the one past the last month asked for).
        self.span = int(months.max()) - self.first + 2 if len(months) else 1
        self.keys = self.codes * self.span + (months[self.order] - self.first)

    def positions(
        self, month: int | np.ndarray, codes: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each client code's latest row up to ``month``: position, and found.

        ``month`` is an ordinal, or one ordinal per code. Positions index the sorted rows; a code
        below 0 (a client unknown here) is never found.
        """
        if not len(self.keys):
            return np.zeros(len(codes), dtype=np.int64), np.zeros(len(codes), dtype=bool)
        offset = np.clip(np.asarray(month) - self.first, -1, self.span - 1)
        pos = np.searchsorted(self.keys, codes * self.span + offset, side="right") - 1
        safe = np.maximum(pos, 0)
        return safe, (codes >= 0) & (pos >= 0) & (self.codes[safe] == codes)
