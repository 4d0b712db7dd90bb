// The browser seen from C++: everything the panels need from the page (clipboard, files, storage, share
// links, redraw requests), with no Emscripten type in sight. Implemented in web.cpp; the JavaScript half
// lives in web/*.js and index.html.
#pragma once

#include <string>
#include <string_view>

namespace dp::platform {

// --- Frames --------------------------------------------------------------------------------------
// The page draws only on input, for a few frames after it, and while something asks for frames (a run
// that plays). Call this from any frame that needs another one soon.
void request_frames(int count);
// Milliseconds since the page loaded (performance.now()); for UI animation only, never for the engine.
double now_ms();

// --- Keys ----------------------------------------------------------------------------------------
// The browser's auto-repeats of a held key since the last call, for the keys that step through things.
// ImGui's GLFW backend drops them (ImGui repeats by its own clock); implemented in main.cpp, which hears
// them from GLFW.
enum class RepeatingKey { Left, Right, PageUp, PageDown, Home, End };
int take_key_repeats(RepeatingKey key);

// --- Clipboard -----------------------------------------------------------------------------------
// Copies to the system clipboard (navigator.clipboard) and keeps a local copy for paste fallbacks.
void copy_to_clipboard(std::string_view text);
// The text of the last copy or of the last paste event the page saw (what Ctrl/Cmd+V inserts).
std::string clipboard_text();
// Asks the browser for the clipboard's text (navigator.clipboard.readText: the browser may ask the user or
// refuse); the answer arrives in a later frame through take_clipboard_read.
void request_clipboard_read();
// The answer, once: true with the text, or false with why it could not be read (`text` is then the
// browser's reason).
struct ClipboardRead {
  bool ok = false;
  std::string text;
};
bool take_clipboard_read(ClipboardRead& out);

// --- Files ---------------------------------------------------------------------------------------
// Offers `contents` as a download named `file_name` (a fresh Blob each time).
void download_file(std::string_view file_name, std::string_view mime_type, std::string_view contents);
// Opens the browser's file picker; the chosen file arrives later through take_uploaded_file().
void open_file_picker(std::string_view accept);
struct UploadedFile {
  std::string name;
  std::string contents; // the file's bytes: a text file's as UTF-8, a SQLite file's as they are
};
// The file the user picked (or dropped on the page) since the last call, if any.
bool take_uploaded_file(UploadedFile& out);

// Fetches a text file served with the page (an example workflow); the answer arrives later.
void fetch_text(std::string_view url);
struct FetchedText {
  std::string url;
  std::string text;
  bool ok = false;
};
bool take_fetched_text(FetchedText& out);

// --- Persistence (IndexedDB, web/file_store.js) -------------------------------------------------------
// Where the persistent files live (in memory, saved to IndexedDB as chunks; memory only when storage failed).
inline constexpr const char* kDataDir = "/data";
enum class StorageState { loading, ready, memory_only };
StorageState storage_state();
// Why storage is memory-only (quota, private mode, no IndexedDB); empty otherwise.
std::string storage_error();
// Writes what changed under kDataDir to IndexedDB soon (debounced; one sync at a time).
void request_sync();
// While held, no sync starts (a requested one waits for the release): the store keeps a transaction open
// across frames during a sliced import, and the file may hold its uncommitted pages until it ends.
void hold_syncs(bool held);
// Number of syncs to IndexedDB that completed; for tests.
int completed_syncs();

// --- Sharing -------------------------------------------------------------------------------------
// The document that came in the URL hash, if the page was opened from a share link. `error` is set when
// the link was broken or tampered with (the page then loads the default document).
struct SharedDocument {
  bool present = false;
  std::string text;
  std::string error;
  std::string link; // the page's address as opened, so a link that cannot be opened can still be copied
};
SharedDocument take_shared_document();
// Compresses `payload` into the URL hash (deflate-raw + base64url, "#v1.") and copies the link.
void copy_share_link(std::string_view payload);
// The last share link made by copy_share_link (it is built asynchronously; empty until ready).
std::string last_share_link();
// View settings the next share link carries after the document ("presenter=1&scale=1.50&theme=light"),
// appended to the hash as "#v1.…&key=value…".
void set_share_parameters(std::string_view parameters);
// A parameter of the page's address: from the query ("?presenter=1") or after the hash's document
// ("#v1.…&presenter=1", or "#presenter=1" alone); empty when absent.
std::string url_parameter(std::string_view key);
// Asks the browser to show the page full screen, or to leave full screen when it is (Fullscreen API;
// browsers allow it shortly after a key press or a click).
void toggle_fullscreen();

// --- Page ----------------------------------------------------------------------------------------
void set_title(std::string_view title);
// Puts a sentence in the page's aria-live region (screen readers cannot read the canvas).
void announce(std::string_view text);
// True when the browser asks for a light colour scheme (prefers-color-scheme), for the default theme.
bool prefers_light_scheme();
// Tells the loading screen the first frame is on the canvas (it fades out).
void notify_first_frame();
// A message for the page's own error banner (outside the canvas).
void report_error(std::string_view message);
// Key/value settings that survive a reload (localStorage); empty string when missing.
std::string load_setting(std::string_view key);
void save_setting(std::string_view key, std::string_view value);
// The default workflow document (examples/order.json), fetched by the page while the module loads;
// empty when the fetch failed.
std::string default_document();

} // namespace dp::platform

// --- Lessons and demo scripts (web_links.cpp) -----------------------------------------------------------
namespace dp::platform {
// A `#lesson=ID` or `#script=ID` link the page was opened with, with `&step=N` when given.
struct StoryLink {
  std::string kind; // "lesson", "script", or "" when the address holds neither
  std::string id;
  std::string step; // the text after step= ("" when absent): the caller checks it
};
StoryLink story_link();
// True once after a story link was typed or pasted into the address of the open page (the hash alone
// changed, so the page did not load again): story_link() then reads it.
bool take_story_link_change();
// Puts `#KIND=ID` (and `&step=N` when step > 0) in the address, so that a reload or a copied address opens
// the lesson or script there; an empty kind removes a story link from the address.
void set_story_link(std::string_view kind, std::string_view id, size_t step);
// Opens an https link in a new tab; false when the page cannot (then show it as text).
bool open_link(std::string_view url);
} // namespace dp::platform
