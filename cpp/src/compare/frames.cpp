#include "framelens/frames.hpp"
#include "framelens/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens {

// Patterns indexed by their first word: exact first words in one open-addressing map, prefix first words
// ("protest*") in a second keyed by the prefix, probed with every prefix of a token that occurs as a
// prefix length. `first` numbers the patterns of all frames in one sequence (frame f's pattern p is
// first[f] + p). Look-ups hash a token's bytes in place: no string built, no node chased.
struct FrameLexicon::Index {
  struct Ref {
    std::size_t frame, pattern;
  };
  struct Map {
    Vocabulary keys{64};
    std::vector<std::vector<Ref>> refs;  // per key id
    std::vector<Ref>& slot(std::string_view key) {
      const std::uint32_t id = keys.insert(key);
      if (id == refs.size()) refs.emplace_back();
      return refs[id];
    }
    const std::vector<Ref>* find(std::string_view key) const {
      const std::uint32_t id = keys.find(key);
      return id == Vocabulary::npos ? nullptr : &refs[id];
    }
  };
  Map exact, prefix;
  std::vector<std::size_t> prefix_lengths;  ///< ascending
  std::vector<std::size_t> first;
};

// Each term id's candidate patterns, filled on first sight: refs[begin[id], end[id]).
struct FrameMemo::Impl {
  std::vector<std::uint32_t> begin, end;
  std::vector<char> known;
  std::vector<FrameLexicon::Index::Ref> refs;
};

FrameMemo::FrameMemo() : impl_(std::make_unique<Impl>()) {}
FrameMemo::~FrameMemo() = default;
FrameMemo::FrameMemo(FrameMemo&&) noexcept = default;
FrameMemo& FrameMemo::operator=(FrameMemo&&) noexcept = default;

namespace {

// The project tokenizer with the options of Corpus::dtm()'s defaults (one instance, thread-safe).
const Tokenizer& project_tokenizer() {
  static const Tokenizer tokenizer{TokenOptions{}};
  return tokenizer;
}

bool word_matches(std::string_view pat, std::string_view tok) {
  if (!pat.empty() && pat.back() == '*') return tok.substr(0, pat.size() - 1) == pat.substr(0, pat.size() - 1);
  return pat == tok;
}

// Words of a pattern, tokenized as text is ("stand-off" is two words); a trailing '*' survives.
std::vector<std::string> split_pattern(std::string_view text, std::string_view source) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) {
    const bool star = w.size() > 1 && w.back() == '*';
    if (star) w.pop_back();
    auto toks = project_tokenizer().tokenize(w);
    if (toks.empty()) continue;
    for (auto& t : toks) words.push_back(std::move(t.text));
    if (star) words.back().push_back('*');
  }
  if (words.empty())
    throw FormatError(std::string(source) + ": pattern '" + std::string(text) + "' has no word in it");
  return words;
}

double feature_value(FrameFeature f, std::size_t count, std::size_t tokens) {
  const double c = static_cast<double>(count);
  const double rate = tokens ? 1000.0 * c / static_cast<double>(tokens) : 0.0;
  switch (f) {
    case FrameFeature::count: return c;
    case FrameFeature::log_count: return std::log1p(c);
    case FrameFeature::binary: return count > 0 ? 1.0 : 0.0;
    case FrameFeature::per_1000: return rate;
    case FrameFeature::log_per_1000: return std::log1p(rate);
  }
  return c;
}

// On the per_1000 scale a pattern's contribution is a number of matches, which the score divides by tokens / 1,000.
// count: its c matches; log_per_1000: (tokens / 1,000) ln(1 + 1,000 c / tokens) matches — about c while the
// pattern is rare in the text, fewer as it repeats — so the score per 1,000 tokens is the sum over patterns of
// weight x ln(1 + the pattern's matches per 1,000 tokens), and an outlet's pooled score (summed contributions per
// 1,000 of its tokens) is the token-weighted mean of its documents' scores, as with count.
double matches_counted(FrameFeature f, std::size_t count, std::size_t tokens) {
  if (f != FrameFeature::log_per_1000 || tokens == 0) return static_cast<double>(count);
  const double per_1000 = static_cast<double>(tokens) / 1000.0;
  return per_1000 * std::log1p(static_cast<double>(count) / per_1000);
}

