// The service stores rich-text references by external id and answers with internal ids
// (spec: "Referencing objects that don't exist yet"). This rewrites data-external-id (items in
// <object>), data-item-external-id (links) and data-asset-external-id (figures, images, links) into
// their id forms, reserving ids for objects that do not exist yet. It edits attributes in place and
// leaves every other byte alone; judging the HTML is the rich-text engine's job.
#pragma once

#include <string>
#include <string_view>

#include "emulator/environment.h"

namespace kbulk::emulator {

// REQUIRES: attribute values are double-quoted, as the API writes them.
std::string RewriteRichTextExternalIds(Environment& env, std::string_view html);

}  // namespace kbulk::emulator
