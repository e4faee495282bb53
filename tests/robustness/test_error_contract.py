"""The error contract (issue 7): documented exit codes, each error one line on stderr that says
what to do, a traceback only with --debug (and then the same exit code). One test per code.

The codes are declared once, in ``actorgraph.errors.EXIT_CODES``; README.md and
docs/reliability.md must state the same table."""

from __future__ import annotations

import re
import shutil
import signal

import pyoxigraph as ox
import pytest
from conftest import CORPUS

from actorgraph.errors import EXIT_CODES, EXIT_INTERNAL, EXIT_INTERRUPTED

from .helpers import ROOT, Watched, cli_command, integrity_problems, run_cli


def one_error(result, prefix: str = "actorgraph: error: ") -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), lines
    assert "Traceback" not in result.stderr
    return lines[0]


def test_0_ok(run, built_store):
    result = run("--store", built_store, "cooperates", "Europol", "--format", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("partner,partner_id,")


def test_1_user_error_an_unknown_name_with_the_closest(run, built_store):
    result = run("--store", built_store, "cooperates", "Europl")
    assert result.exit_code == 1
    assert one_error(result).startswith("actorgraph: error: no entity named 'Europl'; closest: Europol")


@pytest.mark.parametrize("args, says", [
    (["bogus"], "No such command 'bogus'. (see 'actorgraph --help')"),
    (["entities", "--formt", "csv"], ("No such option '--formt'. Did you mean '--format'? "
                                      "(see 'actorgraph entities --help')")),
    (["show"], "Missing argument 'NAME'. (see 'actorgraph show --help')"),
    (["entities", "--type", "Persn"], "unknown type Persn; choose from Person"),
    (["export", "--format", "bogus"], "unknown export format 'bogus'; choose one of"),
])
def test_2_usage_error_in_one_line_with_where_to_look(run, built_store, args, says):
    result = run("--store", built_store, *args)
    assert result.exit_code == 2
    assert says in one_error(result)


def test_3_data_error_a_document_that_cannot_be_loaded_the_others_are(run, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "empty.txt").write_bytes(b"")
    shutil.copy(CORPUS / "aljazeera_eu_ships_rescue_2015.md", tmp_path / "docs")
    result = run("--store", tmp_path / "store", "build", tmp_path / "docs")
    assert result.exit_code == 3
    assert "loaded 1 document(s)" in result.stdout and "1 failed" in result.stdout
    skipped = [x for x in result.stderr.splitlines() if x.startswith("actorgraph: skipped: ")]
    assert skipped == [f"actorgraph: skipped: {tmp_path / 'docs' / 'empty.txt'}: empty document, nothing to extract"]


def test_4_store_error_not_a_store(run, tmp_path):
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    result = run("--store", tmp_path / "notes.txt", "build", CORPUS / "aljazeera_eu_ships_rescue_2015.md")
    assert result.exit_code == 4
    assert "is a file, not a directory; give --store a directory" in one_error(result)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "mine.txt").write_text("x", encoding="utf-8")
    result = run("--store", tmp_path / "folder", "build", CORPUS / "aljazeera_eu_ships_rescue_2015.md")
    assert result.exit_code == 4 and "is not an actorgraph store" in one_error(result)
    assert (tmp_path / "folder" / "mine.txt").read_text(encoding="utf-8") == "x"


def test_4_a_query_on_a_path_that_is_not_a_store_says_only_that(run, tmp_path):
    """Regression (issue 7): a query command said "the store notes.txt is empty; loading the
    bundled EMN 2016 report first", then refused the path: two lines, the first untrue."""
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    result = run("--store", tmp_path / "notes.txt", "entities")
    assert result.exit_code == 4
    assert "is a file, not a directory" in one_error(result)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a store"
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "mine.txt").write_text("x", encoding="utf-8")
    result = run("--store", tmp_path / "folder", "show", "Europol")
    assert result.exit_code == 4 and "is not an actorgraph store" in one_error(result)
    assert sorted(p.name for p in (tmp_path / "folder").iterdir()) == ["mine.txt"]


def test_4_store_error_locked_by_another_writer(store_copy):
    import gc

    holder = ox.Store(str(store_copy))  # this process holds the write lock
    try:
        result = run_cli("--store", store_copy, "build", CORPUS / "aljazeera_eu_ships_rescue_2015.md", timeout=60)
    finally:
        del holder
        gc.collect()
    assert result.code == 4
    assert "is being written by another actorgraph process; wait for it to finish" in one_error(result)


