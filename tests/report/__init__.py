"""Report renderer tests (a package, so test module names may repeat across folders)."""
