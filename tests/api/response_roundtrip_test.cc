// Every response sample of the official SDK (fixtures/management-sdk/fake-responses) for a route the
// client types is parsed with the client's response readers and written back without losing a field.
// Each file in the folder must be classified here, so a new sample cannot slip by unchecked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/api_error.h"
#include "api/pager.h"
#include "core/json.h"

namespace kbulk::api {
namespace {

namespace fs = std::filesystem;

enum class Shape { kList, kArray, kObject, kError };

struct Expectation {
  Shape shape;
  std::string array_key;  // for kList
};

// Responses of routes in api/endpoints/, by the shape the client reads them as.
const std::map<std::string, Expectation>& Typed() {
  static const std::map<std::string, Expectation> typed = {
      {"asset-folders/fake-add-asset-folders.json", {Shape::kObject, ""}},
      {"asset-folders/fake-list-asset-folders.json", {Shape::kObject, ""}},
      {"asset-folders/fake-modify-asset-folders.json", {Shape::kObject, ""}},
      {"assets/fake-add-asset.json", {Shape::kObject, ""}},
      {"assets/fake-delete-asset.json", {Shape::kObject, ""}},
      {"assets/fake-list-assets.json", {Shape::kList, "assets"}},
      {"assets/fake-upload-binary-file.json", {Shape::kObject, ""}},
      {"assets/fake-upsert-asset.json", {Shape::kObject, ""}},
      {"assets/fake-view-asset.json", {Shape::kObject, ""}},
      {"assset-renditions/fake-add-asset-rendition.json", {Shape::kObject, ""}},
      {"assset-renditions/fake-list-asset-renditions.json", {Shape::kList, "asset_renditions"}},
      {"assset-renditions/fake-modify-asset-rendition.json", {Shape::kObject, ""}},
      {"assset-renditions/fake-view-asset-rendition.json", {Shape::kObject, ""}},
      {"collections/fake-list-collections.json", {Shape::kObject, ""}},
      {"collections/fake-set-collections.json", {Shape::kObject, ""}},
      {"content-items/fake-add-content-item.json", {Shape::kObject, ""}},
      {"content-items/fake-delete-content-item.json", {Shape::kObject, ""}},
      {"content-items/fake-list-content-items.json", {Shape::kList, "items"}},
      {"content-items/fake-update-content-item.json", {Shape::kObject, ""}},
      {"content-items/fake-upsert-content-item.json", {Shape::kObject, ""}},
      {"content-items/view-content-item.json", {Shape::kObject, ""}},
      {"content-type-snippets/fake-add-content-type-snippet.json", {Shape::kObject, ""}},
      {"content-type-snippets/fake-delete-content-type-snippet.json", {Shape::kObject, ""}},
      {"content-type-snippets/fake-list-content-type-snippets.json", {Shape::kList, "snippets"}},
      {"content-type-snippets/fake-modify-content-type-snippet.json", {Shape::kObject, ""}},
      {"content-type-snippets/fake-view-content-type-snippet.json", {Shape::kObject, ""}},
      {"content-types/fake-add-content-type.json", {Shape::kObject, ""}},
      {"content-types/fake-delete-content-type.json", {Shape::kObject, ""}},
      {"content-types/fake-list-content-types.json", {Shape::kList, "types"}},
      {"content-types/fake-modify-content-type.json", {Shape::kObject, ""}},
      {"content-types/fake-view-content-type.json", {Shape::kObject, ""}},
      {"environments/fake-clone-environment.json", {Shape::kObject, ""}},
      {"environments/fake-delete-environment.json", {Shape::kObject, ""}},
      {"environments/fake-environment-cloning-state.json", {Shape::kObject, ""}},
      {"environments/fake-mark-environment-as-production.json", {Shape::kObject, ""}},
      {"environments/fake-modify-environment.json", {Shape::kObject, ""}},
      {"errors/cm-error-with-validation-errors.json", {Shape::kError, ""}},
      {"language-variants/fake-delete-language-variant.json", {Shape::kObject, ""}},
      {"language-variants/fake-list-language-variants-by-collection.json", {Shape::kList, "variants"}},
      {"language-variants/fake-list-language-variants-by-space.json", {Shape::kList, "variants"}},
      {"language-variants/fake-list-language-variants-of-content-type-with-components.json",
       {Shape::kList, "variants"}},
      {"language-variants/fake-list-language-variants-of-content-type.json", {Shape::kList, "variants"}},
      {"language-variants/fake-list-language-variants-of-item.json", {Shape::kArray, ""}},
      {"language-variants/fake-upsert-language-variant.json", {Shape::kObject, ""}},
      {"language-variants/fake-view-language-variant.json", {Shape::kObject, ""}},
      {"languages/fake-add-language.json", {Shape::kObject, ""}},
      {"languages/fake-list-languages.json", {Shape::kList, "languages"}},
      {"languages/fake-modify-language.json", {Shape::kObject, ""}},
      {"languages/fake-view-language.json", {Shape::kObject, ""}},
      {"list-all-query/fake-list-all-query.json", {Shape::kList, "items"}},
      {"preview/fake-get-preview-configuration.json", {Shape::kObject, ""}},
      {"preview/fake-modify-preview-configuration.json", {Shape::kObject, ""}},
      {"projects/fake-project-information.json", {Shape::kObject, ""}},
      {"projects/fake-project-validation-issues.json", {Shape::kList, "issues"}},
      {"projects/fake-start-project-validation.json", {Shape::kObject, ""}},
      {"roles/fake-list-roles.json", {Shape::kList, "roles"}},
      {"roles/fake-view-role.json", {Shape::kObject, ""}},
      {"shared/fake-empty-response.json", {Shape::kObject, ""}},
      {"spaces/fake-add-space.json", {Shape::kObject, ""}},
      {"spaces/fake-delete-space.json", {Shape::kObject, ""}},
      {"spaces/fake-list-spaces.json", {Shape::kArray, ""}},
      {"spaces/fake-modify-space.json", {Shape::kObject, ""}},
      {"spaces/fake-view-space.json", {Shape::kObject, ""}},
      {"taxonomies/fake-add-taxonomy.json", {Shape::kObject, ""}},
      {"taxonomies/fake-delete-taxonomy.json", {Shape::kObject, ""}},
      {"taxonomies/fake-get-taxonomy.json", {Shape::kObject, ""}},
      {"taxonomies/fake-list-taxonomies.json", {Shape::kList, "taxonomies"}},
      {"taxonomies/fake-update-taxonomy.json", {Shape::kObject, ""}},
      {"webhooks/fake-add-webhook.json", {Shape::kObject, ""}},
      {"webhooks/fake-get-webhook.json", {Shape::kObject, ""}},
      {"webhooks/fake-list-webhooks.json", {Shape::kArray, ""}},
      {"workflow/fake-add-workflow.json", {Shape::kObject, ""}},
      {"workflow/fake-list-workflows.json", {Shape::kArray, ""}},
  };
  return typed;
}

// Samples of routes kbulk does not use (custom apps, subscriptions, users, web spotlight, live preview,
// the SDK's generic and filter helpers, the deprecated synchronous validation).
const std::set<std::string>& Untyped() {
  static const std::set<std::string> untyped = {"custom-apps", "generic", "project-users", "subscriptions",
                                                "web-spotlight"};
  return untyped;
}
const std::set<std::string>& UntypedFiles() {
  static const std::set<std::string> files = {
      "language-variants/fake-bulk-get-items-with-variants.json",
      "language-variants/fake-filter-items-with-variants.json",
      "preview/fake-change-live-preview-configuration.json",
      "preview/fake-get-live-preview-configuration.json",
      "projects/fake-validate-project-content.json",
  };
  return files;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The JSON written back, or the reason it could not be.
Result<std::string> RoundTrip(const std::string& body, const Expectation& e) {
  switch (e.shape) {
    case Shape::kList:
    case Shape::kArray: {
      KBULK_ASSIGN_OR_RETURN(ListPage page, ListPage::Parse(body, e.array_key));
      return page.ToJson();
    }
    case Shape::kObject: {
      KBULK_ASSIGN_OR_RETURN(auto members, ParseObjectMembers(body));
      return WriteObjectMembers(members);
    }
    case Shape::kError: {
      auto error = ApiErrorBody::Parse(body);
      if (!error) return Corrupt("not an error body");
      return error->ToJson();
    }
  }
  return Internal("unknown shape");
}

}  // namespace

TEST_CASE("Every SDK response sample for a typed route round-trips without losing a field", "[roundtrip]") {
  const fs::path root = fs::path(KBULK_FIXTURES_DIR) / "management-sdk" / "fake-responses";
  REQUIRE(fs::is_directory(root));
  std::set<std::string> seen;
  int checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    INFO(relative);
    const std::string folder = relative.substr(0, relative.find('/'));
    auto typed = Typed().find(relative);
    if (typed == Typed().end()) {
      CHECK((Untyped().count(folder) == 1 || UntypedFiles().count(relative) == 1));  // classify new samples
      continue;
    }
    seen.insert(relative);
    const std::string body = Slurp(entry.path());
    auto original = ParseJson(body);
    REQUIRE(original.ok());
    auto written = RoundTrip(body, typed->second);
    REQUIRE(written.ok());
    auto reparsed = ParseJson(*written);
    REQUIRE(reparsed.ok());
    CHECK(*reparsed == *original);
    if (typed->second.shape == Shape::kList || typed->second.shape == Shape::kArray) {
      auto page = ListPage::Parse(body, typed->second.array_key);
      REQUIRE(page.ok());
      const JsonValue* array =
          typed->second.array_key.empty() ? &*original : Member(*original, typed->second.array_key);
      REQUIRE(array != nullptr);
      CHECK(page->objects().size() == array->Size());
      std::string token;
      if (const JsonValue* pagination = Member(*original, "pagination")) {
        token = std::string(StringMember(*pagination, "continuation_token").value_or(""));
      }
      CHECK(page->continuation() == token);
    }
    ++checked;
  }
  CHECK(seen.size() == Typed().size());  // every expected sample is still there
  CHECK(checked > 60);
}

TEST_CASE("A list page missing its array or not JSON is reported as corrupt", "[roundtrip]") {
  CHECK(ListPage::Parse("{\"items\":[],\"pagination\":{}}", "variants").status().code() == StatusCode::kCorrupt);
  CHECK(ListPage::Parse("<html>", "items").status().code() == StatusCode::kCorrupt);
  CHECK(ListPage::Parse("{\"items\":{}}", "items").status().code() == StatusCode::kCorrupt);
  CHECK(ListPage::Parse("{}", "").status().code() == StatusCode::kCorrupt);
  auto page = ListPage::Parse(
      "{\"items\":[{\"a\":1}, {\"b\":[2]} ],\"pagination\":{\"continuation_token\":\"t\\\"q\"}}", "items");
  REQUIRE(page.ok());
  REQUIRE(page->objects().size() == 2);
  CHECK(page->objects()[1] == "{\"b\":[2]}");
  CHECK(page->continuation() == "t\"q");
}

}  // namespace kbulk::api
