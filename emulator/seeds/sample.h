// The `sample` seed: a small hand-made environment that uses every element type, rich text with every
// block and link kind, nested items and components, assets with real binaries, three languages, custom
// workflows and every workflow state. docs/emulator-seeds.md describes what it contains.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "emulator/seed.h"

namespace kbulk::emulator::sample {

// Replaces every "{{path}}" in `text` with Id(path) (sample_ids.h), e.g. "{{item/on_roasts}}".
std::string Expand(std::string_view text);

// The parts, in the order RunSample calls them (each only references what the earlier ones put).
Status PutLanguagesCollectionsSpaces(SeedSink& sink);
Status PutTaxonomiesAndFolders(SeedSink& sink);
Status PutSnippetsAndTypes(SeedSink& sink);
Status PutRolesWorkflowsWebhooksPreview(SeedSink& sink);
Status PutAssets(SeedSink& sink, const SeedOptions& options);
Status PutItems(SeedSink& sink);
Status PutVariants(SeedSink& sink);

Status RunSample(const SeedOptions& options, SeedSink& sink);

}  // namespace kbulk::emulator::sample
