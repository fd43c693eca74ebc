"""Colour themes for low-vision reading: every text/background pair is at least 7:1.

Use:

    from tui.themes import THEME_NAMES, THEME_LABELS, register_themes
    register_themes(app)              # in App.__init__ (or on_mount) before setting app.theme
    app.theme = THEME_NAMES[0]        # "high-contrast-dark"

`THEME_NAMES` is the order `t` cycles through; `THEME_LABELS[name]` is the plain name to
say aloud ("High contrast dark").

Every colour Textual derives from a theme is set explicitly (the whole list is in
`_variables`), because Textual's defaults blend colours (`$text` is "auto 87%",
`$text-muted` "auto 60%", `$border-blurred` a darkened surface, scrollbars a tinted
background...) and those fall below 7:1.  Focus and the highlighted row are shown by
the theme's focus colours (`$text-focus` on `$background-focus`, whose background differs
from the page by >= 3:1) plus a marker drawn by tui/widgets/focus_list.py, and `bold
underline` when its list is not focused; never by colour alone.

Role colours for the app's CSS (each theme defines them; see `role_defaults`):

    $text-spoken / $background-spoken / $style-spoken   the sentence being read aloud
    $text-match  / $background-match  / $style-match    a search match
    $text-status / $background-status / $style-status   the status line
    $text-alert  / $background-alert  / $style-alert    the red-flag (warning signs) panel
    $text-focus  / $background-focus  / $style-focus    the focused list row (block cursor)

e.g. `.-spoken { color: $text-spoken; background: $background-spoken; text-style: $style-spoken; }`.
If the app's CSS uses these variables it must also work in themes that lack them (e.g. a
built-in theme picked from the command palette); give it defaults with

    def get_theme_variable_defaults(self):
        return {**super().get_theme_variable_defaults(), **role_defaults(self.current_theme)}

The "terminal" theme uses the terminal's own 16 ANSI colours and default foreground and
background (Textual's native ANSI mode, like the built-in "ansi-dark" theme).  Its
contrast cannot be computed or guaranteed, because the colours are whatever the user set
in the terminal; its roles therefore use reverse video, bold and underline of the
terminal's default colours, which keeps whatever contrast the user chose.  Textual turns
native ANSI output on by itself when the current theme has `ansi=True`, *provided the app
leaves `App.ansi_color` at its default `None`*; do not set `ansi_color=False` (that would
map the ANSI colours to a fixed truecolor palette instead of the terminal's colours).
Setting `App.ansi_color = True` is not needed and would force ANSI mode on for every
theme.

Some Textual widget CSS hard-codes faint colours that no theme variable reaches (the
OptionList separator line is `$foreground 15%`, the footer's command-palette divider
`$foreground 20%`, disabled footer keys are `dim`).  `CONTRAST_CSS` overrides those; add
it to the app's CSS (`CSS = CONTRAST_CSS` or append it to a .tcss file).
"""

from __future__ import annotations

from textual.theme import Theme

__all__ = [
    "CONTRAST_CSS",
    "MEASURABLE_THEMES",
    "ROLE_STYLES",
    "role_defaults",
    "ROLE_PAIRS",
    "TERMINAL_THEME",
    "THEME_LABELS",
    "THEME_NAMES",
    "THEMES",
    "declared_pairs",
    "register_themes",
]

ROLE_STYLES: dict[str, str] = {
    "style-spoken": "bold reverse",
    "style-match": "bold underline",
    "style-status": "bold reverse",
    "style-alert": "bold reverse",
    "style-focus": "bold reverse",
}


def role_defaults(theme: Theme) -> dict[str, str]:
    """Fallback role variables for a theme that lacks them (e.g. a built-in Textual theme).

    Textual does not resolve `$name` inside variable values, so these are concrete colours:
    the theme's own foreground and background, marked by reverse video / bold / underline.
    Use from `App.get_theme_variable_defaults` with `self.current_theme`.
    """
    colours = theme.to_color_system().generate()
    fg, bg = colours["foreground"], colours["background"]
    defaults = dict(ROLE_STYLES)
    for role in ("spoken", "match", "status", "alert", "focus"):
        defaults[f"text-{role}"] = fg
        defaults[f"background-{role}"] = bg
    return defaults


