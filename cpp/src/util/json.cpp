#include "util/json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "framelens/error.hpp"

namespace framelens::util {
namespace {

// The DOM builder of nlohmann/json, with errors recorded (position, token, kind) instead of thrown.
template <class Json>
struct RecordingParser : nlohmann::detail::json_sax_dom_parser<Json> {
  explicit RecordingParser(Json& root) : nlohmann::detail::json_sax_dom_parser<Json>(root, false) {}
  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
    at = position;
    last = token;
    id = e.id;
    what = e.what();
    return false;
  }
  std::size_t at = 0;
  std::string last, what;
  int id = 0;
};

// "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error ..." -> "syntax error ..."
std::string description(const std::string& what) {
  std::string s = what;
  if (s.rfind("[json.exception.", 0) == 0) {
    const std::size_t close = s.find("] ");
    if (close != std::string::npos) s.erase(0, close + 2);
  }
  if (s.rfind("parse error", 0) == 0) {
    const std::size_t colon = s.find(": ");
    if (colon != std::string::npos) s.erase(0, colon + 2);
  }
  return s;
}

std::string type_of(const nlohmann::json& v) { return v.type_name(); }
std::string type_of(const nlohmann::ordered_json& v) { return v.type_name(); }

}  // namespace

std::size_t json_too_deep(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

template <class Json>
Json parse_json(std::string_view text, const JsonSource& source, std::size_t max_depth) {
  const std::string advice = source.what_to_do.empty() ? std::string() : "; " + source.what_to_do;
  const std::size_t deep = json_too_deep(text, max_depth);
  if (deep != std::string_view::npos)
    throw FormatError(source.name + ": JSON nested more than " + std::to_string(max_depth) +
                      " levels deep (arrays/objects) at byte " + std::to_string(source.base + deep) + advice);
  Json root;
  RecordingParser<Json> sax(root);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true, false);
  if (ok) return root;
  const std::size_t at = source.base + (sax.at > 0 ? sax.at - 1 : 0);
  if (sax.id == 406) {  // a number outside the range of a double; the position is at or after its end
    const std::size_t start = text.rfind(sax.last, std::min(sax.at, text.size()));
    throw FormatError(source.name + ": the number '" + sax.last + "' at byte " +
                      std::to_string(start == std::string_view::npos ? at : source.base + start) +
                      " is out of range (beyond about ±1.8e308)" + advice);
  }
  std::string what = description(sax.what);
  if (sax.what.empty()) what = "invalid JSON";
  throw FormatError(source.name + " is not valid JSON (byte " + std::to_string(at) + ": " + what + ")" + advice);
}

template <class Json>
std::int64_t json_integer(const Json& v, const std::string& where, std::int64_t lo, std::int64_t hi) {
  const std::string range = " between " + std::to_string(lo) + " and " + std::to_string(hi);
  if (v.is_number_unsigned()) {
    const auto u = v.template get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) &&
        static_cast<std::int64_t>(u) >= lo && static_cast<std::int64_t>(u) <= hi)
      return static_cast<std::int64_t>(u);
  } else if (v.is_number_integer()) {
    const auto i = v.template get<std::int64_t>();
    if (i >= lo && i <= hi) return i;
  } else if (v.is_number_float()) {
    const double d = v.template get<double>();
    // exact comparison on purpose: 3.0 is a whole number, 3.7 is not; the range test runs on doubles
    // first so that the conversion below is always defined.
    if (std::isfinite(d) && std::floor(d) == d && d >= static_cast<double>(lo) && d <= static_cast<double>(hi))
      return static_cast<std::int64_t>(d);
  } else {
    throw FormatError(where + ": expected a whole number" + range + ", found " + type_of(v) + "; correct the value");
  }
  throw FormatError(where + ": expected a whole number" + range + ", found " + v.dump() + "; correct the value");
}

template <class Json>
double json_number(const Json& v, const std::string& where) {
  if (!v.is_number()) throw FormatError(where + ": expected a number, found " + type_of(v) + "; correct the value");
  const double d = v.template get<double>();
  if (!std::isfinite(d)) throw FormatError(where + ": the number is not finite; correct the value");
  return d;
}

template nlohmann::json parse_json<nlohmann::json>(std::string_view, const JsonSource&, std::size_t);
template nlohmann::ordered_json parse_json<nlohmann::ordered_json>(std::string_view, const JsonSource&, std::size_t);
template std::int64_t json_integer(const nlohmann::json&, const std::string&, std::int64_t, std::int64_t);
template std::int64_t json_integer(const nlohmann::ordered_json&, const std::string&, std::int64_t, std::int64_t);
template double json_number(const nlohmann::json&, const std::string&);
template double json_number(const nlohmann::ordered_json&, const std::string&);

}  // namespace framelens::util
