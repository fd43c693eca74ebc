"""The guide as one accessible HTML page: no JavaScript, large type, high contrast on request.

Structure: a skip link; a banner with the one h1 and the disclaimer; then the main
landmark: the warning signs first in their own labelled region, the table of contents
(a nav), one section with a real h2 per guide section, the glossary as a <dl>, and the
sources. Every piece of guide text goes through html.escape.

High contrast: `@media (prefers-contrast: more)` (set by the operating system or browser)
switches to white on black with yellow links; `forced-colors` (Windows high contrast) is
respected; the default colours are already black on white. Print styles drop the skip
link and colours and keep lists and headings together.
"""

from __future__ import annotations

from html import escape

from tui import __version__
from tui.core.model import Guide, Paragraph, Section

CSS = """
:root {
  color-scheme: light;
  --fg: #111111;
  --bg: #ffffff;
  --muted: #333333;
  --link: #0b3d91;
  --link-visited: #551a8b;
  --focus-bg: #ffdd00;
  --focus-fg: #000000;
  --warn-fg: #7a0000;
  --warn-bg: #fff3f1;
  --warn-border: #a30000;
  --rule: #555555;
}
@media (prefers-color-scheme: dark) {
  :root {
    color-scheme: dark;
    --fg: #f2f2f2;
    --bg: #121212;
    --muted: #d6d6d6;
    --link: #9cc4ff;
    --link-visited: #d7b8ff;
    --warn-fg: #ffd0c8;
    --warn-bg: #2a0f0c;
    --warn-border: #ff8f80;
    --rule: #bbbbbb;
  }
}
@media (prefers-contrast: more) {
  :root {
    color-scheme: dark;
    --fg: #ffffff;
    --bg: #000000;
    --muted: #ffffff;
    --link: #ffff00;
    --link-visited: #ffff00;
    --focus-bg: #ffffff;
    --focus-fg: #000000;
    --warn-fg: #ffffff;
    --warn-bg: #000000;
    --warn-border: #ffff00;
    --rule: #ffffff;
  }
  .warning-signs { border-width: 0.4em; }
  a { text-decoration-thickness: 0.15em; }
}
html { font-size: 100%; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  padding: 0 1rem 3rem;
  font-family: Verdana, "DejaVu Sans", "Atkinson Hyperlegible", Tahoma, Arial, sans-serif;
  font-size: 1.5rem;
  line-height: 1.6;
  color: var(--fg);
  background: var(--bg);
  overflow-wrap: break-word;
}
header, main, footer { max-width: 40em; margin: 0 auto; }
h1 { font-size: 2em; line-height: 1.25; margin: 1em 0 0.5em; }
h2 {
  font-size: 1.5em; line-height: 1.3; margin: 2em 0 0.5em;
  padding-top: 0.5em; border-top: 0.125em solid var(--rule);
}
p, ul, ol, dl { margin: 0 0 1em; }
ul { padding-left: 1.5em; }
ol { padding-left: 2.2em; }
li { margin-bottom: 0.5em; }
dt { font-weight: bold; margin-top: 1em; }
dd { margin: 0 0 0.5em 1.5em; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
a:focus, a:hover {
  outline: 0.2em solid var(--focus-fg);
  outline-offset: 0.1em;
  background: var(--focus-bg);
  color: var(--focus-fg);
}
.skip-link {
  position: absolute;
  left: 1rem;
  top: -20em;
  padding: 0.5em 1em;
  background: var(--focus-bg);
  color: var(--focus-fg);
  z-index: 10;
}
.skip-link:focus { top: 1rem; }
.disclaimer { font-size: 0.9em; color: var(--muted); }
.summary { font-weight: bold; }
.source { font-size: 0.9em; color: var(--muted); }
.warning-signs {
  margin: 1em 0 2em;
  padding: 0 1em 0.5em;
  border: 0.25em solid var(--warn-border);
  background: var(--warn-bg);
}
.warning-signs h2 { color: var(--warn-fg); border-top: none; margin-top: 0.5em; }
.warning-signs .action { font-weight: bold; }
.warning-signs li { font-weight: bold; }
.back { font-size: 0.9em; }
main:focus { outline: none; }
@media (forced-colors: active) {
  .warning-signs { border-color: CanvasText; }
  a:focus { outline-color: Highlight; }
}
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #000; --link: #000; --link-visited: #000;
          --warn-fg: #000; --warn-bg: #fff; --warn-border: #000; --rule: #000; }
  body { font-size: 16pt; padding: 0; }
  header, main, footer { max-width: none; }
  .skip-link, .back { display: none; }
  a { text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; border-top: none; }
  li, dt, dd, .warning-signs { break-inside: avoid; page-break-inside: avoid; }
  .warning-signs { border: 3pt solid #000; }
  section.guide-section { break-before: auto; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def section_anchor(section: Section) -> str:
    return f"section-{section.id}"


def guide_to_html(guide: Guide) -> str:
    out: list[str] = []
    add = out.append
    add("<!DOCTYPE html>")
    add('<html lang="en">')
    add("<head>")
    add('<meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f'<meta name="generator" content="bone-guide {_e(__version__)}">')
    add(f"<title>{_e(guide.title)}</title>")
    add(f"<style>{CSS}</style>")
    add("</head>")
    add("<body>")
    add('<a class="skip-link" href="#main">Skip to the guide</a>')
    add("<header>")
    add(f"<h1>{_e(guide.title)}</h1>")
    add(f'<p class="disclaimer"><strong>Please note:</strong> {_e(guide.disclaimer)}</p>')
    add("</header>")
    add('<main id="main" tabindex="-1">')

    flags = guide.red_flags
    add('<section class="warning-signs" id="warning-signs" aria-labelledby="warning-signs-heading">')
    add(f'<h2 id="warning-signs-heading">{_e(flags.heading)}</h2>')
    add(f'<p class="action">{_e(flags.action)}</p>')
    add("<ol>")
    for sign in flags.signs:
        add(f"<li>{_e(sign)}</li>")
    add("</ol>")
    add(f'<p class="action">{_e(flags.action)}</p>')
    add("</section>")

    add('<nav id="contents" aria-labelledby="contents-heading">')
    add('<h2 id="contents-heading">Contents</h2>')
    add('<ol start="0">')  # numbered as in the plain reader and the text export
    add(f'<li><a href="#warning-signs">{_e(flags.heading)}</a></li>')
    for section in guide.sections:
        add(f'<li><a href="#{section_anchor(section)}">{_e(section.title)}</a></li>')
    if guide.glossary:
        add('<li><a href="#glossary">Glossary</a></li>')
    add('<li><a href="#sources">Sources</a></li>')
    add("</ol>")
    add("</nav>")

    titles = {s.file: s.title for s in guide.sources}
    for section in guide.sections:
        anchor = section_anchor(section)
        add(f'<section class="guide-section" id="{anchor}" aria-labelledby="{anchor}-heading">')
        add(f'<h2 id="{anchor}-heading">{_e(section.title)}</h2>')
        add(f'<p class="summary">{_e(section.summary)}</p>')
        for block in section.blocks:
            if isinstance(block, Paragraph):
                add(f"<p>{_e(block.text)}</p>")
            else:
                add("<ul>")
                for item in block.items:
                    add(f"<li>{_e(item)}</li>")
                add("</ul>")
        if section.sources:
            names = "; ".join(_e(titles.get(f, f)) for f in section.sources)
            add(f'<p class="source">Source: {names}.</p>')
        add('<p class="back"><a href="#contents">Back to contents</a></p>')
        add("</section>")

    if guide.glossary:
        add('<section id="glossary" aria-labelledby="glossary-heading">')
        add('<h2 id="glossary-heading">Glossary</h2>')
        add("<dl>")
        for entry in guide.glossary:
            add(f"<dt>{_e(entry.term)}</dt>")
            add(f"<dd>{_e(entry.meaning)}</dd>")
        add("</dl>")
        add("</section>")

    add('<section id="sources" aria-labelledby="sources-heading">')
    add('<h2 id="sources-heading">Sources</h2>')
    add("<ul>")
    for source in guide.sources:
        add(f"<li>{_e(source.title)} <span class=\"source\">({_e(source.file)})</span></li>")
    add("</ul>")
    add("</section>")
    add("</main>")
    add("<footer>")
    add(f'<p class="disclaimer"><strong>Please note:</strong> {_e(guide.disclaimer)}</p>')
    add("</footer>")
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"