# (name, text variable, background variable) of every pair each theme must keep >= 7:1.
ROLE_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("spoken", "text-spoken", "background-spoken"),
    ("match", "text-match", "background-match"),
    ("status", "text-status", "background-status"),
    ("alert", "text-alert", "background-alert"),
    ("focus", "text-focus", "background-focus"),
)

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


def _variables(
    *,
    fg: str,
    bg: str,
    dim: str,
    panel: str,
    primary: str,
    secondary: str,
    accent: str,
    warning: str,
    error: str,
    success: str,
    on_colour: str,
    roles: dict[str, str],
) -> dict[str, str]:
    """Every Textual CSS variable that carries a colour or a focus style, set explicitly.

    fg/bg: body text and page; dim: secondary text, still >= 7:1 on bg and panel;
    on_colour: text drawn on primary/accent/warning/error/success backgrounds (buttons).
    """
    v: dict[str, str] = {
        # Text.  Textual's defaults are translucent blends ("auto 87%", "auto 60%").
        "text": fg,
        "text-muted": dim,
        "text-disabled": dim,
        "foreground-muted": dim,
        "foreground-disabled": dim,
        "text-primary": primary,
        "text-secondary": secondary,
        "text-accent": accent,
        "text-warning": warning,
        "text-error": error,
        "text-success": success,
        # "Muted" colours are used as tinted backgrounds; keep them the page colour.
        "primary-muted": bg,
        "secondary-muted": bg,
        "accent-muted": bg,
        "warning-muted": bg,
        "error-muted": bg,
        "success-muted": bg,
        # Highlighted row in OptionList / DataTable / Tree...: the theme's focus colours (roles
        # "text-focus" / "background-focus"), explicit because Textual drops `reverse` there.
        "block-cursor-foreground": roles["text-focus"],
        "block-cursor-background": roles["background-focus"],
        "block-cursor-text-style": roles["style-focus"],
        "block-cursor-blurred-foreground": fg,
        "block-cursor-blurred-background": bg,
        "block-cursor-blurred-text-style": "bold underline",
        "block-hover-background": bg,
        # Borders: focused in full foreground, unfocused in the (still >= 7:1) dim colour.
        "border": fg,
        "border-blurred": dim,
        "surface-active": bg,
        # Scrollbars: the thumb in text colour on the page colour.
        "scrollbar": fg,
        "scrollbar-hover": fg,
        "scrollbar-active": fg,
        "scrollbar-background": bg,
        "scrollbar-background-hover": bg,
        "scrollbar-background-active": bg,
        "scrollbar-corner-color": bg,
        # Links: underlined, same colour as text; hover is reverse video.
        "link-color": fg,
        "link-background": bg,
        "link-style": "underline",
        "link-color-hover": bg,
        "link-background-hover": fg,
        "link-style-hover": "bold underline",
        # Footer: a reverse-video bar; keys are bold (Textual's CSS).
        "footer-foreground": bg,
        "footer-background": fg,
        "footer-key-foreground": bg,
        "footer-key-background": fg,
        "footer-description-foreground": bg,
        "footer-description-background": fg,
        "footer-item-background": fg,
        # Input: cursor and selection are reverse video.
        "input-cursor-foreground": bg,
        "input-cursor-background": fg,
        "input-cursor-text-style": "bold",
        "input-selection-foreground": bg,
        "input-selection-background": fg,
        "screen-selection-foreground": bg,
        "screen-selection-background": fg,
        # Buttons.
        "button-foreground": fg,
        "button-color-foreground": on_colour,
        "button-focus-text-style": "bold reverse",
        # Markdown headings: text colour, marked by style.
        "markdown-h1-color": fg,
        "markdown-h1-background": bg,
        "markdown-h1-text-style": "bold underline",
        "markdown-h2-color": fg,
        "markdown-h2-background": bg,
        "markdown-h2-text-style": "bold",
        "markdown-h3-color": fg,
        "markdown-h3-background": bg,
        "markdown-h3-text-style": "bold",
        "markdown-h4-color": fg,
        "markdown-h4-background": bg,
        "markdown-h4-text-style": "bold underline",
        "markdown-h5-color": fg,
        "markdown-h5-background": bg,
        "markdown-h5-text-style": "bold",
        "markdown-h6-color": fg,
        "markdown-h6-background": bg,
        "markdown-h6-text-style": "bold",
    }
    # No derived shades: every "-lighten-N"/"-darken-N" is the colour itself.
    base = {
        "primary": primary,
        "secondary": secondary,
        "primary-background": bg,
        "secondary-background": bg,
        "background": bg,
        "foreground": fg,
        "panel": panel,
        "boost": bg,
        "surface": bg,
        "warning": warning,
        "error": error,
        "success": success,
        "accent": accent,
    }
    for name, colour in base.items():
        for n in (1, 2, 3):
            v[f"{name}-lighten-{n}"] = colour
            v[f"{name}-darken-{n}"] = colour
    v.update(roles)
    return v


