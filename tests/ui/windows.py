"""Every window of the app, for the tests that check rules over all of them (keyboard,
accessible names, mnemonics, screen size).

`DIALOGS` builds each QDialog subclass of `ret_desk.ui` from a filled demo store.
`test_every_dialog_is_registered` fails when a dialog class has no entry here: add a
factory for a new dialog to `DIALOGS`, and it is checked by every rule at once.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QTabWidget, QWidget

import ret_desk.ui
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.services.admin import accounts, reference
from ret_desk.services.context import Workspace
from ret_desk.services.demo import demo_data
from ret_desk.services.demo.demo_capacity import generate_capacity, open_demo_requests
from ret_desk.services.demo.demo_sittings import plan_demo_sittings
from ret_desk.services.experttafel import printing
from ret_desk.services.experttafel import sittings as experttafel
from ret_desk.services.experttafel.session_detail import get_session
from ret_desk.services.placement import match
from ret_desk.services.placement.placement_requests import list_requests
from ret_desk.services.placement.rop_reference import type_choices

PASSWORD = "correct-paard-batterij"


@dataclass
class Desk:
    """A filled store and what the dialogs are built from."""

    store: Store
    actors: dict[Role, Actor]
    municipalities: list = field(default_factory=list)
    types: list[tuple[str, str]] = field(default_factory=list)
    match_view: match.MatchView | None = None
    proposal: list = field(default_factory=list)
    item: object = None
    session_data: experttafel.SessionInput | None = None
    document: printing.Document | None = None

    def workspace(self, role: Role = Role.COORDINATOR) -> Workspace:
        return Workspace(self.store, self.actors[role])


def open_desk(folder: Path) -> Desk:
    """A store with accounts for every role, demo cases, sittings, capacity and requests."""
    store = Store.open(f"sqlite:///{(folder / 'desk.sqlite').as_posix()}")
    accounts.create_account(
        uow=store.uow(), actor=None, username="beheer", password=PASSWORD, role=Role.ADMIN
    )
    admin = accounts.authenticate(uow=store.uow(), username="beheer", password=PASSWORD)
    actors = {Role.ADMIN: admin}
    for role in Role:
        if role is not Role.ADMIN:
            accounts.create_account(
                uow=store.uow(), actor=admin, username=role.value, password=PASSWORD, role=role
            )
            actors[role] = accounts.authenticate(uow=store.uow(), username=role.value, password=PASSWORD)
    desk = Desk(store, actors)
    demo_data.generate(uow=store.uow(), actor=admin, youths=60, seed=2026)
    plan_demo_sittings(store_uow=store.uow, chair=actors[Role.CHAIR])
    generate_capacity(uow=store.uow(), actor=admin, locations=20, seed=2026)
    staff = actors[Role.PLACEMENT_OFFICER]
    open_demo_requests(store_uow=store.uow, staff=staff)
    desk.municipalities = reference.municipalities(uow=store.uow())
    desk.types = type_choices(uow=store.uow(), actor=staff)
    requests = list_requests(uow=store.uow(), actor=staff)
    desk.match_view = match.match_case(uow=store.uow(), actor=staff, number=requests[0].case_number)
    desk.proposal = list(match.batch_proposal(uow=store.uow(), actor=staff)[0])
    chair = actors[Role.CHAIR]
    sittings = experttafel.list_sessions(uow=store.uow(), actor=chair)
    detail = next(
        d for d in (get_session(uow=store.uow(), actor=chair, session_id=s.id) for s in sittings) if d.items
    )
    desk.item = detail.items[0]
    desk.session_data = detail.data
    desk.document = printing.agenda_pdf(uow=store.uow(), actor=chair, session_id=detail.id)
    return desk


def _dialogs() -> dict[str, Callable[[Desk], QDialog]]:
    from ret_desk.domain.enums import CaseStatus
    from ret_desk.ui.cases.action_dialogs import NoteDialog, RouteDialog, StatusDialog
    from ret_desk.ui.cases.new_referral import NewReferralDialog
    from ret_desk.ui.experttafel.advice_dialog import AdviceDialog
    from ret_desk.ui.experttafel.agenda_dialog import AgendaDialog
    from ret_desk.ui.experttafel.preview import PdfPreviewDialog
    from ret_desk.ui.experttafel.session_dialog import SessionDialog
    from ret_desk.ui.login import FirstAdminDialog, LoginDialog
    from ret_desk.ui.placement.batch_dialog import BatchDialog
    from ret_desk.ui.placement.match_dialog import MatchDialog
    from ret_desk.ui.placement.placement_dialogs import (
        EndPlacementDialog,
        StartPlacementDialog,
    )
    from ret_desk.ui.placement.request_dialogs import AnswerDialog, RequestDialog

    number = "RET-2026-00012"
    return _new_dialogs(number) | {
        "LoginDialog": lambda d: LoginDialog(Workspace(d.store)),
        "FirstAdminDialog": lambda d: FirstAdminDialog(Workspace(d.store)),
        "NewReferralDialog": lambda d: NewReferralDialog(d.workspace(), d.municipalities),
        "RouteDialog": lambda d: RouteDialog(number, "ro3", reference.routes(uow=d.store.uow())),
        "StatusDialog": lambda d: StatusDialog(number, CaseStatus.ASSIGNED),
        "NoteDialog": lambda d: NoteDialog(number),
        "SessionDialog": lambda d: SessionDialog(d.session_data),
        "SessionDialog (nieuw)": lambda d: SessionDialog(),
        "AgendaDialog": lambda d: AgendaDialog(may_route=True),
        "AgendaDialog (wijzigen)": lambda d: AgendaDialog(
            may_route=False, item=_agenda_input(d.item), number=d.item.case_number
        ),
        "AdviceDialog": lambda d: AdviceDialog(d.item, "Noor Zwiers"),
        "PdfPreviewDialog": lambda d: PdfPreviewDialog(d.workspace(Role.CHAIR), d.document),
        "MatchDialog": lambda d: MatchDialog(d.match_view),
        "BatchDialog": lambda d: BatchDialog(d.proposal, ["RET-2026-00099"]),
        "RequestDialog": lambda d: RequestDialog(
            d.types, municipalities=[(m.name, m.cbs_code) for m in d.municipalities]
        ),
        "AnswerDialog": lambda d: AnswerDialog(number, "Gezinshuis De Linde"),
        "StartPlacementDialog": lambda d: StartPlacementDialog(number, d.types, None),
        "StartPlacementDialog (doorplaatsing)": lambda d: StartPlacementDialog(
            number, d.types, "Gezinshuis De Linde"
        ),
        "EndPlacementDialog": lambda d: EndPlacementDialog(number, "Gezinshuis De Linde"),
    }


def _new_dialogs(number: str) -> dict[str, Callable[[Desk], QDialog]]:
    """The dialogs of case editing, youth identity, placements' ends and the Beheer workspace."""
    from ret_desk.domain.placement import EndReason
    from ret_desk.services.admin import settings
    from ret_desk.services.admin.account_admin import AccountRow
    from ret_desk.services.cases.case_detail import get_case
    from ret_desk.ui.admin.account_dialogs import AddAccountDialog, ResetPasswordDialog, RoleDialog
    from ret_desk.ui.admin.password_dialog import ChangePasswordDialog
    from ret_desk.ui.admin.settings_tab import DeadlineDialog, RegionSettingDialog
    from ret_desk.ui.cases.edit_dialog import CaseEditDialog
    from ret_desk.ui.cases.merge_dialog import MergeYouthDialog
    from ret_desk.ui.cases.youth_dialogs import PossibleSameYouthDialog, YouthDifferencesDialog
    from ret_desk.ui.placement.placement_dialogs import CorrectEndDialog
    from ret_desk.ui.routes.rst_dialog import DeploymentDialog

    row = AccountRow("k.devries", "Kees de Vries", Role.CHAIR, True, False, 1)
    return {
        "CaseEditDialog": lambda d: CaseEditDialog(
            d.workspace(),
            get_case(uow=d.store.uow(), actor=d.actors[Role.COORDINATOR], number=d.item.case_number),
            [(m.cbs_code, m.name) for m in d.municipalities],
        ),
        "MergeYouthDialog": lambda d: MergeYouthDialog(d.workspace(), d.item.case_number),
        "YouthDifferencesDialog": lambda d: YouthDifferencesDialog(_stored_youth()),
        "PossibleSameYouthDialog": lambda d: PossibleSameYouthDialog(
            (_stored_youth(), _stored_youth(("RET-2025-00031",), "Tynaarlo"))
        ),
        "CorrectEndDialog": lambda d: CorrectEndDialog(
            "Gezinshuis De Linde", TODAY, EndReason.BREAKDOWN_YOUTH
        ),
        "AddAccountDialog": lambda d: AddAccountDialog(d.workspace(Role.ADMIN)),
        "RoleDialog": lambda d: RoleDialog(d.workspace(Role.ADMIN), row),
        "ResetPasswordDialog": lambda d: ResetPasswordDialog(d.workspace(Role.ADMIN), row),
        "ChangePasswordDialog": lambda d: ChangePasswordDialog(d.workspace()),
        "DeadlineDialog": lambda d: DeadlineDialog(
            d.workspace(Role.ADMIN), settings.deadline_terms(uow=d.store.uow(), actor=d.actors[Role.ADMIN])[0]
        ),
        "RegionSettingDialog": lambda d: RegionSettingDialog(
            d.workspace(Role.ADMIN),
            settings.region_settings(uow=d.store.uow(), actor=d.actors[Role.ADMIN])[0],
        ),
        "DeploymentDialog": lambda d: DeploymentDialog(number),
    }


