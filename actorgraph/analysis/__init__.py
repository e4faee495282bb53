"""The questions analysts bring to the graph, answered with networkx over the derived view.

One topic per module; each works on :class:`~actorgraph.graph.view.GraphData` (read from the
store by :func:`~actorgraph.graph.view.graph_data`, or by :func:`network.analysis_data`,
which can restrict it to one document), so the CLI, the HTML page and a notebook agree:

``network``
    the cooperation network (``cooperatesWith`` statements, actual and proposed) and the
    actor–initiative/session bipartite graph with its projection (co-participation);
    :func:`~actorgraph.analysis.network.co_participants` (``cooperates --via initiative``);
    :func:`~actorgraph.analysis.network.cooperation_partners` (``cooperates --document``).
``paths``
    the shortest chains of relations between two entities (``actorgraph path``).
``centrality``
    brokers: betweenness and degree centrality (``actorgraph brokers``).
``communities``
    clusters: Louvain communities, named by their most central members (``actorgraph clusters``).
``matrix``
    who cooperates with whom, as a matrix (``actorgraph matrix``).
``diff``
    what appears, disappears or changes modality between two documents (``actorgraph diff``).
``recommendations``
    conclusions, recommendations and next steps with what they address
    (``actorgraph recommendations``).

networkx is imported inside the functions that need it, so that importing these modules is
cheap. Every randomised algorithm takes ``seed`` (default :data:`~actorgraph.analysis.network.SEED`):
results are the same from run to run.
"""
