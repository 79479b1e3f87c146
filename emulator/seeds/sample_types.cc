// The sample's snippet and content types: every element type, content groups, a snippet, a self-referencing
// component type (callout) so components nest three levels deep, and subpages for nested pages.
#include "emulator/seeds/sample.h"
#include "emulator/seeds/sample_ids.h"
#include "emulator/seeds/type_elements.h"

namespace kbulk::emulator::sample {
namespace {

// An element of `owner` (a type or snippet codename); its id is Id("element/<owner>/<codename>").
ElementBase El(std::string_view owner, std::string_view codename, std::string_view name, std::string_view group = {},
               bool required = false) {
  ElementBase e;
  e.id = Id("element/" + std::string(owner) + "/" + std::string(codename));
  e.codename = std::string(codename);
  e.name = std::string(name);
  if (!group.empty()) e.group_id = Id("group/" + std::string(owner) + "/" + std::string(group));
  e.is_required = required;
  return e;
}

// Opens a type or snippet object and its elements array.
void Open(JsonWriter& w, std::string_view kind, std::string_view codename, std::string_view name,
          std::string_view external_id = {}) {
  w.StartObject().Key("id").String(Id(std::string(kind) + "/" + std::string(codename)));
  w.Key("codename").String(codename);
  if (!external_id.empty()) w.Key("external_id").String(external_id);
  w.Key("last_modified").String(kModelTime).Key("name").String(name);
}

void Groups(JsonWriter& w, std::string_view type,
            std::initializer_list<std::pair<std::string_view, std::string_view>> groups) {
  w.Key("content_groups").StartArray();
  for (const auto& [codename, name] : groups) {
    w.StartObject().Key("id").String(Id("group/" + std::string(type) + "/" + std::string(codename)));
    w.Key("name").String(name).Key("codename").String(codename).EndObject();
  }
  w.EndArray();
}

std::string Snippet() {
  JsonWriter w;
  Open(w, "snippet", "seo", "SEO metadata", "snippet-seo");
  w.Key("elements").StartArray();
  WriteTextElement(w, El("seo", "seo__meta_title", "Meta title"), 60);
  WriteTextElement(w, El("seo", "seo__meta_description", "Meta description"), 160);
  WriteTaxonomyElement(w, El("seo", "seo__keywords", "Keywords"), Id("taxonomy/topics"));
  w.EndArray().EndObject();
  return w.str();
}

std::string QuoteType() {
  JsonWriter w;
  Open(w, "type", "quote", "Quote");
  Groups(w, "quote", {});
  w.Key("elements").StartArray();
  WriteTextElement(w, El("quote", "text", "Text", {}, true));
  WriteTextElement(w, El("quote", "source", "Source"));
  w.EndArray().EndObject();
  return w.str();
}

std::string CalloutType() {
  JsonWriter w;
  Open(w, "type", "callout", "Callout");
  Groups(w, "callout", {});
  w.Key("elements").StartArray();
  WriteTextElement(w, El("callout", "title", "Title", {}, true), 80);
  RichTextSettings body;
  body.allowed_content_types = {Id("type/callout"), Id("type/quote")};
  body.allowed_blocks = {"text", "components-and-items"};
  body.allowed_text_blocks = {"paragraph"};
  body.allowed_formatting = {"unstyled", "bold", "italic"};
  WriteRichTextElement(w, El("callout", "body", "Body"), body);
  WriteMultipleChoiceElement(w, El("callout", "tone", "Tone"), "single",
                             {{Id("option/callout/tone/info"), "info", "Info"},
                              {Id("option/callout/tone/tip"), "tip", "Tip"},
                              {Id("option/callout/tone/warning"), "warning", "Warning"}});
  w.EndArray().EndObject();
  return w.str();
}

std::string AuthorType() {
  JsonWriter w;
  Open(w, "type", "author", "Author", "type-author");
  Groups(w, "author", {});
  w.Key("elements").StartArray();
  WriteTextElement(w, El("author", "name", "Name", {}, true), 100);
  RichTextSettings bio;
  bio.allowed_blocks = {"text"};
  bio.allowed_text_blocks = {"paragraph"};
  bio.maximum_text_length = 2000;
  WriteRichTextElement(w, El("author", "bio", "Bio"), bio);
  WriteAssetElement(w, El("author", "photo", "Photo"), 1, true);
  WriteTaxonomyElement(w, El("author", "expertise", "Expertise"), Id("taxonomy/topics"));
  w.EndArray().EndObject();
  return w.str();
}

std::string ArticleType() {
  JsonWriter w;
  Open(w, "type", "article", "Article");
  Groups(w, "article", {{"content", "Content"}, {"metadata", "Metadata"}});
  w.Key("elements").StartArray();
  ElementBase note = El("article", "writing_guidelines", "", "content");
  note.guidelines =
      "<p>Write for <strong>curious beginners</strong>. Link related articles and credit every photo.</p>";
  WriteGuidelinesElement(w, note);
  WriteTextElement(w, El("article", "title", "Title", "content", true), 120);
  WriteRichTextElement(w, El("article", "body", "Body", "content", true), RichTextSettings{});
  WriteAssetElement(w, El("article", "hero_image", "Hero image", "content"), 1, true);
  WriteItemsElement(w, El("article", "authors", "Authors", "content"), "modular_content", {Id("type/author")}, 3);
  WriteItemsElement(w, El("article", "related", "Related articles", "content"), "modular_content",
                    {Id("type/article")});
  ElementBase published = El("article", "publish_date", "Publish date", "metadata");
  WriteDateTimeElement(w, published);
  ElementBase reading = El("article", "reading_time", "Reading time (minutes)", "metadata");
  reading.is_non_localizable = true;
  WriteNumberElement(w, reading);
  WriteMultipleChoiceElement(w, El("article", "format", "Format", "metadata", true), "single",
                             {{Id("option/article/format/guide"), "guide", "Guide"},
                              {Id("option/article/format/recipe"), "recipe", "Recipe"},
                              {Id("option/article/format/opinion"), "opinion", "Opinion"}});
  WriteMultipleChoiceElement(w, El("article", "channels", "Channels", "metadata"), "multiple",
                             {{Id("option/article/channels/web"), "web", "Web"},
                              {Id("option/article/channels/app"), "app", "App"},
                              {Id("option/article/channels/newsletter"), "newsletter", "Newsletter"}});
  WriteTaxonomyElement(w, El("article", "topics", "Topics", "metadata"), Id("taxonomy/topics"));
  WriteUrlSlugElement(w, El("article", "slug", "URL slug", "metadata"), Id("element/article/title"));
  WriteCustomElement(w, El("article", "accent_color", "Accent color", "metadata"),
                     "https://custom-elements.example.com/color-picker", R"({"palette":["#6f4e37","#c0a080"]})",
                     {Id("element/article/title")});
  WriteSnippetElement(w, El("article", "seo", "", "metadata"), Id("snippet/seo"));
  w.EndArray().EndObject();
  return w.str();
}

std::string LandingPageType() {
  JsonWriter w;
  Open(w, "type", "landing_page", "Landing page");
  Groups(w, "landing_page", {});
  w.Key("elements").StartArray();
  WriteTextElement(w, El("landing_page", "title", "Title", {}, true), 80);
  WriteItemsElement(w, El("landing_page", "subpages", "Subpages"), "subpages",
                    {Id("type/landing_page"), Id("type/article")});
  WriteItemsElement(w, El("landing_page", "featured", "Featured"), "modular_content", {Id("type/article")}, 4);
  WriteUrlSlugElement(w, El("landing_page", "url", "URL"), Id("element/landing_page/title"));
  w.EndArray().EndObject();
  return w.str();
}

}  // namespace

Status PutSnippetsAndTypes(SeedSink& sink) {
  KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kSnippet, Snippet()));
  for (const std::string& type : {QuoteType(), CalloutType(), AuthorType(), ArticleType(), LandingPageType()})
    KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kContentType, type));
  // Web Spotlight is on, rooted at the type whose subpages build the site tree.
  return sink.Put(EntityKind::kWebSpotlight, Expand(R"({"enabled":true,"root_type":{"id":"{{type/landing_page}}"}})"));
}

}  // namespace kbulk::emulator::sample
