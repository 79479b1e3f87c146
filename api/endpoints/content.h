// Content routes: items, language variants (latest and published), the variant list forms (of an item,
// by type, components by type, by collection, by space) and the workflow actions on a variant.
#pragma once

#include <string_view>

#include "api/endpoints/path.h"

namespace kbulk::api::endpoints {

ListRequest ListItems();
Request GetItem(const Reference& item);
Request UpsertItem(const Reference& item, std::string_view body);
Request AddItem(std::string_view body);
Request DeleteItem(const Reference& item);

Request GetVariant(const Reference& item, const Reference& language);
Request GetPublishedVariant(const Reference& item, const Reference& language);
Request UpsertVariant(const Reference& item, const Reference& language, std::string_view body);
Request DeleteVariant(const Reference& item, const Reference& language);

ListRequest ListItemVariants(const Reference& item);  // body is the array
ListRequest ListVariantsByType(const Reference& type);
ListRequest ListComponentsByType(const Reference& type);
ListRequest ListVariantsByCollection(const Reference& collection);
ListRequest ListVariantsBySpace(const Reference& space);

Request CreateNewVersion(const Reference& item, const Reference& language);
Request ChangeWorkflow(const Reference& item, const Reference& language, std::string_view body);
Request Publish(const Reference& item, const Reference& language, std::string_view body);  // empty body = now
Request CancelScheduledPublish(const Reference& item, const Reference& language);
Request Unpublish(const Reference& item, const Reference& language, std::string_view body);  // unpublish-and-archive
Request CancelScheduledUnpublish(const Reference& item, const Reference& language);

}  // namespace kbulk::api::endpoints
