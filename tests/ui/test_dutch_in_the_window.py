"""Dutch only, in the window: labels instead of codes, decimal commas, the right singular
or plural, and Qt's own dialogs (message boxes, files, printing) in Dutch."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from PySide6.QtCore import QLibraryInfo, QLocale
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from ret_desk.domain.matching import COMPONENTS
from ret_desk.domain.placement import EndReason, Exclusion
from ret_desk.domain.signals import SignalCode
from ret_desk.domain.table_signals import TableSignalCode
from ret_desk.ui import labels
from ret_desk.ui.dutch import count, number, percent, short_number
from ret_desk.ui.placement.batch_dialog import BatchDialog
from ret_desk.ui.placement.match_dialog import MatchDialog
from tests.support.tables import cell

CODE = re.compile(r"\b[A-Z]{2,}(_[A-Z0-9]+)+\b")  # GVA_MISSING, NO_CAPACITY, …


def test_numbers_have_a_decimal_comma_and_a_thousands_dot():
    assert number(89.125, 2) == "89,13" and number(12345) == "12.345" and number(1234.5, 1) == "1.234,5"
    assert short_number(12.0) == "12" and short_number(9.94) == "9,9"
    assert percent(0.456) == "46%" and percent(None) == "—"


def test_singular_and_plural():
    assert count(1, "casus", "casussen") == "1 casus"
    assert count(0, "casus", "casussen") == "0 casussen"
    assert count(2, "plek", "plekken") == "2 plekken"
    assert count(1200, "casus", "casussen") == "1.200 casussen"


def test_every_code_has_a_dutch_label():
    codes = [*SignalCode, *TableSignalCode, *labels.PLACEMENT_SIGNALS]
    for code in codes:
        assert labels.signal(str(code)) and not CODE.search(labels.signal(str(code))), code
    for member in (*Exclusion, *EndReason):
        assert labels.label(member) and labels.label(member) != member.value
    assert {labels.score_part(part) for part in COMPONENTS} == {
        "Ladder", "Specialismen", "Afstand", "Wachttijd", "Actualiteit"
    }  # fmt: skip


def table_texts(table) -> list[str]:  # noqa: ANN001
    return [
        cell(table, r, c) for r in range(table.model().rowCount()) for c in range(table.model().columnCount())
    ]


def test_the_match_dialog_shows_labels_and_decimal_commas(qtbot, filled_desk):
    view = filled_desk.match_view
    dialog = MatchDialog(view)
    qtbot.addWidget(dialog)
    texts = table_texts(dialog.candidates) + table_texts(dialog.excluded)
    assert not [t for t in texts if CODE.search(t)]  # no exclusion codes
    codes = {c.offer.type_code for c in view.result.candidates} | {
        e.offer.type_code for e in view.result.excluded
    }
    shown_types = {cell(dialog.candidates, r, 3) for r in range(dialog.candidates.model().rowCount())}
    assert shown_types and not shown_types & codes  # "Gezinshuis", never "gezinshuis"
    score = cell(dialog.candidates, 0, 4)
    assert re.fullmatch(r"\d+,\d\d", score), score
    assert "." not in cell(dialog.excluded, 0, 3)  # km with a comma


def test_the_batch_proposal_shows_type_labels_and_plurals(qtbot, filled_desk):
    dialog = BatchDialog(filled_desk.proposal, ["RET-2026-00099"])
    qtbot.addWidget(dialog)
    codes = {row.placement_type for row in filled_desk.proposal}
    assert not {cell(dialog.table, r, 4) for r in range(dialog.table.model().rowCount())} & codes
    assert re.fullmatch(r"\d+,\d\d", cell(dialog.table, 0, 6))
    note = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "1 verzoek zonder passende vrije plek" in note  # singular, not "1 verzoeken"


def test_qt_ships_or_we_ship_the_dutch_catalogue():
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert os.path.exists(os.path.join(folder, "qtbase_nl.qm"))


def test_qt_message_file_and_print_dialogs_speak_dutch(qtbot):
    # The session fixture installs them as RetDeskApp does (ui/i18n.py)
    assert QLocale().language() == QLocale.Language.Dutch
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "RET Desk", "?", buttons.Yes | buttons.No | buttons.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Annuleren", "Ja", "Nee"]
    files = QFileDialog(None, "Locaties importeren")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    assert files.labelText(QFileDialog.DialogLabel.FileName).replace("&", "") == "Bestandsnaam:"
    assert files.labelText(QFileDialog.DialogLabel.Reject) == "Annuleren"
    printing = QPrintDialog(QPrinter())
    qtbot.addWidget(printing)
    assert printing.windowTitle() == "Afdrukken"


def test_the_app_itself_loads_dutch_qt(tmp_path):
    """RetDeskApp, not only the tests, installs the Dutch catalogue and locale."""
    script = (
        "from ret_desk.ui.app import RetDeskApp\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "from PySide6.QtCore import QLocale\n"
        "app = RetDeskApp([])\n"
        "box = QMessageBox(QMessageBox.Icon.Question, 't', 'x', QMessageBox.StandardButton.No)\n"
        "print(box.buttons()[0].text(), QLocale().toString(2.5, 'f', 1))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["&Nee", "2,5"], done.stderr


def test_numbers_in_messages_outside_the_window_have_a_decimal_comma():
    from ret_desk.domain.dutch_numbers import decimal

    assert decimal(45.26) == "45,3" and decimal(40.0) == "40" and decimal(0.5) == "0,5"
