"""Dutch labels for codes that reach the window: signals, score parts and the enums of
the domain (which carry their Dutch label as `.label`). Codes stay in JSON and the CLI.

Labels written here are marked with QT_TRANSLATE_NOOP, so that Qt Linguist finds them,
and are looked up through QCoreApplication.translate when shown.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ret_desk.domain.signals import SignalCode
from ret_desk.domain.table_signals import TableSignalCode

CONTEXT = "labels"

SCORE_PARTS = {
    "ladder": QT_TRANSLATE_NOOP("labels", "Ladder"),
    "specialisms": QT_TRANSLATE_NOOP("labels", "Specialismen"),
    "distance": QT_TRANSLATE_NOOP("labels", "Afstand"),
    "waiting": QT_TRANSLATE_NOOP("labels", "Wachttijd"),
    "freshness": QT_TRANSLATE_NOOP("labels", "Actualiteit"),
}

#: Regie op plaatsing's signals are plain codes in the services (rop_signals, placements).
PLACEMENT_SIGNALS = {
    "REQUEST_WAITING": QT_TRANSLATE_NOOP("labels", "Verzoek wacht te lang"),
    "STOPGAP_PLACEMENT": QT_TRANSLATE_NOOP("labels", "Noodoplossing loopt"),
    "DISTANCE_EXCEEDED": QT_TRANSLATE_NOOP("labels", "Verder dan de afstandsgrens"),
    "CAPACITY_STALE": QT_TRANSLATE_NOOP("labels", "Capaciteit verouderd"),
}

#: The MDA++ record's signals (services/routes/mda.py).
MDA_SIGNALS = {
    "SAFETY_ASSESSMENT_DUE": QT_TRANSLATE_NOOP("labels", "Nieuwe risicotaxatie nodig"),
    "HIGH_RISK_NO_PLAN": QT_TRANSLATE_NOOP("labels", "Hoog risico zonder veiligheidsplan"),
}

#: The labels of the domain's MDA++ enums, for Qt Linguist (shown through `label`).
_MDA_ENUM_LABELS = (
    QT_TRANSLATE_NOOP("labels", "1 directe veiligheid"),
    QT_TRANSLATE_NOOP("labels", "2 stabilisatie"),
    QT_TRANSLATE_NOOP("labels", "3 herstel en duurzame veiligheid"),
    QT_TRANSLATE_NOOP("labels", "jeugdige"),
    QT_TRANSLATE_NOOP("labels", "ouder"),
    QT_TRANSLATE_NOOP("labels", "partner"),
    QT_TRANSLATE_NOOP("labels", "ex-partner"),
    QT_TRANSLATE_NOOP("labels", "broer of zus"),
    QT_TRANSLATE_NOOP("labels", "ander lid van het huishouden"),
    QT_TRANSLATE_NOOP("labels", "laag"),
    QT_TRANSLATE_NOOP("labels", "verhoogd"),
    QT_TRANSLATE_NOOP("labels", "hoog"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def label(member: Enum) -> str:
    """A domain enum member's Dutch label (its `.label`), through the translator."""
    return tr(member.label)  # type: ignore[attr-defined]


def score_part(code: str) -> str:
    return tr(SCORE_PARTS[code])


def signal(code: str) -> str:
    """Any signal code (case, Experttafel or placement) as its Dutch label."""
    for enum in (SignalCode, TableSignalCode):
        try:
            return label(enum(code))
        except ValueError:
            continue
    return tr(PLACEMENT_SIGNALS.get(code) or MDA_SIGNALS.get(code, code))
