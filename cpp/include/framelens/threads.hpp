#pragma once
// Thread-count conventions shared by every multi-threaded entry point.
namespace framelens {

/// threads <= 0 means "all hardware threads"; results never depend on the thread count.
unsigned resolve_threads(int threads) noexcept;

}  // namespace framelens
