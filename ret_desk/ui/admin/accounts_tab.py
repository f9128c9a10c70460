"""The account list of the Beheer workspace: add, deactivate and reactivate, change a role,
reset a password, unlock an account locked after too many wrong passwords. Deactivating
and resetting ask first; every call runs in the background."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ret_desk.services.admin import account_admin
from ret_desk.services.admin.account_admin import AccountRow
from ret_desk.services.context import Workspace
from ret_desk.ui.admin.account_dialogs import AddAccountDialog, ResetPasswordDialog, RoleDialog
from ret_desk.ui.errors import show_error
from ret_desk.ui.ops import Op
from ret_desk.ui.paged_model import ROW_ROLE, PagedTableModel

COL_USERNAME, COL_NAME, COL_ROLE, COL_STATE = range(4)
_HEADERS = ("Gebruikersnaam", "Naam", "Rol", "Status")
ACCOUNT_ROW_ROLE = ROW_ROLE


class AccountsModel(PagedTableModel[AccountRow]):
    """Feeds the account table; a region has tens of accounts, so one query loads them all."""

    HEADERS = _HEADERS

    def row_id(self, row: AccountRow) -> str:
        return row.username

    def display(self, row: AccountRow, column: int) -> str:
        tr = QCoreApplication.translate
        match column:
            case 0:
                return row.username
            case 1:
                return row.display_name
            case 2:
                return row.role.label
            case _:
                state = tr("AccountsModel", "actief") if row.active else tr("AccountsModel", "gedeactiveerd")
                if row.must_change_password:
                    state += tr("AccountsModel", ", moet wachtwoord wijzigen")
                if row.locked and row.locked_until is not None:
                    until = row.locked_until.astimezone().strftime("%H:%M")
                    state += tr("AccountsModel", ", vergrendeld tot %1").replace("%1", until)
                return state


class AccountsTab(QWidget):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.active_dialog = None
        self.confirm: QMessageBox | None = None
        self._build()
        self._connect()

    def _build(self) -> None:
        self.model = AccountsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(self.tr("Account &toevoegen…"))
        self.disable_button = QPushButton(self.tr("&Deactiveren…"))
        self.enable_button = QPushButton(self.tr("&Activeren"))
        self.role_button = QPushButton(self.tr("&Rol wijzigen…"))
        self.reset_button = QPushButton(self.tr("&Wachtwoord herstellen…"))
        self.unlock_button = QPushButton(self.tr("Ont&grendelen"))
        self.unlock_button.setToolTip(
            self.tr("Heft de vergrendeling na te veel mislukte aanmeldingen meteen op.")
        )
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.disable_button,
            self.enable_button,
            self.role_button,
            self.reset_button,
            self.unlock_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._update_buttons()

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.add_button.clicked.connect(self._on_add)
        self.disable_button.clicked.connect(self._on_disable)
        self.enable_button.clicked.connect(self._on_enable)
        self.role_button.clicked.connect(self._on_role)
        self.reset_button.clicked.connect(self._on_reset)
        self.unlock_button.clicked.connect(self._on_unlock)

    # -- our API ----------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        ws = self._workspace
        keep = select or (self.selected().username if self.selected() else None)
        Op(self, lambda: ws.call(account_admin.list_accounts)).success(
            lambda rows: self._on_loaded(rows, keep)
        ).run()

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ACCOUNT_ROW_ROLE) if rows else None

    def select(self, username: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.username == username:
                self.table.selectRow(i)
                return

    # -- slots ------------------------------------------------------------------------
    def _on_loaded(self, rows: list[AccountRow], keep: str | None) -> None:
        self.model.set_rows(rows)
        if keep:
            self.select(keep)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.disable_button.setEnabled(row is not None and row.active)
        self.enable_button.setEnabled(row is not None and not row.active)
        self.role_button.setEnabled(row is not None)
        self.reset_button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and row.locked)

    def _open(self, dialog, done_text: str, username: str | None) -> None:  # noqa: ANN001
        def done(result) -> None:  # noqa: ANN001
            self.status_message.emit(done_text)
            self.reload(username)

        dialog.saved.connect(done)
        self.active_dialog = dialog
        dialog.open()

    def _on_add(self) -> None:
        dialog = AddAccountDialog(self._workspace, self)
        dialog.saved.connect(lambda _: self.reload(dialog.username.text().strip()))
        dialog.saved.connect(lambda _: self.status_message.emit(self.tr("Account toegevoegd.")))
        self.active_dialog = dialog
        dialog.open()

    def _on_role(self) -> None:
        if (row := self.selected()) is not None:
            self._open(RoleDialog(self._workspace, row, self), self.tr("Rol gewijzigd."), row.username)

    def _ask(self, title: str, text: str, yes: str, then) -> None:  # noqa: ANN001
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button)
        box.finished.connect(lambda _: then() if box.clickedButton() is yes_button else None)
        self.confirm = box
        box.open()

    def _on_reset(self) -> None:
        if (row := self.selected()) is None:
            return
        self._ask(
            self.tr("Wachtwoord herstellen"),
            self.tr("Het huidige wachtwoord van %1 werkt daarna niet meer. Doorgaan?").replace(
                "%1", row.username
            ),
            self.tr("Doorgaan"),
            lambda: self._open(
                ResetPasswordDialog(self._workspace, row, self), self.tr("Wachtwoord hersteld."), row.username
            ),
        )

    def _on_disable(self) -> None:
        if (row := self.selected()) is None:
            return
        self._ask(
            self.tr("Account deactiveren"),
            self.tr(
                "%1 kan daarna niet meer inloggen, in de app noch op de opdrachtregel. Deactiveren?"
            ).replace("%1", row.username),
            self.tr("Deactiveren"),
            lambda: self._set_active(row, False),
        )

    def _on_enable(self) -> None:
        if (row := self.selected()) is not None:
            self._set_active(row, True)

    def _set_active(self, row: AccountRow, active: bool) -> None:
        ws = self._workspace
        text = self.tr("Account geactiveerd.") if active else self.tr("Account gedeactiveerd.")
        Op(
            self,
            lambda: ws.call(
                account_admin.set_active, username=row.username, active=active, version=row.version
            ),
        ).success(lambda _: (self.status_message.emit(text), self.reload(row.username))).failure(
            lambda exc: (show_error(self, exc), self.reload(row.username))
        ).run()

    def _on_unlock(self) -> None:
        if (row := self.selected()) is None:
            return
        ws = self._workspace
        Op(self, lambda: ws.call(account_admin.unlock, username=row.username, version=row.version)).success(
            lambda _: (self.status_message.emit(self.tr("Account ontgrendeld.")), self.reload(row.username))
        ).failure(lambda exc: (show_error(self, exc), self.reload(row.username))).run()
