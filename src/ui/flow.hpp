// Rows of controls that wrap: at large UI scales a toolbar continues on the next line instead of being
// cut at the panel's edge (widgets.cpp).
#pragma once

namespace dp::ui {

// Continues on the same line when an item `next_width` wide still fits there, else starts a new line.
void same_line_if_fits(float next_width);
// The width of a button with this label.
float button_width(const char* label);

} // namespace dp::ui
