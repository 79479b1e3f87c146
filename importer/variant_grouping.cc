// VariantGrouping: the bounded window that pairs a variant's latest and published records.
#include "importer/variant_grouping.h"

namespace kbulk::importer {
namespace {

std::uint64_t KeyHash(std::string_view key) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::size_t Size(const VariantGroup& group) {
  return (group.latest ? group.latest->size() : 0) + (group.published ? group.published->size() : 0);
}

}  // namespace

void VariantGrouping::Emit(std::list<VariantGroup>::iterator it) {
  bytes_ -= Size(*it);
  waiting_.erase(it->key);
  VariantGroup group = std::move(*it);
  order_.erase(it);
  emitted_[KeyHash(group.key)] = true;
  ready_(std::move(group));
}

void VariantGrouping::Trim() {
  while (!order_.empty() && (order_.size() > max_entries_ || bytes_ > max_bytes_)) Emit(order_.begin());
}

void VariantGrouping::AddLatest(std::string key, std::string_view line, bool may_have_published) {
  auto found = waiting_.find(key);
  if (found != waiting_.end()) {  // its published record came first
    found->second->latest = std::string(line);
    bytes_ += line.size();
    Emit(found->second);
    return;
  }
  VariantGroup group{std::move(key), std::string(line), std::nullopt, false};
  if (!may_have_published) {
    emitted_[KeyHash(group.key)] = false;
    ready_(std::move(group));
    return;
  }
  bytes_ += line.size();
  order_.push_back(std::move(group));
  waiting_.emplace(order_.back().key, std::prev(order_.end()));
  Trim();
}

void VariantGrouping::AddPublished(std::string key, std::string_view line) {
  auto found = waiting_.find(key);
  if (found != waiting_.end()) {
    found->second->published = std::string(line);
    bytes_ += line.size();
    Emit(found->second);
    return;
  }
  VariantGroup group{std::move(key), std::nullopt, std::string(line), false};
  if (auto emitted = emitted_.find(KeyHash(group.key)); emitted != emitted_.end()) {
    if (!emitted->second) return;  // under a published or archived latest version: nothing to restore
    group.late_published = true;
    ready_(std::move(group));
    return;
  }
  bytes_ += line.size();
  order_.push_back(std::move(group));
  waiting_.emplace(order_.back().key, std::prev(order_.end()));
  Trim();
}

void VariantGrouping::Flush() {
  while (!order_.empty()) Emit(order_.begin());
}

}  // namespace kbulk::importer
