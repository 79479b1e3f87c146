// The workflow restorer's state machine without a server: the call sequence for every archived state and
// target start, and the workflow graphs, times and hashes it relies on.
#include <catch2/catch.hpp>

#include "importer/variant_target.h"
#include "importer/workflow_plan.h"

using namespace kbulk;
using namespace kbulk::importer;

namespace {

constexpr std::int64_t kNow = 1'900'000'000;  // 2030-03-17
const char* kFuture = "2031-01-19T04:14:08Z";
const char* kPast = "2029-01-19T04:14:08Z";

// The emulator sample seed's two workflows, as GET /workflows returns them (transitions by step id).
const char* kWorkflows = R"([
 {"id":"w1","codename":"default","steps":[
   {"id":"s-draft","codename":"draft","transitions_to":[{"step":{"id":"s-review"}},{"step":{"id":"p"}},{"step":{"id":"a"}}]},
   {"id":"s-review","codename":"review","transitions_to":[{"step":{"id":"s-draft"}},{"step":{"id":"p"}},{"step":{"id":"a"}}]}],
  "published_step":{"id":"p","codename":"published"},"scheduled_step":{"id":"sc","codename":"scheduled"},
  "archived_step":{"id":"a","codename":"archived"}},
 {"id":"w2","codename":"editorial","steps":[
   {"id":"s-writing","codename":"writing","transitions_to":[{"step":{"id":"s-legal"}},{"step":{"id":"a"}}]},
   {"id":"s-legal","codename":"legal_check","transitions_to":[{"step":{"id":"s-writing"}},{"step":{"id":"p"}}]}],
  "published_step":{"id":"p","codename":"published"},"scheduled_step":{"id":"sc","codename":"scheduled"},
  "archived_step":{"id":"a","codename":"archived"}},
 {"id":"w3","codename":"no_archive","steps":[
   {"id":"s-one","codename":"one","transitions_to":[{"step":{"id":"s-two"}}]},
   {"id":"s-two","codename":"two","transitions_to":[{"step":{"id":"p"}}]}],
  "published_step":{"id":"p","codename":"published"},"archived_step":{"id":"a","codename":"archived"}}
])";

WorkflowGraph Graph(const std::string& codename) {
  auto graphs = ParseWorkflowGraphs(kWorkflows);
  REQUIRE(graphs.ok());
  for (const WorkflowGraph& graph : *graphs) {
    if (graph.codename == codename) return graph;
  }
  FAIL("no workflow " << codename);
  return {};
}

// "upsert 'writing'; publish; ..." - a plan's calls as one comparable string.
std::string Calls(const RestorePlan& plan) {
  std::string out;
  for (const WorkflowAction& a : plan.actions) {
    if (!out.empty()) out += "; ";
    out += std::string(ActionKindName(a.kind));
    if (!a.step.empty()) out += " '" + a.step + "'";
    if (!a.time.empty()) out += " at " + a.time;
    if (!a.timezone.empty()) out += " " + a.timezone;
  }
  return out;
}

RestorePlan Plan(const ArchivedWorkflowState& archived, const std::string& workflow, TargetStart start = {}) {
  auto plan = PlanRestore(archived, start, Graph(workflow), kNow);
  INFO(plan.status().ToString());
  REQUIRE(plan.ok());
  return *plan;
}

ArchivedWorkflowState Draft(const std::string& step, bool with_published = false) {
  ArchivedWorkflowState s;
  s.phase = VariantPhase::kDraft;
  s.step = step;
  s.has_published_version = with_published;
  return s;
}

ArchivedWorkflowState Of(VariantPhase phase) {
  ArchivedWorkflowState s;
  s.phase = phase;
  return s;
}

}  // namespace

TEST_CASE("workflow graphs name transitions by codename", "[importer][workflow]") {
  WorkflowGraph editorial = Graph("editorial");
  REQUIRE(editorial.steps.size() == 2);
  CHECK(editorial.steps[0].transitions_to == std::vector<std::string>{"legal_check", "archived"});
  CHECK(editorial.StepTransitioningTo("published")->codename == "legal_check");
  CHECK(editorial.StepTransitioningTo("archived")->codename == "writing");
  CHECK(Graph("no_archive").StepTransitioningTo("archived") == nullptr);
  CHECK(Graph("no_archive").scheduled_step == "scheduled");  // the default when the workflow omits it
  CHECK_FALSE(ParseWorkflowGraphs("{}").ok());
}

TEST_CASE("a draft is one upsert into its step", "[importer][workflow]") {
  RestorePlan plan = Plan(Draft("legal_check"), "editorial");
  CHECK(Calls(plan) == "upsert 'legal_check'");
  CHECK(plan.phase == VariantPhase::kDraft);
  CHECK(plan.step == "legal_check");
  CHECK(plan.notes.empty());
}

