"""Result tabs described as data, shared by every writer."""
