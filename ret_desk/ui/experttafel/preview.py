"""PdfPreviewDialog: a built document in a PDF viewer (QtPdf), to print through the
system print dialog or save as a PDF file. Each print and save is logged per case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.errors import RetDeskError
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import printing
from ret_desk.services.side_files import private_output_file
from ret_desk.ui.errors import show_error
from ret_desk.ui.ops import Op

PRINT_DPI = 300


class PdfPreviewDialog(QDialog):
    #: Emitted after a logged print or save, with a Dutch status line.
    output_done = Signal(str)

    def __init__(
        self, workspace: Workspace, document: printing.Document, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.document = document
        self.setWindowTitle(f"Voorbeeld — {document.title}")
        self.resize(900, 1000)
        self._build()
        self._connect()
        self._load()

    def _build(self) -> None:
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Voorbeeld van het document"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.pages = QLabel()
        self.print_button = QPushButton("&Afdrukken…")
        self.print_button.setToolTip("Afdrukken via het afdrukvenster van het systeem (Ctrl+P)")
        self.save_button = QPushButton("Opslaan als &PDF…")
        self.save_button.setToolTip("Opslaan als PDF-bestand (Ctrl+S)")
        self.close_button = QPushButton("&Sluiten")
        bar = QHBoxLayout()
        bar.addWidget(self.pages)
        bar.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def _connect(self) -> None:
        self.print_button.clicked.connect(self._on_print)
        self.save_button.clicked.connect(self._on_save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self._on_print)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save)

    def _load(self) -> None:
        # The buffer must outlive the document's use of it.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.document.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        count = self.pdf.pageCount()
        self.pages.setText(f"{count} pagina" + ("" if count == 1 else "'s"))

    # -- output ---------------------------------------------------------------------
    def save_to(self, path: Path) -> None:
        """Save in the background; the file is written whole or not at all, then logged."""
        ws, document = self._workspace, self.document

        def work() -> None:
            ws.call(printing.save_document, document=document, path=path)

        Op(self, work).success(lambda _: self.output_done.emit(f"Opgeslagen als {path.name}.")).failure(
            self._on_save_failed
        ).run()

    def _on_save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            exc = RetDeskError(f"Opslaan is mislukt: {exc.strerror or exc}. Er is niets opgeslagen.")
        show_error(self, exc)

    def print_to(self, printer: QPrinter) -> None:
        """Render every page at print resolution onto `printer`."""
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            private_output_file(Path(printer.outputFileName()))  # "print to file": 0600 (issue 11 §4)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("De printer kon niet worden geopend.")
        try:
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            for page in range(self.pdf.pageCount()):
                if page:
                    printer.newPage()
                size = self.pdf.pagePointSize(page)
                scale = PRINT_DPI / 72
                image = self.pdf.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
                fitted = image.scaled(
                    target.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                painter.drawImage(target.topLeft(), fitted)
        finally:
            painter.end()
        self._log("afgedrukt", "Afgedrukt.")

    def _log(self, how: str, message: str) -> None:
        """Log a print (saves log themselves in save_document)."""
        ws = self._workspace

        def work() -> None:
            ws.call(printing.record_output, document=self.document, how=how)

        Op(self, work).success(lambda _: self.output_done.emit(message)).run()

    def _on_save(self) -> None:
        settings = QSettings()
        folder = settings.value("printing/folder", str(Path.home()))
        name, _ = QFileDialog.getSaveFileName(
            self, "Opslaan als PDF", str(Path(folder) / self.document.file_name), "PDF-bestanden (*.pdf)"
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
        settings.setValue("printing/folder", str(path.parent))
        try:
            self.save_to(path)
        except OSError as exc:
            show_error(
                self, RetDeskError(f"Opslaan is mislukt: {exc.strerror or exc}. Er is niets opgeslagen.")
            )

    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Afdrukken")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