def _theme(
    name: str,
    *,
    dark: bool,
    fg: str,
    bg: str,
    dim: str,
    panel: str,
    primary: str,
    secondary: str,
    accent: str,
    warning: str,
    error: str,
    success: str,
    on_colour: str,
    roles: dict[str, str],
) -> Theme:
    return Theme(
        name=name,
        dark=dark,
        primary=primary,
        secondary=secondary,
        accent=accent,
        warning=warning,
        error=error,
        success=success,
        foreground=fg,
        background=bg,
        surface=bg,
        panel=panel,
        boost=bg,
        text_alpha=1.0,
        luminosity_spread=0.0,
        variables=_variables(
            fg=fg,
            bg=bg,
            dim=dim,
            panel=panel,
            primary=primary,
            secondary=secondary,
            accent=accent,
            warning=warning,
            error=error,
            success=success,
            on_colour=on_colour,
            roles=roles,
        ),
    )


HIGH_CONTRAST_DARK = _theme(
    "high-contrast-dark",
    dark=True,
    fg="#ffffff",
    bg="#000000",
    dim="#c0c0c0",
    panel="#1a1a1a",
    primary="#00ffff",
    secondary="#ffffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff9999",
    success="#00ff00",
    on_colour="#000000",
    roles={
        "text-spoken": "#000000",
        "background-spoken": "#ffff00",
        "style-spoken": "bold",
        "text-match": "#000000",
        "background-match": "#00ffff",
        "style-match": "bold underline",
        "text-status": "#ffffff",
        "background-status": "#1a1a1a",
        "style-status": "bold",
        "text-alert": "#ffffff",
        "background-alert": "#900000",
        "style-alert": "bold",
        # The focused list row: its background differs from the page by >= 3:1 (WCAG 2.4.13).
        "text-focus": "#000000",
        "background-focus": "#ffffff",
        "style-focus": "bold",
    },
)

HIGH_CONTRAST_LIGHT = _theme(
    "high-contrast-light",
    dark=False,
    fg="#000000",
    bg="#ffffff",
    dim="#404040",
    panel="#f0f0f0",
    primary="#00008b",
    secondary="#000000",
    accent="#5a0090",
    warning="#6b3a00",
    error="#900000",
    success="#004d00",
    on_colour="#ffffff",
    roles={
        # On a white page a yellow highlight differs by hue alone: use reverse video.
        "text-spoken": "#ffffff",
        "background-spoken": "#000000",
        "style-spoken": "bold",
        "text-match": "#000000",
        "background-match": "#ffff00",
        "style-match": "bold underline",
        "text-status": "#000000",
        "background-status": "#f0f0f0",
        "style-status": "bold",
        "text-alert": "#ffffff",
        "background-alert": "#900000",
        "style-alert": "bold",
        # The focused list row: its background differs from the page by >= 3:1 (WCAG 2.4.13).
        "text-focus": "#ffffff",
        "background-focus": "#000000",
        "style-focus": "bold",
    },
)

