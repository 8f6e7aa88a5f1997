#include "framelens/threads.hpp"

#include <thread>

namespace framelens {

unsigned resolve_threads(int threads) noexcept {
  if (threads > 0) return static_cast<unsigned>(threads);
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1u : hw;
}

}  // namespace framelens