TEST_CASE("a published version under a draft: publish it first, then a new version", "[importer][workflow]") {
  CHECK(Calls(Plan(Draft("writing", true), "editorial")) ==
        "upsert published version 'legal_check'; publish; create new version; upsert 'writing'");
  // The first step that transitions to Published is used, whatever the draft's own step.
  CHECK(Calls(Plan(Draft("review", true), "default")) ==
        "upsert published version 'draft'; publish; create new version; upsert 'review'");
  // The target already holds the archived published version: only the draft on top is written.
  TargetStart published{VariantPhase::kPublished, true};
  CHECK(Calls(Plan(Draft("writing", true), "editorial", published)) == "create new version; upsert 'writing'");
  TargetStart draft{VariantPhase::kDraft, true};
  CHECK(Calls(Plan(Draft("writing", true), "editorial", draft)) == "upsert 'writing'");
}

TEST_CASE("published: into a step that transitions to Published, then publish", "[importer][workflow]") {
  RestorePlan plan = Plan(Of(VariantPhase::kPublished), "editorial");
  CHECK(Calls(plan) == "upsert 'legal_check'; publish");
  CHECK(plan.phase == VariantPhase::kPublished);
  CHECK(plan.step == "published");

  ArchivedWorkflowState later = Of(VariantPhase::kPublished);
  later.unpublish = {kFuture, "Europe/Prague"};
  plan = Plan(later, "default");
  CHECK(Calls(plan) == std::string("upsert 'draft'; publish; schedule unpublish at ") + kFuture + " Europe/Prague");
  CHECK(plan.unpublish_time == kFuture);
  CHECK(plan.phase == VariantPhase::kPublished);

  ArchivedWorkflowState past = Of(VariantPhase::kPublished);
  past.unpublish = {kPast, "Europe/Prague"};
  plan = Plan(past, "default");
  CHECK(Calls(plan) == "upsert 'draft'; publish; unpublish and archive");
  CHECK(plan.phase == VariantPhase::kArchived);
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0].find("past") != std::string::npos);
}

TEST_CASE("scheduled publish keeps its time and zone - a past one is published now", "[importer][workflow]") {
  ArchivedWorkflowState scheduled = Of(VariantPhase::kScheduled);
  scheduled.publish = {kFuture, "Australia/Sydney"};
  RestorePlan plan = Plan(scheduled, "editorial");
  CHECK(Calls(plan) == std::string("upsert 'legal_check'; schedule publish at ") + kFuture + " Australia/Sydney");
  CHECK(plan.phase == VariantPhase::kScheduled);
  CHECK(plan.step == "scheduled");
  CHECK(plan.publish_time == kFuture);
  CHECK(plan.publish_timezone == "Australia/Sydney");

  scheduled.unpublish = {"2032-01-01T00:00:00Z", "UTC"};
  CHECK(Calls(Plan(scheduled, "editorial")) == std::string("upsert 'legal_check'; schedule publish at ") + kFuture +
                                                   " Australia/Sydney; schedule unpublish at 2032-01-01T00:00:00Z UTC");

  ArchivedWorkflowState past = Of(VariantPhase::kScheduled);
  past.publish = {kPast, "Australia/Sydney"};
  plan = Plan(past, "editorial");
  CHECK(Calls(plan) == "upsert 'legal_check'; publish");
  CHECK(plan.phase == VariantPhase::kPublished);
  CHECK(plan.publish_time.empty());
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0].find(kPast) != std::string::npos);

  // Scheduled over a published version: that one first.
  scheduled = Of(VariantPhase::kScheduled);
  scheduled.publish = {kFuture, ""};
  scheduled.has_published_version = true;
  CHECK(Calls(Plan(scheduled, "default")) ==
        std::string(
            "upsert published version 'draft'; publish; create new version; upsert 'draft'; schedule publish at ") +
            kFuture);
}

TEST_CASE("archived: straight there where a step transitions to it, else publish and unpublish",
          "[importer][workflow]") {
  RestorePlan plan = Plan(Of(VariantPhase::kArchived), "editorial");
  CHECK(Calls(plan) == "upsert 'writing'; change workflow 'archived'");
  CHECK(plan.phase == VariantPhase::kArchived);
  CHECK(plan.notes.empty());

  plan = Plan(Of(VariantPhase::kArchived), "no_archive");
  CHECK(Calls(plan) == "upsert 'two'; publish; unpublish and archive");
  CHECK(plan.phase == VariantPhase::kArchived);
  CHECK(plan.notes.size() == 1);
}