YELLOW_ON_BLACK = _theme(
    "yellow-on-black",
    dark=True,
    fg="#ffff00",
    bg="#000000",
    dim="#d0d000",
    panel="#1a1a00",
    primary="#ffff00",
    secondary="#ffffff",
    accent="#00ffff",
    warning="#ffff00",
    error="#ff9999",
    success="#00ff00",
    on_colour="#000000",
    roles={
        "text-spoken": "#000000",
        "background-spoken": "#ffff00",
        "style-spoken": "bold",
        "text-match": "#000000",
        "background-match": "#00ffff",
        "style-match": "bold underline",
        "text-status": "#ffff00",
        "background-status": "#1a1a00",
        "style-status": "bold",
        "text-alert": "#ffff00",
        "background-alert": "#700000",
        "style-alert": "bold",
        # The focused list row: its background differs from the page by >= 3:1 (WCAG 2.4.13).
        "text-focus": "#000000",
        "background-focus": "#ffff00",
        "style-focus": "bold",
    },
)

# No blue light at all: every colour has a zero blue channel.
LOW_BLUE_AMBER = _theme(
    "low-blue-amber",
    dark=True,
    fg="#ffb000",
    bg="#000000",
    dim="#e0a000",
    panel="#140c00",
    primary="#ffb000",
    secondary="#ffcc00",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff9000",
    success="#80ff00",
    on_colour="#000000",
    roles={
        "text-spoken": "#000000",
        "background-spoken": "#ffb000",
        "style-spoken": "bold",
        "text-match": "#000000",
        "background-match": "#ffff00",
        "style-match": "bold underline",
        "text-status": "#ffb000",
        "background-status": "#140c00",
        "style-status": "bold",
        "text-alert": "#ffff00",
        "background-alert": "#700000",
        "style-alert": "bold",
        # The focused list row: its background differs from the page by >= 3:1 (WCAG 2.4.13).
        "text-focus": "#000000",
        "background-focus": "#ffb000",
        "style-focus": "bold",
    },
)

# The terminal's own colours (native ANSI; see the module docstring).  Contrast is the
# user's choice and cannot be measured; roles are reverse video / bold / underline.
TERMINAL_THEME = Theme(
    name="terminal",
    ansi=True,
    dark=True,
    primary="ansi_default",
    secondary="ansi_default",
    warning="ansi_default",
    error="ansi_default",
    success="ansi_default",
    accent="ansi_default",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    variables={
        "ansi-background": "ansi_default",
        "ansi-foreground": "ansi_default",
        "text": "ansi_default",
        "text-muted": "ansi_default",
        "text-disabled": "ansi_default",
        "foreground-muted": "ansi_default",
        "foreground-disabled": "ansi_default",
        "text-primary": "ansi_default",
        "text-secondary": "ansi_default",
        "text-accent": "ansi_default",
        "text-warning": "ansi_default",
        "text-error": "ansi_default",
        "text-success": "ansi_default",
        "block-cursor-foreground": "ansi_default",
        "block-cursor-background": "ansi_default",
        "block-cursor-text-style": "bold reverse",
        "block-cursor-blurred-foreground": "ansi_default",
        "block-cursor-blurred-background": "ansi_default",
        "block-cursor-blurred-text-style": "bold underline",
        "block-hover-background": "ansi_default",
        "border": "ansi_default",
        "border-blurred": "ansi_default",
        "scrollbar": "ansi_default",
        "scrollbar-hover": "ansi_default",
        "scrollbar-active": "ansi_default",
        "scrollbar-background": "ansi_default",
        "scrollbar-background-hover": "ansi_default",
        "scrollbar-background-active": "ansi_default",
        "scrollbar-corner-color": "ansi_default",
        "link-color": "ansi_default",
        "link-background": "ansi_default",
        "link-style": "underline",
        "link-color-hover": "ansi_default",
        "link-background-hover": "ansi_default",
        "link-style-hover": "bold reverse",
        "footer-foreground": "ansi_default",
        "footer-background": "ansi_default",
        "footer-key-foreground": "ansi_default",
        "footer-key-background": "ansi_default",
        "footer-description-foreground": "ansi_default",
        "footer-description-background": "ansi_default",
        "footer-item-background": "ansi_default",
        "input-cursor-foreground": "ansi_default",
        "input-cursor-background": "ansi_default",
        "input-cursor-text-style": "reverse",
        "input-selection-foreground": "ansi_default",
        "input-selection-background": "ansi_default",
        "screen-selection-foreground": "ansi_default",
        "screen-selection-background": "ansi_default",
        "button-foreground": "ansi_default",
        "button-color-foreground": "ansi_default",
        "button-focus-text-style": "bold reverse",
        "markdown-h1-color": "ansi_default",
        "markdown-h2-color": "ansi_default",
        "markdown-h3-color": "ansi_default",
        "markdown-h4-color": "ansi_default",
        "markdown-h5-color": "ansi_default",
        "markdown-h6-color": "ansi_default",
        "text-spoken": "ansi_default",
        "background-spoken": "ansi_default",
        "style-spoken": "bold reverse",
        "text-match": "ansi_default",
        "background-match": "ansi_default",
        "style-match": "bold underline",
        "text-status": "ansi_default",
        "background-status": "ansi_default",
        "style-status": "reverse",
        "text-alert": "ansi_default",
        "background-alert": "ansi_default",
        "style-alert": "bold reverse",
        "text-focus": "ansi_default",
        "background-focus": "ansi_default",
        "style-focus": "bold reverse",
    },
)

