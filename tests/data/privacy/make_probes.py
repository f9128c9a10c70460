"""Writes probes.json: realistic sentences a social worker types, with what must go and
what must stay. Run once (`python tests/data/privacy/make_probes.py`); the JSON is the test
set. All persons are fictitious; the BSNs start with 9999 and pass the elfproef."""

from __future__ import annotations

import json
from pathlib import Path

CONTEXT = {
    "youth": {
        "given_name": "Zoë",
        "family_name": "van der Velde",
        "birth_date": "2011-03-07",
        "bsn": "999912343",
        "address": "Kerkstraat 12",
        "postcode": "9401 AB",
        "school": "OBS De Regenboog",
        "municipality": "Assen",
    },
    "family": ["Ellen de Boer", "Mehmet Yılmaz", "Daan van der Velde", "Roos Bos"],
    "mda_members": ["Grietje Hoekstra"],
    "ro3_contacts": ["Marieke Dijkstra"],
    "referrer_contact": "Jeroen Smit",
    "case_manager": "Fatima el Amrani",
    "school_to_keep": "CSG Dingstede",
    "other_youths": [
        {"given_name": "Sem", "family_name": "Jansen", "birth_date": "2012-11-23", "bsn": "999900018"},
        {"given_name": "Lotte", "family_name": "Mulder", "birth_date": "2009-06-14", "bsn": "999900031"},
    ],
}

KEEP = ["Assen", "Emmen", "Hoogeveen", "Meppel", "Coevorden", "Tynaarlo", "Midden-Drenthe"]


def probe(sentence: str, go: list[str], stay: list[str] | None = None, kind: str = "known") -> dict:
    return {"sentence": sentence, "must_go": go, "must_stay": stay or [], "kind": kind}


