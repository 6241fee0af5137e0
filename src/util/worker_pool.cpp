#include "util/worker_pool.h"

#include <algorithm>
#include <limits>

#include "util/thread_name.h"

namespace tmkit {

WorkerPool::WorkerPool(size_t threads, const char* name) : jobs_(std::numeric_limits<size_t>::max()) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this, name] {
      NameThisThread(name);
      std::function<void()> job;
      while (jobs_.Pop(&job)) job();
    });
  }
}

WorkerPool::~WorkerPool() {
  jobs_.Close();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Submit(std::function<void()> job) {
  if (!jobs_.Push(std::move(job))) std::terminate();  // only the destructor closes the queue
}

}  // namespace tmkit
