#pragma once
// Internal: a small work-sharing loop over std::thread. Work is handed out in chunks through an
// atomic counter (load balance for documents of very different length); callers write results by
// index, so output never depends on the thread count. The first exception (lowest chunk) thrown in
// any worker is rethrown in the calling thread after all workers stop.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "framelens/threads.hpp"

namespace framelens::detail {

/// Calls f(begin, end, worker) over [0, n) in chunks of `chunk` items on up to `threads` workers.
template <class F>
void parallel_for(std::size_t n, unsigned threads, std::size_t chunk, F&& f) {
  if (n == 0) return;
  chunk = std::max<std::size_t>(1, chunk);
  const std::size_t n_chunks = (n + chunk - 1) / chunk;
  threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), n_chunks));
  if (threads == 1) {
    for (std::size_t b = 0; b < n; b += chunk) f(b, std::min(n, b + chunk), 0u);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex m;
  std::exception_ptr first;
  std::size_t first_chunk = n_chunks;
  auto work = [&](unsigned worker) {
    for (;;) {
      const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
      if (c >= n_chunks || failed.load(std::memory_order_relaxed)) return;
      try {
        f(c * chunk, std::min(n, (c + 1) * chunk), worker);
      } catch (...) {
        std::lock_guard<std::mutex> lock(m);
        if (c < first_chunk) { first_chunk = c; first = std::current_exception(); }
        failed = true;
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  if (first) std::rethrow_exception(first);
}

}  // namespace framelens::detail
