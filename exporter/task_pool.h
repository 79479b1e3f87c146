// A fixed set of worker threads fed through a bounded queue: Submit blocks when the queue is full, so a
// producer that lists thousands of objects never holds more than `queue_limit` pending tasks. The first
// task error is kept and stops further tasks from running (pzstd's ErrorHolder idea). Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/status.h"

namespace kbulk::exporter {

class TaskPool {
 public:
  using Task = std::function<Status()>;

  TaskPool(std::size_t threads, std::size_t queue_limit);
  ~TaskPool();  // waits for every task
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // Queues a task; returns the first error instead when one happened (the task is then not queued).
  Status Submit(Task task);
  // Waits until every queued task ran; returns the first error.
  Status Wait();

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable has_work_;
  std::condition_variable has_room_;
  std::condition_variable idle_;
  std::deque<Task> queue_;
  std::size_t queue_limit_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  Status first_error_;
  std::vector<std::thread> threads_;
};

}  // namespace kbulk::exporter