TEST_CASE("a target variant that cannot be upserted is made writable first", "[importer][workflow]") {
  CHECK(Calls(Plan(Draft("review"), "default", {VariantPhase::kPublished, false})) ==
        "create new version; upsert 'review'");
  CHECK(Calls(Plan(Draft("review"), "default", {VariantPhase::kScheduled, false})) ==
        "cancel scheduled publish; upsert 'review'");
  CHECK(Calls(Plan(Draft("review"), "default", {VariantPhase::kArchived, false})) ==
        "change workflow 'draft'; upsert 'review'");
  CHECK(Calls(Plan(Of(VariantPhase::kPublished), "default", {VariantPhase::kPublished, false})) ==
        "create new version; upsert 'draft'; publish");
  CHECK(Calls(Plan(Draft("review"), "default", {VariantPhase::kDraft, false})) == "upsert 'review'");
}

TEST_CASE("a state the target's workflow cannot hold is refused, naming the workflow", "[importer][workflow]") {
  auto missing = PlanRestore(Draft("nowhere"), {}, Graph("editorial"), kNow);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("'editorial'") != std::string::npos);
  CHECK(missing.status().message().find("'nowhere'") != std::string::npos);

  WorkflowGraph closed = Graph("editorial");
  closed.steps[1].transitions_to = {"writing"};  // nothing reaches Published
  auto unpublishable = PlanRestore(Of(VariantPhase::kPublished), {}, closed, kNow);
  REQUIRE_FALSE(unpublishable.ok());
  CHECK(unpublishable.status().message().find("published") != std::string::npos);
}

TEST_CASE("ISO-8601 times as instants", "[importer][workflow]") {
  CHECK(ParseIsoSeconds("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseIsoSeconds("2038-01-19T03:14:08") == 2147483648);
  CHECK(ParseIsoSeconds("2038-01-19T03:14:08.1234567Z") == 2147483648);
  CHECK(ParseIsoSeconds("2038-01-19T04:14:08+01:00") == 2147483648);
  CHECK(ParseIsoSeconds("2038-01-18T22:14:08-05:00") == 2147483648);
  CHECK_FALSE(ParseIsoSeconds("2038-13-19T03:14:08Z"));
  CHECK_FALSE(ParseIsoSeconds("tomorrow"));
  CHECK_FALSE(ParseIsoSeconds("2038-01-19T03:14:08Zjunk"));
}

TEST_CASE("elements hash ignores what the service reorders or adds, not what differs", "[importer][workflow]") {
  const char* a = R"([{"element":{"codename":"title"},"value":"Hello"},
                      {"element":{"codename":"hero"},"value":[{"external_id":"x","renditions":[{"id":"r1"}]}]},
                      {"element":{"codename":"body"},"value":"<p>x</p>","components":[
                        {"id":"c2","type":{"codename":"quote"},"elements":[{"element":{"codename":"text"},"value":"b"}]},
                        {"id":"c1","type":{"codename":"quote"},"elements":[{"element":{"codename":"text"},"value":"a"}]}]}])";
  const char* reordered = R"([{"value":"<p>x</p>","element":{"codename":"body"},"components":[
                        {"id":"c1","type":{"codename":"quote"},"elements":[{"element":{"codename":"text"},"value":"a"}]},
                        {"id":"c2","type":{"codename":"quote"},"elements":[{"element":{"codename":"text"},"value":"b"}]}]},
                      {"element":{"codename":"hero"},"value":[{"external_id":"x"}]},
                      {"element":{"codename":"summary"},"value":null},
                      {"element":{"codename":"extra"},"value":"<p><br></p>"},
                      {"element":{"codename":"title"},"value":"Hello"}])";
  const char* changed = R"([{"element":{"codename":"title"},"value":"Hello!"},
                      {"element":{"codename":"hero"},"value":[{"external_id":"x"}]},
                      {"element":{"codename":"body"},"value":"<p>x</p>","components":[
                        {"id":"c2","type":{"codename":"quote"},"elements":[{"element":{"codename":"text"},"value":"b"}]},
                        {"id":"c1","type":{"codename":"quote"},"elements":[{"element":{"codename":"text"},"value":"a"}]}]}])";
  CHECK(CanonicalElementsHash(a) != 0);
  CHECK(CanonicalElementsHash(a) == CanonicalElementsHash(reordered));
  CHECK(CanonicalElementsHash(a) != CanonicalElementsHash(changed));
  CHECK(CanonicalElementsHash("not json") == 0);
  CHECK(StateHash({"default", "draft", 0, 0, 0}) != StateHash({"default", "review", 0, 0, 0}));
  CHECK(StateHash({"default", "scheduled", 1, 0, 0}) != StateHash({"default", "scheduled", 2, 0, 0}));
  CHECK(StateHash({"default", "scheduled", 1, 0, 0, "Europe/Prague", ""}) !=
        StateHash({"default", "scheduled", 1, 0, 0, "Australia/Sydney", ""}));
}
