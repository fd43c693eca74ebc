"""What the theme tests measure: every pair a theme declares as text on a ground."""

from __future__ import annotations

from textual.theme import Theme

from tui.ui.themes import ROLES, THEMES

MEASURABLE_THEMES: tuple[Theme, ...] = tuple(t for t in THEMES if not t.ansi)
"""Themes whose contrast can be computed (all but "terminal")."""

# (name, text variable, background variable) of every role pair each theme must keep >= 7:1.
ROLE_PAIRS: tuple[tuple[str, str, str], ...] = tuple(
    (role, f"text-{role}", f"background-{role}") for role in ROLES)

# Role styles for a theme that lacks them (a built-in Textual theme): reverse video and bold.
ROLE_STYLES: dict[str, str] = {"style-spoken": "bold reverse", "style-match": "bold underline",
                               "style-status": "bold reverse", "style-alert": "bold reverse",
                               "style-focus": "bold reverse"}


def role_defaults(theme: Theme) -> dict[str, str]:
    """Fallback role variables for a theme that lacks them: its own foreground and background,
    marked by reverse video / bold / underline (for `App.get_theme_variable_defaults`)."""
    colours = theme.to_color_system().generate()
    defaults = dict(ROLE_STYLES)
    for role in ROLES:
        defaults[f"text-{role}"] = colours["foreground"]
        defaults[f"background-{role}"] = colours["background"]
    return defaults


def declared_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(label, foreground, background) for every pair a theme declares as text on a ground."""
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
        ("border/background", v["border"], bg),
        ("border-blurred/background", v["border-blurred"], bg),
        ("scrollbar/scrollbar-background", v["scrollbar"], v["scrollbar-background"]),
        ("link/background", v["link-color"], v["link-background"]),
        ("link-hover", v["link-color-hover"], v["link-background-hover"]),
    ]
    for name in ("block-cursor", "block-cursor-blurred", "footer", "footer-key",
                 "footer-description", "input-cursor", "input-selection", "screen-selection"):
        pairs.append((name, v[f"{name}-foreground"], v[f"{name}-background"]))
    for name in ("primary", "secondary", "accent", "warning", "error", "success"):
        colour = getattr(theme, name)
        pairs.append((f"{name}/background", colour, bg))
        pairs.append((f"{name}/panel", colour, panel))
        pairs.append((f"button text/{name}", on, colour))
        pairs.append((f"text-{name}/background", v[f"text-{name}"], bg))
    for role, text_var, background_var in ROLE_PAIRS:
        pairs.append((role, v[text_var], v[background_var]))
    return pairs
