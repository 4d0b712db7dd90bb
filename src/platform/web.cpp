// platform.hpp for the browser: each call is a thin EM_JS bridge to Module.dpWeb (web/platform.js).
// Strings going to JS are passed as (pointer, length); strings coming back are malloc'ed UTF-8 that we free.
#include "platform/platform.hpp"

#include <cstdlib>

#include <emscripten.h>

// clang-format off
EM_JS(void, dp_js_request_frames, (int count), {
  Module.dpFramesWanted = Math.max(Module.dpFramesWanted || 0, count);
});
EM_JS(double, dp_js_now_ms, (), { return performance.now(); });
EM_JS(void, dp_js_copy, (const char* text, int length), {
  Module.dpWeb.copy(UTF8ToString(text, length));
});
EM_JS(void, dp_js_download, (const char* name, int name_length, const char* mime, int mime_length, const char* text, int text_length), {
  // Bytes, not text: the same call downloads a JSON document and a binary .zip.
  Module.dpWeb.download(UTF8ToString(name, name_length), UTF8ToString(mime, mime_length), HEAPU8.slice(text, text + text_length));
});
EM_JS(void, dp_js_open_picker, (const char* accept, int length), {
  Module.dpWeb.openPicker(UTF8ToString(accept, length));
});
EM_JS(char*, dp_js_take_upload_name, (), {
  var web = Module.dpWeb;
  if (!web.uploads.length) return 0;
  web.currentUpload = web.uploads.shift();
  var n = lengthBytesUTF8(web.currentUpload.name) + 1;
  var p = _malloc(n);
  stringToUTF8(web.currentUpload.name, p, n);
  return p;
});
// The taken upload's bytes (a text file's as UTF-8), copied into `out` (dp_js_take_upload_size() long).
EM_JS(int, dp_js_take_upload_size, (), {
  return Module.dpWeb.currentUpload ? Module.dpWeb.currentUpload.bytes.length : 0;
});
EM_JS(void, dp_js_take_upload_bytes, (char* out), {
  if (Module.dpWeb.currentUpload)
    HEAPU8.set(Module.dpWeb.currentUpload.bytes, out);
  Module.dpWeb.currentUpload = null;
});
EM_JS(int, dp_js_storage_state, (), {
  var s = Module.dpWeb.storage.state;
  return s === "ready" ? 1 : s === "memory_only" ? 2 : 0;
});
EM_JS(char*, dp_js_string, (int which), {
  var web = Module.dpWeb;
  var text = "";
  if (which === 0) text = web.storage.error;
  else if (which === 1) text = web.shared.present ? web.shared.text : "";
  else if (which === 2) text = web.shared.error;
  else if (which === 3) text = web.shareLink;
  else if (which === 4) text = web.defaultDocument;
  else if (which === 5) text = web.clipboardText;
  else if (which === 6) text = web.shared.link;
  text = text || "";
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
EM_JS(int, dp_js_take_shared_present, (), {
  var present = Module.dpWeb.shared.present ? 1 : 0;
  return present;
});
EM_JS(void, dp_js_clear_shared, (), {
  Module.dpWeb.shared = { present: false, text: "", error: "", link: "" };
});
EM_JS(void, dp_js_request_clipboard_read, (), { Module.dpWeb.readClipboard(); });
// The clipboard's answer: part 0 takes it (0: none yet) and gives its text, part 1 "1" when it was read.
EM_JS(char*, dp_js_take_clipboard_read, (int part), {
  var web = Module.dpWeb;
  if (part === 0) {
    if (!web.clipboardRead) return 0;
    web.currentClipboardRead = web.clipboardRead;
    web.clipboardRead = null;
  }
  var r = web.currentClipboardRead;
  var text = part === 0 ? r.text : (r.ok ? "1" : "");
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
EM_JS(void, dp_js_request_sync, (), { Module.dpWeb.requestSync(); });
EM_JS(void, dp_js_hold_syncs, (int held), { Module.dpWeb.holdSyncs(held !== 0); });
EM_JS(int, dp_js_completed_syncs, (), { return Module.dpWeb.completedSyncs; });
EM_JS(void, dp_js_share, (const char* text, int length), {
  Module.dpWeb.makeShareLink(UTF8ToString(text, length));
});
EM_JS(void, dp_js_set_share_parameters, (const char* text, int length), {
  Module.dpWeb.shareParameters = UTF8ToString(text, length);
});
EM_JS(char*, dp_js_url_parameter, (const char* key, int length), {
  var text = Module.dpWeb.urlParameter(UTF8ToString(key, length));
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
EM_JS(void, dp_js_toggle_fullscreen, (), { Module.dpWeb.toggleFullscreen(); });
EM_JS(void, dp_js_set_title, (const char* text, int length), {
  document.title = UTF8ToString(text, length);
});
EM_JS(void, dp_js_first_frame, (), { Module.dpWeb.firstFrame(); });
EM_JS(void, dp_js_report_error, (const char* text, int length), {
  Module.dpWeb.reportError(UTF8ToString(text, length));
});
EM_JS(char*, dp_js_load_setting, (const char* key, int length), {
  var text = Module.dpWeb.loadSetting(UTF8ToString(key, length));
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
EM_JS(void, dp_js_save_setting, (const char* key, int key_length, const char* value, int value_length), {
  Module.dpWeb.saveSetting(UTF8ToString(key, key_length), UTF8ToString(value, value_length));
});
EM_JS(void, dp_js_fetch_text, (const char* url, int length), {
  Module.dpWeb.fetchText(UTF8ToString(url, length));
});
EM_JS(char*, dp_js_take_fetched, (int part), {
  var web = Module.dpWeb;
  if (part === 0) {
    if (!web.fetched.length) return 0;
    web.currentFetch = web.fetched.shift();
  }
  var f = web.currentFetch;
  var text = part === 0 ? f.url : part === 1 ? f.text : (f.ok ? "1" : "");
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
EM_JS(void, dp_js_announce, (const char* text, int length), {
  var region = document.getElementById("sr-summary");
  if (region) region.textContent = UTF8ToString(text, length);
});
EM_JS(int, dp_js_prefers_light, (), {
  return window.matchMedia && window.matchMedia("(prefers-color-scheme: light)").matches ? 1 : 0;
});
// clang-format on

namespace dp::platform {
namespace {

// Takes ownership of a malloc'ed UTF-8 string from JS.
std::string adopt(char* text) {
  if (text == nullptr)
    return {};
  std::string result(text);
  std::free(text);
  return result;
}

int length_of(std::string_view text) {
  return static_cast<int>(text.size());
}

} // namespace

void request_frames(int count) {
  dp_js_request_frames(count);
}
double now_ms() {
  return dp_js_now_ms();
}
void copy_to_clipboard(std::string_view text) {
  dp_js_copy(text.data(), length_of(text));
}
void download_file(std::string_view file_name, std::string_view mime_type, std::string_view contents) {
  dp_js_download(file_name.data(), length_of(file_name), mime_type.data(), length_of(mime_type),
                 contents.data(), length_of(contents));
}
void open_file_picker(std::string_view accept) {
  dp_js_open_picker(accept.data(), length_of(accept));
}
bool take_uploaded_file(UploadedFile& out) {
  char* name = dp_js_take_upload_name();
  if (name == nullptr)
    return false;
  out.name = adopt(name);
  out.contents.assign(static_cast<size_t>(dp_js_take_upload_size()), '\0');
  dp_js_take_upload_bytes(out.contents.data());
  return true;
}
void fetch_text(std::string_view url) {
  dp_js_fetch_text(url.data(), length_of(url));
}
bool take_fetched_text(FetchedText& out) {
  char* url = dp_js_take_fetched(0);
  if (url == nullptr)
    return false;
  out.url = adopt(url);
  out.text = adopt(dp_js_take_fetched(1));
  out.ok = !adopt(dp_js_take_fetched(2)).empty();
  return true;
}
StorageState storage_state() {
  switch (dp_js_storage_state()) {
  case 1:
    return StorageState::ready;
  case 2:
    return StorageState::memory_only;
  default:
    return StorageState::loading;
  }
}
std::string storage_error() {
  return adopt(dp_js_string(0));
}
void request_sync() {
  dp_js_request_sync();
}
void hold_syncs(bool held) {
  dp_js_hold_syncs(held ? 1 : 0);
}
int completed_syncs() {
  return dp_js_completed_syncs();
}
SharedDocument take_shared_document() {
  SharedDocument shared;
  shared.present = dp_js_take_shared_present() != 0;
  if (!shared.present)
    return shared;
  shared.text = adopt(dp_js_string(1));
  shared.error = adopt(dp_js_string(2));
  shared.link = adopt(dp_js_string(6));
  dp_js_clear_shared();
  return shared;
}
void copy_share_link(std::string_view payload) {
  dp_js_share(payload.data(), length_of(payload));
}
std::string last_share_link() {
  return adopt(dp_js_string(3));
}
void set_share_parameters(std::string_view parameters) {
  dp_js_set_share_parameters(parameters.data(), length_of(parameters));
}
std::string url_parameter(std::string_view key) {
  return adopt(dp_js_url_parameter(key.data(), length_of(key)));
}
void toggle_fullscreen() {
  dp_js_toggle_fullscreen();
}
void set_title(std::string_view title) {
  dp_js_set_title(title.data(), length_of(title));
}
void announce(std::string_view text) {
  dp_js_announce(text.data(), length_of(text));
}
bool prefers_light_scheme() {
  return dp_js_prefers_light() != 0;
}
void notify_first_frame() {
  dp_js_first_frame();
}
void report_error(std::string_view message) {
  dp_js_report_error(message.data(), length_of(message));
}
std::string load_setting(std::string_view key) {
  return adopt(dp_js_load_setting(key.data(), length_of(key)));
}
void save_setting(std::string_view key, std::string_view value) {
  dp_js_save_setting(key.data(), length_of(key), value.data(), length_of(value));
}
std::string default_document() {
  return adopt(dp_js_string(4));
}
std::string clipboard_text() {
  return adopt(dp_js_string(5));
}
void request_clipboard_read() {
  dp_js_request_clipboard_read();
}
bool take_clipboard_read(ClipboardRead& out) {
  char* text = dp_js_take_clipboard_read(0);
  if (text == nullptr)
    return false;
  out.text = adopt(text);
  out.ok = !adopt(dp_js_take_clipboard_read(1)).empty();
  return true;
}

} // namespace dp::platform
