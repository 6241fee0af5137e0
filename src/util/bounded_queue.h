// A bounded queue between threads: Push waits while it is full, Pop while it is empty;
// Close ends it for both sides (Push then refuses, Pop drains what is left, then refuses).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace tmkit {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // False when the queue was closed (the item is not taken).
  bool Push(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }
  // False when the queue is closed and empty.
  bool Pop(T* item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return false;
    *item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }
  // Push without waiting: false (the item is not taken) when the queue is full or closed.
  bool TryPush(T&& item) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_ || items_.size() >= capacity_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }
  enum class TryResult { kItem, kEmpty, kClosed };
  // Pop without waiting: kEmpty when nothing is there yet, kClosed when nothing ever will be.
  TryResult TryPop(T* item) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (items_.empty()) return closed_ ? TryResult::kClosed : TryResult::kEmpty;
    *item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return TryResult::kItem;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace tmkit
