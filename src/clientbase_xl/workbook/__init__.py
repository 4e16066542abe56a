"""The headless edge: read workbook files fast, write result tabs without touching the rest."""
