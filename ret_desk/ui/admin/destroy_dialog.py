"""Beheer › Bewaartermijnen › "Dossier vernietigen…" (issue 12 §3): the BSN or case number,
the reason, and the BSN or case number typed again as the second confirmation; then a
last Ja/Nee. The store does the work (services.admin.destruction.destroy_dossier)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from ret_desk.domain.bsn import is_valid_bsn, normalise_bsn
from ret_desk.domain.errors import FieldError
from ret_desk.services.admin.destruction import destroy_dossier
from ret_desk.services.context import Workspace
from ret_desk.ui.form_dialog import FormDialog


def _key(text: str) -> str:
    digits = normalise_bsn(text.strip())
    return digits if is_valid_bsn(digits) else text.strip().casefold()


class DestroyDialog(FormDialog):
    def __init__(self, workspace: Workspace, case_number: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            parent, save_text=QCoreApplication.translate("DestroyDialog", "Definitief &vernietigen")
        )
        self.setWindowTitle(self.tr("Dossier vernietigen"))
        self.setMinimumWidth(480)
        self._workspace = workspace
        self.which = QLineEdit(case_number)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("bijv. verzoek, of termijn voorbij"))
        self.again = QLineEdit()
        warning = QLabel(
            self.tr(
                "Alle persoonsgegevens van deze jeugdige worden vernietigd: naam, BSN, adres, gezin, "
                "notities en alle vrije tekst. Alleen de telling voor de monitor blijft. Dit kan niet "
                "ongedaan worden gemaakt. Noem in de reden geen naam of BSN."
            )
        )
        warning.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(warning)
        self.add_field(form, self.tr("&BSN of casusnummer"), self.which, "which")
        self.add_field(form, self.tr("&Reden"), self.reason, "reason")
        self.add_field(form, self.tr("&Typ ter bevestiging nogmaals"), self.again, "again")
        self.which.setAccessibleName(self.tr("BSN of casusnummer"))
        self.reason.setAccessibleName(self.tr("Reden"))
        self.again.setAccessibleName(self.tr("Bevestiging"))
        self.add_buttons(form)
        self.set_save(self._work)
        self.which.setFocus()

    def problems(self) -> list[FieldError]:
        found = []
        if not self.which.text().strip():
            found.append(FieldError("which", self.tr("Vul het BSN of het casusnummer in.")))
        if len(self.reason.text().strip()) < 3:
            found.append(FieldError("reason", self.tr("Geef de reden van de vernietiging.")))
        if _key(self.again.text()) != _key(self.which.text()):
            found.append(FieldError("again", self.tr("Dit komt niet overeen met het BSN of casusnummer.")))
        return found

    def confirmation(self) -> tuple[str, str] | None:
        return (
            self.tr("Dossier vernietigen"),
            self.tr("Alle persoonsgegevens van %1 definitief vernietigen?").replace(
                "%1", self.which.text().strip()
            ),
        )

    def _work(self):  # noqa: ANN202
        ws, text, reason = self._workspace, self.which.text().strip(), self.reason.text().strip()
        digits = normalise_bsn(text)
        if is_valid_bsn(digits):
            return lambda: ws.call_store(destroy_dossier, reason=reason, bsn=digits)
        return lambda: ws.call_store(destroy_dossier, reason=reason, case_number=text)
