// A rich-text value parsed by gumbo as an HTML5 fragment in a <body> context. The tree points into the
// caller's buffer, so source offsets of tags and attribute values are exact. Gumbo types stay in .cc files.
#pragma once

#include <cstddef>
#include <string_view>

struct GumboInternalOutput;
struct GumboInternalNode;

namespace kbulk::richtext {

class ParsedFragment {
 public:
  // `html` must outlive the fragment: nodes point into it.
  explicit ParsedFragment(std::string_view html);
  ~ParsedFragment();
  ParsedFragment(const ParsedFragment&) = delete;
  ParsedFragment& operator=(const ParsedFragment&) = delete;

  // The synthetic <html> element whose children are the fragment's top-level nodes.
  const GumboInternalNode* root() const;
  std::string_view source() const { return html_; }

 private:
  std::string_view html_;
  GumboInternalOutput* output_ = nullptr;
};

// 1-based line and column (in bytes) of a byte offset in `text`.
struct SourceLocation {
  int line = 1;
  int column = 1;
};
SourceLocation LocateOffset(std::string_view text, std::size_t offset);

}  // namespace kbulk::richtext
