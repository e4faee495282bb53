"""Who cooperates with whom, as a matrix: one row and one column per actor, each cell the
number of statements of actual and of proposed cooperation between the two (and, with
``via="initiative"`` or ``"both"``, of initiatives and sessions they share).

:meth:`Matrix.rows` gives it in long form for CSV and JSON (a row per ordered pair that has
something, with ``actual``, ``proposed`` and ``shared`` in columns of their own);
:func:`render_matrix` as a table to read, with cells like ``2a/1p`` (two statements of
actual cooperation, one of proposed); :func:`heatmap` as a PNG image (needs matplotlib: the
``plot`` extra).

Actors are ordered by the number of partners, then by the number of statements, then by name.

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("...", "urn:doc", "report.txt", "Report", 0, 3, "rule")
>>> nodes = {k: Node(k, k.title(), "Organisation") for k in ("cepol", "europol", "frontex")}
>>> data = GraphData(nodes, [Edge("europol", "frontex", "cooperatesWith", "actual", [ev, ev]),
...                          Edge("europol", "frontex", "cooperatesWith", "proposed", [ev]),
...                          Edge("cepol", "frontex", "cooperatesWith", "actual", [ev])])
>>> m = cooperation_matrix(data)
>>> [a["label"] for a in m.actors]
['Frontex', 'Europol', 'Cepol']
>>> m.cell("europol", "frontex"), m.cell("cepol", "europol")
('2a/1p', '')
>>> print(render_matrix(m), end="")
   actor        1      2   3
1  Frontex    .    2a/1p  1a
2  Europol  2a/1p    .
3  Cepol       1a         .
<BLANKLINE>
a = statements of actual cooperation, p = of proposed cooperation; columns are numbered like the rows
"""

from __future__ import annotations

__all__ = ["Matrix", "cooperation_matrix", "render_matrix", "heatmap"]

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.analysis.network import network
from actorgraph.errors import ActorGraphError
from actorgraph.graph.view import GraphData


@dataclass
class Matrix:
    """The actors (dicts with ``id``, ``label``, ``type``) in matrix order, and for each pair
    that has something, in both orders, ``{"actual": a, "proposed": p, "shared": s}``."""

    actors: list[dict]
    counts: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)

    def cell(self, a: str, b: str) -> str:
        """The table cell of two actor ids: ``2a/1p`` (statements of actual / proposed
        cooperation), ``3s`` (shared initiatives and sessions), empty when nothing."""
        c = self.counts.get((a, b))
        if not c:
            return ""
        parts = [f"{c[k]}{k[0]}" for k in ("actual", "proposed", "shared") if c[k]]
        return "/".join(parts)

    def rows(self) -> list[dict]:
        """Long form: one row per ordered pair of actors with something between them, in matrix
        order: ``actor``, ``actor_id``, ``actor_type``, ``partner``, ``partner_id``,
        ``partner_type``, ``actual``, ``proposed``, ``shared``, ``total``."""
        out = []
        for a in self.actors:
            for b in self.actors:
                c = self.counts.get((a["id"], b["id"]))
                if c:
                    out.append({"actor": a["label"], "actor_id": a["id"], "actor_type": a["type"],
                                "partner": b["label"], "partner_id": b["id"], "partner_type": b["type"],
                                **c, "total": c["actual"] + c["proposed"] + c["shared"]})
        return out


def cooperation_matrix(data, *, types=None, via: str = "cooperation", modality: str | None = None) -> Matrix:
    """The matrix of :func:`~actorgraph.analysis.network.network` (``data`` a
    :class:`~actorgraph.graph.view.GraphData` read with these options, or a networkx graph
    from it)."""
    g = network(data, via, modality=modality, types=types) if isinstance(data, GraphData) else data
    totals = {n: sum(d["actual"] + d["proposed"] for d in (g.edges[n, m] for m in g[n])) for n in g}
    order = sorted(g, key=lambda n: (-g.degree(n), -totals[n], g.nodes[n]["label"].lower(), n))
    m = Matrix([{"id": n, "label": g.nodes[n]["label"], "type": g.nodes[n]["type"]} for n in order])
    for u, v, d in g.edges(data=True):
        c = {"actual": d["actual"], "proposed": d["proposed"], "shared": len(d["shared"])}
        m.counts[(u, v)] = c
        m.counts[(v, u)] = dict(c)
    return m


def render_matrix(m: Matrix, label_width: int = 30) -> str:
    """The matrix as text: numbered rows with the actors' names, columns numbered alike, a dot
    on the diagonal; a legend below."""
    if not m.actors:
        return "(no cooperation)\n"
    n = len(m.actors)
    ids = [a["id"] for a in m.actors]
    labels = [a["label"] if len(a["label"]) <= label_width else a["label"][:label_width - 1] + "\u2026"
              for a in m.actors]
    cells = [["." if i == j else m.cell(ids[i], ids[j]) for j in range(n)] for i in range(n)]
    num_w = len(str(n))
    name_w = max(len("actor"), *(len(x) for x in labels))
    widths = [max(len(str(j + 1)), *(len(cells[i][j]) for i in range(n))) for j in range(n)]
    lines = [" " * num_w + "  " + "actor".ljust(name_w) + "  "
             + "  ".join(str(j + 1).rjust(widths[j]) for j in range(n))]
    for i in range(n):
        row = "  ".join(cells[i][j].rjust(widths[j]) if cells[i][j] != "." else ".".center(widths[j])
                        for j in range(n))
        lines.append(f"{str(i + 1).rjust(num_w)}  {labels[i].ljust(name_w)}  {row}")
    kinds = {k for c in m.counts.values() for k in ("actual", "proposed", "shared") if c[k]}
    legend = []
    if kinds & {"actual", "proposed"}:
        legend.append("a = statements of actual cooperation, p = of proposed cooperation")
    if "shared" in kinds:
        legend.append("s = initiatives and sessions shared")
    legend.append("columns are numbered like the rows")
    return "\n".join(x.rstrip() for x in lines) + "\n\n" + "; ".join(legend) + "\n"


def heatmap(m: Matrix, path: Path | str, title: str = "Who cooperates with whom") -> Path:
    """Write the matrix as a heat map (PNG, or any format matplotlib knows by the file's
    extension): colour = statements (and shared items) between two actors, each cell
    annotated like the table. Written atomically.

    Raises
    ------
    ActorGraphError
        When matplotlib is not installed (``pip install "actorgraph[plot]"``), or the matrix is
        empty.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ActorGraphError("the heat map needs matplotlib: pip install \"actorgraph[plot]\"") from None
    if not m.actors:
        raise ActorGraphError("no cooperation to draw")
    path = Path(path)
    n = len(m.actors)
    ids = [a["id"] for a in m.actors]
    values = [[sum(m.counts.get((a, b), {}).values()) for b in ids] for a in ids]
    size = max(5.0, 0.42 * n + 3)
    fig, ax = plt.subplots(figsize=(size, size))
    image = ax.imshow(values, cmap="Blues", vmin=0)
    labels = [a["label"] for a in m.actors]
    ax.set_xticks(range(n), labels=labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(n), labels=labels, fontsize=8)
    top = max((max(r) for r in values), default=0) or 1
    for i in range(n):
        for j in range(n):
            text = m.cell(ids[i], ids[j])
            if text:
                ax.text(j, i, text, ha="center", va="center", fontsize=6,
                        color="white" if values[i][j] > top / 2 else "black")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="statements (a + p) and shared items")
    fig.tight_layout()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent or ".")
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=150)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        plt.close(fig)
    return path
