// Loads a workflow document (format 1) and checks it: unknown fields, wrong types, values out of the
// service's ranges, and references no earlier statement can bind are errors naming the JSON path.
#pragma once

#include <string_view>

#include "base/json.hpp"
#include "base/result.hpp"
#include "workflow/document.hpp"

namespace dp::workflow {

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
