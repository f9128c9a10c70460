"""The Beheer workspace of the administrator: accounts, terms and settings, the store, and
the retention terms with destruction (issue 12 §3)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ret_desk.services.context import Workspace
from ret_desk.ui.admin.accounts_tab import AccountsTab
from ret_desk.ui.admin.retention_tab import RetentionTab
from ret_desk.ui.admin.settings_tab import SettingsTab
from ret_desk.ui.admin.store_tab import StoreTab


class AdminWorkspace(QWidget):
    status_message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = AccountsTab(workspace)
        self.settings = SettingsTab(workspace)
        self.store = StoreTab(workspace)
        self.retention = RetentionTab(workspace)  # issue 12 §3
        self.tabs = QTabWidget()
        self.tabs.addTab(self.accounts, self.tr("A&ccounts"))
        self.tabs.addTab(self.settings, self.tr("Ter&mijnen en instellingen"))
        self.tabs.addTab(self.store, self.tr("O&pslag"))
        self.tabs.addTab(self.retention, self.tr("B&ewaartermijnen"))
        QVBoxLayout(self).addWidget(self.tabs)
        for tab in (self.accounts, self.settings, self.store, self.retention):
            tab.status_message.connect(self.status_message)

    def start(self) -> None:
        self.accounts.reload()
        self.settings.reload()
        self.store.reload()
        self.retention.reload()

    def restore_state(self, settings: QSettings) -> None:
        self.tabs.setCurrentIndex(int(settings.value("admin/tab", 0)))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("admin/tab", self.tabs.currentIndex())
