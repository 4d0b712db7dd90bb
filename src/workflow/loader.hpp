// Loads a workflow document (format 1) and checks it: unknown fields, wrong types, values out of the
// service's ranges, and references no earlier statement can bind are errors naming the JSON path.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/json.hpp"
#include "base/result.hpp"
#include "workflow/document.hpp"

namespace dp::workflow {

// The largest document text accepted (a 10,000-step workflow is about 0.5 MB): files the CLI reads and
// share links the page inflates stop here instead of growing without bound (issue 14; web/platform.js
// keeps the same number for links).
constexpr size_t kMaxDocumentBytes = 16u << 20;

// Refuses text longer than kMaxDocumentBytes before parsing it.
Result<Document> load_document(std::string_view text);
Result<Document> load_document_json(const Json& json);

// A handler body on its own (simulation edits, the editor's JSON mode for one statement list).
Result<Body> load_body(const Json& json, const std::string& path, const Document& context);

// The stable serializer: load(save(d)) == d and save(load(save(d))) == save(d), fields in a fixed order,
// defaults left out.
Json save_document(const Document& doc);
Json save_body(const Body& body);

// True for the runtimes durable functions support (python3.13, python3.14, nodejs22.x, nodejs24.x).
bool is_durable_runtime(std::string_view runtime);

} // namespace dp::workflow
