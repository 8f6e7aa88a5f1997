#pragma once
// The framelens exception hierarchy. Every error says what was wrong, where (document or file,
// byte offset, line) and what to do. The Python bindings map these onto the built-in bases users
// catch: InvalidArgument -> ValueError, IoError -> OSError, FileNotFound -> FileNotFoundError,
// NotFound -> KeyError.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace framelens {

/// Base of every framelens error.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A bad argument or option value (Python: ValueError).
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

/// Input that is not valid UTF-8 (Python: framelens.EncodingError, a ValueError).
class EncodingError : public InvalidArgument {
 public:
  EncodingError(const std::string& message, std::string source, std::size_t byte_offset)
      : InvalidArgument(message), source_(std::move(source)), byte_offset_(byte_offset) {}
  const std::string& source() const noexcept { return source_; }
  std::size_t byte_offset() const noexcept { return byte_offset_; }

 private:
  std::string source_;
  std::size_t byte_offset_;
};

/// Input whose format is wrong: a binary or empty file, malformed JSON/CSV (Python: framelens.FormatError, a ValueError).
class FormatError : public InvalidArgument {
 public:
  using InvalidArgument::InvalidArgument;
};

/// A file that cannot be read or written (Python: OSError).
class IoError : public Error {
 public:
  IoError(const std::string& message, std::string path) : Error(message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// A file that does not exist (Python: FileNotFoundError).
class FileNotFound : public IoError {
 public:
  using IoError::IoError;
};

/// A lookup by name or key that found nothing: an unknown term, outlet or metadata key (Python: KeyError).
class NotFound : public Error {
 public:
  using Error::Error;
};

}  // namespace framelens
