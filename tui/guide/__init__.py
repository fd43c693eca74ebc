from tui.guide.model import (  # noqa: F401
    Block, BulletList, Guide, GlossaryEntry, Paragraph, RedFlags, Section, SourceDocument,
)
