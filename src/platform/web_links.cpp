// platform.hpp's story links for the browser: `#lesson=ID&step=N` and `#script=ID&step=N` in the address,
// and opening documentation links in a new tab.
#include <cstdlib>

#include <emscripten.h>

#include "platform/platform.hpp"

// clang-format off
// The hash of a story link holds parameters only ("#script=order-replay&step=3").
EM_JS(char*, dp_js_story_link_part, (const char* key, int length), {
  var h = (location.hash || "").replace(/^#/, "");
  var text = "";
  if (h.indexOf("lesson=") === 0 || h.indexOf("script=") === 0) {
    var value = new URLSearchParams(h).get(UTF8ToString(key, length));
    text = value === null ? "" : value;
  }
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});
EM_JS(void, dp_js_set_story_link, (const char* kind, int kind_length, const char* id, int id_length, int step), {
  var k = UTF8ToString(kind, kind_length);
  var h = (location.hash || "").replace(/^#/, "");
  if (k) {
    var text = "#" + k + "=" + encodeURIComponent(UTF8ToString(id, id_length)) + (step > 0 ? "&step=" + step : "");
    if (location.hash !== text) history.replaceState(null, "", text);
  } else if (h.indexOf("lesson=") === 0 || h.indexOf("script=") === 0) {
    history.replaceState(null, "", location.pathname + location.search);
  }
});
EM_JS(int, dp_js_take_story_link_change, (), {
  var changed = Module.dpWeb.storyLinkChanged ? 1 : 0;
  Module.dpWeb.storyLinkChanged = false;
  return changed;
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

namespace {

std::string story_link_part(std::string_view key) {
  char* text = dp_js_story_link_part(key.data(), static_cast<int>(key.size()));
  std::string result = text != nullptr ? std::string(text) : std::string();
  std::free(text);
  return result;
}

} // namespace

StoryLink story_link() {
  StoryLink link;
  for (const char* kind : {"lesson", "script"}) {
    std::string id = story_link_part(kind);
    if (!id.empty()) {
      link.kind = kind;
      link.id = std::move(id);
      link.step = story_link_part("step");
      break;
    }
  }
  return link;
}

bool take_story_link_change() {
  return dp_js_take_story_link_change() != 0;
}

void set_story_link(std::string_view kind, std::string_view id, size_t step) {
  dp_js_set_story_link(kind.data(), static_cast<int>(kind.size()), id.data(), static_cast<int>(id.size()),
                       static_cast<int>(step));
}

bool open_link(std::string_view url) {
  return dp_js_open_link(url.data(), static_cast<int>(url.size())) != 0;
}

} // namespace dp::platform
