// The synthetic seed's model (languages, a second collection, a taxonomy group, the default workflow and a
// second one scoped to the article type in that collection, a component type and an article type with every
// value-bearing element kind) and its assets.
#include <cstdio>
#include <string_view>
#include <vector>

#include "emulator/seeds/sample_ids.h"
#include "emulator/seeds/synthetic.h"
#include "emulator/seeds/type_elements.h"

namespace kbulk::emulator::synthetic {
namespace {

constexpr std::string_view kTime = "2026-01-15T10:00:00Z";
constexpr std::size_t kTerms = 16;
constexpr std::size_t kOptions = 4;

std::uint64_t KindHash(std::string_view kind) {  // FNV-1a
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : kind) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

ElementBase El(const std::string& id, std::string_view codename, std::string_view name) {
  ElementBase e;
  e.id = id;
  e.codename = std::string(codename);
  e.name = std::string(name);
  return e;
}

std::string Numbered(std::string_view prefix, std::uint64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(n));
  return std::string(prefix) + buf;
}

struct Step {
  std::string_view id, name, codename, color;
  std::vector<std::string_view> transitions_to;  // step ids
};

// A workflow as GET /workflows returns it; `scope_type`/`scope_collection` empty = no scopes.
std::string WorkflowJson(std::string_view id, std::string_view name, std::string_view codename,
                         std::string_view scope_type, std::string_view scope_collection,
                         const std::vector<Step>& steps) {
  JsonWriter wf;
  wf.StartObject().Key("id").String(id).Key("name").String(name).Key("codename").String(codename);
  wf.Key("scopes").StartArray();
  if (!scope_type.empty()) {
    wf.StartObject().Key("content_types").StartArray();
    WriteReference(wf, scope_type);
    wf.EndArray().Key("collections").StartArray();
    WriteReference(wf, scope_collection);
    wf.EndArray().EndObject();
  }
  wf.EndArray().Key("steps").StartArray();
  for (const Step& step : steps) {
    wf.StartObject().Key("id").String(step.id).Key("name").String(step.name).Key("codename").String(step.codename);
    wf.Key("color").String(step.color).Key("transitions_to").StartArray();
    for (std::string_view to : step.transitions_to) {
      wf.StartObject().Key("step");
      WriteReference(wf, to);
      wf.EndObject();
    }
    wf.EndArray().Key("role_ids").StartArray().EndArray().EndObject();
  }
  wf.EndArray();
  wf.Key("published_step").StartObject().Key("id").String(sample::kPublishedStep).Key("name").String("Published");
  wf.Key("codename").String("published").Key("unpublish_role_ids").StartArray().EndArray();
  wf.Key("create_new_version_role_ids").StartArray().EndArray().EndObject();
  wf.Key("scheduled_step").StartObject().Key("id").String(sample::kScheduledStep).Key("name").String("Scheduled");
  wf.Key("codename").String("scheduled").EndObject();
  wf.Key("archived_step").StartObject().Key("id").String(sample::kArchivedStep).Key("name").String("Archived");
  wf.Key("codename").String("archived").Key("role_ids").StartArray().EndArray().EndObject().EndObject();
  return wf.str();
}

}  // namespace

std::string IdOf(std::uint64_t seed, std::string_view kind, std::uint64_t index) {
  std::uint64_t state = seed ^ KindHash(kind) ^ (index * 0xD1342543DE82EF95ull);
  std::uint64_t hi = Mix64(state), lo = Mix64(state);
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(36, '-');
  std::size_t pos = 0;
  auto put = [&](std::uint64_t v, int nibbles) {
    for (int i = nibbles - 1; i >= 0; --i) {
      if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
      out[pos++] = kHex[(v >> (4 * i)) & 0xF];
    }
  };
  put(hi, 16);
  put(lo, 16);
  return out;
}

