// The archive's content model as lookups by source id: element codenames and types, type, snippet,
// language, collection, option, taxonomy term and workflow (step) codenames. Fed every model record or
// document of an archive (in any order); small, kept in memory. Used to name model objects by codename
// when content is written to another environment, and to know each element's type when references are
// walked. Not thread-safe while records are added; const lookups may be shared.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/entity_kind.h"
#include "core/status.h"

namespace kbulk::content {

class ModelIndex {
 public:
  ModelIndex();
  ~ModelIndex();
  ModelIndex(ModelIndex&&) noexcept;
  ModelIndex& operator=(ModelIndex&&) noexcept;

  // One model record or document (languages, collections, taxonomy groups, snippets, content types,
  // workflows); records of other kinds are ignored. Fails (kCorrupt) when the record is not a JSON object.
  Status Add(EntityKind kind, std::string_view json);

  struct ElementInfo {
    std::string codename;  // as a variant upsert names it (snippet elements carry their snippet prefix)
    // "text", "rich_text", "number", "date_time", "multiple_choice", "asset", "modular_content",
    // "subpages", "taxonomy", "url_slug", "custom", "guidelines", "snippet"
    std::string type;
    std::string owner;  // codename of the content type or snippet that defines the element
  };
  const ElementInfo* Element(std::string_view element_id) const;
  const std::string* TypeCodename(std::string_view id) const;  // content types (components too)
  const std::string* SnippetCodename(std::string_view id) const;
  const std::string* LanguageCodename(std::string_view id) const;
  const std::string* CollectionCodename(std::string_view id) const;
  const std::string* OptionCodename(std::string_view id) const;  // multiple-choice options
  const std::string* TermCodename(std::string_view id) const;    // taxonomy terms, nested ones too
  const std::string* WorkflowCodename(std::string_view id) const;

  enum class StepKind { kCustom, kPublished, kScheduled, kArchived };
  struct StepInfo {
    std::string workflow;  // codename of the workflow
    std::string codename;
    StepKind kind;
  };
  const StepInfo* Step(std::string_view step_id) const;  // every workflow's steps, the special ones too

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kbulk::content
