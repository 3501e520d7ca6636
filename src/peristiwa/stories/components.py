"""Connected components (union-find): a set-level result, the same whatever order links arrive in."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def components(nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]) -> list[set[Node]]:
    parent: dict[Node, Node] = {node: node for node in nodes}

    def root(node: Node) -> Node:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)
    groups: dict[Node, set[Node]] = {}
    for node in parent:
        groups.setdefault(root(node), set()).add(node)
    return list(groups.values())
