"""Benchmark: the explorer's update time on a warm kernel, beside the library's own profile call.

In one warm process (as a JupyterLab kernel that already showed the explorer), changes the
explorer's country 20 times through its control, as a user typing a name does, and times each
update until the new view is in the widget; then times ``ocanalysis.profile`` for the same
countries. Prints both medians and their ratio, and whether the update stays under a second.

    .venv/bin/python benchmarks/bench_explore.py
    .venv/bin/python benchmarks/bench_explore.py --edition 2023 --changes 40
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

COUNTRIES = [
    "Peru",
    "Kenya",
    "Japan",
    "Brazil",
    "India",
    "Nigeria",
    "Germany",
    "Mexico",
    "Kiribati",
    "Colombia",
    "Egypt",
    "France",
    "Indonesia",
    "Chile",
    "Ghana",
    "Norway",
    "Iran",
    "Fiji",
    "Canada",
    "Viet Nam",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=int, default=2025)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()

    import ocanalysis
    from ocanalysis.explorer import explore

    explorer = explore("Belgium", args.edition)  # the first view: the kernel warms up here
    names = (COUNTRIES * (args.changes // len(COUNTRIES) + 1))[: args.changes]
    updates = []
    for name in names:
        before = explorer.view.value
        started = time.perf_counter()
        explorer.controls["country"].value = name
        updates.append(time.perf_counter() - started)
        if explorer.view.value == before or explorer.message.value:
            sys.exit(f"the view did not change for {name}: {explorer.message.value}")
    profiles = []
    for name in names:
        started = time.perf_counter()
        ocanalysis.profile(name, args.edition)
        profiles.append(time.perf_counter() - started)
    update, profile = statistics.median(updates), statistics.median(profiles)
    print(
        f"explorer update, median of {len(updates)} country changes: {update * 1000:.0f} ms "
        f"(slowest {max(updates) * 1000:.0f} ms)"
    )
    print(f"ocanalysis.profile, median of the same countries:       {profile * 1000:.1f} ms")
    print(
        f"update / profile: {update / profile:.1f}x; "
        f"{'under' if update < 1.0 else 'OVER'} the one-second budget"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