def _mda_dialogs(number: str) -> dict[str, Callable[[Desk], QDialog]]:
    """The dialogs of the MDA++ record (issue 9)."""
    from ret_desk.domain.mda import Phase
    from ret_desk.ui.routes.mda_dialogs import (
        MdaConferenceDialog,
        MdaMemberDialog,
        MdaPhaseDialog,
        MdaRiskDialog,
        MdaSafetyPlanDialog,
    )

    plan = "Vader komt niet aan huis en belt niet.\nMoeder belt bij dreiging 112; oma haalt de kinderen op."
    return {
        "MdaPhaseDialog": lambda d: MdaPhaseDialog(d.workspace(), number, Phase.VEILIGHEID),
        "MdaRiskDialog": lambda d: MdaRiskDialog(d.workspace(), number),
        "MdaSafetyPlanDialog": lambda d: MdaSafetyPlanDialog(d.workspace(), number, plan, 3),
        "MdaSafetyPlanDialog (eerste)": lambda d: MdaSafetyPlanDialog(d.workspace(), number),
        "MdaMemberDialog": lambda d: MdaMemberDialog(d.workspace(), number),
        "MdaConferenceDialog": lambda d: MdaConferenceDialog(d.workspace(), number),
    }


def _ro3_dialogs(number: str) -> dict[str, Callable[[Desk], QDialog]]:
    """The dialogs of the RO3 tab (Regie op 3)."""
    from ret_desk.ui.routes.ro3_dialogs import (
        AgreementDialog,
        DoneDialog,
        NotKeptDialog,
        PartyDialog,
        ReviewDialog,
    )

    agreement = {"party": "Wijkteam Assen", "what": "Gezinscoach inzetten", "due": date.today()}
    return {
        "PartyDialog": lambda d: PartyDialog(number),
        "AgreementDialog": lambda d: AgreementDialog(number, ["Jeugdbescherming Noord", "Wijkteam Assen"]),
        "DoneDialog": lambda d: DoneDialog(number, agreement),
        "NotKeptDialog": lambda d: NotKeptDialog(number, agreement),
        "ReviewDialog": lambda d: ReviewDialog(number),
    }


