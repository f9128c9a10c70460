"""The privacy probe set (tests/data/privacy/probes.json) and its measures: recall on
known and unknown identifiers, precision of what was scrubbed. Shared by the tests and
tests/bench/bench_pseudonymise.py."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ret_desk.domain.pseudonymise import Pseudonymiser, ScrubContext

PROBES = Path(__file__).resolve().parents[1] / "data" / "privacy" / "probes.json"


def load() -> dict:
    return json.loads(PROBES.read_text(encoding="utf-8"))


def context_of(data: dict) -> ScrubContext:
    c = data["context"]
    y = c["youth"]
    others = c["other_youths"]
    return ScrubContext(
        names=(
            f"{y['given_name']} {y['family_name']}",
            *c["family"],
            *c["mda_members"],
            *c["ro3_contacts"],
            c["referrer_contact"],
            c["case_manager"],
            *(f"{o['given_name']} {o['family_name']}" for o in others),
        ),
        birth_dates=(
            date.fromisoformat(y["birth_date"]),
            *(date.fromisoformat(o["birth_date"]) for o in others),
        ),
        bsns=(y["bsn"], *(o["bsn"] for o in others)),
        addresses=(y["address"],),
        postcodes=(y["postcode"],),
        schools=(y["school"], c["school_to_keep"]),
        keep=tuple(data["keep"]),
    )


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class Measures:
    known_total: int = 0
    known_found: int = 0
    unknown_total: int = 0
    unknown_found: int = 0
    kept_total: int = 0
    kept_ok: int = 0
    spans: int = 0
    spans_right: int = 0
    misses: list[str] | None = None

    def recall_known(self) -> float:
        return self.known_found / self.known_total if self.known_total else 1.0

    def recall_unknown(self) -> float:
        return self.unknown_found / self.unknown_total if self.unknown_total else 1.0

    def precision(self) -> float:
        return self.spans_right / self.spans if self.spans else 1.0


def measure(scrubber: Pseudonymiser, probes: list[dict]) -> Measures:
    m = Measures(misses=[])
    for p in probes:
        text = nfc(p["sentence"])
        scrubbed = scrubber.scrub(text)
        targets = [nfc(g) for g in p["must_go"]]
        for target in targets:
            gone = target not in scrubbed
            if p["kind"] == "unknown":
                m.unknown_total += 1
                m.unknown_found += gone
            else:
                m.known_total += 1
                m.known_found += gone
                if not gone:
                    m.misses.append(f"{target!r} in {scrubbed!r}")
        for word in p["must_stay"]:
            m.kept_total += 1
            m.kept_ok += nfc(word) in scrubbed
        places = [(i, i + len(t)) for t in targets if (i := text.find(t)) >= 0]
        for span in scrubber.found(text):
            m.spans += 1
            m.spans_right += any(span.start < end and start < span.end for start, end in places)
    return m
