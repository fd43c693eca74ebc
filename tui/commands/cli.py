"""The `bone-guide` command: the reader app, plus subcommands for tasks that are not the TUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__, startup_gc

from tui.core.settings import FIELDS


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from tui.safe_text import shown  # the message quotes what was typed: escape its controls
        self.exit(2, f"{self.prog}: {shown(message)} (try '{self.prog} --help')\n")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with `commands` False only the reader's own options (see main)."""
    parser = _Parser(
        prog="bone-guide",
        description="A talking, large-type, keyboard-only reader of a patient guide to bone "
                    "metastases. Run with no command to open the reader.",
    )
    parser.add_argument("--version", action="version", version=f"bone-guide {__version__}")
    parser.add_argument("--guide", metavar="PATH", type=Path, help="read this guide file instead of the bundled one")
    parser.add_argument("--theme", metavar="NAME", help="colour theme (see --list-themes)")
    parser.add_argument("--list-themes", action="store_true", help="list the colour themes and exit")
    parser.add_argument("--size", metavar="LEVEL", help="text size: normal, large, extra-large or magnifier")
    parser.add_argument("--speech", choices=FIELDS["speech"].choices, help="speech engine (default: auto)")
    parser.add_argument("--no-speech", action="store_true", help="start with speech off and no engine")
    parser.add_argument("--plain", action="store_true",
                        help="line-by-line mode for screen readers and braille displays")
    parser.add_argument("--kiosk", action="store_true", help="locked-down waiting-room mode")
    parser.add_argument("--config", metavar="FILE", type=Path, help="kiosk config file (YAML)")
    if not commands:
        parser.set_defaults(command=None)
        return parser

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = sub.add_parser("check", help="validate a guide and show its reading level",
                           description="Validate a guide file and print each section's word count "
                                       "and Flesch-Kincaid grade. Exit 0 when valid, 2 when not.")
    check.add_argument("path", nargs="?", type=Path, metavar="PATH",
                       help="guide file (default: the bundled guide)")

    speak = sub.add_parser("speak", help="write a section as speech to a WAV file",
                           description="Render one section of the guide as speech into a WAV file.")
    speak.add_argument("section", metavar="SECTION_ID", help="section id (see 'bone-guide check')")
    speak.add_argument("--out", required=True, type=Path, metavar="FILE.wav", help="WAV file to write")
    speak.add_argument("--rate", type=int, metavar="N", help="words a minute (80-400)")

    from tui.export import FORMATS
    export = sub.add_parser("export", help="save the guide as an HTML page, text file or audio files",
                            description="Save the guide for reading or listening elsewhere: an "
                                        "accessible HTML page, a plain text file (72 columns), or "
                                        "one audio file per section with a playlist.")
    export.add_argument("--format", required=True, choices=FORMATS,
                        help="html: one accessible web page; txt: plain text; "
                             "audio: WAV (and MP3/OGG) per section plus an M3U playlist")
    export.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="folder to write into (created if missing)")
    export.add_argument("--rate", type=int, metavar="N", help="audio only: words a minute (80-400)")
    return parser


def main(argv: list[str] | None = None) -> int:
    startup_gc.pause()  # the reader turns it back on once its first screen is painted
    try:
        return _main(argv)
    finally:
        startup_gc.resume()  # whatever ran: never left off


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Most starts open the reader: its options alone are parsed first, since building the three
    # commands' parsers too takes a few ms of the first screen. Anything more (a command, a
    # mistake, --help) goes to the whole parser, so its help and its messages are as ever.
    parser = build_parser(commands=False)
    args, rest = (None, argv) if {"-h", "--help"} & set(argv) else parser.parse_known_args(argv)
    if rest:
        parser = build_parser()
        args = parser.parse_args(argv)
    if args.kiosk and args.plain:
        parser.error("--kiosk and --plain cannot be used together (plain mode is not locked down)")
    if args.config and not args.kiosk:
        parser.error("--config is the kiosk's config file; add --kiosk")
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130


def _guide_path(args: argparse.Namespace) -> Path:
    from tui.core.bundled import bundled_guide_path
    return args.guide or bundled_guide_path()


def _dispatch(args: argparse.Namespace) -> int:
    if args.command or args.plain:  # only the full-screen reader's start is sped up (startup_gc)
        startup_gc.resume()
    if args.command == "check":
        from tui.commands.check import run_check
        return run_check(args.path or _guide_path(args))
    if args.command == "speak":
        from tui.commands.speak import run_speak
        return run_speak(_guide_path(args), args.section, args.out, args.rate)
    if args.command == "export":
        from tui.commands.export import run_export
        return run_export(_guide_path(args), args.format, args.out, rate=args.rate)
    if args.plain:
        from tui.plain import run_plain
        return run_plain(_guide_path(args), speech=args.speech, no_speech=args.no_speech)
    from tui.commands._common import fail, look_problem
    from tui.commands.launch import run_app, why_the_screen_cannot_be_drawn
    if problem := look_problem(args):  # a mistake in a flag is said, whichever mode shows it
        return fail("bone-guide", problem)
    reason = None if (args.kiosk or args.list_themes) else why_the_screen_cannot_be_drawn()
    if reason:
        from tui.plain import run_plain
        startup_gc.resume()
        return run_plain(_guide_path(args), speech=args.speech, no_speech=args.no_speech,
                         note=f"bone-guide: {reason}; showing the guide line by line "
                              "(as with --plain).")
    return run_app(args, _guide_path(args))


if __name__ == "__main__":
    sys.exit(main())
