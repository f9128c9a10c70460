"""CaseDetailView: one case (youth, referral, GVA, signals, timeline, notes) and its actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.errors import StaleEdit
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.domain.routing import can_be_routed
from ret_desk.services.cases import dossier_export, notes, routing
from ret_desk.services.cases.case_detail import CaseDetail, get_case
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.action_dialogs import NoteDialog, RouteDialog, StatusDialog
from ret_desk.ui.cases.detail_html import case_html
from ret_desk.ui.cases.edit_dialog import CaseEditDialog
from ret_desk.ui.cases.merge_dialog import MergeYouthDialog
from ret_desk.ui.cases.placement_section import CasePlacementSection
from ret_desk.ui.cases.route_items import region_routes
from ret_desk.ui.errors import show_error
from ret_desk.ui.flow_layout import FlowLayout
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.ops import Op
from ret_desk.ui.routes.tabs import tab_classes


class CaseDetailView(QWidget):
    case_changed = Signal(str)
    loaded = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        municipalities: list | None = None,
        routes: list | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._municipalities = [(m.cbs_code, m.name) for m in municipalities or []]  # for the edit dialog
        self._routes = routes  # the region's routes, for the route dialog (None: load when needed)
        self.detail: CaseDetail | None = None
        self.active_dialog = None
        self._request = 0  # only the newest load may fill the view
        self._edit_after_load = False  # "Opnieuw laden" after a stale edit: edit the fresh case
        self._build()
        self._connect()
        self._update_actions()

    def _build(self) -> None:
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.placeholder = QLabel("Kies een casus in de lijst.")
        self.route_button = QPushButton("&Routeren…")
        self.status_button = QPushButton("S&tatus wijzigen…")
        self.note_button = QPushButton("&Aantekening…")
        self.edit_button = QPushButton(self.tr("&Wijzigen…"))
        self.edit_button.setToolTip(self.tr("Casus aanvullen of corrigeren (Ctrl+E)"))
        self.edit_shortcut = QShortcut(QKeySequence(self.tr("Ctrl+E")), self)
        self.merge_button = QPushButton(self.tr("&Jeugdige samenvoegen…"))
        self.dossier_button = QPushButton(self.tr("Dossier e&xporteren (inzage)…"))
        self.dossier_button.setToolTip(
            self.tr("Alles wat over deze jeugdige is vastgelegd, met wie het dossier inzag, als PDF")
        )
        buttons = FlowLayout()  # wraps when the pane is narrow (the window works at 1024×768)
        for button in (
            self.edit_button,
            self.route_button,
            self.status_button,
            self.note_button,
            self.merge_button,
            self.dossier_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.placeholder)
        self._add_placement_section(layout)
        self.browser.hide()

    def _add_placement_section(self, layout: QVBoxLayout) -> None:
        """The case text above, its placements, requests and match decisions below."""
        self.placement_section = CasePlacementSection(self._workspace)
        self.placement_section.case_changed.connect(self._after_write)
        self.record_tabs = QTabWidget()
        self.record_tabs.setDocumentMode(True)
        # Route labels are long ("Reizend Specialistisch Team"): shorten them to fit the
        # pane rather than hide tabs behind scroll arrows; the full label is the tooltip.
        self.record_tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.record_tabs.setUsesScrollButtons(False)
        self.record_tabs.addTab(self.placement_section, self.tr("Plaatsing"))
        self.route_tabs = []
        for cls in tab_classes():
            tab = cls(self._workspace)
            tab.case_changed.connect(self._after_write)
            self.record_tabs.addTab(tab, tab.TITLE)
            self.record_tabs.setTabVisible(self.record_tabs.indexOf(tab), False)
            self.route_tabs.append(tab)
        self.record_tabs.hide()
        self.detail_splitter = QSplitter(Qt.Orientation.Vertical)
        self.detail_splitter.addWidget(self.browser)
        self.detail_splitter.addWidget(self.record_tabs)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 2)
        layout.addWidget(self.detail_splitter, 1)

    def _connect(self) -> None:
        self.route_button.clicked.connect(self._on_route)
        self.status_button.clicked.connect(self._on_status)
        self.note_button.clicked.connect(self._on_note)
        self.merge_button.clicked.connect(self._on_merge)
        self.edit_button.clicked.connect(self._on_edit)
        self.dossier_button.clicked.connect(self._on_dossier)
        self.edit_shortcut.activated.connect(self._on_edit)

    def _update_actions(self) -> None:
        role, has_case = self._workspace.actor.role, self.detail is not None
        self.route_button.setEnabled(
            has_case and is_allowed(role, Action.ROUTE_CASE) and can_be_routed(CaseStatus(self.detail.status))
        )
        self.status_button.setEnabled(has_case and is_allowed(role, Action.CHANGE_STATUS))
        self.note_button.setEnabled(has_case and is_allowed(role, Action.ADD_NOTE))
        self.merge_button.setVisible(is_allowed(role, Action.MERGE_YOUTH))
        self.merge_button.setEnabled(has_case and is_allowed(role, Action.MERGE_YOUTH))
        self.edit_button.setEnabled(has_case and is_allowed(role, Action.EDIT_CASE))
        self.dossier_button.setVisible(is_allowed(role, Action.EXPORT_DOSSIER))
        self.dossier_button.setEnabled(has_case and is_allowed(role, Action.EXPORT_DOSSIER))

    # -- loading ----------------------------------------------------------------------
    def show_case(self, number: str) -> None:
        ws = self._workspace
        self._request += 1
        request = self._request
        Op(self, lambda: ws.call(get_case, number=number)).success(
            lambda detail: self._on_loaded(request, detail)
        ).run()

    def reload(self) -> None:
        if self.detail is not None:
            self.show_case(self.detail.number)

    def reload_if_showing(self, number: str) -> None:
        """Another workspace changed case `number`; show the new state if it is open here."""
        if self.detail is not None and self.detail.number == number:
            self.show_case(number)

    def refresh_if_touched(self, change) -> None:  # noqa: ANN001 - a services.live.Change
        """Another user's commit touched the open case: show it as it is now."""
        if self.detail is not None and change.affects_case(self.detail.id):
            self.show_case(self.detail.number)

    def _on_loaded(self, request: int, detail: CaseDetail) -> None:
        if request != self._request:
            return  # an older load finished after a newer one; showing it would go back in time
        another_case = self.detail is None or self.detail.number != detail.number
        self.detail = detail
        self.placeholder.hide()
        self.browser.show()
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(case_html(detail))
        if not another_case:  # the same case again (a refresh): the reader keeps their place
            self.browser.verticalScrollBar().setValue(scroll)
        self.record_tabs.show()
        self.placement_section.show_case(detail.number)
        for tab in self.route_tabs:
            shown = tab.applies(detail)
            self.record_tabs.setTabVisible(self.record_tabs.indexOf(tab), shown)
            if shown:
                index = self.record_tabs.indexOf(tab)
                self.record_tabs.setTabText(index, tab.title(detail))
                self.record_tabs.setTabToolTip(index, tab.title(detail))
                tab.show_case(detail)
        if another_case:
            # A newly chosen case opens on its current route's record; a reload after a
            # write leaves the user on the tab they were working in.
            current = next((t for t in self.route_tabs if t.KIND.value == detail.route_kind), None)
            self.record_tabs.setCurrentWidget(current if current is not None else self.placement_section)
        self._update_actions()
        self.loaded.emit(detail.number)
        if self._edit_after_load:
            self._edit_after_load = False
            self._on_edit()

    # -- actions ----------------------------------------------------------------------
    def _on_route(self) -> None:
        d, ws = self.detail, self._workspace
        dialog = RouteDialog(d.number, d.route, region_routes(ws, self._routes), self)

        def prepare():  # noqa: ANN202
            route, reason = dialog.chosen()
            return lambda: ws.call(
                routing.route_case, number=d.number, route=route, reason=reason,
                expected_version=d.version,
            )  # fmt: skip

        self._open(dialog, prepare)

    def _on_status(self) -> None:
        d, ws = self.detail, self._workspace
        dialog = StatusDialog(d.number, CaseStatus(d.status), self)

        def prepare():  # noqa: ANN202
            status, outcome, reason = dialog.chosen()
            return lambda: ws.call(
                routing.change_status, number=d.number, status=status, outcome=outcome,
                reason=reason, expected_version=d.version,
            )  # fmt: skip

        self._open(dialog, prepare)

    def _on_note(self) -> None:
        ws, number = self._workspace, self.detail.number
        dialog = NoteDialog(number, self)

        def prepare():  # noqa: ANN202
            text = dialog.note()
            return lambda: ws.call(notes.add_note, number=number, text=text)

        self._open(dialog, prepare)

    def _on_merge(self) -> None:
        dialog = MergeYouthDialog(self._workspace, self.detail.number, self)
        dialog.merged.connect(self._after_write)
        self._open(dialog)

    def _on_edit(self) -> None:
        if not self.edit_button.isEnabled() or not self.isVisible():
            return
        dialog = CaseEditDialog(self._workspace, self.detail, self._municipalities, self)
        number = self.detail.number
        dialog.saved.connect(lambda _: self._after_write(number))  # saved; it closed itself only then
        dialog.stale.connect(self.reload)
        dialog.reload_requested.connect(self._edit_fresh)
        self._open(dialog)

    def _on_dossier(self) -> None:
        """Inspection (issue 12 §3): the youth's whole dossier to a PDF the coordinator hands over."""
        settings = QSettings()
        folder = Path(str(settings.value("dossier/folder", str(Path.home()))))
        number = self.detail.number
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Dossier opslaan voor inzage"),
            str(folder / f"dossier-{number}.pdf"),
            self.tr("PDF-bestanden (*.pdf)"),
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
        settings.setValue("dossier/folder", str(path.parent))
        ws = self._workspace
        self.dossier_button.setEnabled(False)
        Op(self, lambda: ws.call(dossier_export.export_dossier, path=path, number=number)).success(
            self._on_dossier_done
        ).failure(self._on_dossier_failed).run()

    def _on_dossier_done(self, done: dossier_export.DossierExport) -> None:
        self._update_actions()
        cases = ", ".join(done.case_numbers)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Dossier opgeslagen"),
            self.tr("Het dossier ({0}) is opgeslagen in {1}.").format(cases, done.path),
            QMessageBox.StandardButton.Ok,
            self,
        )
        self.active_dialog = box  # not exec(): the window stays live, and tests read it
        box.open()

    def _on_dossier_failed(self, exc: BaseException) -> None:
        self._update_actions()
        show_error(self, exc)

    def _edit_fresh(self) -> None:
        """After a stale save, "Opnieuw laden": edit the case as it is stored now."""
        self._edit_after_load = True
        self.reload()

    def _open(self, dialog: FormDialog, prepare=None) -> None:  # noqa: ANN001
        """The dialog saves through `prepare` and stays open until that succeeded; closed
        without saving after a refusal, the view shows what is stored now. (Without
        `prepare`, the caller wires the dialog itself, as before the FormDialog.)"""
        number = self.detail.number
        self.active_dialog = dialog
        if prepare is not None:
            dialog.set_save(prepare)
            dialog.saved.connect(lambda _: self._after_write(number))
            dialog.rejected.connect(lambda: self.reload_if_showing(number))
        dialog.open()

    def _write(self, fn) -> None:  # noqa: ANN001
        """A write without a dialog; a refusal goes to the error dialog."""
        number = self.detail.number
        Op(self, fn).success(lambda _: self._after_write(number)).failure(self._on_write_failed).run()

    def _on_write_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        if isinstance(exc, StaleEdit):
            self.reload()  # show what the other person saved

    def _after_write(self, number: str) -> None:
        self.case_changed.emit(number)
        self.show_case(number)
