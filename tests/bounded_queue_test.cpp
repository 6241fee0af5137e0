#include "util/bounded_queue.h"

#include <catch2/catch.hpp>
#include <thread>
#include <string>

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

TEST_CASE("TryPush refuses without waiting when the queue is full or closed, leaving the item",
          "[bounded_queue]") {
  BoundedQueue<std::string> q(2);
  std::string a = "a", b = "b", c = "c";
  CHECK(q.TryPush(std::move(a)));
  CHECK(q.TryPush(std::move(b)));
  CHECK_FALSE(q.TryPush(std::move(c)));  // full
  CHECK(c == "c");                       // not taken
  std::string got;
  REQUIRE(q.Pop(&got));
  CHECK(got == "a");
  CHECK(q.TryPush(std::move(c)));
  q.Close();
  std::string d = "d";
  CHECK_FALSE(q.TryPush(std::move(d)));
  CHECK(d == "d");
  REQUIRE(q.Pop(&got));
  CHECK(got == "b");
  REQUIRE(q.Pop(&got));
  CHECK(got == "c");
  CHECK_FALSE(q.Pop(&got));
}
