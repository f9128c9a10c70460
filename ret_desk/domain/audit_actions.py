"""What an audit event's action code means, in Dutch, for the log's readers (NEN 7513).

Codes stay in the store and in JSON; the window and CSV show these labels. A code that is
not listed (added by a newer version) is shown as it is.
"""

from __future__ import annotations

from datetime import datetime

LABELS: dict[str, str] = {
    "login": "ingelogd",
    "password_change": "eigen wachtwoord gewijzigd",
    "account_create": "account aangemaakt",
    "account_disable": "account gedeactiveerd",
    "account_enable": "account geactiveerd",
    "account_role": "rol gewijzigd",
    "account_password_reset": "wachtwoord hersteld",
    "audit_view": "logboek ingezien",
    "audit_export": "logboek geëxporteerd",
    "setting_change": "instelling gewijzigd",
    "store_backup": "back-up gemaakt",
    "store_upgrade": "opslag bijgewerkt",
    "demo_data": "demogegevens geladen",
    "case_create": "aanmelding geregistreerd",
    "case_view": "casus ingezien",
    "case_list": "casuslijst ingezien",
    "case_route": "casus gerouteerd",
    "case_status": "status gewijzigd",
    "case_import": "casussen geïmporteerd",
    "case_export": "casus geëxporteerd",
    "case_print": "casus afgedrukt",
    "note_add": "werkaantekening toegevoegd",
    "session_plan": "zitting gepland",
    "session_edit": "zitting gewijzigd",
    "session_status": "status zitting gewijzigd",
    "agenda_add": "op de agenda gezet",
    "agenda_edit": "agendapunt gewijzigd",
    "agenda_move": "agendapunt verplaatst",
    "agenda_remove": "van de agenda gehaald",
    "advice_record": "advies vastgelegd",
    "action_add": "actiepunt toegevoegd",
    "action_done": "actiepunt afgerond",
    "request_create": "plaatsingsverzoek vastgelegd",
    "request_import": "plaatsingsverzoeken geïmporteerd",
    "request_withdraw": "plaatsingsverzoek ingetrokken",
    "match_view": "match bekeken",
    "placement_start": "plaatsing gestart",
    "placement_end": "plaatsing beëindigd",
    "placement_correct": "einde plaatsing gecorrigeerd",
    "capacity_edit": "capaciteit gewijzigd",
    "location_import": "locaties geïmporteerd",
    "match_answer": "antwoord aanbieder vastgelegd",
    "match_batch": "batchvoorstel bekeken",
    "match_decision": "match vastgelegd",
    "session_reopen": "zitting heropend",
    "case_edit": "casusgegevens gewijzigd",
    "gva_override": "uitzondering GVA-blokkade vastgelegd",
    "youth_correct": "identiteit jeugdige gecorrigeerd",
    "youth_view": "bestaande jeugdige ingezien",
    "youth_update": "gegevens jeugdige bijgewerkt",
    "youth_merge": "jeugdigen samengevoegd",
    "youth_merged": "jeugdige opgegaan in een andere",
    "mda_view": "MDA++-dossier ingezien",
    "mda_member_add": "lid huishouden MDA++ toegevoegd",
    "mda_phase": "fase MDA++ vastgelegd",
    "mda_risk": "risicotaxatie MDA++ vastgelegd",
    "mda_safety_plan": "veiligheidsplan MDA++ vastgelegd",
    "mda_conference": "systeemgesprek MDA++ vastgelegd",
    "ro3_view": "RO3-dossier ingezien",
    "ro3_party_add": "RO3-partij toegevoegd",
    "ro3_agreement_add": "RO3-afspraak vastgelegd",
    "ro3_agreement_done": "RO3-afspraak afgerond",
    "ro3_agreement_not_kept": "RO3-afspraak niet nagekomen",
    "ro3_review_add": "RO3-evaluatie vastgelegd",
    "rst_deploy": "inzet RST vastgelegd",
    "rst_view": "RST-dossier ingezien",
    "region_change": "regio van de opslag gewijzigd",
    "login_failed": "aanmelding mislukt",
    "agenda_repair": "agendapunt hersteld (bijwerken)",
    "audit_verify": "logboek gecontroleerd",
    "refused": "actie geweigerd",
    "case_in_list": "casus getoond in lijst of export",
    "audit_lookup": "jeugdige opgezocht in het auditlogboek",
    "screen_lock": "scherm vergrendeld na inactiviteit",
    "screen_unlock": "scherm ontgrendeld",
    "account_locked": "account vergrendeld",
    "account_unlock": "account ontgrendeld",
    # retention and destruction (issue 12 §3)
    "retention_due": "bewaartermijnen ingezien",
    "dossier_destroy": "dossier vernietigd",
    # inspection (issue 12 §3)
    "dossier_export": "dossier geëxporteerd (inzage)",
    # need-to-know (issue 12 §2)
    "emergency_access": "noodtoegang",
}


def action_label(code: str) -> str:
    return LABELS.get(code, code)


_FIELDS_PREFIX = "velden: "


def detail_label(detail: str) -> str:
    """An event's detail as its reader should see it: the field codes of an edit
    ("velden: gva_present, gva_date", never values) become their Dutch names."""
    if not detail.startswith(_FIELDS_PREFIX):
        return detail
    from ret_desk.domain.case_fields import LABELS as FIELD_LABELS  # (domain → domain)

    codes = detail[len(_FIELDS_PREFIX) :].split(", ")
    return _FIELDS_PREFIX + ", ".join(FIELD_LABELS.get(code, code) for code in codes)


def local_timestamp(at: datetime) -> str:
    """'23-11-2026 12:45:03' in the workstation's local time (the store keeps UTC)."""
    return at.astimezone().strftime("%d-%m-%Y %H:%M:%S")
