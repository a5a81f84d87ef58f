"""A unit of work is used through what its Protocol declares, never probed.

`getattr(uow, "links", None)` hides a port from the type checker and from the fakes: the code
silently does less on a unit of work that lacks it (issue 14). What a caller needs is declared
(domain.ports, handlers.ports) and implemented by every unit of work, the fakes included. This
scans the source for getattr/hasattr/setattr on anything named `uow` (`uow`, `self.uow`,
`turn.uow`, `self._uow`, ...).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "domain", "handlers", "scheduler", "storage", "web", "playground", "bench")
PROBES = frozenset({"getattr", "hasattr", "setattr"})


def _is_uow(node: ast.expr) -> bool:
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return name.lstrip("_").endswith("uow")


def probes(source: str) -> list[int]:
    """Line numbers of getattr/hasattr/setattr on a unit of work in `source`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in PROBES
        and node.args
        and _is_uow(node.args[0])
    ]


def test_the_check_sees_a_probe() -> None:
    assert probes('x = getattr(self.uow, "links", None)\ny = hasattr(uow, "a")') == [1, 2]
    assert probes('getattr(turn.uow.links, "x")\nz = getattr(row, "uow")') == []


def test_no_unit_of_work_is_probed() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in probes(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "declare the port instead of probing the unit of work"
