// Route registration, one function per object family (routes_*.cc). Each adds its templates under
// "/v2/projects/{environment_id}".
#pragma once

#include <string>

#include "emulator/router.h"

namespace kbulk::emulator {

inline constexpr char kApiPrefix[] = "/v2/projects/{environment_id}";

void AddEnvironmentRoutes(Router& router);
void AddLanguageRoutes(Router& router);
void AddCollectionRoutes(Router& router);
void AddSpaceRoutes(Router& router);
void AddTaxonomyRoutes(Router& router);
void AddTypeRoutes(Router& router);  // types and snippets
void AddItemRoutes(Router& router);
void AddVariantRoutes(Router& router);
void AddWorkflowActionRoutes(Router& router);
void AddWorkflowRoutes(Router& router);
void AddAssetRoutes(Router& router);  // assets, files, renditions
void AddFolderRoutes(Router& router);
void AddMiscRoutes(Router& router);  // roles, webhooks, preview configuration, users
void AddValidationRoutes(Router& router);
void AddWebSpotlightRoutes(Router& router);  // deprecated by the SDK; data-ops still calls it

}  // namespace kbulk::emulator
