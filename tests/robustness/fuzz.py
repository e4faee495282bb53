"""Coverage-guided fuzzing of the loaders, the cleaner, the sentence splitter and extraction with
atheris (libFuzzer for Python), when it is installed (``pip install atheris``; Linux and macOS
wheels): the same targets as ``test_properties.py``, but mutated towards new code paths.

    python tests/robustness/fuzz.py -runs=200000            # or -max_total_time=600
    python tests/robustness/fuzz.py -timeout=5 crash-...     # replay a finding

libFuzzer stops at the first uncaught exception (a crash: the input is saved as ``crash-*``) and,
with ``-timeout=N``, at an input that takes over N seconds (a pattern that backtracks).
``DocumentError`` is the loaders' documented refusal and is not a finding.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports(include=["actorgraph"]):
    from actorgraph.errors import DocumentError
    from actorgraph.graph.resolve import Resolver
    from actorgraph.loaders import load_bytes
    from actorgraph.loaders.clean import strip_markup
    from actorgraph.loaders.extract import extract
    from actorgraph.loaders.extract.vocabulary import default_vocabulary
    from actorgraph.loaders.sentences import sentence_spans

_FORMATS = ("text", "markdown", "html")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_VOCABULARY = default_vocabulary()


def check_document(doc) -> None:
    text = doc.text
    assert not _CONTROL.search(text), "a control character left in the text"
    end = 0
    for b in doc.blocks:
        assert end <= b.start < b.end <= len(text), "a block out of order or outside the text"
        end = b.end
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text), "a sentence outside the text"


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    target = fdp.ConsumeIntInRange(0, 3)
    if target == 0:  # a document, read, extracted and resolved
        fmt = _FORMATS[fdp.ConsumeIntInRange(0, len(_FORMATS) - 1)]
        try:
            doc = load_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()), "fuzz", fmt)
        except DocumentError as e:
            assert "\n" not in str(e), "a refusal on more than one line"
            return
        check_document(doc)
        extraction = extract(doc, _VOCABULARY)
        for m in extraction.mentions:
            assert doc.text[m.start : m.end] == m.text, "a mention whose offsets miss its text"
        Resolver(_VOCABULARY).resolve(extraction)
    elif target == 1:  # one block's markup
        s = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()).replace("\n", " ")
        out = strip_markup(s)
        assert out == out.strip() and len(out) <= len(s)
    elif target == 2:  # sentences of a text
        s = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
        last = 0
        for span in sentence_spans(s, 0, len(s)):
            assert last <= span.start < span.end <= len(s)
            last = span.end
    else:  # a PDF's bytes
        try:
            doc = load_bytes(b"%PDF-1.4\n" + fdp.ConsumeBytes(fdp.remaining_bytes()), "fuzz.pdf", "pdf")
        except DocumentError:
            return
        check_document(doc)


def main(argv: list[str]) -> None:
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
