#pragma once
namespace framelens {
/// The library version, also reported as framelens.__version__ in Python.
inline constexpr const char* version = "0.1.0";
}  // namespace framelens
