// The two digests the SDKs derive operation ids from (durable-semantics.md 2.7): JavaScript takes the
// first 16 hex characters of MD5, Python the first 64 of BLAKE2b-512. Written from RFC 1321 and RFC 7693
// because the wasm build has no crypto library; pinned by the RFCs' test vectors in tests/unit.
#pragma once

#include <string>
#include <string_view>

namespace dp {

std::string md5_hex(std::string_view data);         // 32 hex characters
std::string blake2b_512_hex(std::string_view data); // 128 hex characters

} // namespace dp
