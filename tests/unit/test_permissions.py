"""Every cell of the role × action matrix, against the table in docs/permissions.md."""

import re
from pathlib import Path

import pytest

from ret_desk.domain.enums import Role
from ret_desk.domain.errors import PermissionDenied
from ret_desk.domain.permissions import Action, is_allowed, refused, require

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def documented_matrix() -> dict[tuple[Role, Action], bool]:
    lines = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    roles = [Role(re.search(r"`(\w+)`", h).group(1)) for h in header[1:]]
    cells = {}
    for line in lines[2:]:
        parts = [cell.strip() for cell in line.strip("|").split("|")]
        action = Action(re.search(r"`(\w+)`", parts[0]).group(1))
        for role, mark in zip(roles, parts[1:], strict=True):
            cells[(role, action)] = mark == "ja"
    return cells


DOCUMENTED = documented_matrix()


def test_the_document_covers_every_cell():
    assert set(DOCUMENTED) == {(role, action) for role in Role for action in Action}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_cell(role, action):
    assert is_allowed(role, action) is DOCUMENTED[(role, action)]
    if DOCUMENTED[(role, action)]:
        require(role, action)
    else:
        with pytest.raises(PermissionDenied, match="Uw rol"):
            require(role, action)


@pytest.mark.parametrize(
    ("label", "said"),
    [
        ("casussen inzien", "geen casussen inzien"),
        ("het MDA++-dossier bijhouden", "het MDA++-dossier niet bijhouden"),
        ("de opslag beheren (back-up, upgrade)", "de opslag niet beheren (back-up, upgrade)"),
        ("de status van een casus wijzigen", "de status van een casus niet wijzigen"),
        ("een uitzondering op de GVA-blokkade vastleggen", "geen uitzondering op de GVA-blokkade vastleggen"),
    ],
)
def test_a_refusal_reads_as_dutch(label, said):
    assert refused(label) == said


def test_a_refused_action_is_named_in_good_dutch():
    with pytest.raises(PermissionDenied, match=r"mag het MDA\+\+-dossier niet bijhouden\."):
        require(Role.CHAIR, Action.MANAGE_MDA)
