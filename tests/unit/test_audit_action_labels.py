"""Every action code the services write to the log has a Dutch label for its readers:
the Logboek and its CSV never show a bare code. Reads the code for `record(...)` and
`record_case(...)` calls, so a new action without a label fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from ret_desk.domain.audit_actions import LABELS, action_label

PACKAGE = Path(__file__).resolve().parents[2] / "ret_desk"


def _written_actions() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("record", "record_case"):
                continue
            args = [*node.args[2:3], *(k.value for k in node.keywords if k.arg == "action")]
            for arg in args:
                # a literal, or either branch of `"a" if x else "b"`
                for value in ast.walk(arg):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found.add(value.value)
    return found


def test_every_written_action_has_a_dutch_label():
    written = _written_actions()
    assert {"case_create", "case_edit", "youth_merge", "match_batch"} <= written  # the scan sees them
    assert sorted(written - set(LABELS)) == []


def test_an_unknown_code_is_shown_as_it_is():
    assert action_label("case_edit") == "casusgegevens gewijzigd"
    assert action_label("iets_nieuws") == "iets_nieuws"


def test_an_edits_field_codes_read_as_dutch_names():
    from ret_desk.domain.audit_actions import detail_label

    assert detail_label("velden: gva_present, gva_date") == "velden: GVA aanwezig, GVA-datum"
    assert detail_label("velden: given_name, bsn") == "velden: Voornaam, BSN"
    assert detail_label("zitting 3: gepland -> gehouden") == "zitting 3: gepland -> gehouden"  # other details
