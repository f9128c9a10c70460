"""PrintFlow: builds a document in the background and opens it in the preview. The
sitting pack shows progress and can be cancelled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ret_desk.domain.errors import Cancelled
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import printing
from ret_desk.ui.errors import show_error
from ret_desk.ui.experttafel.preview import PdfPreviewDialog
from ret_desk.ui.ops import Op
from ret_desk.ui.progress_run import ProgressRun


class PrintFlow(QObject):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, owner: QWidget) -> None:
        super().__init__(owner)
        self._workspace = workspace
        self._owner = owner
        self.preview: PdfPreviewDialog | None = None
        self.pack_run: ProgressRun | None = None

    def _build(self, fn: Callable[[], printing.Document]) -> None:
        self.status_message.emit("Document wordt opgemaakt…")
        Op(self._owner, fn).success(self._show).run()

    def summary(self, number: str, pseudonymised: bool, session_id: int | None) -> None:
        ws = self._workspace
        self._build(
            lambda: ws.call(
                printing.case_summary_pdf,
                number=number,
                pseudonymised=pseudonymised,
                session_id=session_id,
            )
        )

    def agenda(self, session_id: int) -> None:
        ws = self._workspace
        self._build(lambda: ws.call(printing.agenda_pdf, session_id=session_id))

    def letter(self, session_id: int, number: str) -> None:
        ws = self._workspace
        self._build(lambda: ws.call(printing.advice_letter_pdf, session_id=session_id, number=number))

    def pack(self, session_id: int, pseudonymised: bool) -> None:
        ws = self._workspace

        def work(report: Callable[[int, int], bool]) -> printing.Document:
            return ws.call(
                printing.pack_pdf,
                session_id=session_id,
                pseudonymised=pseudonymised,
                progress=report,
            )

        self.pack_run = ProgressRun(
            self._owner, "Zittingspakket opmaken…", work, done=self._on_pack_done, failed=self._on_pack_failed
        )

    @property
    def pack_op(self) -> Op | None:
        return self.pack_run.op if self.pack_run is not None else None

    @property
    def progress(self) -> QProgressDialog | None:
        return self.pack_run.dialog if self.pack_run is not None else None

    def _on_pack_done(self, document: printing.Document, cancelled: bool) -> None:
        if cancelled:
            self.status_message.emit("Zittingspakket afgebroken.")
            return
        self._show(document)

    def _on_pack_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.status_message.emit("Zittingspakket afgebroken; er is niets gemaakt.")
        else:
            show_error(self._owner, exc)

    def _show(self, document: printing.Document) -> None:
        self.status_message.emit(f"{document.title} staat klaar.")
        self.preview = PdfPreviewDialog(self._workspace, document, self._owner)
        self.preview.output_done.connect(self.status_message)
        self.preview.open()