ModelIds::ModelIds(const SyntheticSpec& spec) {
  const std::uint64_t s = spec.seed;
  languages.push_back(std::string(sample::kNil));
  for (std::uint64_t l = 1; l < spec.languages; ++l) languages.push_back(IdOf(s, "language", l));
  taxonomy = IdOf(s, "taxonomy", 0);
  for (std::size_t t = 0; t < kTerms; ++t) terms.push_back(IdOf(s, "term", t));
  for (std::size_t o = 0; o < kOptions; ++o) options.push_back(IdOf(s, "option", o));
  article_type = IdOf(s, "type", 0);
  component_type = IdOf(s, "type", 1);
  draft_step = IdOf(s, "step", 0);
  review_step = IdOf(s, "step", 1);
  writing_step = IdOf(s, "step", 2);
  approval_step = IdOf(s, "step", 3);
  reviewed_collection = IdOf(s, "collection", 1);
  review_workflow = IdOf(s, "workflow", 1);
  std::uint64_t e = 0;
  for (std::string* id : {&title, &body, &count, &date, &choice, &tags, &related, &image, &slug, &label, &weight})
    *id = IdOf(s, "element", e++);
}

Status PutModel(const ModelIds& ids, SeedSink& sink) {
  for (std::size_t l = 0; l < ids.languages.size(); ++l) {
    JsonWriter w;
    std::string codename = l == 0 ? "default" : Numbered("language_", l + 1, 3);
    w.StartObject().Key("id").String(ids.languages[l]);
    w.Key("name").String(l == 0 ? "Default project language" : Numbered("Language ", l + 1, 3));
    w.Key("codename").String(codename).Key("is_active").Bool(true).Key("is_default").Bool(l == 0);
    w.Key("fallback_language");
    WriteReference(w, ids.languages[0]);
    w.EndObject();
    KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kLanguage, w.view()));
  }

  JsonWriter collection;
  collection.StartObject().Key("id").String(ids.reviewed_collection).Key("name").String("Reviewed");
  collection.Key("codename").String("reviewed").EndObject();
  KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kCollection, collection.view()));

  JsonWriter tax;
  tax.StartObject().Key("last_modified").String(kTime).Key("id").String(ids.taxonomy);
  tax.Key("name").String("Synthetic tags").Key("codename").String("synthetic_tags").Key("terms").StartArray();
  for (std::size_t t = 0; t < ids.terms.size(); ++t) {
    std::string codename = Numbered("tag_", t, 2);
    tax.StartObject().Key("id").String(ids.terms[t]).Key("name").String(codename).Key("codename").String(codename);
    tax.Key("terms").StartArray().EndArray().EndObject();
  }
  tax.EndArray().EndObject();
  KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kTaxonomyGroup, tax.view()));

  JsonWriter component;
  component.StartObject().Key("id").String(ids.component_type).Key("codename").String("synthetic_component");
  component.Key("last_modified").String(kTime).Key("name").String("Synthetic component");
  component.Key("content_groups").StartArray().EndArray().Key("elements").StartArray();
  WriteTextElement(component, El(ids.label, "label", "Label"));
  WriteNumberElement(component, El(ids.weight, "weight", "Weight"));
  component.EndArray().EndObject();
  KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kContentType, component.view()));

  JsonWriter article;
  article.StartObject().Key("id").String(ids.article_type).Key("codename").String("synthetic_article");
  article.Key("last_modified").String(kTime).Key("name").String("Synthetic article");
  article.Key("content_groups").StartArray().EndArray().Key("elements").StartArray();
  WriteTextElement(article, El(ids.title, "title", "Title"), 200);
  RichTextSettings body;
  body.allowed_content_types = {ids.component_type, ids.article_type};
  WriteRichTextElement(article, El(ids.body, "body", "Body"), body);
  WriteNumberElement(article, El(ids.count, "count", "Count"));
  WriteDateTimeElement(article, El(ids.date, "date", "Date"));
  std::vector<Option> options;
  for (std::size_t o = 0; o < ids.options.size(); ++o)
    options.push_back({ids.options[o], Numbered("option_", o, 1), Numbered("Option ", o, 1)});
  WriteMultipleChoiceElement(article, El(ids.choice, "choice", "Choice"), "multiple", options);
  WriteTaxonomyElement(article, El(ids.tags, "tags", "Tags"), ids.taxonomy);
  WriteItemsElement(article, El(ids.related, "related", "Related"), "modular_content", {ids.article_type});
  WriteAssetElement(article, El(ids.image, "image", "Image"));
  WriteUrlSlugElement(article, El(ids.slug, "slug", "Slug"), ids.title);
  article.EndArray().EndObject();
  KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kContentType, article.view()));

  // The default workflow (Review is its custom step) and a second one scoped to synthetic_article in the
  // `reviewed` collection; every step can reach Published, so every seeded state can be made through the API.
  const std::string_view published = sample::kPublishedStep, archived = sample::kArchivedStep;
  KBULK_RETURN_IF_ERROR(
      sink.Put(EntityKind::kWorkflow,
               WorkflowJson(sample::kNil, "Default", "default", "", "",
                            {{ids.draft_step, "Draft", "draft", "sky-blue", {ids.review_step, published, archived}},
                             {ids.review_step, "Review", "review", "yellow", {ids.draft_step, published, archived}}})));
  return sink.Put(
      EntityKind::kWorkflow,
      WorkflowJson(
          ids.review_workflow, "Synthetic review", "synthetic_review", ids.article_type, ids.reviewed_collection,
          {{ids.writing_step, "Writing", "writing", "red", {ids.approval_step, archived}},
           {ids.approval_step, "Approval", "approval", "dark-purple", {ids.writing_step, published, archived}}}));
}

