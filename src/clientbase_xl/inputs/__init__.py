"""The input contract: sheet schemas, value parsing, validation into a problems table."""
