// Rows of controls that wrap: at large UI scales a toolbar continues on the next line instead of being
// cut at the panel's edge (widgets.cpp).
#pragma once

namespace dp::ui {

// Continues on the same line when an item `next_width` wide still fits there, else starts a new line.
void same_line_if_fits(float next_width);
// The width of a button with this label.
float button_width(const char* label);
// `text` wrapped to `width` (0: the width left on the line), in a box of exactly `lines` lines whatever its
// length (so nothing below moves when it changes); text longer than that ends in "…" on the last line. The
// box is one item (hover tests apply to it). Returns true when the text was cut.
bool text_in_lines(const char* text, int lines, float width = 0.0f);

} // namespace dp::ui
