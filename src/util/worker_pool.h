// A few threads of its own that run the jobs handed to them in the order they come; Run
// waits for its job and returns its result or rethrows its exception. Jobs on the same
// threads keep those threads' caches and per-thread buffers warm.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "util/bounded_queue.h"

namespace tmkit {

class WorkerPool {
 public:
  // (name: the threads' name, as top -H and perf show them.)
  explicit WorkerPool(size_t threads, const char* name = "tmkit:worker");
  ~WorkerPool();  // runs the jobs already handed over, then joins the threads
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  size_t threads() const { return threads_.size(); }

  // Runs fn() on one of the pool's threads and returns what it returns (or throws what it
  // throws); the calling thread waits meanwhile.
  template <typename Fn>
  std::invoke_result_t<Fn&> Run(Fn&& fn) {
    using R = std::invoke_result_t<Fn&>;
    std::promise<R> done;
    std::future<R> result = done.get_future();
    Submit([&fn, &done] {
      try {
        if constexpr (std::is_void_v<R>) {
          fn();
          done.set_value();
        } else {
          done.set_value(fn());
        }
      } catch (...) {
        done.set_exception(std::current_exception());
      }
    });
    return result.get();
  }

  // Hands fn to one of the pool's threads and returns at once: the future gives what fn
  // returns (or throws what it throws).
  template <typename Fn>
  std::future<std::invoke_result_t<Fn&>> Start(Fn fn) {
    auto task = std::make_shared<std::packaged_task<std::invoke_result_t<Fn&>()>>(std::move(fn));
    auto result = task->get_future();
    Submit([task] { (*task)(); });
    return result;
  }

 private:
  void Submit(std::function<void()> job);

  BoundedQueue<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
};

}  // namespace tmkit
