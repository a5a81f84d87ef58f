"""Read py-spy's collapsed stacks (`--format raw`): where the samples went, by function.

    python -m bench.profile_report FILE [--top 40] [--match aduan]

`self` counts samples whose innermost frame is the function; `total` counts samples with the
function anywhere on the stack (once per sample). Only for reading profiles, not a benchmark.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

_LINE = re.compile(r"^(?P<stack>.*) (?P<count>\d+)$")


def load(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for raw in path.read_text().splitlines():
        match = _LINE.match(raw)
        if match:
            frames = [f for f in match["stack"].split(";") if f]
            stacks.append((frames, int(match["count"])))
    return stacks


def report(path: Path, top: int, match: str | None) -> str:
    stacks = load(path)
    total = sum(count for _, count in stacks) or 1
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        if frames:
            own[_name(frames[-1])] += count
        for name in {_name(f) for f in frames}:
            inclusive[name] += count
    lines = [f"{path.name}: {total} samples"]
    for title, table in (("total", inclusive), ("self", own)):
        lines.append(f"--- {title}")
        shown = [(n, c) for n, c in table.most_common() if not match or match in n][:top]
        lines += [f"{c / total * 100:6.1f}%  {n}" for n, c in shown]
    return "\n".join(lines)


def _name(frame: str) -> str:
    """`func (path/to/module.py:123)` → `func (module.py)`: one entry per function."""
    return re.sub(r"\((?:.*/)?([^/:]+):\d+\)", r"(\1)", frame)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_report")
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match")
    args = parser.parse_args(argv)
    print(report(args.file, args.top, args.match))
    return 0


if __name__ == "__main__":
    sys.exit(main())
