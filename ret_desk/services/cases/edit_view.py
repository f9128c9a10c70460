"""A loaded CaseDetail as the CaseFields an edit starts from (for the app's edit dialog)."""

from __future__ import annotations

from ret_desk.domain.case_fields import CaseFields
from ret_desk.domain.enums import (
    FamilyParticipation,
    Gender,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    TargetGroup,
    Urgency,
)
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.services.cases.case_detail import CaseDetail


def fields_from_detail(d: CaseDetail) -> CaseFields:
    y = d.youth
    return CaseFields(
        gva_present=d.gva["present"],
        gva_date=d.gva["date"],
        gva_triggers=frozenset(GvaTrigger(t) for t in d.gva["triggers"]),
        case_manager=d.case_manager,
        urgency=Urgency(d.urgency),
        target_groups=frozenset(TargetGroup(t) for t in d.target_groups),
        intervention_level=InterventionLevel(d.intervention_level) if d.intervention_level else None,
        legal_framework=LegalFramework(y["legal_framework"]),
        family_participation=FamilyParticipation(d.family_participation),
        gender=Gender(y["gender"]),
        municipality_code=y["municipality_code"],
        school=y["school"],
        no_school=y["no_school"],
        out_of_school_since=y["out_of_school_since"],
        address=y["address"],
        postcode=y["postcode"],
        residence=y["residence"],
        referrer_contact=d.referral["referrer_contact"],
        family=tuple(FamilyMemberDraft(m["name"], m["relation"], m["has_authority"]) for m in y["family"]),
        future_plan=d.future_plan,
        future_plan_on=d.future_plan_on,
        future_plan_text=d.future_plan_text,
        family_name=y["family_name"],
        given_name=y["given_name"],
        birth_date=y["birth_date"],
        bsn=y["bsn"],
    )
