"""Python's full garbage collections run in the pauses between keys, not on top of a key.

A full collection walks every object made since the start-up's were frozen (tui/startup_gc.py):
the screens opened since, their drawn lines, Textual's caches (much of the garbage is Textual's
drawn lines, which refer to themselves through their own caches, so only the collector frees
them). In a run of keys one took 20-46 ms and came every 30-40 keys, each time on top of that
key's repaint (scripts/bench_keys.py). Python starts one after ten younger collections; the app
runs one itself whenever the keys stop for a moment, so a reader who pauses between keys (to
read, to listen) never meets Python's own. Keys that never pause (a held key, a keypad being
mashed) still get Python's, as before: memory stays bounded.
"""

from __future__ import annotations

import gc

QUIET_SECONDS = 0.5  # no key for this long: the reader is reading, a collection goes unnoticed


def collect_if_due() -> bool:
    """A full collection, if objects have reached the oldest generation since the last one
    (True), and the collector is on (a caller that turned it off is left alone)."""
    if gc.isenabled() and gc.get_count()[2] > 0:
        gc.collect()
        return True
    return False
