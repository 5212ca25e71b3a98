"""Photo repair: methods, damage detection, restoration, enhancement, batches."""
