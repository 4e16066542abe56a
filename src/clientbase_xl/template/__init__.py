"""Build workbooks users open: the demo workbook and the template."""
