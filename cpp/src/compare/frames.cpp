#include "framelens/frames.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/utf8.hpp"
#include "text/word_tokens.hpp"

namespace framelens {

// Patterns indexed by their first word: exact first words in a hash map, prefix first words ("protest*")
// in a second map keyed by the prefix, probed with every prefix of a token.
struct FrameLexicon::Index {
  struct Ref {
    std::size_t frame, pattern;
  };
  std::unordered_map<std::string, std::vector<Ref>> exact;
  std::unordered_map<std::string, std::vector<Ref>> prefix;
  std::size_t max_prefix = 0;
};

namespace {

bool word_matches(const std::string& pat, const std::string& tok) {
  if (!pat.empty() && pat.back() == '*') return tok.compare(0, pat.size() - 1, pat, 0, pat.size() - 1) == 0;
  return pat == tok;
}

std::vector<std::string> split_pattern(std::string_view text, std::string_view source) {
  // Words of a pattern are normalised like text tokens; a trailing '*' survives.
  std::vector<std::string> words;
  std::size_t i = 0;
  std::string s(text);
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    const bool star = w.size() > 1 && w.back() == '*';
    if (star) w.pop_back();
    auto toks = detail::word_tokens(w);
    if (toks.empty()) continue;
    for (std::size_t k = 0; k < toks.size(); ++k) {
      words.push_back(toks[k].text);
    }
    if (star) words.back().push_back('*');
    ++i;
  }
  if (words.empty())
    throw FormatError(std::string(source) + ": pattern '" + std::string(text) + "' has no word in it");
  return words;
}

}  // namespace

FrameLexicon::FrameLexicon(std::vector<Frame> frames, std::string name) : frames_(std::move(frames)), name_(std::move(name)) {
  build_index();
}

void FrameLexicon::build_index() {
  auto idx = std::make_shared<Index>();
  for (std::size_t f = 0; f < frames_.size(); ++f) {
    for (std::size_t p = 0; p < frames_[f].patterns.size(); ++p) {
      const auto& first = frames_[f].patterns[p].words.at(0);
      if (!first.empty() && first.back() == '*') {
        const std::string key = first.substr(0, first.size() - 1);
        idx->prefix[key].push_back({f, p});
        idx->max_prefix = std::max(idx->max_prefix, key.size());
      } else {
        idx->exact[first].push_back({f, p});
      }
    }
  }
  index_ = std::move(idx);
}

FrameLexicon FrameLexicon::from_json(std::string_view json, std::string_view source) {
  nlohmann::ordered_json j;  // ordered: frames keep the lexicon's order
  try {
    j = nlohmann::ordered_json::parse(json.begin(), json.end());
  } catch (const nlohmann::ordered_json::parse_error& e) {
    throw FormatError(std::string(source) + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("frames") || !j["frames"].is_object())
    throw FormatError(std::string(source) + ": a frame lexicon is a JSON object with a \"frames\" object "
                      "({\"frames\": {\"conflict\": {\"terms\": {\"clash*\": 1.0}}}})");
  std::vector<Frame> frames;
  for (auto it = j["frames"].begin(); it != j["frames"].end(); ++it) {
    Frame f;
    f.name = it.key();
    const auto& v = it.value();
    if (!v.is_object() || !v.contains("terms") || !v["terms"].is_object())
      throw FormatError(std::string(source) + ": frame '" + f.name + "' needs a \"terms\" object of pattern -> weight");
    f.description = v.value("description", "");
    for (auto t = v["terms"].begin(); t != v["terms"].end(); ++t) {
      if (!t.value().is_number())
        throw FormatError(std::string(source) + ": frame '" + f.name + "', term '" + t.key() + "': the weight must be a number");
      FramePattern p;
      p.text = t.key();
      p.words = split_pattern(t.key(), source);
      p.weight = t.value().get<double>();
      f.patterns.push_back(std::move(p));
    }
    frames.push_back(std::move(f));
  }
  return FrameLexicon(std::move(frames), j.value("name", std::string(source)));
}

FrameLexicon FrameLexicon::from_dic(std::string_view dic, std::string_view source) {
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
    auto is_int = [](const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }); };
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
  FrameScores s;
  s.tokens = tokens.size();
  s.weight.assign(frames_.size(), 0.0);
  s.hits.resize(frames_.size());
  if (!index_) return s;
  const Index& idx = *index_;
  // Per frame: the end of its last match, so that matches of one frame do not overlap.
  std::vector<std::size_t> frame_next(frames_.size(), 0);
  std::vector<std::pair<std::size_t, std::size_t>> best(frames_.size());  // (length, pattern) per frame at i
  std::vector<Index::Ref> cands;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    cands.clear();
    const std::string& tok = tokens[i];
    if (auto it = idx.exact.find(tok); it != idx.exact.end()) cands.insert(cands.end(), it->second.begin(), it->second.end());
    if (!idx.prefix.empty()) {
      for (std::size_t len = 1; len <= std::min(tok.size(), idx.max_prefix); ++len) {
        if (auto it = idx.prefix.find(tok.substr(0, len)); it != idx.prefix.end())
          cands.insert(cands.end(), it->second.begin(), it->second.end());
      }
    }
    if (cands.empty()) continue;
    std::fill(best.begin(), best.end(), std::make_pair(std::size_t{0}, std::size_t{0}));
    for (const auto& ref : cands) {
      if (frame_next[ref.frame] > i) continue;
      const auto& pat = frames_[ref.frame].patterns[ref.pattern];
      if (i + pat.words.size() > tokens.size()) continue;
      bool ok = true;
      for (std::size_t k = 1; k < pat.words.size() && ok; ++k) ok = word_matches(pat.words[k], tokens[i + k]);
      if (ok && pat.words.size() > best[ref.frame].first) best[ref.frame] = {pat.words.size(), ref.pattern};
    }
    for (std::size_t f = 0; f < frames_.size(); ++f) {
      if (best[f].first == 0) continue;
      const auto& pat = frames_[f].patterns[best[f].second];
      s.weight[f] += pat.weight;
      s.hits[f][pat.text] += pat.weight;
      frame_next[f] = i + best[f].first;
    }
  }
  return s;
}

FrameScores FrameLexicon::score_text(std::string_view text) const {
  utf8::validate(text, "text");
  std::vector<std::string> toks;
  for (auto& t : detail::word_tokens(text)) toks.push_back(std::move(t.text));
  return score(toks);
}

std::string FrameLexicon::to_json() const {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["name"] = name_;
  auto& fr = j["frames"] = nlohmann::ordered_json::object();
  for (const auto& f : frames_) {
    auto& o = fr[f.name];
    o["description"] = f.description;
    auto& t = o["terms"] = nlohmann::ordered_json::object();
    for (const auto& p : f.patterns) t[p.text] = p.weight;
  }
  return j.dump(2);
}

}  // namespace framelens