template <class E, std::size_t N>
E parse_name(std::string_view name, const char* what, const std::pair<const char*, E> (&table)[N]) {
  std::string valid;
  for (const auto& [n, e] : table) {
    if (name == n) return e;
    valid += valid.empty() ? n : std::string(", ") + n;
  }
  throw InvalidArgument(std::string("frame lexicon: unknown ") + what + " '" + std::string(name) + "'; use one of " + valid);
}

const std::pair<const char*, FrameScale> kScales[] = {{"per_1000", FrameScale::per_1000}, {"logistic", FrameScale::logistic}};
const std::pair<const char*, FrameMatch> kMatches[] = {{"longest", FrameMatch::longest}, {"every", FrameMatch::every}};
const std::pair<const char*, FrameFeature> kFeatures[] = {{"count", FrameFeature::count},
                                                          {"log_count", FrameFeature::log_count},
                                                          {"binary", FrameFeature::binary},
                                                          {"per_1000", FrameFeature::per_1000},
                                                          {"log_per_1000", FrameFeature::log_per_1000}};

template <class E, std::size_t N>
const char* name_of(E e, const std::pair<const char*, E> (&table)[N]) noexcept {
  for (const auto& [n, v] : table)
    if (v == e) return n;
  return "";
}

void check_utf8(const std::string& s, const char* what) { utf8::validate(s, std::string("frame lexicon ") + what); }

}  // namespace

const char* to_string(FrameScale s) noexcept { return name_of(s, kScales); }
const char* to_string(FrameMatch m) noexcept { return name_of(m, kMatches); }
const char* to_string(FrameFeature f) noexcept { return name_of(f, kFeatures); }
FrameScale frame_scale(std::string_view name) { return parse_name(name, "scale", kScales); }
FrameMatch frame_match(std::string_view name) { return parse_name(name, "match", kMatches); }
FrameFeature frame_feature(std::string_view name) { return parse_name(name, "feature", kFeatures); }

FrameLexicon::FrameLexicon(std::vector<Frame> frames, std::string name, FrameScale scale, FrameMatch match,
                           FrameFeature feature)
    : frames_(std::move(frames)), name_(std::move(name)), scale_(scale), match_(match), feature_(feature) {
  check_utf8(name_, "name");
  for (const auto& f : frames_) {
    check_utf8(f.name, "frame name");
    check_utf8(f.description, "frame description");
    if (!std::isfinite(f.intercept)) throw InvalidArgument("frame lexicon: frame '" + f.name + "': the intercept must be finite");
    for (const auto& p : f.patterns) {
      check_utf8(p.text, "pattern");
      if (p.words.empty()) throw InvalidArgument("frame lexicon: frame '" + f.name + "': pattern '" + p.text + "' has no word");
      if (!std::isfinite(p.weight))
        throw InvalidArgument("frame lexicon: frame '" + f.name + "', pattern '" + p.text + "': the weight must be finite");
    }
  }
  if (scale_ == FrameScale::per_1000 && feature_ != FrameFeature::count && feature_ != FrameFeature::log_per_1000)
    throw InvalidArgument(std::string("frame lexicon: feature '") + to_string(feature_) +
                          "' needs scale 'logistic'; the per_1000 scale counts matches (feature 'count' or 'log_per_1000')");
  build_index();
}

void FrameLexicon::set_about(std::string about) {
  check_utf8(about, "about");
  about_ = std::move(about);
}

void FrameLexicon::build_index() {
  auto idx = std::make_shared<Index>();
  std::size_t total = 0;
  for (std::size_t f = 0; f < frames_.size(); ++f) {
    idx->first.push_back(total);
    total += frames_[f].patterns.size();
    for (std::size_t p = 0; p < frames_[f].patterns.size(); ++p) {
      const auto& first = frames_[f].patterns[p].words.front();
      if (!first.empty() && first.back() == '*') {
        idx->prefix.slot(std::string_view(first).substr(0, first.size() - 1)).push_back({f, p});
        idx->prefix_lengths.push_back(first.size() - 1);
      } else {
        idx->exact.slot(first).push_back({f, p});
      }
    }
  }
  std::sort(idx->prefix_lengths.begin(), idx->prefix_lengths.end());
  idx->prefix_lengths.erase(std::unique(idx->prefix_lengths.begin(), idx->prefix_lengths.end()), idx->prefix_lengths.end());
  index_ = std::move(idx);
}

