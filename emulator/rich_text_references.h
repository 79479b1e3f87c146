// The service stores rich-text references by external id and answers with internal ids
// (spec: "Referencing objects that don't exist yet"). This rewrites data-external-id (items in
// <object>), data-item-external-id (links) and data-asset-external-id (figures, links) into their id
// forms, reserving ids for objects that do not exist yet. The rich-text engine (richtext/) finds the
// references and splices the new attributes in, so every other byte stays as it was.
#pragma once

#include <string>
#include <string_view>

#include "emulator/environment.h"

namespace kbulk::emulator {

// The value with its external-id references turned into ids; unchanged when it has none (or cannot be
// parsed, which the validator reports).
std::string RewriteRichTextExternalIds(Environment& env, std::string_view html);

}  // namespace kbulk::emulator
