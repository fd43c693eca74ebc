"""Colour themes for low-vision reading: every text/background pair is at least 7:1.

Each theme is a `Palette` (a dozen colours); `_variables` turns a palette into every colour
and focus style Textual derives from a theme, set explicitly, because Textual's defaults
blend colours (`$text` is "auto 87%", `$text-muted` "auto 60%", scrollbars a tinted
background...) and those fall below 7:1.  Focus and the highlighted row are shown by
`bold reverse` (block cursor) and `bold underline` (when its list is not focused), never by
colour alone.  Each palette also gives the app's four role colours (`$text-spoken` /
`$background-spoken` / `$style-spoken`, and likewise `match`, `status`, `alert`).

The "terminal" theme uses the terminal's own 16 ANSI colours (Textual's native ANSI mode,
which Textual turns on by itself for a theme with `ansi=True` provided `App.ansi_color` stays
`None`).  Its contrast is the user's own choice, so its roles are reverse video, bold and
underline of the terminal's default colours.

Some Textual widget CSS hard-codes faint colours no theme variable reaches (the OptionList
separator, the footer's palette divider, dim disabled keys): `CONTRAST_CSS` overrides those.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.theme import Theme

CONTRAST_CSS = """
OptionList > .option-list--separator {
    color: $foreground;
}
Footer FooterKey.-command-palette {
    border-left: vkey $footer-foreground;
}
FooterKey.-disabled {
    text-style: italic;
}
"""

ROLES = ("spoken", "match", "status", "alert", "focus")


@dataclass(frozen=True)
class Palette:
    """A theme's colours. dim: secondary text, still >= 7:1 on bg and panel; on_colour: text
    on primary/accent/... backgrounds (buttons); each role is (text, background)."""

    name: str
    label: str  # the plain name said aloud
    fg: str
    bg: str
    dim: str
    panel: str
    primary: str
    secondary: str
    accent: str
    warning: str
    error: str
    success: str
    on_colour: str
    spoken: tuple[str, str]
    match: tuple[str, str]
    status: tuple[str, str]
    alert: tuple[str, str]
    # The focused list row: its background differs from the page by >= 3:1 (WCAG 2.4.13).
    focus: tuple[str, str]
    dark: bool = True

    def role_variables(self, styles: dict[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for role in ROLES:
            out[f"text-{role}"], out[f"background-{role}"] = getattr(self, role)
            out[f"style-{role}"] = styles[role]
        return out


# Colour themes mark roles by colour and bold; on a white page a yellow highlight would differ by
# hue alone, so the light theme's spoken sentence is reverse video in its colours instead.
COLOUR_ROLE_STYLES = {"spoken": "bold", "match": "bold underline", "status": "bold", "alert": "bold",
                      "focus": "bold"}
TERMINAL_ROLE_STYLES = {"spoken": "bold reverse", "match": "bold underline", "status": "reverse",
                        "alert": "bold reverse", "focus": "bold reverse"}


def _variables(p: Palette) -> dict[str, str]:
    """Every Textual CSS variable that carries a colour or a focus style, set explicitly."""
    fg, bg, dim = p.fg, p.bg, p.dim
    v: dict[str, str] = {
        # Text.  Textual's defaults are translucent blends ("auto 87%", "auto 60%").
        "text": fg, "text-muted": dim, "text-disabled": dim,
        "foreground-muted": dim, "foreground-disabled": dim,
        # Highlighted row in OptionList / DataTable / Tree...: the theme's focus colours,
        # explicit because Textual drops `reverse` there (a marker is drawn by FocusList too).
        "block-cursor-foreground": p.focus[0], "block-cursor-background": p.focus[1],
        "block-cursor-text-style": COLOUR_ROLE_STYLES["focus"],
        "block-cursor-blurred-foreground": fg, "block-cursor-blurred-background": bg,
        "block-cursor-blurred-text-style": "bold underline",
        "block-hover-background": bg,
        # Borders: focused in full foreground, unfocused in the (still >= 7:1) dim colour.
        "border": fg, "border-blurred": dim, "surface-active": bg,
        # Scrollbars: the thumb in text colour on the page colour.
        "scrollbar": fg, "scrollbar-hover": fg, "scrollbar-active": fg,
        "scrollbar-background": bg, "scrollbar-background-hover": bg,
        "scrollbar-background-active": bg, "scrollbar-corner-color": bg,
        # Links: underlined, same colour as text; hover is reverse video.
        "link-color": fg, "link-background": bg, "link-style": "underline",
        "link-color-hover": bg, "link-background-hover": fg, "link-style-hover": "bold underline",
        # Footer: a reverse-video bar; keys are bold (Textual's CSS).
        "footer-foreground": bg, "footer-background": fg,
        "footer-key-foreground": bg, "footer-key-background": fg,
        "footer-description-foreground": bg, "footer-description-background": fg,
        "footer-item-background": fg,
        # Input: cursor and selection are reverse video.
        "input-cursor-foreground": bg, "input-cursor-background": fg,
        "input-cursor-text-style": "bold",
        "input-selection-foreground": bg, "input-selection-background": fg,
        "screen-selection-foreground": bg, "screen-selection-background": fg,
        # Buttons.
        "button-foreground": fg, "button-color-foreground": p.on_colour,
        "button-focus-text-style": "bold reverse",
    }
    # Markdown headings: text colour, marked by style.
    for level, style in enumerate(("bold underline", "bold", "bold", "bold underline", "bold", "bold"), 1):
        v.update({f"markdown-h{level}-color": fg, f"markdown-h{level}-background": bg,
                  f"markdown-h{level}-text-style": style})
    named = {"primary": p.primary, "secondary": p.secondary, "accent": p.accent,
             "warning": p.warning, "error": p.error, "success": p.success}
    for name, colour in named.items():
        v[f"text-{name}"] = colour
        v[f"{name}-muted"] = bg  # "muted" colours are tinted backgrounds: keep the page colour
    # No derived shades: every "-lighten-N"/"-darken-N" is the colour itself.
    base = {**named, "primary-background": bg, "secondary-background": bg, "background": bg,
            "foreground": fg, "panel": p.panel, "boost": bg, "surface": bg}
    for name, colour in base.items():
        for n in (1, 2, 3):
            v[f"{name}-lighten-{n}"] = colour
            v[f"{name}-darken-{n}"] = colour
    v.update(p.role_variables(COLOUR_ROLE_STYLES))
    return v


def _theme(p: Palette) -> Theme:
    return Theme(name=p.name, dark=p.dark, primary=p.primary, secondary=p.secondary,
                 accent=p.accent, warning=p.warning, error=p.error, success=p.success,
                 foreground=p.fg, background=p.bg, surface=p.bg, panel=p.panel, boost=p.bg,
                 text_alpha=1.0, luminosity_spread=0.0, variables=_variables(p))


PALETTES: tuple[Palette, ...] = (
    Palette("high-contrast-dark", "High contrast dark",
            fg="#ffffff", bg="#000000", dim="#c0c0c0", panel="#1a1a1a",
            primary="#00ffff", secondary="#ffffff", accent="#ffff00", warning="#ffff00",
            error="#ff9999", success="#00ff00", on_colour="#000000",
            spoken=("#000000", "#ffff00"), match=("#000000", "#00ffff"),
            status=("#ffffff", "#1a1a1a"), alert=("#ffffff", "#900000"),
            focus=("#000000", "#ffffff")),
    Palette("high-contrast-light", "High contrast light", dark=False,
            fg="#000000", bg="#ffffff", dim="#404040", panel="#f0f0f0",
            primary="#00008b", secondary="#000000", accent="#5a0090", warning="#6b3a00",
            error="#900000", success="#004d00", on_colour="#ffffff",
            spoken=("#ffffff", "#000000"), match=("#000000", "#ffff00"),
            status=("#000000", "#f0f0f0"), alert=("#ffffff", "#900000"),
            focus=("#ffffff", "#000000")),
    Palette("yellow-on-black", "Yellow on black",
            fg="#ffff00", bg="#000000", dim="#d0d000", panel="#1a1a00",
            primary="#ffff00", secondary="#ffffff", accent="#00ffff", warning="#ffff00",
            error="#ff9999", success="#00ff00", on_colour="#000000",
            spoken=("#000000", "#ffff00"), match=("#000000", "#00ffff"),
            status=("#ffff00", "#1a1a00"), alert=("#ffff00", "#700000"),
            focus=("#000000", "#ffff00")),
    # No blue light at all: every colour has a zero blue channel.
    Palette("low-blue-amber", "Low blue amber",
            fg="#ffb000", bg="#000000", dim="#e0a000", panel="#140c00",
            primary="#ffb000", secondary="#ffcc00", accent="#ffff00", warning="#ffff00",
            error="#ff9000", success="#80ff00", on_colour="#000000",
            spoken=("#000000", "#ffb000"), match=("#000000", "#ffff00"),
            status=("#ffb000", "#140c00"), alert=("#ffff00", "#700000"),
            focus=("#000000", "#ffb000")),
)


def _terminal_theme() -> Theme:
    """The terminal's own colours: every colour variable is the terminal default."""
    d = "ansi_default"
    colours = [
        "ansi-background", "ansi-foreground", "text", "text-muted", "text-disabled",
        "foreground-muted", "foreground-disabled", "text-primary", "text-secondary",
        "text-accent", "text-warning", "text-error", "text-success",
        "block-cursor-foreground", "block-cursor-background", "block-cursor-blurred-foreground",
        "block-cursor-blurred-background", "block-hover-background", "border", "border-blurred",
        "scrollbar", "scrollbar-hover", "scrollbar-active", "scrollbar-background",
        "scrollbar-background-hover", "scrollbar-background-active", "scrollbar-corner-color",
        "link-color", "link-background", "link-color-hover", "link-background-hover",
        "footer-foreground", "footer-background", "footer-key-foreground",
        "footer-key-background", "footer-description-foreground",
        "footer-description-background", "footer-item-background", "input-cursor-foreground",
        "input-cursor-background", "input-selection-foreground", "input-selection-background",
        "screen-selection-foreground", "screen-selection-background", "button-foreground",
        "button-color-foreground", *(f"markdown-h{n}-color" for n in range(1, 7)),
    ]
    variables = {name: d for name in colours}
    variables.update({
        "block-cursor-text-style": "bold reverse", "block-cursor-blurred-text-style": "bold underline",
        "link-style": "underline", "link-style-hover": "bold reverse",
        "input-cursor-text-style": "reverse", "button-focus-text-style": "bold reverse",
    })
    for role in ROLES:
        variables.update({f"text-{role}": d, f"background-{role}": d,
                          f"style-{role}": TERMINAL_ROLE_STYLES[role]})
    return Theme(name="terminal", ansi=True, dark=True, primary=d, secondary=d, warning=d,
                 error=d, success=d, accent=d, foreground=d, background=d, surface=d, panel=d,
                 boost=d, variables=variables)


THEMES: tuple[Theme, ...] = (*(_theme(p) for p in PALETTES), _terminal_theme())

THEME_NAMES: list[str] = [theme.name for theme in THEMES]
"""Theme names in the order the `t` key cycles through them."""

THEME_LABELS: dict[str, str] = {**{p.name: p.label for p in PALETTES},
                                "terminal": "Your terminal's own colours"}
"""Plain names to announce."""


def register_themes(app) -> None:
    """Register every bone-guide theme with a Textual App (does not change app.theme)."""
    for theme in THEMES:
        app.register_theme(theme)
