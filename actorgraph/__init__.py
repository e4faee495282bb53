"""actorgraph: an evidence-backed knowledge graph of the actors and initiatives named in
reports on migrant smuggling.

Where things live:

* ``loaders/``  -- a document enters: bytes are decoded and cleaned into text, then
  ``loaders/extract`` finds mentions and relations (plain data, with evidence).
* ``graph/``    -- facts are resolved into entities and stored (an Oxigraph store, one named
  graph per document), and queried.
* ``exports/``  -- facts leave as files and pages.
* ``ontology/`` -- the one declarative description of every class and relation.
"""

__version__ = "0.1.0"
