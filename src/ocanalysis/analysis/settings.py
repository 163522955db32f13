"""The default settings of the audit and the sensitivity analysis: the analyses every report,
figure and ``ocanalysis audit`` state unless asked otherwise, and the command line's defaults.

Kept apart from ``audit`` and ``sensitivity`` (numpy, pandas, SALib) so that the command line
can show them without importing those.
"""

from __future__ import annotations

#: Monte Carlo runs of the audit.
DEFAULT_RUNS = 1000
#: The seed of the audit and of the sensitivity analysis.
DEFAULT_SEED = 12345
#: The sensitivity analysis' base samples N: N × (groups + 2) scenarios.
DEFAULT_SAMPLES = 1024
#: The uncertain inputs, each a group of the sensitivity analysis.
INPUTS: tuple[str, ...] = ("indicator_weights", "pillar_weights", "aggregation", "leave_one_out")