def _stored_youth(cases: tuple[str, ...] = ("RET-2026-00012", "RET-2026-00040"), municipality: str = "Assen"):  # noqa: ANN202
    from ret_desk.domain.youth_identity import FieldDifference
    from ret_desk.services.cases.youth_identity import StoredYouth

    differences = (
        FieldDifference("geslacht", "Geslacht", "jongen", "meisje"),
        FieldDifference("adres", "Adres", "Kerkstraat 12", "Stationsweg 4a"),
        FieldDifference("school", "School", "CSG Dingstede", "geen school"),
        FieldDifference(
            "gezin",
            "Ouders/verzorgers",
            "A. de Boer (moeder, gezag); B. de Boer (vader, gezag)",
            "A. de Boer (moeder, gezag); C. Jansen (stiefvader, zonder gezag); B. de Boer (vader, gezag)",
        ),
    )
    return StoredYouth(1, 1, cases, municipality, differences)


def _agenda_input(item):  # noqa: ANN001, ANN202
    from ret_desk.services.experttafel.agenda import AgendaInput

    return AgendaInput(
        item.question,
        item.presenter,
        item.slot_start,
        item.slot_minutes,
        item.youth_attends,
        item.parents_attend,
    )


def _rights_dialogs(number: str) -> dict[str, Callable[[Desk], QDialog]]:
    """Issue 12 §3: Beheer › Bewaartermijnen › Dossier vernietigen…"""
    from ret_desk.ui.admin.destroy_dialog import DestroyDialog

    return {"DestroyDialog": lambda d: DestroyDialog(d.workspace(Role.ADMIN), number)}


