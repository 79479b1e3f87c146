// Null implementations of the logging and progress interfaces.
#include "core/log.h"

namespace kbulk {

NullLogger& NullLogger::Instance() {
  static NullLogger logger;
  return logger;
}

NullProgress& NullProgress::Instance() {
  static NullProgress progress;
  return progress;
}

}  // namespace kbulk