def build() -> list[dict]:
    p: list[dict] = []
    # the youth's name, every way it is written
    for written in ["Zoë", "Zoe", "ZOE", "ZOË", "Zoe\u0308", "zoë", "Zoëtje", "Zoetje", "Zoë's", "Zoes"]:
        p.append(
            probe(
                f"{written} gaat sinds de herfst niet meer naar school in Assen.",
                [written],
                ["Assen", "school"],
            )
        )
        p.append(
            probe(
                f"Moeder vertelt dat {written} 's nachts slecht slaapt en overdag somber is.",
                [written],
                ["Moeder", "somber"],
            )
        )
    for written in [
        "van der Velde",
        "Van der Velde",
        "VAN DER VELDE",
        "Velde",
        "Veldes",
        "van der Veldes",
        "Zoë van der Velde",
        "Zoe vd Velde",
        "Z. van der Velde",
    ]:
        go = [w for w in written.split() if w.lower() not in {"van", "der", "vd"}]
        p.append(
            probe(f"De familie {written} woont in Emmen en heeft weinig netwerk.", go, ["Emmen", "netwerk"])
        )
    for written in ["ZvdV", "Z.v.d.V.", "ZVDV", "Z.v.d.V"]:
        p.append(
            probe(
                f"Afspraak met {written} en moeder verzet naar volgende week.",
                [written],
                ["Afspraak", "moeder"],
            )
        )
    # birth date in every notation
    for written in [
        "7-3-2011",
        "07-03-2011",
        "7/3/2011",
        "07.03.2011",
        "2011-03-07",
        "07032011",
        "7 maart 2011",
        "7de maart 2011",
        "7e maart 2011",
        "7 maart '11",
        "7 mrt. 2011",
        "7 mrt 2011",
        "07-03-11",
        "maart 7, 2011",
        "7 MAART 2011",
        "7 3 2011",
        "20110307",
    ]:
        p.append(
            probe(
                f"Jeugdige is geboren op {written} in het ziekenhuis van Assen.",
                [written],
                ["Assen", "ziekenhuis"],
            )
        )
        p.append(
            probe(
                f"Geb. {written}; gesprek gepland op 12 mei 2026 in Hoogeveen.",
                [written],
                ["12 mei 2026", "Hoogeveen"],
            )
        )
    for written in [
        "jarig op 7 maart",
        "op 7 maart jarig",
        "verjaardag 7 mrt.",
        "wordt 7-3 jarig",
        "7de maart",
    ]:
        core = (
            written.replace("jarig op ", "")
            .replace("op ", "")
            .replace(" jarig", "")
            .replace("verjaardag ", "")
            .replace("wordt ", "")
        )
        p.append(probe(f"Ze is {written} en wil dan graag bij vader zijn.", [core], ["vader"]))
    # BSN however written
    for written in [
        "999912343",
        "9999 12 343",
        "9999. 12. 343",
        "9999.12.343",
        "999-912-343",
        "99 99 12 343",
        "999 912 343",
        "9999-12-343",
    ]:
        p.append(
            probe(
                f"BSN jeugdige: {written}, aangemeld op 3 februari 2026 via Emmen.",
                [written],
                ["3 februari 2026", "Emmen"],
            )
        )
        p.append(
            probe(f"Het burgerservicenummer ({written}) staat in de beschikking.", [written], ["beschikking"])
        )
    for written in ["999900018", "9999 00 018", "999900031"]:
        p.append(
            probe(f"Let op: ander nummer {written} hoort bij een andere jeugdige.", [written], ["jeugdige"])
        )
    # phones, e-mail, handles
    for written in [
        "06-12345678",
        "0612345678",
        "06 12 34 56 78",
        "+31 6 1234 5678",
        "+31612345678",
        "0031 6 12345678",
        "0592-123456",
        "0592 12 34 56",
        "(0592) 123456",
        "+31 (0)6 12345678",
        "050-3123456",
    ]:
        p.append(
            probe(f"Moeder is bereikbaar op {written}, liefst na 15.00 uur.", [written], ["15.00", "Moeder"])
        )
    for written in [
        "zoe.vandervelde@gmail.com",
        "ellen.deboer@hotmail.nl",
        "m.dijkstra@jbnoord.nl",
        "zoe2011@live.nl",
        "jeroen.smit@wijkteam-assen.nl",
    ]:
        p.append(probe(f"Stuur het verslag naar {written} voor vrijdag.", [written], ["verslag", "vrijdag"]))
    for written in ["@zoetje2011", "@zoe_vdv", "@ellendeboer", "@daan.velde"]:
        p.append(
            probe(
                f"Op Instagram volgt ze {written} en daar wordt ze gepest.",
                [written],
                ["Instagram", "gepest"],
            )
        )
    # postcodes, streets
    for written in ["9401 AB", "9401AB", "9401ab", "9401 ab"]:
        p.append(
            probe(
                f"Nieuw adres per 1 april 2026, postcode {written} Assen.",
                [written],
                ["1 april 2026", "Assen"],
            )
        )
    for written in ["9402 CD", "7811 KL", "7901 XY"]:
        p.append(probe(f"Oma woont op postcode {written} in Hoogeveen.", [written], ["Hoogeveen", "Oma"]))
    for written in [
        "Kerkstraat 12",
        "Kerkstr. 12",
        "Kerkstr 12",
        "kerkstraat 12",
        "Kerkstraat",
        "Kerkstr.",
        "Kerkstraat 12a",
        "KERKSTRAAT 12",
    ]:
        p.append(
            probe(
                f"Het gezin woont aan de {written} in Assen, een huurhuis.", [written], ["Assen", "huurhuis"]
            )
        )
    for written in [
        "Dorpsln. 3",
        "Dorpslaan 3",
        "Hoofdwg 4",
        "Hoofdweg 4",
        "Stationsstraat 8",
        "Molenweg 21",
        "Julianaplein 2",
        "Parkln. 14",
        "Beukenlaan",
        "Vaart NZ",
    ]:
        stay = ["Meppel"]
        go = [] if written == "Vaart NZ" else [written]
        p.append(
            probe(f"Vader verblijft tijdelijk op {written} in Meppel.", go, stay, "known" if go else "clean")
        )
    # family, network, professionals, school
    persons = [
        "Ellen",
        "Ellen de Boer",
        "De Boer",
        "Mehmet",
        "Yılmaz",
        "Yilmaz",
        "YILMAZ",
        "Daan",
        "Daantje",
        "Daan's",
        "Roos",
        "Roosje",
        "Bos",
        "Grietje",
        "Oma Hoekstra",
        "Marieke Dijkstra",
        "Dijkstra",
        "Jeroen Smit",
        "Jeroen",
        "Fatima",
        "el Amrani",
        "Fatima el Amrani",
        "Ellens",
    ]
    for written in persons:
        p.append(
            probe(
                f"{written} gaf aan dat de afspraken in Coevorden niet zijn nagekomen.",
                [written.replace("Oma ", "")],
                ["Coevorden", "afspraken"],
            )
        )
        p.append(
            probe(
                f"Gesproken met {written} over de veiligheid thuis en de rol van school.",
                [written.replace("Oma ", "")],
                ["veiligheid", "school"],
            )
        )
    for written in [
        "OBS De Regenboog",
        "De Regenboog",
        "de Regenboog",
        "Regenboog",
        "obs de regenboog",
        "CSG Dingstede",
        "Dingstede",
    ]:
        p.append(
            probe(
                f"Op {written} loopt een traject met de intern begeleider.", [written], ["intern begeleider"]
            )
        )
    # other youths on the agenda
    for written in [
        "Sem",
        "Sem Jansen",
        "Jansen",
        "Semmie",
        "Lotte",
        "Lotte Mulder",
        "Mulder",
        "Lotje",
        "SJ",
    ]:
        go = [] if written == "SJ" else [written]
        p.append(
            probe(
                f"Net als bij {written} uit Tynaarlo is een plek in de jeugdhulp nodig.",
                go,
                ["Tynaarlo", "jeugdhulp"],
                "known" if go else "clean",
            )
        )
    for written in ["23-11-2012", "14 juni 2009"]:
        p.append(
            probe(f"De andere jeugdige, geboren {written}, staat ook op de agenda.", [written], ["agenda"])
        )
    # unknown names (not in the store)
    for written in [
        "juf Annemiek",
        "meester Bram",
        "oom Henk Postma",
        "buurvrouw Ria",
        "Kevin",
        "Jasper de Wit",
        "tante Ingrid",
        "mentor Pieter Kuipers",
        "vriendin Noa",
        "Mevrouw Hendriks",
        "opa Klaas",
        "trainer Dennis",
        "Bart Zwiers",
        "Anouk",
        "Ahmed Benali",
        "Sophie",
        "Wendy van Dam",
        "Thijs",
        "dhr. Bosma",
        "Mirjam Oosting",
    ]:
        names = [w for w in written.split() if w[0].isupper() and w not in {"Mevrouw"}]
        p.append(
            probe(
                f"Volgens {written} is er sprake van ernstige zorgen rond de thuissituatie.",
                names,
                ["zorgen", "thuissituatie"],
                "unknown",
            )
        )
    # clean text: nothing may go
    clean = [
        "Aanmelding via het wijkteam Assen op 12 januari 2026, urgentie hoog.",
        "Het gezin woont in Midden-Drenthe; de gemeente Tynaarlo betaalt de jeugdhulp.",
        "Er ligt een roos op tafel en we wandelen in het bos.",
        "De boer van de zorgboerderij in Coevorden heeft plek vanaf 1 maart 2026.",
        "Van de school komt een verslag, de leerplichtambtenaar is betrokken.",
        "Gesprek op 7 maart 2026 in Emmen met het team, advies volgt binnen 6 weken.",
        "Casus RET-2026-00012 staat op de agenda van 3 december 2026.",
        "Er is 12 uur per week ambulante begeleiding, 3 dagen school.",
        "Score SDQ 18, eerder 24; de groei is zichtbaar.",
        "Kosten 1250 euro per maand, budget 2026 van de gemeente Hoogeveen.",
        "Onderweg naar school heeft ze vaak paniekaanvallen.",
        "De jeugdige is 15 jaar en woont sinds 2019 in Meppel.",
        "Hoop is er: het jong volwassen team neemt het over.",
        "Het hele gezin is van slag na de verhuizing naar Emmen.",
        "Wit en zwart denken, klein netwerk, groot wantrouwen.",
        "De GI heeft op 14 februari 2026 een OTS aangevraagd bij de rechtbank.",
        "Plaatsing in een gezinshuis in Assen per 1 juni, 24-uurs zorg.",
        "Tel. van de huisartsenpost staat in het plan; bel 112 bij nood.",
        "Versie 3.2 van het veiligheidsplan, besproken op 20-10-2026.",
        "Er zijn 4 kinderen in het gezin; de oudste is 17.",
    ]
    p += [
        probe(
            s,
            [],
            [
                w
                for w in s.replace(",", " ").replace(";", " ").replace(".", " ").split()
                if w[:1].isupper() or w[:1].isdigit()
            ][:4],
            "clean",
        )
        for s in clean
    ]
    return p


if __name__ == "__main__":
    probes = build()
    out = Path(__file__).with_name("probes.json")
    out.write_text(
        json.dumps({"context": CONTEXT, "keep": KEEP, "probes": probes}, ensure_ascii=False, indent=1) + "\n"
    )
    print(len(probes), "probes ->", out)