DIALOGS = _dialogs() | _mda_dialogs("RET-2026-00012") | _ro3_dialogs("RET-2026-00012")
DIALOGS |= _rights_dialogs("RET-2026-00012")


def _need_to_know_dialogs(number: str) -> dict[str, Callable[[Desk], QDialog]]:
    from ret_desk.ui.cases.action_dialogs import EmergencyAccessDialog

    return {"EmergencyAccessDialog": lambda d: EmergencyAccessDialog(number=number)}


DIALOGS |= _need_to_know_dialogs("RET-2026-00012")


def dialog_classes() -> set[str]:
    """The names of every concrete QDialog subclass in ret_desk.ui. Bases start with _, or
    are bases of other dialogs there (FormDialog): those are checked through their subclasses."""
    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(ret_desk.ui.__path__, "ret_desk.ui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = cls
    bases = {base for cls in found.values() for base in cls.__mro__[1:]}
    return {name for name, cls in found.items() if cls not in bases}


def main_window(desk: Desk, role: Role, settings) -> QMainWindow:  # noqa: ANN001
    from ret_desk.ui.main_window import MainWindow

    return MainWindow(desk.workspace(role), desk.municipalities, settings)


def each_view(window: QMainWindow) -> Iterator[str]:
    """Show each workspace of the main window, and each tab in it; yields a description."""
    bar = window.workspace_bar
    for row in range(bar.count()):
        if not bar.item(row).flags():
            continue
        bar.setCurrentRow(row)
        page = window.stack.currentWidget()
        tabs = [t for t in page.findChildren(QTabWidget)] if isinstance(page, QWidget) else []
        if not tabs:
            yield bar.item(row).text()
            continue
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                yield f"{bar.item(row).text()} / {tab.tabText(index)}"


def reachable(root: QWidget) -> Iterator[QWidget]:
    """Every widget a user can reach in the window's current view: all descendants,
    except the pages of stacks and tabs that are not current (and other windows)."""
    for child in root.children():
        if not isinstance(child, QWidget) or child.isWindow():
            continue
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget) and parent.currentWidget() is not child:
            continue
        yield child
        yield from reachable(child)


TODAY = date.today()


def mnemonic_owners(window: QWidget) -> dict[str, list[str]]:
    """Alt-letter → the texts that claim it, in the window's current view: its menu bar,
    buttons, check boxes, tabs, group boxes and labels with a buddy."""
    from collections import defaultdict

    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

    from ret_desk.ui.accessibility import mnemonic

    owners: dict[str, list[str]] = defaultdict(list)

    def claim(text: str) -> None:
        if (letter := mnemonic(text)) is not None:
            owners[letter].append(text)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            claim(action.text())
    for widget in reachable(window):
        if isinstance(widget, QAbstractButton) or isinstance(widget, QLabel) and widget.buddy() is not None:
            claim(widget.text())
        elif isinstance(widget, QGroupBox):
            claim(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                claim(widget.tabText(index))
    return dict(owners)


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in mnemonic_owners(window).items() if len(texts) > 1}


def menu_clashes(window: QMainWindow) -> dict[str, list[str]]:
    """Within each menu, every item's Alt-letter must be unique too."""
    from collections import defaultdict

    from ret_desk.ui.accessibility import mnemonic

    found: dict[str, list[str]] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        owners: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if (letter := mnemonic(action.text())) is not None:
                owners[letter].append(action.text())
        found |= {f"{top.text()}: {k}": v for k, v in owners.items() if len(v) > 1}
    return found
