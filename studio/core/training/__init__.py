"""Training loops, metrics, run folders and checkpoints (Qt-free)."""
