// Bounds an import's writes in flight (`--write-concurrency`): a few worker threads fed through a
// bounded queue. Each task holds every write to one object, in order, so writes to one object never
// overlap. Per-object failures are the task's business (it reports them); a task returns an error only
// for what must stop the import (authentication, the archive), and the first one stops further tasks.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/status.h"

namespace kbulk::importer {

class WritePool {
 public:
  using Task = std::function<Status()>;

  // `threads` >= 1; Submit blocks while `queue_limit` tasks wait.
  WritePool(std::size_t threads, std::size_t queue_limit);
  ~WritePool();  // waits for every task
  WritePool(const WritePool&) = delete;
  WritePool& operator=(const WritePool&) = delete;

  // Queues a task; returns the first fatal error instead once one happened.
  Status Submit(Task task);
  // Waits until every queued task ran; returns the first fatal error.
  Status Wait();

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable has_work_, has_room_, idle_;
  std::deque<Task> queue_;
  std::size_t queue_limit_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  Status first_error_;
  std::vector<std::thread> threads_;
};

}  // namespace kbulk::importer
