#include "util/worker_pool.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace tmkit;

TEST_CASE("a worker pool runs each caller's job on its own threads and returns the result", "[pool]") {
  WorkerPool pool(2);
  CHECK(pool.threads() == 2);
  std::mutex mutex;
  std::set<std::thread::id> ran_on;
  std::atomic<int> at_once{0}, most_at_once{0};
  std::vector<std::thread> callers;
  std::vector<long> results(16);
  for (int c = 0; c < 16; ++c) {
    callers.emplace_back([&, c] {
      results[c] = pool.Run([&, c] {
        int now = ++at_once;
        for (int seen = most_at_once; now > seen && !most_at_once.compare_exchange_weak(seen, now);) {
        }
        {
          std::lock_guard<std::mutex> lock(mutex);
          ran_on.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --at_once;
        return static_cast<long>(c) * c;
      });
    });
  }
  for (std::thread& t : callers) t.join();
  for (int c = 0; c < 16; ++c) CHECK(results[c] == c * c);
  CHECK(ran_on.size() <= 2);  // the pool's threads, never the callers'
  CHECK(ran_on.count(std::this_thread::get_id()) == 0);
  CHECK(most_at_once <= 2);
}

TEST_CASE("a worker pool hands a job's exception to its caller and goes on", "[pool]") {
  WorkerPool pool(1);
  CHECK_THROWS_WITH(pool.Run([]() -> int { throw std::runtime_error("bad query"); }), "bad query");
  int done = 0;
  pool.Run([&] { ++done; });
  CHECK(done == 1);
}
