"""The main window: a workspace bar on the left, the active workspace, menus and shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.enums import Role
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.admin.reference import MunicipalityItem, RouteItem
from ret_desk.services.admin.region import region_name
from ret_desk.services.cases.intake import CaseRef
from ret_desk.services.context import Workspace
from ret_desk.services.live import LOCKED_OUT_MESSAGE
from ret_desk.ui.admin.password_dialog import ChangePasswordDialog
from ret_desk.ui.admin.workspace import AdminWorkspace
from ret_desk.ui.audit.workspace import AuditWorkspace
from ret_desk.ui.cases.new_referral import NewReferralDialog
from ret_desk.ui.cases.workspace import CasesWorkspace
from ret_desk.ui.experttafel.workspace import ExperttafelWorkspace
from ret_desk.ui.idle_lock import IdleLock
from ret_desk.ui.live_refresh import Change, ConnectionBanner, LiveRefresh
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.workspace import PlacementWorkspace

ORG, APP = "RET Drenthe", "RET Desk"


class MainWindow(QMainWindow):
    #: The server refused this login and the user asked to log in again (ui/app.py).
    relogin_requested = Signal()

    def __init__(
        self,
        workspace: Workspace,
        municipalities: list[MunicipalityItem],
        settings: QSettings | None = None,
        routes: list[RouteItem] | None = None,
    ) -> None:
        super().__init__()
        self._workspace = workspace
        self._settings = settings or QSettings(ORG, APP)
        self.active_dialog = None
        self._started = False
        self._loaded: list[QWidget] = []
        self.locked = False  # the server refused the login: the data is locked away
        actor = workspace.actor
        # "RET Desk — who": the form every window of the app had, and what the project's
        # tools (app-shot) look for to find the main window after the login.
        title = f"{APP} — {actor.username} ({actor.role.label})"
        if actor.on_behalf_of:
            title += ", " + self.tr("werkt namens %s") % actor.on_behalf_of
        self.setWindowTitle(title)
        self._municipalities = municipalities
        self._routes = routes  # the region's routes (None: the case screens load them)
        self._build()
        self._connect()
        self._restore()

    def _build(self) -> None:
        self.workspace_bar = QListWidget()
        self.workspace_bar.setMinimumWidth(150)
        self.workspace_bar.setMaximumWidth(200)
        self.workspace_bar.setAccessibleName(self.tr("Werkruimtes"))
        self.stack = QStackedWidget()
        role = self._workspace.actor.role
        self.cases = None
        if is_allowed(role, Action.VIEW_CASES):
            self.cases = CasesWorkspace(self._workspace, self._municipalities, routes=self._routes)
            self._routes = self.cases.routes
            self.stack.addWidget(self.cases)
            app = QApplication.instance()
            if hasattr(app, "case_changed"):  # the app-wide signal other workspaces listen to
                self.cases.detail.case_changed.connect(app.case_changed)
        else:
            note = QLabel(f"Uw rol ({role.label}) heeft geen toegang tot casussen.")
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(note)
        cases_item = QListWidgetItem(self.tr("Casussen"), self.workspace_bar)
        if self.cases is None:
            # Like the other workspaces this role may not use: shown, but not to be chosen.
            cases_item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.experttafel = (
            ExperttafelWorkspace(self._workspace) if is_allowed(role, Action.VIEW_SESSIONS) else None
        )
        self.placement = (
            PlacementWorkspace(self._workspace) if is_allowed(role, Action.VIEW_CAPACITY) else None
        )
        for name, widget in (("Experttafel", self.experttafel), ("Regie op plaatsing", self.placement)):
            item = QListWidgetItem(name, self.workspace_bar)
            if widget is None:
                # A placeholder keeps bar rows and stack pages in step.
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(f"Uw rol ({role.label}) heeft geen toegang tot {name}")
                widget = QLabel(f"Uw rol ({role.label}) heeft geen toegang tot {name}.")
            self.stack.addWidget(widget)
        item = QListWidgetItem("Monitor", self.workspace_bar)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setToolTip("Volgt in een volgende versie")
        self.stack.addWidget(QLabel())  # Monitor's page, so that bar rows and pages stay in step
        # Beheer and Logboek show only to the roles that may use them.
        self.admin = AdminWorkspace(self._workspace) if is_allowed(role, Action.MANAGE_ACCOUNTS) else None
        self.audit = AuditWorkspace(self._workspace) if is_allowed(role, Action.VIEW_AUDIT) else None
        rows = {}
        for name, widget in ((self.tr("Beheer"), self.admin), (self.tr("Logboek"), self.audit)):
            if widget is not None:
                rows[widget] = self.workspace_bar.count()
                QListWidgetItem(name, self.workspace_bar)
                self.stack.addWidget(widget)
        # Each role starts where its daily work is.
        start_row = {Role.CHAIR: 1, Role.PLACEMENT_OFFICER: 2}.get(role, 0)
        start_row = rows.get(self.admin if role is Role.ADMIN else self.audit, start_row)
        self.workspace_bar.setCurrentRow(start_row)
        self.stack.setCurrentIndex(start_row)
        splitter = QSplitter()
        splitter.addWidget(self.workspace_bar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 1100])
        self.banner = ConnectionBanner()  # shown while the server is out of reach (issue 10 §5)
        self.live: LiveRefresh | None = None
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        self.idle_lock = IdleLock(self, self._workspace)  # locks after idle time (issue 11 §3)
        self.setCentralWidget(self.idle_lock.around(central))

        self.new_referral_action = QAction("&Nieuwe aanmelding…", self)
        self.new_referral_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_referral_action.setEnabled(is_allowed(role, Action.REGISTER_REFERRAL))
        self.find_action = QAction("&Zoeken", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.refresh_action = QAction("&Vernieuwen", self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.quit_action = QAction("&Afsluiten", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.about_action = QAction("&Over RET Desk", self)
        file_menu = self.menuBar().addMenu("&Bestand")
        file_menu.addAction(self.new_referral_action)
        self.password_action = QAction(self.tr("Wachtwoord &wijzigen…"), self)
        file_menu.addAction(self.password_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("Bee&ld")
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_action)
        self.menuBar().addMenu("&Help").addAction(self.about_action)
        toolbar = self.addToolBar("Acties")
        toolbar.setObjectName("actions")
        toolbar.addAction(self.new_referral_action)
        toolbar.addAction(self.refresh_action)
        store = "PostgreSQL" if not self._workspace.is_sqlite else "SQLite (deze werkplek)"
        self.statusBar().showMessage(f"Opslag: {store}")
        if self._workspace.actor.on_behalf_of:
            behalf = QLabel(self.tr("Werkt namens %s") % self._workspace.actor.on_behalf_of)
            behalf.setObjectName("onBehalfOf")
            self.statusBar().addPermanentWidget(behalf)

    def _connect(self) -> None:
        self.workspace_bar.currentRowChanged.connect(self._on_workspace_chosen)
        for row in range(min(self.workspace_bar.count(), 9)):  # Ctrl+1 … Ctrl+9, in sidebar order
            item = self.workspace_bar.item(row)
            item.setToolTip(item.toolTip() or f"Ctrl+{row + 1}")
            QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self, lambda row=row: self.choose_workspace(row))
        self._fit_workspace_bar()
        if self.experttafel is not None:
            self.experttafel.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
            if self.cases is not None:
                self.experttafel.case_changed.connect(self.cases.detail.reload_if_showing)
        if self.placement is not None:
            self.placement.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
            if self.cases is not None:
                self.placement.case_changed.connect(self.cases.detail.reload_if_showing)
        for page in (self.admin, self.audit):
            if page is not None:
                page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.password_action.triggered.connect(self._on_change_password)
        self.new_referral_action.triggered.connect(self._on_new_referral)
        self.find_action.triggered.connect(self._on_find)
        self.refresh_action.triggered.connect(self._on_refresh)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about)

    def _fit_workspace_bar(self) -> None:
        """As wide as its longest entry, so that no workspace name is cut off."""
        bar = self.workspace_bar
        bar.ensurePolished()
        width = bar.sizeHintForColumn(0) + 2 * bar.frameWidth() + bar.contentsMargins().left() * 2 + 4
        bar.setMinimumWidth(max(bar.minimumWidth(), width))
        bar.setMaximumWidth(max(bar.maximumWidth(), width))

    def _restore(self) -> None:
        if (geometry := self._settings.value("window/geometry")) is not None:
            self.restoreGeometry(geometry)
        else:
            # A first start fits the screen it opens on (a 1024x768 laptop too).
            screen = self.screen().availableGeometry()
            self.resize(min(1280, screen.width()), min(800, screen.height()))
        if (state := self._settings.value("window/state")) is not None:
            self.restoreState(state)
        if self.cases is not None:
            self.cases.restore_state(self._settings)
        for workspace in (self.experttafel, self.placement, self.admin, self.audit):
            if workspace is not None:
                workspace.restore_state(self._settings)

    def start(self) -> None:
        """Load the workspace in view; the others load when first chosen, so start-up
        queries only what the user sees."""
        self._started = True
        self._start_current()
        if self.live is None:
            self.live = LiveRefresh(self._workspace, self)
            self.live.changed.connect(self._on_live_change)
            self.live.online_changed.connect(self._on_online_changed)
            self.live.locked_out.connect(self.lock_out)
        self.idle_lock.start()

    def lock_out(self) -> None:
        """The server refuses this login (account deactivated, password changed): stop
        listening, close every open dialog and workspace, so that no child's data stays on
        screen or in memory, and offer to log in again."""
        if self.locked:
            return
        self.locked = True
        self.idle_lock.stop()
        if self.live is not None:
            self.live.stop()
        for dialog in self.findChildren(QDialog):
            dialog.hide()
            dialog.deleteLater()
        self.active_dialog = None
        self.cases = self.experttafel = self.placement = self.admin = self.audit = None
        self._loaded = []
        for action in (self.new_referral_action, self.find_action, self.refresh_action, self.password_action):
            action.setEnabled(False)
        self.setCentralWidget(self._locked_page())  # the old one, and every workspace, is deleted
        self.statusBar().clearMessage()

    def _locked_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("lockedOut")
        self.locked_message = QLabel(self.tr(LOCKED_OUT_MESSAGE))
        self.locked_message.setWordWrap(True)
        self.locked_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_message.setAccessibleName(self.tr("Afgemeld"))
        self.relogin_button = QPushButton(self.tr("Opnieuw inloggen"))
        self.relogin_button.setDefault(True)
        self.relogin_button.clicked.connect(self.relogin_requested)
        leave = QPushButton(self.tr("Afsluiten"))
        leave.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.relogin_button)
        buttons.addWidget(leave)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.locked_message)
        column.addLayout(buttons)
        column.addStretch(2)
        self.relogin_button.setFocus()
        return page

    def _start_current(self) -> None:
        widget = self.stack.currentWidget()
        workspaces = (self.cases, self.experttafel, self.placement, self.admin, self.audit)
        if widget is not None and widget in workspaces and widget not in self._loaded:
            self._loaded.append(widget)
            widget.start()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        if self.cases is not None:
            self.cases.save_state(self._settings)
        for workspace in (self.experttafel, self.placement, self.admin, self.audit):
            if workspace is not None:
                workspace.save_state(self._settings)
        if self.live is not None:
            self.live.stop()
        super().closeEvent(event)

    # -- slots ------------------------------------------------------------------------
    def _on_new_referral(self) -> None:
        dialog = NewReferralDialog(self._workspace, self._municipalities, self, routes=self._routes)
        dialog.created.connect(self._on_referral_created)
        self.active_dialog = dialog
        dialog.open()

    def _on_change_password(self) -> None:
        dialog = ChangePasswordDialog(self._workspace, self)
        dialog.saved.connect(
            lambda _: self.statusBar().showMessage(self.tr("Uw wachtwoord is gewijzigd."), 5000)
        )
        self.active_dialog = dialog
        dialog.open()

    def choose_workspace(self, row: int) -> None:
        """Show the sidebar's `row`, unless this role has no access to it."""
        item = self.workspace_bar.item(row)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.workspace_bar.setCurrentRow(row)

    def _on_workspace_chosen(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)
            if self._started:
                self._start_current()

    def _on_referral_created(self, ref: CaseRef) -> None:
        self.statusBar().showMessage(f"Aanmelding {ref.number} opgeslagen.", 5000)
        if self.cases is not None:
            self.cases.model.reload()
            self.cases.open_case(ref.number)

    def _on_find(self) -> None:
        if self.cases is not None:
            self.cases.search.setFocus()
            self.cases.search.selectAll()

    def _on_refresh(self) -> None:
        if self.stack.currentWidget() in (self.admin, self.audit):
            self.stack.currentWidget().start()  # Beheer reloads its lists; Logboek searches again
            return
        if self.placement is not None and self.stack.currentWidget() is self.placement:
            self.placement.reload_requests()
            self.placement.board.model.reload()
        elif self.stack.currentWidget() is self.experttafel and self.experttafel is not None:
            self.experttafel.reload()
            self.experttafel.open_session(self.experttafel.current_session)
        elif self.cases is not None:
            self.cases.model.reload()
            self.cases.detail.reload()

    def _on_live_change(self, change: Change) -> None:
        """Another user's commit: each loaded workspace reloads what it touches."""
        for widget in self._loaded:
            if hasattr(widget, "on_live_change"):
                widget.on_live_change(change)

    def _on_online_changed(self, online: bool) -> None:
        if self.locked:
            return
        self.banner.set_online(online)
        if online:
            self.statusBar().showMessage(self.tr("De verbinding met de server is hersteld."), 5000)

    def _on_about(self) -> None:
        ws = self._workspace
        Op(self, lambda: ws.call_anonymous(region_name)).success(self._show_about).run()

    def _show_about(self, region: str) -> None:
        # The region is the store's (data), never written here (issue 9)
        text = self.tr("RET Desk — de werkplek van het Regionaal Expertteam Jeugd.")
        if region:
            text += "\n" + self.tr("Regio van deze opslag: %s") % region
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Over RET Desk"), text, parent=self)
        self.active_dialog = box
        box.open()
