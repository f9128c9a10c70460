"""PrintFlow: builds a document in the background and opens it in the preview. The
sitting pack shows progress and can be cancelled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ret_desk.reports.layout import Cancelled
from ret_desk.services import printing
from ret_desk.services.context import Workspace
from ret_desk.ui.errors import show_error
from ret_desk.ui.experttafel.preview import PdfPreviewDialog
from ret_desk.ui.ops import Op


class PrintFlow(QObject):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, owner: QWidget) -> None:
        super().__init__(owner)
        self._workspace = workspace
        self._owner = owner
        self.preview: PdfPreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self.pack_op: Op | None = None

    def _build(self, fn: Callable[[], printing.Document]) -> None:
        self.status_message.emit("Document wordt opgemaakt…")
        Op(self._owner, fn).success(self._show).run()

    def summary(self, number: str, pseudonymised: bool, session_id: int | None) -> None:
        ws = self._workspace
        self._build(
            lambda: printing.case_summary_pdf(
                uow=ws.uow(),
                actor=ws.actor,
                number=number,
                pseudonymised=pseudonymised,
                session_id=session_id,
            )
        )

    def agenda(self, session_id: int) -> None:
        ws = self._workspace
        self._build(lambda: printing.agenda_pdf(uow=ws.uow(), actor=ws.actor, session_id=session_id))

    def letter(self, session_id: int, number: str) -> None:
        ws = self._workspace
        self._build(
            lambda: printing.advice_letter_pdf(
                uow=ws.uow(), actor=ws.actor, session_id=session_id, number=number
            )
        )

    def pack(self, session_id: int, pseudonymised: bool, cases: int) -> None:
        ws = self._workspace
        self.progress = QProgressDialog("Zittingspakket opmaken…", "Annuleren", 0, cases + 1, self._owner)
        self.progress.setWindowTitle("Zittingspakket")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)

        def work(report: Callable[[int, int], bool]) -> printing.Document:
            return printing.pack_pdf(
                uow=ws.uow(),
                actor=ws.actor,
                session_id=session_id,
                pseudonymised=pseudonymised,
                progress=report,
            )

        op = Op(self._owner, work, with_progress=True)
        self.pack_op = op
        self.progress.canceled.connect(op.cancel)
        op.progress(self._on_progress).success(self._on_pack_done).failure(self._on_pack_failed).run()

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total - 1))  # reaching the maximum would close it early
            self.progress.setLabelText(
                f"Zittingspakket opmaken… ({min(done, total - 1)} van {total - 1} casussen)"
            )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_pack_done(self, document: printing.Document) -> None:
        self._close_progress()
        if self.pack_op is not None and self.pack_op.cancelled:
            # Cancelled just as it finished: the user asked for nothing, so show nothing.
            self.status_message.emit("Zittingspakket afgebroken.")
            return
        self._show(document)

    def _on_pack_failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, Cancelled):
            self.status_message.emit("Zittingspakket afgebroken; er is niets gemaakt.")
        else:
            show_error(self._owner, exc)

    def _show(self, document: printing.Document) -> None:
        self.status_message.emit(f"{document.title} staat klaar.")
        self.preview = PdfPreviewDialog(self._workspace, document, self._owner)
        self.preview.output_done.connect(self.status_message)
        self.preview.open()
