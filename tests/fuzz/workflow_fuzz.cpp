// libFuzzer target for the workflow loader: any input either loads or gives an error with a path; a loaded
// document saves to a fixed point (load -> save -> load -> save), and a small one runs on the engine
// without crashing (bounded number of engine steps).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/engine.hpp"
#include "workflow/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = dp::workflow::load_document(text);
  if (!doc.ok()) {
    if (doc.error().message.empty())
      std::abort(); // every error must say what is wrong
    return 0;
  }
  dp::Json saved = dp::workflow::save_document(*doc);
  auto again = dp::workflow::load_document_json(saved);
  if (!again.ok() || dp::workflow::save_document(*again) != saved)
    std::abort(); // the serializer must reach a fixed point
  if (size < 4096) {
    dp::engine::Engine engine;
    auto arn = engine.start_execution(*doc);
    for (int i = 0; arn.ok() && i < 2000 && engine.step(dp::engine::Engine::Clock::LetTimeoutsFire); ++i) {
    }
  }
  return 0;
}
