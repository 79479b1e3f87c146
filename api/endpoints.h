// Typed requests for every route kbulk uses, built from References (id, codename or external id; path
// segments URL-encoded). Each returns a Request to pass to ManagementClient::Send or ListAll; list
// routes name the array key to hand to ListAll. Pure functions: no I/O. Grouped by object family in
// api/endpoints/.
#pragma once

#include "api/endpoints/assets.h"
#include "api/endpoints/content.h"
#include "api/endpoints/environment.h"
#include "api/endpoints/model.h"
#include "api/endpoints/path.h"
