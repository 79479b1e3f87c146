// The rich-text engine's reference extractor adapted to the archive verifier's reference-closure
// callback: item objects and links, asset figures, images and links, by id or external id.
#pragma once

#include "formats/reference_closure.h"

namespace kbulk::cli {

formats::RichTextReferenceExtractor RichTextClosureExtractor();

}  // namespace kbulk::cli
