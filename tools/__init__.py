"""Developer tools: rendering workbooks with LibreOffice to look at them."""
