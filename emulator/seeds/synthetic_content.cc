// The synthetic seed's items and variants. Item i (0-based) links to item i+1 in rich text and in its
// linked items, embeds item i-1 and one component, and shows asset i mod A; its workflow state depends on
// i mod 16 (see docs/emulator-seeds.md): every state an importer must restore appears in any 16 items.
#include <cstdio>

#include "emulator/seeds/sample_ids.h"
#include "emulator/seeds/synthetic.h"
#include "emulator/seeds/variant_json.h"

namespace kbulk::emulator::synthetic {
namespace {

constexpr std::string_view kTime = "2026-01-15T11:00:00Z";
constexpr std::string_view kOlderTime = "2026-01-15T09:30:00Z";
constexpr std::string_view kDueDate = "2026-03-01T17:00:00Z";
constexpr std::string_view kPublishTime = "2030-03-01T08:00:00Z";
constexpr std::string_view kUnpublishTime = "2030-06-30T22:00:00Z";

constexpr const char* kWords[] = {"coffee", "bean",  "roast",  "grind", "brew",   "crema", "aroma", "cup",
                                  "water",  "steam", "filter", "press", "origin", "blend", "body",  "acid"};

std::string Padded(std::uint64_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%06llu", static_cast<unsigned long long>(n));
  return buf;
}

// A few seed-dependent words, so that content (not only ids) changes with the seed.
void AppendWords(std::string& out, std::uint64_t& state, int count) {
  for (int i = 0; i < count; ++i) {
    if (i > 0) out.push_back(' ');
    out += kWords[Mix64(state) % (sizeof kWords / sizeof kWords[0])];
  }
}

// The latest version is published exactly when i mod 8 is 5 or 7 (Archived is not published), and a
// separate published version exists exactly when i mod 8 is 6, as before the finer states were added.
enum class State {
  kDraft,                  // 0, 8
  kDraftDue,               // 1, 9: with a due date
  kReview,                 // 2, 10: the default workflow's custom step
  kScheduledPublish,       // 3, 11: in Scheduled, to publish in 2030
  kWriting,                // 4: the second workflow's first step (collection `reviewed`)
  kApproval,               // 12: the second workflow's custom step, with a due date
  kPublished,              // 5
  kPublishedUnpublishing,  // 13: published, scheduled to unpublish in 2030
  kPublishedWithDraft,     // 6, 14
  kArchived,               // 7, 15
};

State StateOf(std::uint64_t item) {
  switch (item % 16) {
    case 1:
    case 9: return State::kDraftDue;
    case 2:
    case 10: return State::kReview;
    case 3:
    case 11: return State::kScheduledPublish;
    case 4: return State::kWriting;
    case 12: return State::kApproval;
    case 5: return State::kPublished;
    case 13: return State::kPublishedUnpublishing;
    case 6:
    case 14: return State::kPublishedWithDraft;
    case 7:
    case 15: return State::kArchived;
    default: return State::kDraft;
  }
}

bool InReviewedCollection(State state) {
  return state == State::kWriting || state == State::kApproval;
}

struct VariantContext {
  const SyntheticSpec& spec;
  const ModelIds& ids;
  std::uint64_t item;
  std::size_t language;
  const std::string& item_id;
};

std::string Elements(const VariantContext& c, bool older) {
  const std::uint64_t n = c.spec.items;
  const std::uint64_t i = c.item;
  std::uint64_t state = c.spec.seed ^ (i * 0x9E3779B97F4A7C15ull) ^ (c.language * 0xC2B2AE3D27D4EB4Full);
  const std::string number = Padded(i + 1);
  std::string title = "Item " + number + (c.language == 0 ? "" : " (" + std::to_string(c.language + 1) + ")");
  if (older) title += " (published)";

  std::string html = "<p>Item " + number + ": ";
  AppendWords(html, state, 12);
  html += ".</p>\n";
  if (n > 1)
    html += "<p>Next: <a data-item-id=\"" + IdOf(c.spec.seed, "item", (i + 1) % n) + "\">item " +
            Padded((i + 1) % n + 1) +
            "</a>.</p>\n<object type=\"application/kenticocloud\" data-type=\"item\" data-id=\"" +
            IdOf(c.spec.seed, "item", (i + n - 1) % n) + "\"></object>\n";
  if (c.spec.assets > 0) {
    const std::string asset = IdOf(c.spec.seed, "asset", i % c.spec.assets);
    html += "<figure data-asset-id=\"" + asset + "\"><img src=\"#\" data-asset-id=\"" + asset + "\"></figure>\n";
  }
  const std::string component_id = IdOf(c.spec.seed, "component", i * c.spec.languages + c.language);
  html +=
      "<object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"" + component_id + "\"></object>";
  std::string label;
  AppendWords(label, state, 3);
  ElementValues component;
  component.Text(c.ids.label, label).Number(c.ids.weight, static_cast<double>(Mix64(state) % 1000) / 10.0);
  std::string component_json = ComponentJson(component_id, c.ids.component_type, component.Finish());

  ElementValues v;
  v.Text(c.ids.title, title)
      .RichText(c.ids.body, html, {component_json})
      .Number(c.ids.count, static_cast<double>(i * 10 + c.language))
      .DateTime(c.ids.date, "2026-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) + "T08:00:00Z",
                "Europe/Prague")
      .References(c.ids.choice, {c.ids.options[i % c.ids.options.size()]})
      .References(c.ids.tags, {c.ids.terms[i % c.ids.terms.size()]});
  v.References(c.ids.related,
               n > 1 ? std::vector<std::string>{IdOf(c.spec.seed, "item", (i + 1) % n)} : std::vector<std::string>{});
  v.Assets(c.ids.image, c.spec.assets > 0 ? std::vector<std::string>{IdOf(c.spec.seed, "asset", i % c.spec.assets)}
                                          : std::vector<std::string>{});
  v.UrlSlug(c.ids.slug, "autogenerated", "item-" + number);
  return v.Finish();
}

}  // namespace

Status PutItemsAndVariants(const SyntheticSpec& spec, const ModelIds& ids, SeedSink& sink) {
  JsonWriter w;
  for (std::uint64_t i = 0; i < spec.items; ++i) {
    w.Clear();
    const std::string number = Padded(i + 1);
    w.StartObject().Key("id").String(IdOf(spec.seed, "item", i)).Key("name").String("Item " + number);
    w.Key("codename").String("item_" + number);
    w.Key("type").StartObject().Key("id").String(ids.article_type).EndObject();
    w.Key("collection").StartObject();
    w.Key("id").String(InReviewedCollection(StateOf(i)) ? ids.reviewed_collection : std::string(sample::kNil));
    w.EndObject();
    w.Key("spaces").StartArray().EndArray().Key("sitemap_locations").StartArray().EndArray();
    w.Key("external_id").String("synthetic-" + number).Key("last_modified").String(kTime).EndObject();
    KBULK_RETURN_IF_ERROR(sink.Put(EntityKind::kItem, w.view()));
  }
  const std::string nil(sample::kNil);
  const WorkflowPlace draft{nil, ids.draft_step}, review{nil, ids.review_step};
  const WorkflowPlace writing{ids.review_workflow, ids.writing_step}, approval{ids.review_workflow, ids.approval_step};
  const WorkflowPlace scheduled{nil, std::string(sample::kScheduledStep)};
  const WorkflowPlace published{nil, std::string(sample::kPublishedStep)};
  const WorkflowPlace archived{nil, std::string(sample::kArchivedStep)};
  for (std::uint64_t i = 0; i < spec.items; ++i) {
    const std::string item_id = IdOf(spec.seed, "item", i);
    const State state = StateOf(i);
    for (std::size_t l = 0; l < ids.languages.size(); ++l) {
      VariantContext c{spec, ids, i, l, item_id};
      VariantEnvelope e{item_id, ids.languages[l], draft, {}, "", std::string(kTime)};
      switch (state) {
        case State::kDraft: break;
        case State::kDraftDue: e.due_date = kDueDate; break;
        case State::kReview: e.place = review; break;
        case State::kScheduledPublish:
          e.place = scheduled;
          e.schedule.publish_time = kPublishTime;
          e.schedule.publish_timezone = "Europe/Prague";
          break;
        case State::kWriting: e.place = writing; break;
        case State::kApproval:
          e.place = approval;
          e.due_date = kDueDate;
          break;
        case State::kPublished: e.place = published; break;
        case State::kPublishedUnpublishing:
          e.place = published;
          e.schedule.unpublish_time = kUnpublishTime;
          e.schedule.unpublish_timezone = "Europe/Berlin";
          break;
        case State::kPublishedWithDraft: break;
        case State::kArchived: e.place = archived; break;
      }
      std::string latest = VariantJson(e, Elements(c, false));
      if (state != State::kPublishedWithDraft) {
        KBULK_RETURN_IF_ERROR(sink.PutVariant(latest, std::nullopt));
        continue;
      }
      VariantEnvelope older{item_id, ids.languages[l], published, {}, "", std::string(kOlderTime)};
      KBULK_RETURN_IF_ERROR(sink.PutVariant(latest, VariantJson(older, Elements(c, true))));
    }
  }
  return Status::Ok();
}

Status Run(const SeedOptions& options, std::string_view parameters, SeedSink& sink) {
  KBULK_ASSIGN_OR_RETURN(SyntheticSpec spec, ParseSyntheticSpec(parameters));
  const ModelIds ids(spec);
  KBULK_RETURN_IF_ERROR(PutModel(ids, sink));
  KBULK_RETURN_IF_ERROR(PutAssets(spec, ids, options, sink));
  return PutItemsAndVariants(spec, ids, sink);
}

}  // namespace kbulk::emulator::synthetic
