// JSON array / NDJSON splitting: a byte scanner that tracks strings and nesting, holding one object.
#include <cerrno>
#include <cstring>

#include "feeds/row_reader.h"

namespace kbulk::feeds {

Result<int> JsonObjectSplitter::Peek() {
  if (pos_ == buffer_.size()) {
    buffer_.resize(65536);
    std::size_t n = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    if (n == 0 && std::ferror(file_)) return IoError(name_ + ": read failed: " + std::strerror(errno));
    buffer_.resize(n);
    pos_ = 0;
    if (n == 0) return -1;
  }
  return static_cast<unsigned char>(buffer_[pos_]);
}

Status JsonObjectSplitter::Error(std::string_view what) const {
  return InvalidArgument(name_ + ": object " + std::to_string(count_ + 1) + " (byte " + std::to_string(offset_) +
                         "): " + std::string(what));
}

Result<int> JsonObjectSplitter::SkipSpace() {
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(int c, Peek());
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
    Take();
  }
}

Result<bool> JsonObjectSplitter::Next(std::string& object) {
  object.clear();
  if (mode_ == Mode::kDone) return false;
  KBULK_ASSIGN_OR_RETURN(int c, SkipSpace());
  if (mode_ == Mode::kStart) {
    if (offset_ == 0 && c == 0xEF) {  // a UTF-8 byte order mark
      for (int i = 0; i < 3; ++i) Take();
      KBULK_ASSIGN_OR_RETURN(c, SkipSpace());
    }
    if (c == -1) {
      mode_ = Mode::kDone;
      return false;
    }
    if (c == '[') {
      Take();
      mode_ = Mode::kArray;
      KBULK_ASSIGN_OR_RETURN(c, SkipSpace());
      if (c == ']') {
        Take();
        c = -2;  // an empty array
      }
    } else if (c == '{') {
      mode_ = Mode::kLines;
    } else {
      return Error("expected a JSON array of objects or one object per line");
    }
  } else if (mode_ == Mode::kArray) {
    if (c == ']') {
      Take();
      c = -2;
    } else if (c == ',') {
      Take();
      KBULK_ASSIGN_OR_RETURN(c, SkipSpace());
    } else {
      return Error(c == -1 ? "the array is not closed" : "expected ',' or ']' after an object");
    }
  }
  if (c == -2) {  // after the array's ']' only whitespace may follow
    mode_ = Mode::kDone;
    KBULK_ASSIGN_OR_RETURN(c, SkipSpace());
    if (c != -1) return Error("text after the closing ']'");
    return false;
  }
  if (c == -1) {
    mode_ = Mode::kDone;
    return false;
  }
  if (c != '{') return Error("expected an object");
  int depth = 0;
  bool in_string = false, escape = false;
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(c, Peek());
    if (c == -1) return Error("the object is not closed at the end of the file");
    object.push_back(static_cast<char>(c));
    Take();
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) break;
    }
  }
  ++count_;
  return true;
}

}  // namespace kbulk::feeds
