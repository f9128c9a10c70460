"""Prints the pseudonymiser's figures on the probe set (tests/data/privacy/probes.json):
recall on known identifiers, recall on unknown names, precision, words kept, speed; and,
when `deduce` is installed (extra `deidentify`), the same with deduce and its start-up cost.

    python tests/bench/bench_pseudonymise.py   (from the repository root)"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ret_desk.domain.pseudonymise import Pseudonymiser  # noqa: E402
from tests.support.privacy_probes import context_of, load, measure, nfc  # noqa: E402


def report(label: str, scrubber: Pseudonymiser, data: dict) -> None:
    probes = data["probes"]
    start = time.perf_counter()
    m = measure(scrubber, probes)
    elapsed = (time.perf_counter() - start) / len(probes) * 1000
    clean = [p for p in probes if p["kind"] == "clean"]
    touched = sum(scrubber.scrub(nfc(p["sentence"])) != nfc(p["sentence"]) for p in clean)
    keeps = [f"Het gezin woont in {m}; gesprek op 7 maart 2026 en 12-05-2026 in {m}." for m in data["keep"]]
    touched_keep = [k for k in keeps if scrubber.scrub(k) != k]
    print(f"{label}:")
    print(f"  recall known identifiers  {m.known_found}/{m.known_total} = {m.recall_known():.1%}")
    print(f"  recall unknown names      {m.unknown_found}/{m.unknown_total} = {m.recall_unknown():.1%}")
    print(f"  precision (spans)         {m.spans_right}/{m.spans} = {m.precision():.1%}")
    print(f"  words that must stay      {m.kept_ok}/{m.kept_total}")
    print(f"  clean sentences touched   {touched}/{len(clean)}")
    print(f"  municipalities and dates  {len(keeps) - len(touched_keep)}/{len(keeps)} sentences untouched")
    print(f"  time per sentence         {elapsed:.2f} ms")


def main() -> None:
    data = load()
    context = context_of(data)
    start = time.perf_counter()
    plain = Pseudonymiser(context)
    print(f"scrubber built in {(time.perf_counter() - start) * 1000:.1f} ms, {len(data['probes'])} probes")
    report("store knowledge and rules (default)", plain, data)
    try:
        start = time.perf_counter()
        import deduce  # noqa: F401
    except ImportError:
        print("deduce: not installed (pip install '.[deidentify]' to compare)")
        return
    from ret_desk.services.cases.unknown_names import _model, deduce_names

    imported = time.perf_counter() - start
    start = time.perf_counter()
    _model()
    loaded = time.perf_counter() - start
    print(
        f"deduce: import {imported:.2f} s, model load {loaded:.2f} s"
        " (the first run after an install builds its lookups: about a minute)"
    )
    report("with deduce (person tags only)", Pseudonymiser(context, unknown_names=deduce_names), data)


if __name__ == "__main__":
    main()
