"""Which new passwords are refused (issue 11 §3), with the Dutch reason for each.

- Shorter than 12 characters, or starting or ending with a space.
- The user name, or containing it (case ignored; containing: for names of 3 characters or more).
- Easy to guess: zxcvbn (the Python port of Dropbox's estimator) estimates the guesses an
  attacker needs, from its lists of common passwords (30,000), names and English words,
  keyboard patterns, repeats, dates and l33t spellings, with a small Dutch list of our own
  (resources/passwords_nl.txt) and the user name as extra words. Fewer than 10^9 guesses
  is refused: "Welkom2024!!", "Wachtwoord01!" and "Feyenoord2026" are, a sentence of a few
  ordinary words ("fiets-paraplu-42") is not. README "Afhankelijkheden" says why zxcvbn.
"""

from __future__ import annotations

import threading
from functools import cache
from importlib.resources import files

MIN_LENGTH = 12
MIN_GUESSES_LOG10 = 9
_MIN_NAME_INSIDE = 3  # a user name this long may not appear inside the password
_ZXCVBN_MAX = 72  # zxcvbn refuses longer input; the first 72 characters are judged
_lock = threading.Lock()  # zxcvbn keeps the extra words in a module-wide dictionary


@cache
def dutch_words() -> tuple[str, ...]:
    text = files("ret_desk.resources").joinpath("passwords_nl.txt").read_text("utf-8")
    return tuple(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def guesses_log10(password: str, username: str = "") -> float:
    """zxcvbn's estimate (log10 of the guesses needed) with the Dutch words and the name."""
    from zxcvbn import zxcvbn  # 20 ms to import: only when a password is chosen

    words = [*dutch_words(), *([username] if username else [])]
    with _lock:
        return float(zxcvbn(password[:_ZXCVBN_MAX], user_inputs=words)["guesses_log10"])


def problems(password: str, username: str = "") -> list[str]:
    """Why `password` may not be chosen by (or for) `username`; empty when it may."""
    found = []
    if len(password) < MIN_LENGTH:
        found.append(f"Het wachtwoord moet minstens {MIN_LENGTH} tekens hebben.")
    if password.strip() != password:
        found.append("Het wachtwoord mag niet met een spatie beginnen of eindigen.")
    name, lowered = username.strip().lower(), password.lower()
    # containing a name of 1 or 2 letters ("ad") says nothing; being it, or a longer one, does
    if name and (lowered == name or (len(name) >= _MIN_NAME_INSIDE and name in lowered)):
        found.append("Het wachtwoord mag de gebruikersnaam niet zijn of bevatten.")
    elif password and not found and guesses_log10(password, name) < MIN_GUESSES_LOG10:
        found.append(
            "Dit wachtwoord is te makkelijk te raden: het staat in een lijst van veelgebruikte "
            "wachtwoorden of lijkt daarop. Kies bijvoorbeeld een zin van enkele gewone woorden."
        )
    return found