FrameLexicon FrameLexicon::from_json(std::string_view json, std::string_view source) {
  utf8::validate(json, source);
  const std::string src(source);
  nlohmann::ordered_json j;  // ordered: frames keep the lexicon's order
  try {
    j = nlohmann::ordered_json::parse(json.begin(), json.end());
  } catch (const nlohmann::ordered_json::exception& e) {
    throw FormatError(src + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("frames") || !j["frames"].is_object())
    throw FormatError(src + ": a frame lexicon is a JSON object with a \"frames\" object "
                      "({\"frames\": {\"conflict\": {\"terms\": {\"clash*\": 1.0}}}})");
  auto text_field = [&](const nlohmann::ordered_json& o, const char* key, const char* fallback) {
    if (!o.contains(key)) return std::string(fallback);
    if (!o[key].is_string()) throw FormatError(src + ": \"" + key + "\" must be a string");
    return o[key].get<std::string>();
  };
  auto number_field = [&](const nlohmann::ordered_json& v, const std::string& where) {
    if (!v.is_number()) throw FormatError(src + ": " + where + " must be a number");
    const double x = v.get<double>();
    if (!std::isfinite(x)) throw FormatError(src + ": " + where + " must be a finite number");
    return x;
  };
  FrameScale scale;
  FrameMatch match;
  FrameFeature feature;
  try {
    scale = frame_scale(text_field(j, "scale", "per_1000"));
    match = frame_match(text_field(j, "match", "longest"));
    feature = frame_feature(text_field(j, "feature", "count"));
  } catch (const FormatError&) {
    throw;
  } catch (const InvalidArgument& e) {
    throw FormatError(src + ": " + e.what());
  }
  std::vector<Frame> frames;
  for (auto it = j["frames"].begin(); it != j["frames"].end(); ++it) {
    Frame f;
    f.name = it.key();
    const auto& v = it.value();
    if (!v.is_object() || !v.contains("terms") || !v["terms"].is_object())
      throw FormatError(src + ": frame '" + f.name + "' needs a \"terms\" object of pattern -> weight");
    f.description = text_field(v, "description", "");
    if (v.contains("intercept")) f.intercept = number_field(v["intercept"], "frame '" + f.name + "': the intercept");
    for (auto t = v["terms"].begin(); t != v["terms"].end(); ++t) {
      FramePattern p;
      p.text = t.key();
      p.weight = number_field(t.value(), "frame '" + f.name + "', term '" + t.key() + "': the weight");
      p.words = split_pattern(t.key(), source);
      f.patterns.push_back(std::move(p));
    }
    frames.push_back(std::move(f));
  }
  try {
    FrameLexicon lex(std::move(frames), text_field(j, "name", src.c_str()), scale, match, feature);
    lex.set_about(text_field(j, "about", ""));
    return lex;
  } catch (const FormatError&) {
    throw;
  } catch (const EncodingError&) {
    throw;
  } catch (const InvalidArgument& e) {
    throw FormatError(src + ": " + e.what());
  }
}

FrameLexicon FrameLexicon::from_dic(std::string_view dic, std::string_view source) {
  utf8::validate(dic, source);  // the patterns are tokenized, and names end up in JSON: both need valid UTF-8
  std::istringstream in{std::string(dic)};
  std::string line;
  std::size_t lineno = 0;
  std::map<long, std::size_t> id_to_frame;
  std::vector<Frame> frames;
  int section = 0;  // 0 before the first %, 1 in the header, 2 in the entries
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    if (line[first] == '%') {
      if (++section > 2)
        throw FormatError(std::string(source) + ", line " + std::to_string(lineno) + ": a third '%' line; a .dic file has one header between two '%' lines");
      continue;
    }
    if (section == 0)
      throw FormatError(std::string(source) + ", line " + std::to_string(lineno) + ": expected '%' to open the category header of a LIWC-style .dic file");
    std::istringstream ls(line);
    std::vector<std::string> fields;
    for (std::string w; ls >> w;) fields.push_back(w);
    // Category numbers: up to 9 digits, so std::stol cannot overflow.
    auto is_int = [](const std::string& s) {
      return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
    };
    if (section == 1) {
      if (fields.size() < 2 || !is_int(fields[0]))
        throw FormatError(std::string(source) + ", line " + std::to_string(lineno) + ": a header line is '<number> <category>', got '" + line + "'");
      std::string name = fields[1];
      for (std::size_t k = 2; k < fields.size(); ++k) name += " " + fields[k];
      id_to_frame[std::stol(fields[0])] = frames.size();
      frames.push_back(Frame{name, {}, {}});
      continue;
    }
    std::size_t k = fields.size();
    while (k > 0 && is_int(fields[k - 1])) --k;
    if (k == 0 || k == fields.size())
      throw FormatError(std::string(source) + ", line " + std::to_string(lineno) + ": an entry is '<word or phrase> <category number> ...', got '" + line + "'");
    std::string pattern = fields[0];
    for (std::size_t m = 1; m < k; ++m) pattern += " " + fields[m];
    FramePattern p;
    p.text = pattern;
    p.words = split_pattern(pattern, source);
    for (std::size_t m = k; m < fields.size(); ++m) {
      auto it = id_to_frame.find(std::stol(fields[m]));
      if (it == id_to_frame.end())
        throw FormatError(std::string(source) + ", line " + std::to_string(lineno) + ": category " + fields[m] + " is not declared in the header");
      frames[it->second].patterns.push_back(p);
    }
  }
  if (section < 2) throw FormatError(std::string(source) + ": no '%' ... '%' category header found; is this a LIWC-style .dic file?");
  return FrameLexicon(std::move(frames), std::string(source));
}

