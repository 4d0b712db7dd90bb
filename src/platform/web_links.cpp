// platform.hpp's lesson links for the browser: `#lesson=ID` in the address, and opening documentation
// links in a new tab.
#include <cstdlib>

#include <emscripten.h>

#include "platform/platform.hpp"

// clang-format off
EM_JS(char*, dp_js_lesson_link, (), {
  var h = location.hash || "";
  var id = "";
  if (h.indexOf("#lesson=") === 0) {
    try { id = decodeURIComponent(h.slice(8)); } catch (e) { id = h.slice(8); }
  }
  var n = lengthBytesUTF8(id) + 1;
  var p = _malloc(n);
  stringToUTF8(id, p, n);
  return p;
});
EM_JS(void, dp_js_set_lesson_link, (const char* id, int length), {
  var text = UTF8ToString(id, length);
  var h = location.hash || "";
  if (text) history.replaceState(null, "", "#lesson=" + encodeURIComponent(text));
  else if (h.indexOf("#lesson=") === 0) history.replaceState(null, "", location.pathname + location.search);
});
EM_JS(int, dp_js_open_link, (const char* url, int length), {
  var text = UTF8ToString(url, length);
  if (text.indexOf("https://") !== 0) return 0;
  try {
    var w = window.open(text, "_blank", "noopener");
    Module.dpOpenedLinks = (Module.dpOpenedLinks || []).concat([text]);
    return 1;
  } catch (e) {
    return 0;
  }
});
// clang-format on

namespace dp::platform {

std::string lesson_link() {
  char* text = dp_js_lesson_link();
  std::string result = text != nullptr ? std::string(text) : std::string();
  std::free(text);
  return result;
}

void set_lesson_link(std::string_view id) {
  dp_js_set_lesson_link(id.data(), static_cast<int>(id.size()));
}

bool open_link(std::string_view url) {
  return dp_js_open_link(url.data(), static_cast<int>(url.size())) != 0;
}

} // namespace dp::platform
