"""Injection (issue 7): names and parameters from the command line are data, never query text;
SPARQL is read-only unless --update; an import cannot overwrite a document's graph; the
endpoint listens on the loopback address only; the HTML page carries every document string as
data, never as markup.

Each test that must not change the store compares a digest of every quad before and after.
(The named-query parameters and the endpoint's refusals are tested in test_sparql.py and
test_serve.py; here, the same payloads go through every command that takes a name.)"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.errors import one_line

from .helpers import Watched, cli_command, digest, document_graphs, graphs

#: Names built to break a query, a terminal, a log line or a page, if pasted into one.
HOSTILE = [
    'Europol" } ; DROP ALL ; #',
    "'); DELETE WHERE { ?s ?p ?o } #",
    "}} INSERT DATA { <urn:a> <urn:b> <urn:c> } {{",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "?e $key %s %d {0} \\ ' \"",
    "Europol OR 1=1 --",
    ".* [a-z]+ (?i)",
    "Frontex\nDROP ALL",
    "\x1b[2J\x1b]0;owned\x07red\x1b[31m",
    "\u202eloporuE",  # a right-to-left override
    "Еurороl",  # Cyrillic letters that look Latin
    "../../../../etc/passwd",
    "A" * 5000,
]

#: The commands that take a name, and how to give it.
NAME_COMMANDS = {
    "cooperates": lambda name, tmp: ["cooperates", name],
    "show": lambda name, tmp: ["show", name],
    "html --focus": lambda name, tmp: ["html", "--focus", name, "-o", str(tmp / "page.html")],
    "path": lambda name, tmp: ["path", name, "Frontex"],
    "remove": lambda name, tmp: ["remove", name],
    "alias": lambda name, tmp: ["alias", name, "another name"],
}


def _error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("command", list(NAME_COMMANDS), ids=list(NAME_COMMANDS))
def test_a_hostile_name_is_a_name_that_matches_nothing_and_changes_nothing(run, store_copy, tmp_path, command):
    before = digest(store_copy)
    for name in HOSTILE:
        result = run("--store", store_copy, *NAME_COMMANDS[command](name, tmp_path))
        line = _error_line(result)
        assert result.exit_code == 1, (name, line)
        assert line.startswith("actorgraph: error: no ") and one_line(name) in line, (name, line)
        assert not (tmp_path / "page.html").exists()
    assert digest(store_copy) == before
    assert not (store_copy.parent / "curation.yaml").exists()


@pytest.mark.parametrize("name", HOSTILE[:8] + HOSTILE[10:], ids=range(len(HOSTILE) - 2))
def test_a_hostile_alias_is_stored_as_it_was_typed_and_finds_its_entity(run, store_copy, name):
    """What an analyst types is data: the alias is added as a literal, found again exactly, and
    nothing but Europol's names changes."""
    before = graphs(store_copy)
    result = run("--store", store_copy, "alias", "Europol", name)
    assert result.exit_code == 0, result.stderr
    shown = run("--store", store_copy, "show", name, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    entity = json.loads(shown.stdout)
    assert entity["label"] == "Europol" and name in entity["aliases"]
    after = graphs(store_copy)
    europol = "<https://w3id.org/actorgraph/id/organisation/europol>"
    curation = "<https://w3id.org/actorgraph/curation>"  # the decision, who made it and when
    for graph in (set(before) | set(after)) - {curation}:
        added = after.get(graph, frozenset()) - before.get(graph, frozenset())
        removed = before.get(graph, frozenset()) - after.get(graph, frozenset())
        assert all(s == europol for s, _, _ in added | removed), (graph, sorted(added | removed)[:5])
    literal = str(ox.Literal(name))
    assert any(o == literal for _, _, o in after[curation])  # the decision records it as typed


# -- SPARQL -----------------------------------------------------------------------------------------

SMUGGLED_UPDATES = [
    "drop all",
    "# a comment first\nDELETE WHERE { ?s ?p ?o }",
    "PREFIX ag: <https://w3id.org/actorgraph/ontology#>\nDELETE WHERE { ?s ag:label ?o }",
    "BASE <urn:x> INSERT DATA { <a> <b> <c> }",
    "CLEAR DEFAULT",
    "LOAD <file:///etc/passwd>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 ; DROP ALL",
    "CREATE GRAPH <urn:new>",
]


def test_sparql_without_update_refuses_every_update_and_changes_nothing(run, store_copy):
    before = digest(store_copy)
    for query in SMUGGLED_UPDATES:
        result = run("--store", store_copy, "sparql", query)
        line = _error_line(result)
        assert result.exit_code in (1, 2) and line.startswith("actorgraph: error: "), (query, line)
        assert "update" in line or "syntax error" in line, (query, line)
    assert digest(store_copy) == before


class _CountingServer:
    """An HTTP server on the loopback address that counts the requests it gets and answers
    each with an empty SPARQL result (bounded: it serves only while the test runs)."""

    def __init__(self):
        import http.server
        import threading

        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                hits.append(self.path)
                body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_sparql_refuses_a_federated_query_unless_allowed(run, store_copy, tmp_path):
    """Issue 7: ``actorgraph sparql`` sent the request of a ``SERVICE`` clause (a .rq file from
    elsewhere could make requests). Now refused in one line, before any request, unless
    ``--allow-service``; a word "SERVICE" in a string or a comment is not a clause."""
    server = _CountingServer()
    try:
        queries = [
            f"SELECT * WHERE {{ SERVICE <{server.url}> {{ ?s ?p ?o }} }}",
            f"select*{{service silent<{server.url}>{{?s ?p ?o}}}}",
            f"PREFIX remote: <{server.url}>\nSELECT * WHERE {{ SERVICE remote: {{ ?s ?p ?o }} }}",
            f"# SERVICE <http://x/>\nASK {{ SERVICE <{server.url}> {{ ?s ?p ?o }} }}",
        ]
        (tmp_path / "from_elsewhere.rq").write_text(queries[0], encoding="utf-8")
        for query in [*queries, str(tmp_path / "from_elsewhere.rq")]:
            result = run("--store", store_copy, "sparql", query)
            assert result.exit_code == 1, (query, result.stderr)
            assert _error_line(result) == ("actorgraph: error: this query has a SERVICE clause, which would "
                                           "send a request over the network; add --allow-service if you mean it")
        update = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{server.url}> {{ ?s ?p ?o }} }}"
        before = digest(store_copy)
        result = run("--store", store_copy, "sparql", "--update", update)
        assert result.exit_code == 1 and "SERVICE clause" in _error_line(result)
        assert digest(store_copy) == before
        assert server.hits == []  # nothing was sent

        harmless = 'SELECT ?l WHERE { ?e rdfs:label ?l FILTER(?l != "SERVICE <http://x/>") } LIMIT 1 # SERVICE <x>'
        result = run("--store", store_copy, "sparql", harmless, "--format", "csv")
        assert result.exit_code == 0 and result.stdout.splitlines()[0] == "l", result.stderr

        result = run("--store", store_copy, "sparql", "--allow-service", queries[0], "--format", "csv")
        assert result.exit_code == 0, result.stderr
        assert len(server.hits) == 1  # allowed: the request went out
    finally:
        server.close()