FrameLexicon FrameLexicon::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    std::ifstream probe(path);
    throw FileNotFound("frame lexicon '" + path + "' not found; give a .json or .dic file", path);
  }
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  utf8::strip_bom(text);
  utf8::validate(text, path);
  const bool dic = path.size() >= 4 && path.compare(path.size() - 4, 4, ".dic") == 0;
  return dic ? from_dic(text, path) : from_json(text, path);
}

const FrameLexicon& FrameLexicon::generic() {
  static const FrameLexicon lex = from_json(data::embedded("frames_generic.json"), "frames_generic.json");
  return lex;
}

FrameScores FrameLexicon::score(const std::vector<std::string>& tokens) const {
  return score(std::vector<std::string_view>(tokens.begin(), tokens.end()));
}

FrameScores FrameLexicon::score(const std::vector<std::string_view>& tokens) const {
  return score(tokens, nullptr, nullptr);
}

FrameScores FrameLexicon::score(const std::vector<std::string_view>& tokens, const std::vector<std::uint32_t>& ids,
                                FrameMemo& memo) const {
  if (ids.size() != tokens.size())
    throw InvalidArgument("frame scores: " + std::to_string(ids.size()) + " term ids for " + std::to_string(tokens.size()) +
                          " tokens");
  return score(tokens, &ids, memo.impl_.get());
}

