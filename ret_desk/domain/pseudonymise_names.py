"""Known persons' names in free text: every name part (not a particle alone), the whole
name, Dutch diminutive and genitive endings (Zoëtje, Veldes, Noor's, Timmetje) and the
initials where they cannot be an ordinary word (ZvdV, Z.v.d.V.); matched after folding
(no accents, any case).

Names that are also ordinary Dutch words (`WORD_NAMES`: Roos, Bos, De Jong's 'jong', ...)
are scrubbed only when written with a capital (Roos, ROOS, Roosje); the lower-case word
("een roos", "in het bos") stays. Written lower case as a name, such a name would stay:
the price of keeping ordinary text readable, documented in docs/privacy.md."""

from __future__ import annotations

import re

from ret_desk.domain.pseudonymise_text import Folded, Span, find, fold_word

NAME_MARK = "[naam]"

#: Name particles (tussenvoegsels) are never scrubbed on their own: "van" is also a word.
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "in",
        "op",
        "la",
        "le",
        "du",
        "di",
        "da",
        "von",
        "vander",
        "vd",
        "v",
        "d",
        "'t",
        "t",
        "'s",
        "s",
    ]
)

#: Name parts that are also ordinary Dutch words: scrubbed only when capitalised.
WORD_NAMES = frozenset(
    [
        "roos",
        "bos",
        "vos",
        "mol",
        "lief",
        "bloem",
        "storm",
        "zon",
        "ster",
        "hemel",
        "hoop",
        "jong",
        "groot",
        "wit",
        "zwart",
        "klein",
        "lange",
        "boer",
        "kok",
        "smit",
        "visser",
        "bakker",
        "hoek",
        "berg",
        "dijk",
        "veen",
        "brink",
        "koning",
        "meer",
        "sluis",
        "kamp",
        "mees",
        "bas",
        "teun",
        "do",
        "bo",
        "noor",
        "vink",
        "haan",
        "kuiper",
        "wolf",
        "beer",
        "das",
        "valk",
        "zee",
        "maan",
        "sterre",
        "fleur",
        "lente",
        "zomer",
        "winter",
    ]
)

#: Diminutive and genitive endings: Noortje, Zoëtje, Timmetje, Fennaatje, Annie, Veldes, Noor's.
_ENDINGS = r"(?:'s|’s|'tje|s|'|tje|je|etje|pje|ie|ke)"


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s\-]+", name.strip()) if p]


def _ending(token: str) -> str:
    last = token[-1]
    doubled = rf"(?:{re.escape(last)}(?:etje|ie|y))" if last.isalpha() else "(?!)"
    if last in "aoui":  # Fenna: Fennaatje, Jojo: Jojootje
        doubled = rf"(?:{re.escape(last)}tje|{doubled})"
    return rf"(?:{_ENDINGS}|{doubled})?"


def _token(token: str) -> str:
    """A name part with its endings; a final -e may go before one (Lotte: Lotje, Lottie)."""
    body = re.escape(token) + _ending(token)
    if token.endswith("e") and len(token) >= 4:
        stems = {token[:-1]} | ({token[:-2]} if re.search(r"([^aeiouy])\1e$", token) else set())
        body = rf"(?:{body}|(?:{'|'.join(map(re.escape, stems))})(?:je|tje|ie|y))"
    return rf"(?<![\w@.]){body}(?!\w)"


def _phrase(parts: list[str]) -> str:
    words = [re.escape(fold_word(p)) for p in parts]
    return r"(?<![\w@.])" + r"[\s\-]+".join(words) + _ending(fold_word(parts[-1])) + r"(?!\w)"


def _initials(parts: list[str]) -> str | None:
    letters = [(fold_word(p)[:1], p.lower() in PARTICLES) for p in parts if fold_word(p)[:1].isalpha()]
    if len(letters) < 3 or len(parts) < 2:
        return None  # "ZV" is too short to tell from an abbreviation
    plain = "".join(letter for letter, _ in letters)
    dotted = r"\.\s?".join(letter for letter, _ in letters) + r"\.?"
    return rf"(?<![\w.])(?:{plain}|{dotted})(?!\w)"


def _family_phrase(parts: list[str], significant: list[int]) -> list[str]:
    """'van der Velde' out of 'Zoë van der Velde': the family name with its particles."""
    if not significant:
        return []
    start = significant[-1]
    while start > 0 and parts[start - 1].lower() in PARTICLES:
        start -= 1
    return parts[start:] if start < significant[-1] else []


def _has_capital(text: str) -> bool:
    """The name word (the last one: 'de Boer') is capitalised: 'De boer' is the farmer."""
    return text.split()[-1][:1].isupper()


class NameRules:
    """Compiled patterns for a set of full names."""

    def __init__(self, names: list[str]) -> None:
        phrases: set[str] = set()
        tokens: set[str] = set()
        initials: set[str] = set()
        capital_phrases: set[str] = set()
        for name in names:
            parts = _parts(name)
            if not parts:
                continue
            significant = [i for i, p in enumerate(parts) if p.lower() not in PARTICLES]
            for phrase in (parts, _family_phrase(parts, significant)):
                if len(phrase) < 2:
                    continue
                words_only = [p for p in phrase if p.lower() not in PARTICLES]
                if len(words_only) == 1 and fold_word(words_only[0]) in WORD_NAMES:
                    capital_phrases.add(_phrase(phrase))  # "de Boer" yes, "de boer" (the farmer) no
                else:
                    phrases.add(_phrase(phrase))
            for part in parts:
                if part.lower() not in PARTICLES and len(fold_word(part)) >= 2:
                    tokens.add(fold_word(part))
            family = _family_phrase(parts, significant) or parts[-1:]
            if len(parts) >= 2 and fold_word(parts[0])[:1].isalpha():  # "Z. van der Velde"
                initial = re.escape(fold_word(parts[0])[:1])
                phrases.add(rf"(?<![\w.]){initial}\.\s*" + _phrase(family)[len(r"(?<![\w@.])") :])
            if (pattern := _initials(parts)) is not None:
                initials.add(pattern)
        ordered = sorted(phrases, key=len, reverse=True)
        self._phrases = re.compile("|".join(ordered)) if ordered else None
        self._capital_phrases = [re.compile(p) for p in sorted(capital_phrases)]
        self._words = [t for t in tokens if t in WORD_NAMES]
        plain = sorted((t for t in tokens if t not in WORD_NAMES), key=len, reverse=True)
        self._tokens = re.compile("|".join(_token(t) for t in plain)) if plain else None
        self._word_tokens = [re.compile(_token(t)) for t in sorted(self._words, key=len)]
        self._initials = re.compile("|".join(sorted(initials)), re.IGNORECASE) if initials else None

    def spans(self, folded: Folded) -> list[Span]:
        spans: list[Span] = []
        for pattern in (self._phrases, self._tokens):
            if pattern is not None:
                spans += find(folded, pattern, NAME_MARK)
        for pattern in self._capital_phrases:
            spans += [
                s for s in find(folded, pattern, NAME_MARK) if _has_capital(folded.text[s.start : s.end])
            ]
        for pattern in self._word_tokens:
            spans += [s for s in find(folded, pattern, NAME_MARK) if folded.text[s.start].isupper()]
        if self._initials is not None:
            spans += [s for s in find(folded, self._initials, NAME_MARK) if folded.text[s.start].isupper()]
        return spans
