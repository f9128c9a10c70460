"""Opening the start-placement dialog for one case, from the placement desk or from a
logged match on the case detail: the youth's history (is a placement running? then it is
a move) and the placement types are read first, then the dialog opens, filled in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ret_desk.services.context import Workspace
from ret_desk.services.placement import placements
from ret_desk.services.placement.placements import PlacementHistory
from ret_desk.services.placement.rop_reference import type_choices
from ret_desk.ui.form_dialog import chosen
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.placement_dialogs import StartPlacementDialog, to_date


def running_location(history: PlacementHistory) -> str | None:
    return next((e.location for e in history.timeline if e.ended_on is None), None)


def start_placement_flow(
    owner: QWidget,
    workspace: Workspace,
    number: str,
    *,
    agb: str = "",
    type_code: str = "",
    on_history: Callable[[PlacementHistory], None] | None = None,
    on_open: Callable[[StartPlacementDialog], None],
    on_saved: Callable[[], None],
) -> None:
    ws = workspace

    def work():  # noqa: ANN202
        history = ws.call(placements.placement_history, number=number)
        return history, ws.call(type_choices)

    def loaded(result) -> None:  # noqa: ANN001
        history, types = result
        if on_history is not None:
            on_history(history)
        dialog = StartPlacementDialog(
            number, types, running_location(history), owner, workspace=ws, agb=agb, type_code=type_code
        )

        def prepare():  # noqa: ANN202
            location, code = dialog.location_agb.text().strip(), chosen(dialog.type)
            on, rationale = to_date(dialog.started_on), dialog.rationale.text()
            reason, stopgap = dialog.move_end_reason(), dialog.stopgap.isChecked()
            return lambda: ws.call(
                placements.start_placement, number=number, location_agb=location, type_code=code,
                started_on=on, rationale=rationale, move_reason=reason, stopgap=stopgap,
            )  # fmt: skip

        dialog.set_save(prepare)
        dialog.saved.connect(lambda _: on_saved())
        on_open(dialog)
        dialog.open()

    Op(owner, work).success(loaded).run()