FrameScores FrameLexicon::score(const std::vector<std::string_view>& tokens, const std::vector<std::uint32_t>* ids,
                                FrameMemo::Impl* memo) const {
  FrameScores s;
  s.tokens = tokens.size();
  s.scale = scale_;
  s.weight.assign(frames_.size(), 0.0);
  s.value.assign(frames_.size(), 0.0);
  if (!index_) return s;
  const Index& idx = *index_;
  std::unordered_map<std::size_t, std::size_t> count;  // pattern number (idx.first[f] + p) -> matches
  // Longest match: per frame, the end of its last match, so that matches of one frame do not overlap.
  std::vector<std::size_t> frame_next(frames_.size(), 0);
  std::vector<std::pair<std::size_t, std::size_t>> best(frames_.size());  // (length, pattern) per frame at i
  std::vector<Index::Ref> cands;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto look_up = [&](std::vector<Index::Ref>& out) {
      const std::string_view tok = tokens[i];
      if (const auto* refs = idx.exact.find(tok)) out.insert(out.end(), refs->begin(), refs->end());
      for (const std::size_t len : idx.prefix_lengths) {
        if (len > tok.size()) break;
        if (const auto* refs = idx.prefix.find(tok.substr(0, len))) out.insert(out.end(), refs->begin(), refs->end());
      }
    };
    const Index::Ref *first = nullptr, *last = nullptr;
    if (memo) {
      const std::uint32_t id = (*ids)[i];
      if (id >= memo->known.size()) {
        const std::size_t size = std::max<std::size_t>(id + 1, 2 * memo->known.size());
        memo->known.resize(size, 0);
        memo->begin.resize(size, 0);
        memo->end.resize(size, 0);
      }
      if (!memo->known[id]) {
        memo->begin[id] = static_cast<std::uint32_t>(memo->refs.size());
        look_up(memo->refs);
        memo->end[id] = static_cast<std::uint32_t>(memo->refs.size());
        memo->known[id] = 1;
      }
      first = memo->refs.data() + memo->begin[id];  // the memo's own refs, not a copy per token
      last = memo->refs.data() + memo->end[id];
    } else {
      cands.clear();
      look_up(cands);
      first = cands.data();
      last = first + cands.size();
    }
    if (first == last) continue;
    std::fill(best.begin(), best.end(), std::make_pair(std::size_t{0}, std::size_t{0}));
    for (const Index::Ref* r = first; r != last; ++r) {
      const Index::Ref& ref = *r;
      if (match_ == FrameMatch::longest && frame_next[ref.frame] > i) continue;
      const auto& pat = frames_[ref.frame].patterns[ref.pattern];
      if (pat.words.size() > tokens.size() - i) continue;
      bool ok = true;
      for (std::size_t k = 1; k < pat.words.size() && ok; ++k) ok = word_matches(pat.words[k], tokens[i + k]);
      if (!ok) continue;
      if (match_ == FrameMatch::every)
        ++count[idx.first[ref.frame] + ref.pattern];
      else if (pat.words.size() > best[ref.frame].first)
        best[ref.frame] = {pat.words.size(), ref.pattern};
    }
    for (std::size_t f = 0; match_ == FrameMatch::longest && f < frames_.size(); ++f) {
      if (best[f].first == 0) continue;
      ++count[idx.first[f] + best[f].second];
      frame_next[f] = i + best[f].first;
    }
  }
  // Pattern counts -> weight x feature per frame (in pattern order, so sums do not depend on hashing).
  std::vector<std::pair<std::size_t, std::size_t>> matched(count.begin(), count.end());
  std::sort(matched.begin(), matched.end());
  std::size_t f = 0;
  for (const auto& [number, n] : matched) {
    while (f + 1 < frames_.size() && idx.first[f + 1] <= number) ++f;
    const auto& pat = frames_[f].patterns[number - idx.first[f]];
    const double x = pat.weight * (scale_ == FrameScale::per_1000 ? matches_counted(feature_, n, tokens.size())
                                                                 : feature_value(feature_, n, tokens.size()));
    s.weight[f] += x;
    s.matches.push_back({static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(number - idx.first[f]), x});
  }
  for (std::size_t k = 0; k < frames_.size(); ++k)
    s.value[k] = scale_ == FrameScale::logistic ? 1.0 / (1.0 + std::exp(-(frames_[k].intercept + s.weight[k]))) : s.per_1000(k);
  return s;
}

std::map<std::string, double> FrameLexicon::hits(const FrameScores& scores, std::size_t f) const {
  std::map<std::string, double> out;
  for (const PatternHit& h : scores.matches)
    if (h.frame == f && h.frame < frames_.size() && h.pattern < frames_[f].patterns.size())
      out[frames_[f].patterns[h.pattern].text] += h.weight;
  return out;
}

FrameScores FrameLexicon::score_text(std::string_view text) const {
  utf8::validate(text, "text");
  const auto tokens = project_tokenizer().tokenize(text);
  std::vector<std::string_view> toks;
  toks.reserve(tokens.size());
  for (const auto& t : tokens) toks.emplace_back(t.text);
  return score(toks);
}

std::vector<FrameScores> FrameLexicon::score(const Corpus& corpus, int threads) const {
  std::vector<FrameScores> out(corpus.size());
  detail::parallel_for(corpus.size(), resolve_threads(threads), 4, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) out[i] = score_text(corpus[i].text);
  });
  return out;
}

std::string FrameLexicon::to_json() const {
  nlohmann::ordered_json j;
  j["version"] = 2;
  j["name"] = name_;
  if (!about_.empty()) j["about"] = about_;
  j["scale"] = to_string(scale_);
  j["match"] = to_string(match_);
  j["feature"] = to_string(feature_);
  auto& fr = j["frames"] = nlohmann::ordered_json::object();
  for (const auto& f : frames_) {
    auto& o = fr[f.name];
    o["description"] = f.description;
    o["intercept"] = f.intercept;
    auto& t = o["terms"] = nlohmann::ordered_json::object();
    for (const auto& p : f.patterns) t[p.text] = p.weight;
  }
  return j.dump(2);
}

}  // namespace framelens
