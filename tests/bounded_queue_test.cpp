#include "util/bounded_queue.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace tmkit;

TEST_CASE("a bounded queue hands items over in order and drains after it is closed",
          "[bounded_queue]") {
  BoundedQueue<int> q(2);
  int got = 0;
  CHECK(q.TryPop(&got) == BoundedQueue<int>::TryResult::kEmpty);
  std::thread producer([&q] {
    for (int i = 1; i <= 100; ++i) REQUIRE(q.Push(i));  // waits while two are queued
    q.Close();
  });
  int expected = 1;
  while (q.Pop(&got)) CHECK(got == expected++);
  producer.join();
  CHECK(expected == 101);
  CHECK(q.TryPop(&got) == BoundedQueue<int>::TryResult::kClosed);
  CHECK_FALSE(q.Push(7));
}

TEST_CASE("TryPop takes what is there without waiting, and the rest after a close",
          "[bounded_queue]") {
  BoundedQueue<int> q(4);
  REQUIRE(q.Push(1));
  REQUIRE(q.Push(2));
  int got = 0;
  REQUIRE(q.TryPop(&got) == BoundedQueue<int>::TryResult::kItem);
  CHECK(got == 1);
  q.Close();
  REQUIRE(q.TryPop(&got) == BoundedQueue<int>::TryResult::kItem);  // closed, not yet empty
  CHECK(got == 2);
  CHECK(q.TryPop(&got) == BoundedQueue<int>::TryResult::kClosed);
}
