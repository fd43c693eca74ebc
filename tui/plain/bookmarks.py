"""Line mode's `resume`, `bookmark` and `bookmarks`: the places of `tui.places`, which the
full-screen reader keeps too, so either finds what the other left."""

from __future__ import annotations

from tui.core.reading import sentence_places
from tui.places import Places, place_in
from tui.plain import pages


class PlaceCommands:
    """Mixed into PlainReader: uses its guide, say, page, voice and the section shown last."""

    def load_places(self) -> None:
        if not self.remember:
            return
        self.places = Places.load(self.guide)
        for notice in self.places.notices:
            self.say(notice)
        if self.places.last is not None:
            self.say(f"Type resume to continue where you left off: "
                     f"{self.places.last.describe(self.guide)}.")

    def here(self):
        """The place at the top of the section's page shown last (or where reading stopped)."""
        if not isinstance(self.current, int) or not self.unit_lines:
            return None
        at = self.voice.resume_at
        flat = sentence_places(self.guide.sections[self.current])
        if at and at[0] == self.current and 0 < at[1] <= len(flat):  # at[1] - 1: the title is first
            return place_in(self.guide, self.current, *flat[at[1] - 1])
        unit = next((u for u, (_, end) in enumerate(self.unit_lines) if end > self.page_top),
                    len(self.unit_lines) - 1)
        return place_in(self.guide, self.current, unit)

    def open_place(self, place) -> None:
        """Show a section from a remembered paragraph on; `r` reads from its sentence."""
        index = self.guide.index_of(place.section)
        self.end_search()
        self.section_lines(index)
        flat = sentence_places(self.guide.sections[index]).index((place.unit, place.sentence))
        self.open_section(index, where=f"{place.describe(self.guide)}, from there on.",
                          first=self.unit_lines[place.unit][0])
        self.voice.resume_at = (index, flat + 1)  # +1: the title is the first sentence read

    def do_resume(self, _rest: str = "") -> None:
        last = self.places.last if self.places else None
        if last is None:
            self.say("There is no place to go back to: quit inside a section and it is kept.")
        else:
            self.open_place(last)

    def do_bookmark(self, _rest: str = "") -> None:
        if self.places is None:
            self.say("Bookmarks are not kept here.")
        elif (place := self.here()) is None:
            self.say("Open a section first (type its number), then bookmark.")
        else:
            number, problem = self.places.add_bookmark(place)
            if problem:
                self.ring()
                self.say(problem)
            if number:
                self.say(f"Bookmark {number} set: {place.short(self.guide)}.")

    def do_bookmarks(self, rest: str) -> None:
        marks = self.places.bookmarks if self.places else []
        words = rest.lower().split()
        delete = len(words) == 2 and words[0] in ("delete", "remove", "d")
        if (delete or len(words) == 1) and words[-1].isdigit():
            number = int(words[-1])
            if not 1 <= number <= len(marks):
                self.say(f"There is no bookmark {number}. Type bookmarks to list them.")
            elif delete:
                gone = marks[number - 1].describe(self.guide)
                self.say(self.places.remove_bookmark(number - 1) or f"Removed bookmark {number}: {gone}.")
            else:
                self.open_place(marks[number - 1])
        elif words:
            self.say("Type bookmarks, bookmarks 2 (go there) or bookmarks delete 2.")
        elif not marks:
            self.say("No bookmarks yet. Open a section and type bookmark.")
        else:
            self.page(pages.bookmarks(self.guide, marks, self.width()))