def test_70_internal_error_is_one_line_and_debug_shows_the_traceback(run, built_store, monkeypatch):
    from actorgraph.graph import queries

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the query layer")

    monkeypatch.setattr(queries, "find_entity", broken)
    result = run("--store", built_store, "show", "Europol")
    assert result.exit_code == EXIT_INTERNAL
    assert one_error(result, "actorgraph: internal error: ") == (
        "actorgraph: internal error: RuntimeError: a bug in the query layer (run with --debug for details)")
    result = run("--store", built_store, "--debug", "show", "Europol")
    assert result.exit_code == EXIT_INTERNAL
    assert result.stderr.startswith("Traceback (most recent call last):") and "def broken" not in result.stderr
    assert "RuntimeError: a bug in the query layer" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("actorgraph: internal error: RuntimeError")


def test_debug_keeps_the_exit_code_of_a_documented_error(run, tmp_path):
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    result = run("--store", tmp_path / "notes.txt", "--debug", "entities")
    assert result.exit_code == 4
    assert "Traceback" in result.stderr and "StoreError" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("actorgraph: error: store path")


def test_130_interrupted_build_stops_cleanly_and_leaves_whole_documents(tmp_path):
    store = tmp_path / "store"
    # five versions of four documents: after the first is loaded, many are left to do when the
    # interrupt arrives, however fast the machine (four alone could all be written first)
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("aljazeera_eu_ships_rescue_2015.md", "iom_wikipedia.md", "unhcr_wikipedia.md",
                 "frontex_risk_analysis_2016.txt"):
        text = (CORPUS / name).read_text(encoding="utf-8", errors="replace")
        for i in range(5):
            (docs / f"{i:02d}_{name}").write_text(f"{text}\n\nVersion {i}.\n", encoding="utf-8")
    paths = sorted(docs.iterdir())
    build = Watched(cli_command("--store", store, "build", "--jobs", "1", *paths))
    build.wait_for("loaded ")
    code = build.kill(signal.SIGINT)
    assert code == EXIT_INTERRUPTED
    assert [x for x in build.seen if not x.startswith("loaded ") and x] == ["actorgraph: interrupted"]
    assert integrity_problems(store) == []
    result = run_cli("--store", store, "build", *paths, timeout=120)
    assert result.code == 0 and integrity_problems(store) == []


def _pipe_closed_after_one_line(args) -> tuple[int, str]:
    """Run ``actorgraph ARGS`` with stdout a pipe of one page (4 KB) that is closed after the
    first line, as ``head -1`` does; return the exit status and stderr."""
    import fcntl
    import subprocess

    proc = subprocess.Popen(cli_command(*args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: a small pipe, so that any output past 4 KB meets it closed
        fcntl.fcntl(proc.stdout.fileno(), fcntl.F_SETPIPE_SZ, 4096)
    assert proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    return proc.wait(timeout=60), stderr


@pytest.mark.parametrize("args", [["entities"], ["relations", "--format", "csv"],
                                  ["sparql", "SELECT * { ?s ?p ?o }", "--format", "csv"], ["ontology"]],
                         ids=["entities", "relations", "sparql", "ontology"])
def test_output_closed_early_stops_quietly_with_status_0(built_store, args):
    """Regression (issue 7): ``actorgraph entities | head -1`` ended with status 1 (click's
    answer to a broken pipe), which `set -o pipefail` takes for a failure. Now: status 0,
    nothing on stderr (no traceback, no "Broken pipe"). Each output is larger than the pipe,
    so the pipe is met closed."""
    import fcntl

    pipe = 4096 if hasattr(fcntl, "F_SETPIPE_SZ") else 65536
    full = run_cli("--store", built_store, *args, timeout=60)
    assert full.code == 0 and len(full.stdout.encode()) > 2 * pipe, (args, len(full.stdout))
    code, stderr = _pipe_closed_after_one_line(["--store", built_store, *args])
    assert (code, stderr) == (0, "")


# -- the table, in the code and in the documentation -----------------------------------------------


def test_every_exit_code_is_documented_the_same_in_readme_and_reliability():
    assert set(EXIT_CODES) == {0, 1, 2, 3, 4, 70, 130}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("**Errors**"):].split("\n\n")[0]
    for code in EXIT_CODES:
        assert re.search(rf"\b{code} ", paragraph), code
    table = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"| {code} | {meaning.split(' (')[0]}" in table, code
