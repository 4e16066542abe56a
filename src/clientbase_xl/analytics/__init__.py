"""Pure analytics: pandas frames in, pandas frames out; no files, no clock, no Excel."""
