"""Pick up where you left off: resume at start, bookmarks, and that the kiosk keeps neither."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import RecordingSpeaker, notices, screen_text

from tui.ui.app import BoneGuideApp
from tui.core.model import Paragraph
from tui.core.reading import reading_units
from tui.ui.screens.contents import ContentsScreen
from tui.ui.screens.red_flags import RedFlagScreen
from tui.ui.screens.section import SectionScreen
from tui.core.settings import Settings

SIZE = (100, 23)  # short enough that every paragraph of section 7 can be scrolled to the top


def reader(guide, settings=None, **kwargs):
    """The home reader with a recording speaker (a new one per app: a restart)."""
    holder = {}

    def factory(kind, on_event, **options):
        holder["speaker"] = RecordingSpeaker(on_event)
        return holder["speaker"]

    app = BoneGuideApp(guide, settings or Settings(), speaker_factory=factory, **kwargs)
    app.speaker_double = lambda: holder["speaker"]
    return app


async def scroll_to_paragraph(pilot, app, number: int) -> None:
    for _ in range(200):
        if f"paragraph {number} of" in app.screen._status_text:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"could not scroll to paragraph {number}: {app.screen._status_text}")


async def hear_up_to(pilot, app, sentences: int) -> None:
    """Read from here; the (recording) engine says `sentences` sentences, then `.` stops it."""
    from tui.speech.events import SentenceStarted
    await pilot.press("r")
    await pilot.pause()
    speaker = app.speaker_double()
    _, text, utterance = speaker.calls("speak")[-1]
    for n in range(sentences):
        speaker.on_event(SentenceStarted(utterance, n, text[n]))
    await pilot.pause()
    await pilot.press("full_stop")
    await pilot.pause()


def spoken_texts(app) -> list[str]:
    out = []
    for _, text, _ in app.speaker_double().calls("speak"):
        out += text if isinstance(text, list) else [text]
    return out


@pytest.mark.parametrize("paragraph, heard, expected_sentence", [(4, 0, 0), (6, 3, 2)],
                         ids=["paragraph-4", "stopped-mid-paragraph-6"])
async def test_quit_in_section_7_then_enter_continues_there(guide, paragraph, heard, expected_sentence):
    app = reader(guide, show_disclaimer=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await scroll_to_paragraph(pilot, app, paragraph)
        if heard:
            await hear_up_to(pilot, app, heard)
        await pilot.press("q")
        await pilot.pause()

    # Restart: disclaimer first, then the offer (spoken: self-voicing is on).
    again = reader(guide, Settings(self_voicing=True), show_disclaimer=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")  # past the disclaimer
        await pilot.pause()
        offer = (f"Continue where you left off: Section 7, Complications, paragraph {paragraph} "
                 "— Enter to continue, any other key for the contents")
        assert offer in " ".join(screen_text(again).split())
        assert any(offer in said for said in spoken_texts(again))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, SectionScreen) and again.screen.index == 6
        assert f"paragraph {paragraph} of" in again.screen._status_text
        unit = reading_units(guide.sections[6])[paragraph - 1]
        # The paragraph is on screen, at the top of the page.
        assert unit.sentences[0][:40] in " ".join(screen_text(again).split())
        await pilot.press("r")
        await pilot.pause()
        _, text, _ = again.speaker_double().calls("speak")[-1]
        assert text[0] == unit.sentences[expected_sentence]


async def test_any_other_key_goes_to_the_contents_and_0_still_opens_the_warning_signs(guide):
    app = reader(guide, show_disclaimer=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("q")
    again = reader(guide, show_disclaimer=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Continue where you left off: Section 3" in " ".join(screen_text(again).split())
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(again.screen, RedFlagScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(again.screen, ContentsScreen)


async def test_quitting_at_the_contents_offers_nothing_next_time(guide, private_config):
    remembered = private_config / "places.json"
    app = reader(guide, show_disclaimer=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("q")
    assert json.loads(remembered.read_text())["last"]["section"] == guide.sections[2].id
    again = reader(guide, show_disclaimer=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # contents, not the offer
        await pilot.pause()
        await pilot.press("q")
    assert json.loads(remembered.read_text())["last"] is None
    third = reader(guide, show_disclaimer=False)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(third.screen, ContentsScreen)
        assert "Continue where you left off" not in screen_text(third)


async def test_bookmarks_set_listed_jumped_to_removed_and_kept(guide, private_config):
    app = reader(guide, show_disclaimer=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await scroll_to_paragraph(pilot, app, 2)
        await pilot.press("b")
        await pilot.pause()
        title5 = guide.sections[4].title
        assert f"Bookmark 1 set: {title5}, paragraph 2" in notices(app)
        await pilot.press("escape", "7")
        await pilot.pause()
        await scroll_to_paragraph(pilot, app, 4)
        await pilot.press("b")
        await pilot.pause()
        assert "Bookmark 2 set: Complications, paragraph 4" in notices(app)
        await pilot.press("q")
    assert private_config.joinpath("places.json").is_file()

    again = reader(guide, show_disclaimer=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # the resume offer: no thanks
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        shown = " ".join(screen_text(again).split())
        assert f"Bookmark 1: Section 5, {title5}, paragraph 2" in shown
        assert "Bookmark 2: Section 7, Complications, paragraph 4" in shown
        await pilot.press("down", "enter")  # jump to the second
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, SectionScreen) and again.screen.index == 6
        assert "paragraph 4 of" in again.screen._status_text
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("delete")  # removes the chosen one (the first)
        await pilot.pause()
        shown = " ".join(screen_text(again).split())
        # the list no longer holds it (the message line may still name what was removed)
        assert f"Bookmark 1: Section 5, {title5}" not in shown and "Bookmark 2:" not in shown
        assert "Bookmark 1: Section 7, Complications, paragraph 4" in shown
        await pilot.press("d")
        await pilot.pause()
        assert "No bookmarks yet" in " ".join(screen_text(again).split())
        await pilot.press("escape", "q")

    third = reader(guide, show_disclaimer=False)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.press("x", "B")
        await pilot.pause()
        assert "No bookmarks yet" in " ".join(screen_text(third).split())


def edited(guide, section_index: int, new_text: str):
    """The guide with the first paragraph of one section rewritten (a new edition)."""
    section = guide.sections[section_index]
    blocks = list(section.blocks)
    first = next(n for n, b in enumerate(blocks) if isinstance(b, Paragraph))
    blocks[first] = Paragraph(new_text)
    sections = list(guide.sections)
    sections[section_index] = dataclasses.replace(section, blocks=tuple(blocks))
    return dataclasses.replace(guide, sections=tuple(sections), _by_id={})


async def test_a_changed_guide_drops_bookmarks_that_lost_their_text_and_says_so_once(guide):
    app = reader(guide, show_disclaimer=False)
    async with app.run_test(size=SIZE) as pilot:
        for number in ("7", "5"):
            await pilot.press("escape", number)
            await pilot.pause()
            await pilot.press("b")
            await pilot.pause()
        await pilot.press("escape", "q")

    new_edition = edited(guide, 6, "A rewritten first paragraph. It says something new.")
    again = reader(new_edition, show_disclaimer=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert ("The guide has changed: 1 bookmark no longer points at its text and was removed."
                in notices(again))
        await pilot.press("B")
        await pilot.pause()
        shown = " ".join(screen_text(again).split())
        assert f"Section 5, {guide.sections[4].title}, paragraph 1" in shown
        assert "Complications" not in shown
        await pilot.press("escape", "q")

    third = reader(new_edition, show_disclaimer=False)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "The guide has changed" not in notices(third)


async def test_the_kiosk_keeps_nothing_where_the_reader_keeps_its_places(guide, private_config, tmp_path,
                                                                          monkeypatch):
    from tui.kiosk.app import KioskApp
    from tui.kiosk.config import KioskConfig

    monkeypatch.setenv("BONE_GUIDE_LOG_DIR", str(tmp_path / "log"))

    async def session(app, profile_keys):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in profile_keys:
                await pilot.press(key)
                await pilot.pause()
            app.exit()

    # The home reader, the same keys: its config folder gets the place and the bookmark.
    await session(reader(guide, show_disclaimer=False), ["7", "b", "B", "escape", "down", "b"])
    kept = json.loads(private_config.joinpath("places.json").read_text())
    assert kept["last"]["section"] == "complications" and len(kept["bookmarks"]) == 1

    for profile, keys in (("standard", ["enter", "7", "b", "B", "down", "b", "escape", "3", "b"]),
                          ("numeric", ["enter", "7", "b", "B", "2", "b", "slash", "3", "b"])):
        folder = tmp_path / f"kiosk-{profile}"
        monkeypatch.setenv("BONE_GUIDE_CONFIG_DIR", str(folder))
        kiosk = KioskApp(guide, KioskConfig(key_profile=profile, speech=False),
                         speaker_factory=lambda kind, on_event, **o: RecordingSpeaker(on_event))
        await session(kiosk, keys)
        assert kiosk.places is None
        assert not folder.exists() or not any(folder.iterdir()), f"the {profile} kiosk wrote {list(folder.iterdir())}"


def test_line_mode_resume_bookmark_and_bookmarks_survive_a_new_session(guide):
    import io
    from tui.plain import HELP_LINES, PlainReader

    def session():
        out = io.StringIO()
        reader = PlainReader(guide, out, speech_kind="none", size=lambda: (72, 12))
        reader.preloop()
        return reader, out

    first, out = session()
    first.onecmd("7")
    first.onecmd("")  # the next screenful: its top paragraph is what `bookmark` marks
    first.onecmd("bookmark")
    said = out.getvalue().splitlines()[-1]
    assert said.startswith("Bookmark 1 set: Complications, paragraph ")
    paragraph = int(said.rsplit(" ", 1)[1].rstrip("."))
    assert paragraph > 1
    first.close()  # quitting inside section 7

    second, out = session()
    assert (f"Type resume to continue where you left off: Section 7, Complications, "
            f"paragraph {paragraph}.") in out.getvalue()
    second.onecmd("bookmarks")
    assert f"1. Section 7, Complications, paragraph {paragraph}" in out.getvalue()
    second.onecmd("m")
    out.seek(0), out.truncate()
    second.onecmd("resume")
    unit = reading_units(guide.sections[6])[paragraph - 1]
    shown = out.getvalue()
    assert shown.startswith(f"Section 7, Complications, paragraph {paragraph}, from there on.")
    assert " ".join(unit.sentences[0].split()[:4]) in " ".join(shown.split())
    assert second.voice.resume_at is not None and second.speech_sentences()[second.voice.resume_at[1]] == unit.sentences[0]
    second.onecmd("bookmarks delete 1")
    assert out.getvalue().splitlines()[-1] == f"Removed bookmark 1: Section 7, Complications, paragraph {paragraph}."
    second.onecmd("bookmarks")
    assert out.getvalue().splitlines()[-1].startswith("No bookmarks yet")
    for command in ("resume", "bookmark", "bookmarks"):
        assert any(line.startswith(f"  {command} ") for line in HELP_LINES)


@pytest.mark.parametrize("size", ["normal", "large", "extra-large", "magnifier"])
async def test_the_disclaimer_and_the_offer_to_continue_show_at_every_size(guide, size):
    """At the magnifier size the disclaimer and the offer to continue were blank screens with a
    title: the rule hiding the section's page (the magnifier replaces it) hid theirs too. At the
    large sizes their lines are as short and bold as a section's."""
    app = reader(guide, show_disclaimer=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    again = reader(guide, Settings(size=size), show_disclaimer=True)
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(again).split())
        assert " ".join(guide.disclaimer.split()) in shown, "the disclaimer is not on screen"
        assert "Press 0 at any time for the warning signs" in shown
        longest = max(len(line.strip()) for line in screen_text(again).splitlines() if "█" not in line)
        widest = {"normal": 100, "large": 52, "extra-large": 44, "magnifier": 44}[size]
        assert longest <= widest, f"a line of {longest} characters at the {size} size"
        first_words = guide.disclaimer.split()[0]
        drawn = [seg for strip in again.screen._compositor.render_strips() for seg in strip
                 if first_words in seg.text]
        assert drawn and all(bool(seg.style and seg.style.bold) == (size != "normal") for seg in drawn)
        await pilot.press("space")
        await pilot.pause()
        assert "Continue where you left off: Section 3" in " ".join(screen_text(again).split())
