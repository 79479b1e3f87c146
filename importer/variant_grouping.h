// Groups content/variants.ndjson records per (item, language) with bounded memory. An archive holds a
// variant's latest record and, where one exists under a newer version, its published record; the exporter
// writes the published one after the latest one but not next to it (it fetches published versions in
// parallel, so a few other variants' records come between). A latest record that may get a published one
// (its step is a custom step or Scheduled) waits in a window of at most `max_entries` variants /
// `max_bytes`; it leaves the window with its published record, or alone when the window is full (oldest
// first) or at the end. Every other record leaves at once. A published record whose latest left already
// is handed out alone, marked late; one under a latest version that is itself published or archived (the
// same content, or none to restore) is dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kbulk::importer {

struct VariantGroup {
  std::string key;                    // "<item id>/<language id>"
  std::optional<std::string> latest;  // record lines
  std::optional<std::string> published;
  bool late_published = false;  // the published record came after its latest left the window
};

class VariantGrouping {
 public:
  using Ready = std::function<void(VariantGroup)>;
  VariantGrouping(std::size_t max_entries, std::size_t max_bytes, Ready ready)
      : max_entries_(max_entries), max_bytes_(max_bytes), ready_(std::move(ready)) {}

  // `may_have_published`: the latest record's step can have a published version under it.
  void AddLatest(std::string key, std::string_view line, bool may_have_published);
  void AddPublished(std::string key, std::string_view line);
  void Flush();  // hands out everything still waiting, oldest first

  std::size_t waiting() const { return order_.size(); }

 private:
  void Emit(std::list<VariantGroup>::iterator it);
  void Trim();

  std::size_t max_entries_, max_bytes_;
  Ready ready_;
  std::size_t bytes_ = 0;
  std::list<VariantGroup> order_;
  std::unordered_map<std::string, std::list<VariantGroup>::iterator> waiting_;
  // Hashes of keys handed out (a few bytes a variant) -> whether a published record could still matter.
  std::unordered_map<std::uint64_t, bool> emitted_;
};

}  // namespace kbulk::importer
