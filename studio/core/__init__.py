"""Qt-free model core: every capability as plain functions over arrays and paths."""