# -- import ----------------------------------------------------------------------------------------


def test_an_import_cannot_replace_or_add_to_a_documents_graph(run, store_copy, tmp_path):
    (graph,) = document_graphs(store_copy).keys()
    iri = graph.strip("<>")
    before = digest(store_copy)
    evil = "<https://w3id.org/actorgraph/id/organisation/europol> <http://www.w3.org/2000/01/rdf-schema#label> \"Evil\" ."
    trig = tmp_path / "evil.trig"
    trig.write_text(f"<{iri}> {{ {evil} }}\n", encoding="utf-8")
    turtle = tmp_path / "evil.ttl"
    turtle.write_text(evil + "\n", encoding="utf-8")
    for args in (["import", trig], ["import", turtle, "--graph", iri],
                 ["import", turtle, "--graph", "urn:x> } ; DROP ALL ; <urn:y"]):
        result = run("--store", store_copy, *args)
        line = _error_line(result)
        assert result.exit_code in (1, 2) and line.startswith("actorgraph: error: "), line
    assert digest(store_copy) == before


# -- the endpoint ----------------------------------------------------------------------------------


def _listening(port: int) -> list[str]:
    """The local addresses with a socket listening on ``port`` (Linux: /proc/net/tcp, tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the socket table from /proc")
def test_the_endpoint_listens_on_the_loopback_address_only_and_stays_read_only(store_copy):
    from actorgraph.errors import ActorGraphError
    from actorgraph.sparql.serve import find_oxigraph

    try:
        find_oxigraph()
    except ActorGraphError as exc:
        pytest.skip(f"serve needs the oxigraph server: {exc}")
    before = digest(store_copy)
    server = Watched(cli_command("--store", store_copy, "serve", "--port", "0", "--timeout", "5"))
    try:
        line = server.wait_for("SPARQL endpoint at ", timeout=60)
        url = re.search(r"(http://\S+)", line).group(1)
        port = urllib.parse.urlsplit(url).port
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
        assert _listening(port) == ["0100007F"], _listening(port)  # 127.0.0.1, and nothing else
        for update in SMUGGLED_UPDATES:
            for request in (
                urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": update})),
                urllib.request.Request(url, data=update.encode(), headers={"Content-Type": "application/sparql-query"}),
                urllib.request.Request(url.replace("/query", "/update"), data=urllib.parse.urlencode(
                    {"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}),
            ):
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status = response.status
                except urllib.error.HTTPError as e:
                    status = e.code
                assert status in (400, 403), (update, request.full_url, status)
    finally:
        server.kill(group=True)
    assert digest(store_copy) == before


# -- the HTML page ---------------------------------------------------------------------------------

#: Payloads of the OWASP XSS filter evasion cheat sheet that apply to text put into a page.
XSS = [
    "<script>alert('xss-1')</script>",
    "<img src=x onerror=alert('xss-2')>",
    "<svg/onload=alert('xss-3')>",
    "\"><script>alert('xss-4')</script>",
    "'><img src=x onerror=alert('xss-5')>",
    "</script><script>alert('xss-6')</script>",
    "<!--<script>alert('xss-7')//-->",
    "<iframe src=javascript:alert('xss-8')></iframe>",
    "<a href=\"javascript:alert('xss-9')\">click</a>",
    "<body onload=alert('xss-10')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-11')>",
    "<scr<script>ipt>alert('xss-12')</scr</script>ipt>",
    "{{constructor.constructor('alert(13)')()}}",
    "\u2028\u2029</title><script>alert('xss-14')</script>",
    "&lt;script&gt;alert('xss-15')&lt;/script&gt;",
    "<style>@import 'http://evil.example/xss-16.css';</style>",
]


class _Tags(HTMLParser):
    """The elements of a page as (tag, attributes), and the text of its data script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.data_json = ""
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))
        self._in_data = tag == "script" and ("id", "ag-data") in attrs

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_json += data


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_the_html_page_carries_xss_payloads_as_data_never_as_markup(run, tmp_path):
    """A document whose title, file name, sentences and (after curation) entity names are XSS
    payloads: the page has exactly the elements of its template, and every payload is in its
    data, as the text it was."""
    from actorgraph.exports.html.page import ASSETS

    folder = tmp_path / "docs"
    folder.mkdir()
    sentences = "\n\n".join(f"Frontex cooperates with Europol on {p} cases." for p in XSS)
    name = "<img src=x onerror=alert('file')>.md"
    (folder / name).write_text(f"Title: {XSS[0]}\n\n# Report {XSS[3]}\n\n{sentences}\n", encoding="utf-8")
    store = tmp_path / "store"
    assert run("--store", store, "build", folder).exit_code == 0
    assert run("--store", store, "rename", "Europol", XSS[1]).exit_code == 0
    assert run("--store", store, "alias", "Frontex", XSS[2]).exit_code == 0

    page = tmp_path / "page.html"
    result = run("--store", store, "html", "-o", page)
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")

    expected = _parse((ASSETS / "page.html").read_text(encoding="utf-8")).tags
    found = _parse(html)
    # no element and no attribute came from the data: the page's elements are the template's
    # (an attribute the template fills, the Content-Security-Policy, may have any value)
    assert len(found.tags) == len(expected)
    for (tag, attrs), (want_tag, want_attrs) in zip(found.tags, expected):
        assert tag == want_tag and [a for a, _ in attrs] == [a for a, _ in want_attrs], (tag, attrs)
        for (_, value), (_, want) in zip(attrs, want_attrs):
            assert value == want or "<!--AG:" in (want or ""), (tag, attrs)
    # every payload is carried as text: each sentence (as the loader cleaned it: an HTML
    # comment in a text document is markup and goes), the new name, the alias, the file name
    from actorgraph.loaders import load_path

    doc = load_path(folder / name)
    carried = [doc.span_text(s) for s in doc.sentences if "cooperates with Europol on" in doc.span_text(s)]
    assert len(carried) == len(XSS)
    data = json.dumps(json.loads(found.data_json), ensure_ascii=False)
    for text in carried + [XSS[1], XSS[2], name]:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in data, text
    outside = re.sub(r'<script type="application/json" id="ag-data">.*?</script>', "", html, flags=re.DOTALL)
    assert "alert('xss" not in outside and "alert('file')" not in outside


def test_the_page_script_never_turns_data_into_markup():
    """The page's own script puts text into the page with textContent, never as HTML."""
    from actorgraph.exports.html.page import ASSETS

    code = (ASSETS / "page.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL)  # (its comments may name them)
    code = "\n".join(line for line in code.splitlines() if not line.strip().startswith("//"))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code, sink