Status PutAssets(const SyntheticSpec& spec, const ModelIds& ids, const SeedOptions& options, SeedSink& sink) {
  const std::size_t size = static_cast<std::size_t>(spec.asset_kb) * 1024;
  for (std::uint64_t a = 0; a < spec.assets; ++a) {
    std::string bytes(size, '\0');
    std::uint64_t state = spec.seed * 0x9E3779B97F4A7C15ull + a;
    for (std::size_t i = 0; i < size; i += 8) {
      std::uint64_t r = Mix64(state);
      for (std::size_t j = 0; j < 8 && i + j < size; ++j) bytes[i + j] = static_cast<char>(r >> (8 * j));
    }
    const std::string file_id = IdOf(spec.seed, "file", a);
    const std::string file_name = Numbered("asset_", a + 1, 6) + ".bin";
    JsonWriter w;
    w.StartObject().Key("collection").StartObject().Key("reference");
    WriteReference(w, sample::kNil);
    w.EndObject().Key("elements").StartArray().EndArray();
    w.Key("id").String(IdOf(spec.seed, "asset", a)).Key("codename").String(Numbered("asset_", a + 1, 6));
    w.Key("file_name").String(file_name).Key("title").String(Numbered("Asset ", a + 1, 6));
    w.Key("size").Uint(size).Key("type").String("application/octet-stream");
    w.Key("url").String(options.base_url + "/assets/" + options.environment_id + "/" + file_id + "/" + file_name);
    w.Key("image_width").Null().Key("image_height").Null();
    w.Key("file_reference").StartObject().Key("id").String(file_id).Key("type").String("internal").EndObject();
    w.Key("descriptions").StartArray();
    for (std::size_t l = 0; l < ids.languages.size(); ++l) {
      w.StartObject().Key("language");
      WriteReference(w, ids.languages[l]);
      w.Key("description");
      if (l == 0)
        w.String("Synthetic binary " + Numbered("", a + 1, 6));
      else
        w.Null();
      w.EndObject();
    }
    w.EndArray().Key("last_modified").String(kTime).EndObject();
    KBULK_RETURN_IF_ERROR(sink.PutBinary(file_id, file_name, "application/octet-stream", std::move(bytes)));
    KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kAsset, w.view()));
  }
  return Status::Ok();
}

}  // namespace kbulk::emulator::synthetic
