"""The knowledge files under `eurasia_etl/data/`: one loader for every vocabulary the rules read.

libyaml parses them about ten times faster than pure-Python YAML, which matters on the first
extraction in a process (an incremental run extracts its few documents in-process).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> Any:
    """`data/<name>` parsed as safe YAML."""
    return yaml.load(resources.files("eurasia_etl.data").joinpath(name).read_text("utf-8"), Loader=_LOADER)  # noqa: S506