THEMES: tuple[Theme, ...] = (
    HIGH_CONTRAST_DARK,
    HIGH_CONTRAST_LIGHT,
    YELLOW_ON_BLACK,
    LOW_BLUE_AMBER,
    TERMINAL_THEME,
)

THEME_NAMES: list[str] = [theme.name for theme in THEMES]
"""Theme names in the order the `t` key cycles through them."""

THEME_LABELS: dict[str, str] = {
    "high-contrast-dark": "High contrast dark",
    "high-contrast-light": "High contrast light",
    "yellow-on-black": "Yellow on black",
    "low-blue-amber": "Low blue amber",
    "terminal": "Your terminal's own colours",
}
"""Plain names to announce."""

MEASURABLE_THEMES: tuple[Theme, ...] = tuple(t for t in THEMES if not t.ansi)
"""Themes whose contrast can be computed (all but "terminal")."""


def register_themes(app) -> None:
    """Register every bone-guide theme with a Textual App (does not change app.theme)."""
    for theme in THEMES:
        app.register_theme(theme)


def declared_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(label, foreground, background) for every pair a theme declares as text on a ground.

    Used by tests/test_themes.py; each must be >= 7:1 for every theme but "terminal".
    """
    v = theme.variables
    fg, bg, panel = theme.foreground, theme.background, theme.panel
    on = v["button-color-foreground"]
    pairs = [
        ("foreground/background", fg, bg),
        ("foreground/surface", fg, theme.surface),
        ("foreground/panel", fg, panel),
        ("text/background", v["text"], bg),
        ("text-muted/background", v["text-muted"], bg),
        ("text-muted/panel", v["text-muted"], panel),
        ("text-disabled/background", v["text-disabled"], bg),
        ("block-cursor", v["block-cursor-foreground"], v["block-cursor-background"]),
        (
            "block-cursor-blurred",
            v["block-cursor-blurred-foreground"],
            v["block-cursor-blurred-background"],
        ),
        ("footer", v["footer-foreground"], v["footer-background"]),
        ("footer-key", v["footer-key-foreground"], v["footer-key-background"]),
        (
            "footer-description",
            v["footer-description-foreground"],
            v["footer-description-background"],
        ),
        ("input-cursor", v["input-cursor-foreground"], v["input-cursor-background"]),
        ("input-selection", v["input-selection-foreground"], v["input-selection-background"]),
        (
            "screen-selection",
            v["screen-selection-foreground"],
            v["screen-selection-background"],
        ),
        ("border/background", v["border"], bg),
        ("border-blurred/background", v["border-blurred"], bg),
        ("scrollbar/scrollbar-background", v["scrollbar"], v["scrollbar-background"]),
        ("link/background", v["link-color"], v["link-background"]),
        ("link-hover", v["link-color-hover"], v["link-background-hover"]),
    ]
    for name in ("primary", "secondary", "accent", "warning", "error", "success"):
        colour = getattr(theme, name)
        pairs.append((f"{name}/background", colour, bg))
        pairs.append((f"{name}/panel", colour, panel))
        pairs.append((f"button text/{name}", on, colour))
        pairs.append((f"text-{name}/background", v[f"text-{name}"], bg))
    for role, text_var, background_var in ROLE_PAIRS:
        pairs.append((role, v[text_var], v[background_var]))
    return pairs
