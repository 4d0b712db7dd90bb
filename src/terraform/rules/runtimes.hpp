// Runtime data as tables (spec sections 3.1 and 4.1): the Lambda runtime enum, the durable-capable sets
// and the deprecated runtimes with their deprecation dates.
#pragma once

#include <string_view>

namespace dp::tf {

bool is_known_runtime(std::string_view runtime);
enum class DurableSupport { Confirmed, Unconfirmed, Unsupported };
DurableSupport durable_support(std::string_view runtime);
// The date a runtime was deprecated ("2025-09-01"), or null.
const char* deprecation_date(std::string_view runtime);
// "nodejs22.x, nodejs24.x, python3.13, python3.14, java17, java21, java25, dotnet8, dotnet10"
const char* durable_runtime_list();

} // namespace dp::tf
