"""The kiosk's config file: YAML, checked like the guide, every problem as `FILE:LINE: message`.

Everything has a default that suits a waiting room (large text, speech and self-voicing on,
idle reset after three minutes), so an empty file - or no file - is a working kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from tui.core.yamlcheck import Checker, CheckError, compose, construct, decode, kind, read
from tui.core.settings import FIELDS, PHONE_KEYS, Field, Settings, phone_problem

PROFILES = ("numeric", "standard")
# The kiosk's values: the settings a patient starts with (one description, core.settings.FIELDS)
# and the kiosk's own.
VALUES: tuple[Field, ...] = (
    FIELDS["theme"], FIELDS["size"], replace(FIELDS["speech"], name="speech_engine"),
    Field("key_profile", "Keys", choices=PROFILES),
    Field("speech", "Speech", kind=bool), FIELDS["self_voicing"], FIELDS["rate"], FIELDS["volume"],
    Field("idle_timeout", "Seconds before 'Are you still there?'", kind=float, low=5, high=86_400,
          unit="seconds"),
    Field("idle_warning", "Seconds that notice counts down", kind=float, low=3, high=120,
          unit="seconds"),
)
MIN_EXIT_KEYS = 4
MIN_DIFFERENT_EXIT_KEYS = 3  # [enter, enter, enter, enter] is what a restless patient presses
MAX_BYTES = 100_000

# Keypad keys only, so staff can leave a kiosk that has nothing but a keypad. Eight of the
# seventeen keypad keys in this order: a patient pressing keys at random needs ~10^9 tries.
DEFAULT_EXIT_KEYS = ("slash", "asterisk", "minus", "plus", "slash", "asterisk", "minus", "plus")

KEYS = {"guide", "voice", "exit_keys", *PHONE_KEYS, *(f.name for f in VALUES)}


class KioskConfigError(CheckError):
    """One or more problems in a kiosk config; str() gives one `FILE:LINE: message` per line."""


@dataclass(frozen=True)
class KioskConfig:
    guide: Path | None = None          # None: the bundled guide
    theme: str = "high-contrast-dark"
    size: str = "large"
    speech: bool = True
    speech_engine: str = "auto"
    self_voicing: bool = True
    rate: int = 160
    volume: float = 1.0
    voice: str = ""
    idle_timeout: float = 180.0
    idle_warning: float = 10.0
    exit_keys: tuple[str, ...] = DEFAULT_EXIT_KEYS
    key_profile: str = "numeric"
    care_line: str = ""          # local numbers for the warning signs (see Settings)
    emergency_number: str = ""
    source: str = field(default="(built-in defaults)", compare=False)

    def settings(self) -> Settings:
        """The settings every patient starts with (and gets back after an idle reset)."""
        return Settings(theme=self.theme, size=self.size, self_voicing=self.self_voicing,
                        rate=self.rate, volume=self.volume, voice=self.voice,
                        speech=self.speech_engine if self.speech else "none",
                        care_line=self.care_line, emergency_number=self.emergency_number)


def key_name(token: str) -> str | None:
    """A Textual key name for a config token ('*', 'asterisk', 'f12', 'ctrl+e'), or None."""
    from textual.keys import Keys, key_to_character
    token = token.strip()
    if len(token) == 1:
        return _character_key(token)
    token = token.lower()
    known = {k.value for k in Keys}
    if token in known or key_to_character(token) is not None:
        return token
    if token.startswith("f") and token[1:].isdigit() and 1 <= int(token[1:]) <= 24:
        return token
    *mods, base = token.split("+")
    if mods and all(m in ("ctrl", "shift", "alt", "super") for m in mods) and (
            len(base) == 1 or key_name(base) == base):
        return token
    return None


def _character_key(char: str) -> str:
    """The key name Textual gives a typed character ('*' -> 'asterisk', '7' -> '7'), built from
    textual.keys' public tables (its own helper for this is private)."""
    import unicodedata
    from textual.keys import ASCII_KEY_NAMES, KEY_NAME_REPLACEMENTS
    if char.isalnum():
        key = char
    else:
        try:
            key = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            key = ASCII_KEY_NAMES.get(char, char)
    return KEY_NAME_REPLACEMENTS.get(key, key)


def load_kiosk_config(path: Path | None, theme_names: tuple[str, ...] = ()) -> KioskConfig:
    """Read and check a kiosk config (None: the defaults). Raises KioskConfigError."""
    if path is None:
        return KioskConfig()
    name = str(path)
    raw = read(path, MAX_BYTES, "kiosk config file", KioskConfigError, at=":1")
    return parse_kiosk_config(raw, name, Path(path).resolve().parent, theme_names)


