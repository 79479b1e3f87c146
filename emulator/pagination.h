// Continuation tokens and the "pagination" object of list responses. A token is an opaque encoding of
// the position (a sequence number) where the next page starts, so a page costs O(page size).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.h"
#include "emulator/api_types.h"

namespace kbulk::emulator {

std::string EncodeContinuation(std::uint64_t next_seq);
std::optional<std::uint64_t> DecodeContinuation(std::string_view token);

// The position a list request starts from: 0 without a token (x-continuation header or
// continuationToken query parameter), nullopt when the token is not one we issued.
std::optional<std::uint64_t> RequestedPosition(const ApiRequest& request);

// Writes "pagination": {"continuation_token": ..., "next_page": ...} (both null on the last page).
void WritePagination(JsonWriter& writer, const ApiRequest& request, std::uint64_t next_seq);

}  // namespace kbulk::emulator
