// HugePageAllocator: for big tables read and written at random (hash tables, filters).
// Blocks of 2 MB and more are mapped on their own, 2 MB-aligned and marked for transparent
// huge pages (one TLB entry covers 2 MB instead of 4 KB); smaller ones come from operator new.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>

namespace tmkit {

namespace huge_pages {

constexpr size_t kHugePage = size_t{2} << 20;

inline size_t Rounded(size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

// Maps Rounded(bytes) bytes at a 2 MB boundary (mapping 2 MB more, then unmapping the ends).
inline void* Map(size_t bytes) {
  const size_t len = Rounded(bytes);
  void* raw =
      mmap(nullptr, len + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t end = start + len + kHugePage;
  if (end > aligned + len) munmap(reinterpret_cast<void*>(aligned + len), end - (aligned + len));
  madvise(reinterpret_cast<void*>(aligned), len, MADV_HUGEPAGE);  // a hint: no error if refused
  return reinterpret_cast<void*>(aligned);
}

}  // namespace huge_pages

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: converting, as allocators are

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kHugePage) return static_cast<T*>(::operator new(bytes));
    return static_cast<T*>(huge_pages::Map(bytes));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kHugePage) {
      ::operator delete(p);
    } else {
      munmap(p, huge_pages::Rounded(bytes));
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace tmkit
