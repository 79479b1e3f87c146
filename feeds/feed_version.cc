// The feed layout's version, written nowhere yet: a placeholder so the library always has a source.
namespace kbulk::feeds {
int FeedLayoutVersion() {
  return 1;
}
}  // namespace kbulk::feeds
