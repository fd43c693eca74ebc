"""The line-mode commands, once: what may be typed, how help writes it and what it does.
The help lines, the key describer (`k`) and the dispatcher all read this one table."""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    name: str                # the reader's handler is do_<name>
    words: tuple[str, ...]   # what may be typed (any case, but N)
    label: str               # how help writes it
    what: str                # what it does


COMMANDS = [
    Command("number", ("<number>",), "a number", "open that section of the menu"),
    Command("enter", ("",), "Enter", "show more of the section"),
    Command("forward", ("n",), "n", "next section (while a search is on: next match)"),
    Command("previous", ("p", "prev", "previous", "back", "b"), "p", "previous section"),
    Command("next", ("next", "more"), "next", "next section, even while a search is on"),
    Command("menu", ("m", "menu", "contents"), "m", "menu (list of sections); also ends a search"),
    Command("read", ("r", "read"), "r", "read the current section aloud"),
    Command("stop", ("s", "stop"), "s", "stop reading aloud"),
    Command("warning", ("0", "!"), "0 or !", "warning signs: when to get help now"),
    Command("search", ("/",), "/word", "search the guide for a word"),
    Command("previous_match", ("N",), "N", "previous match of the search"),
    Command("results", ("l", "results"), "l", "back to the list of search results"),
    Command("glossary", ("g", "glossary"), "g term",
            "look up a word in the glossary (g alone lists all words)"),
    Command("resume", ("resume",), "resume", "go back to where you last quit inside a section"),
    Command("bookmark", ("bookmark",), "bookmark",
            "bookmark the paragraph at the top of what was shown last"),
    Command("bookmarks", ("bookmarks",), "bookmarks",
            "list (bookmarks 2: go to bookmark 2; bookmarks delete 2)"),
    Command("describer", ("k",), "k", "key describer: commands are explained, not done (k to stop)"),
    Command("help", ("h", "help", "?"), "h", "this help"),
    Command("quit", ("q", "quit", "exit", "bye"), "q", "quit"),
]
TAKE_WORDS = {"search", "glossary", "bookmarks"}  # the others stand alone on the line

HELP_LINES = (["Commands (type one and press Enter):"]
              + [f"  {c.label:<9} {c.what}" for c in COMMANDS]
              + ["At a terminal, Up and Down recall commands and Tab completes one.",
                 "Colour themes, for the full-screen reader (bone-guide without --plain):",
                 "  bone-guide --list-themes   list them",
                 "  bone-guide --theme NAME    pick one (NO_COLOR set: the terminal theme)"])


def _command(word: str) -> Command | None:
    if word.isdigit():
        word = "0" if int(word) == 0 else "<number>"
    elif word.startswith("/"):
        word = "/"
    return next((c for c in COMMANDS
                 if word in c.words or (word.lower() in c.words and word != "N")), None)


def resolve(line: str) -> tuple[Command | None, str]:
    """The command a typed line (plain, stripped) names, and what follows its word."""
    word, _, rest = line.partition(" ")
    command = _command(word)
    if command is None or (rest and command.name not in TAKE_WORDS):
        return None, line
    if command.name in ("number", "search"):
        rest = line[1:] if command.name == "search" else word
    return command, rest


def describe_command(line: str) -> str:
    """What a typed command would do (the key describer of line mode)."""
    word = line.split(None, 1)[0] if line.strip() else ""
    command = _command(word)
    return f"{command.label}: {command.what}" if command else f'"{word}": not a command; h lists them'
