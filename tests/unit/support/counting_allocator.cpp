#include "counting_allocator.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

// Kept out of line: GCC's -Wmismatched-new-delete misreads an inlined
// replacement delete that calls free().
namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

[[gnu::noinline]] void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void* operator new[](std::size_t size) { return ::operator new(size); }
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace rtcsip::test {

std::size_t allocations() noexcept { return g_allocations.load(std::memory_order_relaxed); }

}  // namespace rtcsip::test
