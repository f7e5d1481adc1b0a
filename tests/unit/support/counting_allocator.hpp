#pragma once
// Counts every global operator new of the test binary (counting_allocator.cpp
// replaces it), so a test can check a code path allocates nothing.
#include <cstddef>

namespace rtcsip::test {

std::size_t allocations() noexcept;

}  // namespace rtcsip::test
