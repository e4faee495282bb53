"""SPARQL servers started by the tests on 127.0.0.1, each in its own temporary directory.

:class:`Virtuoso` runs Debian's ``virtuoso-opensource`` (``virtuoso-t``) with a ``virtuoso.ini`` of
its own: database, transaction log and temporary files in the directory, the SQL and HTTP
ports free ports of 127.0.0.1, no dependence on the system's service or its configuration."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql-v")
#: How to get it, for the skip reason.
VIRTUOSO_HINT = "Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)"


#: Query commands whose answers from a server must be those of the local store it was loaded from.
QUERY_COMMANDS = [
    ("cooperates", "Europol"),
    ("cooperates", "eurojust", "--modality", "proposed"),
    ("show", "Mrs. Barberini"),
    ("entities", "--type", "Person"),
    ("relations", "--relation", "participatesIn"),
    ("documents",),
]


def assert_same_answers(run, local_store, url: str, args: tuple) -> None:
    """``actorgraph ARGS --format json`` gives the same, non-empty, answer from both stores."""
    import json

    local = run("--store", local_store, *args, "--format", "json")
    remote = run("--store", url, *args, "--format", "json")
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert json.loads(remote.stdout)  # not two empty answers


def assert_html_page(run, url: str, out: Path) -> None:
    """``actorgraph html`` from a server draws the bundled report's network."""
    result = run("--store", url, "html", "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Europol" in page and "JOT Mare" in page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
CheckpointInterval   = 0
CaseMode             = 2
DirsAllowed          = ., {dir}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
ThreadsPerQuery      = 2
MaxQueryMem          = 500M

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}
MaxClientConnections = 4
ServerThreads        = 4
EnabledDavVSP        = 0
EnabledGzipContent   = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 120
"""


class Virtuoso:
    """A Virtuoso instance of its own; ``url`` is its anonymous endpoint ``/sparql`` (read-only
    unless ``grant_update``), ``auth_url`` the digest-authenticated ``/sparql-auth`` with the
    fresh database's ``dba`` account in the URL."""

    def __init__(self, directory: Path, *, grant_update: bool = False, max_rows: int = 1_000_000,
                 timeout: float = 90):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.http_port = free_port(), free_port()
        while self.http_port == self.sql_port:
            self.http_port = free_port()
        ini = self.dir / "virtuoso.ini"
        ini.write_text(_INI.format(dir=self.dir, sql_port=self.sql_port, http_port=self.http_port,
                                   max_rows=max_rows), encoding="utf-8")
        self.root = f"http://127.0.0.1:{self.http_port}"
        self.url = f"{self.root}/sparql"
        self.auth_url = f"http://dba:dba@127.0.0.1:{self.http_port}/sparql-auth"
        self.proc = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"], cwd=self.dir,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.url}?query=ASK%7B%7D", timeout=5).read()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"virtuoso-t did not start within {timeout:.0f} s:\n{self.log()}")
                time.sleep(0.2)
        if grant_update:
            self.sql('GRANT SPARQL_UPDATE TO "SPARQL";'
                     "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")

    def sql(self, statements: str) -> str:
        """Run SQL on the instance as ``dba`` with Virtuoso's isql."""
        if ISQL is None:
            raise RuntimeError("isql-vt (virtuoso-opensource) is not installed")
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def log(self) -> str:
        path = self.dir / "virtuoso.log"
        return path.read_text(encoding="utf-8", errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        """SIGTERM: Virtuoso's quick shutdown (a second or so); killed if it hangs."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
