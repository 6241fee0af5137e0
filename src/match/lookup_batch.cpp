#include "match/lookup_batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace tmkit {

std::vector<BatchAnswer> LookupBatch(const Store& store, const std::vector<std::string>& queries,
                                     const LookupOptions& options, unsigned threads) {
  std::vector<BatchAnswer> answers(queries.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, queries.size())));
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    try {
      auto snapshot = store.Read();
      for (size_t i = next++; i < queries.size(); i = next++) {
        auto start = std::chrono::steady_clock::now();
        answers[i].matches = Lookup(*snapshot, queries[i], options);
        auto took = std::chrono::steady_clock::now() - start;
        answers[i].micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      next = queries.size();  // the others stop too
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return answers;
}

}  // namespace tmkit
