"""Who may refer which case (DOMAIN rule 1 and footnote 4 of the regiovisie)."""

from __future__ import annotations

from collections.abc import Iterable

from ret_desk.domain.enums import GvaTrigger, ReferrerType

GP_REFUSAL = (
    "Een huisarts is geen verwijzer bij complexe problematiek: bij deze casus is een "
    "GVA-aanleiding van toepassing ({triggers}). Laat de gemeentelijke toegang, een GI of "
    "een jeugdarts/medisch specialist verwijzen."
)


def referrer_refusal(referrer: ReferrerType, triggers: Iterable[GvaTrigger]) -> str | None:
    """The Dutch reason a referral is refused, or None when the referrer may refer it."""
    applying = sorted(triggers)
    if referrer is ReferrerType.GP and applying:
        return GP_REFUSAL.format(triggers=", ".join(t.label.lower() for t in applying))
    return None
