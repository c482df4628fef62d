"""What works on a finished render folder: clips, check, preview."""
