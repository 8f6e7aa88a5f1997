#include "framelens/threads.hpp"

#include <thread>

namespace framelens {

unsigned resolve_threads(int n_threads) noexcept {
  if (n_threads > 0) return static_cast<unsigned>(n_threads);
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1u : hw;
}

}  // namespace framelens
