import re
import unicodedata


def fold(text: str) -> str:
    """Case, accents, spaces, hyphens and apostrophes folded away:
    "Van den Bossche" = "Vandenbossche", "Désirée" = "desiree"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’.]+", "", plain).casefold()


def name_key(first_name: str, last_name: str) -> str:
    return f"{fold(last_name)}|{fold(first_name)}"
