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
from pathlib import Path

from tui import __version__
from tui.core.model import Guide, Paragraph, Section

# The page's style sheet lives beside this module (a real .css file: editors and linters know it).
CSS_PATH = Path(__file__).with_name("html.css")


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
    add(f"<style>\n{CSS_PATH.read_text(encoding='utf-8')}</style>")
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
