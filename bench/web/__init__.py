"""The page benchmark's web stack (``bench/bench_pages.py``): production settings with a
bench-only URLconf that adds the ceiling view. Never mounted by the portal itself."""