def parse_kiosk_config(raw: bytes, name: str, base: Path, theme_names: tuple[str, ...] = ()
                       ) -> KioskConfig:
    text = decode(raw, name, MAX_BYTES, f"file is over {MAX_BYTES} bytes; a kiosk config is a few lines",
                  KioskConfigError)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return KioskConfig(source=name)  # only comments: every default
    root = compose(text, name, "a kiosk config", KioskConfigError)
    check = Checker(name)
    fields = check.mapping(root, "the kiosk config", set(), KEYS)
    if fields is None:
        raise KioskConfigError(check.problems)
    values = {key: value for key, node in fields.items()
              if (value := _value(check, key, node, base, theme_names)) is not None}
    if check.problems:
        raise KioskConfigError(sorted(check.problems, key=lambda p: _line(p, name)))
    return KioskConfig(source=name, **values)


TAGS = {bool: ((":bool",), "true or false"), int: ((":int",), "a whole number"),
        float: ((":int", ":float"), "a number")}


def _value(check: Checker, key: str, node: Node, base: Path, themes: tuple[str, ...]):
    """The value of one key, or None after reporting its problem at its line."""
    scalar = isinstance(node, ScalarNode)
    if key == "guide":
        text = check.text(node, key)
        path = Path(text).expanduser() if text else None
        path = path if path is None or path.is_absolute() else base / path
        if path is not None and not path.is_file():
            check.fail(node, f"guide: no file at {path}")
            return None
        return path
    if key == "exit_keys":
        return _exit_keys(check, node)
    if key == "voice":
        if scalar and node.tag.endswith((":null", ":str")):
            return "" if node.tag.endswith(":null") else node.value.strip()
        check.fail(node, f"voice must be text (a voice id or name), not {kind(node)}")
        return None
    if key in PHONE_KEYS:  # 911 without quotes is a YAML number: its digits as written are the number
        value = node.value.strip() if scalar and node.tag.endswith((":str", ":int")) else None
        problem = f"must be a phone number, not {kind(node)}" if value is None else phone_problem(value)
    else:
        spec = next(f for f in VALUES if f.name == key)
        if spec.kind is str:
            value = check.text(node, key)
            if value is None:
                return None
            problem = spec.problem(value, themes if key == "theme" else spec.choices)
        elif scalar and node.tag.endswith(TAGS[spec.kind][0]):
            value = construct(node)
            problem = spec.problem(value)
            value = float(value) if spec.kind is float else value
        else:
            check.fail(node, f"{key} must be {TAGS[spec.kind][1]}, not {kind(node)}")
            return None
    if problem:
        check.fail(node, f"{key}: {problem}")
        return None
    return value


def _exit_keys(check: Checker, node: Node) -> tuple[str, ...] | None:
    if isinstance(node, ScalarNode) and node.tag.endswith(":str"):
        tokens = [(node, t[1:-1] if len(t) > 2 and t[0] == t[-1] and t[0] in "'\"" else t)
                  for t in node.value.split()]
    elif isinstance(node, SequenceNode):
        tokens = []
        for item in node.value:
            if isinstance(item, ScalarNode) and item.tag.endswith((":str", ":int")):
                tokens.append((item, item.value))
            else:
                check.fail(item, f"exit_keys: each key must be text, not {kind(item)}")
    else:
        check.fail(node, f"exit_keys must be a list of keys, not {kind(node)}")
        return None
    names = []
    for where, token in tokens:
        name = key_name(token)
        if name is None:
            check.fail(where, f"exit_keys: '{token}' is not a key name "
                              "(use a character like '*' or a name like f12, ctrl+e)")
        else:
            names.append(name)
    if len(tokens) < MIN_EXIT_KEYS:
        check.fail(node, f"exit_keys: give at least {MIN_EXIT_KEYS} keys, "
                         "so a patient cannot end the kiosk by chance")
    elif len(names) == len(tokens) and len(set(names)) < MIN_DIFFERENT_EXIT_KEYS:
        check.fail(node, f"exit_keys: use at least {MIN_DIFFERENT_EXIT_KEYS} different keys "
                         f"(these have {len(set(names))}), so a patient pressing one key "
                         "again and again cannot end the kiosk")
    elif len(names) == len(tokens):
        return tuple(names)
    return None


def _line(problem: str, name: str) -> int:
    number = problem[len(name) + 1:].split(":", 1)[0]
    return int(number) if number.isdigit() else 0
