#include "importer/write_pool.h"

#include <algorithm>

namespace kbulk::importer {

WritePool::WritePool(std::size_t threads, std::size_t queue_limit)
    : queue_limit_(std::max<std::size_t>(queue_limit, 1)) {
  threads = std::max<std::size_t>(threads, 1);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WritePool::~WritePool() {
  {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
    stopping_ = true;
  }
  has_work_.notify_all();
  for (auto& t : threads_) t.join();
}

Status WritePool::Submit(Task task) {
  std::unique_lock lock(mutex_);
  has_room_.wait(lock, [&] { return queue_.size() < queue_limit_ || !first_error_.ok(); });
  if (!first_error_.ok()) return first_error_;
  queue_.push_back(std::move(task));
  has_work_.notify_one();
  return Status::Ok();
}

Status WritePool::Wait() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
  return first_error_;
}

void WritePool::Run() {
  for (;;) {
    Task task;
    bool skip = false;
    {
      std::unique_lock lock(mutex_);
      has_work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
      skip = !first_error_.ok();
      has_room_.notify_one();
    }
    Status status = skip ? Status::Ok() : task();
    {
      std::lock_guard lock(mutex_);
      if (!status.ok() && first_error_.ok()) first_error_ = status;
      --running_;
      if (!first_error_.ok()) has_room_.notify_all();
      if (queue_.empty() && running_ == 0) idle_.notify_all();
    }
  }
}

}  // namespace kbulk::importer
