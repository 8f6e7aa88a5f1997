// Learned speaker choice (speaker_choice.hpp): the candidate speaker mentions of each attribution —
// one function per source of candidates — their features, scoring with a model's speaker weights,
// and the annotation's answer for training. Every example in the comments is invented.
#include "quotes/speaker_choice.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <unordered_map>

#include "quotes/boundaries.hpp"
#include "quotes/speakers.hpp"

namespace framelens::quotes_detail {

namespace {

using namespace std::string_view_literals;

constexpr std::size_t kReach = 60;        // candidates within this many tokens of the cue
constexpr std::size_t kMaxCandidates = 24;

// What every decision of a document shares, computed once: sentence ids, the noted mentions in
// text order (source tag kept), and the type of each range classified so far.
struct DocInfo {
  std::vector<std::size_t> sent;
  std::vector<std::pair<Range, std::string_view>> noted;
  std::map<Range, std::string> types;
  std::unordered_map<std::string_view, std::size_t> freq;  // occurrences of each word in the document
};

DocInfo doc_info(const DocState& d) {
  DocInfo info;
  info.sent = sentence_ids(d);
  for (const Range& r : d.entity_mentions) info.noted.emplace_back(r, "entity");
  for (const Range& r : d.person_mentions) info.noted.emplace_back(r, "person");
  std::stable_sort(info.noted.begin(), info.noted.end(), [](const auto& x, const auto& y) { return x.first.first < y.first.first; });
  for (const Tok& tk : d.toks)
    if (tk.kind == TK::word) ++info.freq[tk.low];
  return info;
}

struct Candidate {
  Range r;
  std::vector<std::string_view> sources;  // the generators that proposed it
};

// What the candidates of one attribution share: the document, the anchor (the cue's tokens, or the
// first content piece's without a cue) and the tokens the candidates may come from.
struct Context {
  const DocState& d;
  const Extractor& ex;
  const Lexicon& lex;
  TokView t;
  const std::vector<std::size_t>& sent;
  DocInfo& info;
  const Attribution& at;
  std::size_t aa = 0, ab = 0;   // anchor tokens [aa, ab)
  bool cue = false;
  std::size_t wa = 0, wb = 0;   // window [wa, wb): the anchor's sentence and the one before, within kReach
  Range rule{0, 0};             // the rules' mention (empty: none)
  std::vector<Candidate> cands;
};

std::size_t token_from(const DocState& d, std::size_t byte) {
  return static_cast<std::size_t>(
      std::lower_bound(d.toks.begin(), d.toks.end(), byte, [](const Tok& t, std::size_t b) { return t.s < b; }) - d.toks.begin());
}

bool overlaps_contents(const Context& c, Range r) {
  if (r.second <= r.first) return false;
  const std::size_t s = c.t[r.first].s, e = c.t[r.second - 1].e;
  for (const Span& sp : c.at.contents)
    if (s < sp.end && sp.start < e) return true;
  return false;
}

// A candidate from `source`: merged with an equal one, dropped when it is empty, outside the window
// or inside the statement's contents (the rules' pick is always kept).
void propose(Context& c, Range r, std::string_view source) {
  const bool rule = source == "rule"sv;
  if (!rule && (r.second <= r.first || r.first < c.wa || r.second > c.wb || overlaps_contents(c, r))) return;
  for (auto& x : c.cands)
    if (x.r == r) { x.sources.push_back(source); return; }
  if (c.cands.size() < kMaxCandidates) c.cands.push_back({r, {source}});
}

// The rules' pick (first, "no speaker" when they found none).
void from_rules(Context& c) { propose(c, c.rule, "rule"); }

// The noun phrases right before and right after the cue ("the mayor said", "said the mayor").
void from_cue(Context& c) {
  if (!c.cue) return;
  propose(c, c.ex.np_back(c.d, c.wa, c.aa), "cue_before");
  propose(c, c.ex.np_fwd(c.d, c.ab, c.wb, true), "cue_after");
}

// Runs of capitalised words outside quotations ("Foreign Minister Ana Ruiz"), a sentence's opening
// function word left out.
void from_names(Context& c) {
  for (std::size_t k = c.wa; k < c.wb;) {
    const Tok& tk = c.t[k];
    if (tk.kind != TK::word || !tk.cap || tk.in_quote) { ++k; continue; }
    std::size_t e = k + 1;
    while (e < c.wb && c.t[e].kind == TK::word && c.t[e].cap && !c.t[e].in_quote) ++e;
    std::size_t s = k;
    while (s < e && (is_stop(c.lex, c.t[s]) || c.lex.determiners.count(c.t[s].low) > 0)) ++s;
    propose(c, {s, e}, "name");
    k = e;
  }
}

// Speaker pronouns outside quotations ("he", "they", "it"), and relative ones ("the mayor, who
// said …": some annotations name "who" as the source).
void from_pronouns(Context& c) {
  for (std::size_t k = c.wa; k < c.wb; ++k) {
    const Tok& tk = c.t[k];
    if (tk.kind != TK::word || tk.in_quote) continue;
    const auto p = c.lex.pronouns.find(std::string(tk.low));
    if (p != c.lex.pronouns.end()) propose(c, {k, k + 1}, p->second != "relative" ? "pronoun"sv : "relative"sv);
  }
}

// A complementizer right before the cue, adverbs between, after a word: "that" as a relative
// pronoun ("a group that endorsed the plan", "the planks that oppose it"), which some annotations
// name as the source, like "who" and "which".
void from_relative_that(Context& c) {
  if (!c.cue) return;
  std::size_t k = c.aa;
  while (k > c.wa && c.ex.adverb(c.t[k - 1])) --k;
  if (k < c.wa + 2) return;
  const Tok& rel = c.t[k - 1];
  const Tok& before = c.t[k - 2];
  if (rel.kind != TK::word || rel.in_quote || !c.lex.words.complementizers.count(rel.low)) return;
  if (before.kind != TK::word || c.ex.is_cue_word(before)) return;
  propose(c, {k - 1, k}, "rel_that");
}

// Noun phrases headed by a title, an anonymous, organisation or document head ("the spokeswoman",
// "officials", "the ministry", "the report").
void from_heads(Context& c) {
  for (std::size_t k = c.wa; k < c.wb; ++k) {
    const Tok& tk = c.t[k];
    if (tk.kind != TK::word || tk.in_quote || tk.cap) continue;
    if (!(c.lex.titles.count(tk.low) || c.lex.anonymous_heads.count(tk.low) || c.lex.organisation_heads.count(tk.low) ||
          c.lex.media_heads.count(tk.low) || c.lex.document_heads.count(tk.low)))
      continue;
    propose(c, c.ex.np_back(c.d, c.wa, k + 1), "head");
  }
}

// Mentions the rules noted on the way: subjects of cues that attributed nothing and full names
// opening a sentence.
void from_noted(Context& c) {
  const auto& noted = c.info.noted;
  auto it = std::lower_bound(noted.begin(), noted.end(), c.wa, [](const auto& x, std::size_t k) { return x.first.first < k; });
  for (; it != noted.end() && it->first.first < c.wb; ++it) propose(c, it->first, it->second);
}

// The speaker of the statement before, when it is near ("“…,” Ruiz said. “…”").
void from_previous(Context& c, std::size_t ai) {
  for (std::size_t i = ai; i-- > 0 && ai - i <= 8;) {
    const Attribution& p = c.d.attrs[i];
    if (p.scare || !p.has_speaker || p.mention_b <= p.mention_a) continue;
    propose(c, {p.mention_a, p.mention_b}, "previous");
    return;
  }
}

// Two candidates joined when they are next to each other or one word apart ("Angaben" + "der
// Polizei", "Aussagen von" + "Ida Roos"; "statements by" + "the mayor").
void joined_neighbours(Context& c) {
  const std::size_t n = c.cands.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const Range x = c.cands[i].r, y = c.cands[j].r;
      if (x.second <= x.first || y.second <= y.first || y.first < x.second || y.first > x.second + 1) continue;
      if (y.first == x.second + 1 && (c.t[x.second].kind != TK::word || c.t[x.second].in_quote)) continue;
      propose(c, {x.first, y.second}, "joined");
    }
}

// Each candidate so far with the comma that follows it ("Ida Roos, a baker from Varne," — some
// annotations take the comma closing an apposition into the source).
void with_trailing_comma(Context& c) {
  const std::size_t n = c.cands.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Range r = c.cands[i].r;
    if (r.second > r.first && r.second < c.t.size() && c.t[r.second].low == ","sv && !c.t[r.second].in_quote)
      propose(c, {r.first, r.second + 1}, "comma");
  }
}

// A signed token distance in buckets: exact up to 2, then 3-5, 6-10, 11-20, 21+.
std::string bucket(long long d) {
  const long long a = d < 0 ? -d : d;
  const char* sign = d < 0 ? "-" : "+";
  if (a <= 2) return std::to_string(d);
  if (a <= 5) return std::string(sign) + "3-5";
  if (a <= 10) return std::string(sign) + "6-10";
  if (a <= 20) return std::string(sign) + "11-20";
  return std::string(sign) + "21+";
}

// What a mention is, as a feature value: pronoun kind, nominal, or the speaker type.
const std::string& mention_type(const Context& c, Range r) {
  static const std::string none = "none";
  if (r.second <= r.first) return none;
  const auto it = c.info.types.find(r);
  if (it != c.info.types.end()) return it->second;
  const Mention m = SpeakerBuilder(c.lex, c.d).classify(r.first, r.second);
  std::string type = m.pronoun ? "pron-" + m.pron_kind : m.nominal ? std::string("nominal") : std::string(to_string(m.type));
  return c.info.types.emplace(r, std::move(type)).first->second;
}

std::string_view word_value(const Context& c, std::size_t k) {
  if (k >= c.t.size()) return "<end>";
  const Tok& tk = c.t[k];
  if (tk.kind == TK::mark) return "<mark>";
  if (tk.kind == TK::word && tk.cap) return "<cap>";
  if (tk.low.size() > 20) return "<long>";
  return tk.low;
}

// How a candidate relates to the rules' pick.
std::string_view relation(Range r, Range rule) {
  if (rule.second <= rule.first) return "norule";
  if (r == rule) return "same";
  if (r.first <= rule.first && r.second >= rule.second) return "contains";
  if (r.first >= rule.first && r.second <= rule.second) return "inside";
  if (r.first < rule.second && rule.first < r.second) return "overlap";
  return "disjoint";
}

constexpr std::string_view kDigits[] = {"0", "1", "2", "3", "4", "5"};

// Occurrences of the candidate's last word in the kPrior tokens before it (0, 1, 2, 3+).
constexpr std::size_t kPrior = 400;
std::string_view prior_count(const Context& c, Range r) {
  const std::string_view w = c.t[r.second - 1].low;
  std::size_t n = 0;
  for (std::size_t k = r.first; k-- > 0 && r.first - k <= kPrior && n < 3;) n += c.t[k].low == w;
  return kDigits[n];
}

// Occurrences of the candidate's last word in the whole document (1, 2, 3: 3-5, 4: 6 or more).
std::string_view doc_count(const Context& c, Range r) {
  const auto it = c.info.freq.find(c.t[r.second - 1].low);
  const std::size_t n = it == c.info.freq.end() ? 0 : it->second;
  return kDigits[n <= 2 ? n : n <= 5 ? 3 : 4];
}

// Tokens between a candidate and the anchor: a comma, a quotation mark.
std::pair<bool, bool> between(const Context& c, Range r, bool before) {
  bool comma = false, mark = false;
  const std::size_t lo = before ? r.second : c.ab, hi = before ? c.aa : r.first;
  for (std::size_t k = lo; k < hi; ++k) {
    comma = comma || c.t[k].low == ","sv;
    mark = mark || c.t[k].kind == TK::mark;
  }
  return {comma, mark};
}

// The class of a word, as a feature value that generalises over word identities: a candidate that
// starts or ends in an adverb ("soon"), a time word ("Sunday"), a preposition, a negated auxiliary
// ("doesn't") or a cue word is rarely a speaker, whatever the word.
bool ends_with(std::string_view w, std::string_view suf) {
  return w.size() > suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0;
}

std::string_view word_class(const Context& c, std::size_t k) {
  if (k >= c.t.size()) return "end";
  const Tok& tk = c.t[k];
  if (tk.kind == TK::mark) return "mark";
  if (tk.kind != TK::word) return tk.low == ","sv ? "comma"sv : "punct"sv;
  const auto& w = c.lex.words;
  if (w.subject_pronouns.count(tk.low) || w.object_pronouns.count(tk.low) || w.relative_pronouns.count(tk.low)) return "pron";
  if (w.time_words.count(tk.low) || w.weekdays.count(tk.low) || w.dates.count(tk.low) || w.day_parts.count(tk.low) ||
      w.periods.count(tk.low))
    return "time";
  if (c.lex.determiners.count(tk.low)) return "det";
  if (w.prepositions.count(tk.low)) return "prep";
  if (ends_with(tk.low, "n't"sv) || ends_with(tk.low, "n’t"sv)) return "neg";
  if (tk.cap) return "cap";
  if (c.ex.adverb(tk)) return "adv";
  for (const auto& suf : w.adverb_suffixes)
    if (ends_with(tk.low, suf) && !w.suffix_nouns.count(tk.low)) return "adv";
  if (c.ex.is_cue_word(tk)) return "cue";
  if (w.function_words.count(tk.low)) return "func";
  if (tk.low.front() >= '0' && tk.low.front() <= '9') return "num";
  return "low";
}

// Features of candidate i (with rank: its order by distance on its side of the anchor).
template <class Sink>
void features(const Context& c, std::size_t i, std::size_t rank, std::string_view rule_type, Sink& emit) {
  const Candidate& x = c.cands[i];
  if (x.r.second <= x.r.first) {
    emit({"k:none"});
    if (c.at.loose) emit({"L|k:none"});
    emit({"k:none|", c.cue ? "cue" : "nocue"});
    return;
  }
  const bool before = x.r.second <= c.aa;
  const std::string_view side = c.cue ? (before ? "before" : x.r.first >= c.ab ? "after" : "in") : (before ? "nc-before" : "nc-after");
  const long long dist = before ? static_cast<long long>(x.r.second) - static_cast<long long>(c.aa)
                                : static_cast<long long>(x.r.first) - static_cast<long long>(c.ab);
  const std::string_view sent = c.sent[x.r.first] == c.sent[c.aa] ? "same" : "other";
  const std::string_view type = mention_type(c, x.r);
  const std::string_view rel = relation(x.r, c.rule);
  // A statement a statement model added (Attribution::loose) has no cue of the rules' kind and its
  // rules' pick is weak: the main features again, apart, for it ("L|k:…").
  auto both = [&](std::initializer_list<std::string_view> parts) {
    emit(parts);
    if (!c.at.loose) return;
    std::string joined;
    for (const auto p : parts) joined.append(p);
    emit({"L|", joined});
  };
  emit({"k:cand"});
  if (c.at.loose) emit({"L|k:cand"});
  for (const auto s : x.sources) {
    emit({"k:src=", s});
    both({"k:src=", s, "|", side});
  }
  both({"k:side=", side, "|", sent});
  both({"k:d=", bucket(dist), "|", side});
  both({"k:rank=", kDigits[std::min<std::size_t>(rank, 3)], "|", side});
  emit({"k:t=", type});
  both({"k:t=", type, "|", side});
  emit({"k:t=", type, "|rule=", rule_type});
  both({"k:rel=", rel, "|", rule_type});
  emit({"k:rel=", rel, "|", type});
  emit({"k:len=", kDigits[std::min<std::size_t>(x.r.second - x.r.first, 5)]});
  emit({"k:prev=", word_value(c, x.r.first - 1)});
  const std::string_view next = word_value(c, x.r.second);
  emit({"k:next=", next});
  emit({"k:next=", next, "|", side});
  const std::string_view fc = word_class(c, x.r.first), lc = word_class(c, x.r.second - 1);
  both({"k:fc=", fc, "|", side});
  both({"k:lc=", lc});
  both({"k:fc=", fc, "|lc=", lc});
  emit({"k:pc=", word_class(c, x.r.first - 1), "|", side});
  // What kind of statement the rules made: a continuation of the speaker before, an attitude's
  // object, a question reported without a source.
  const std::string_view kind = c.at.no_source ? "nosrc"sv : c.at.continuation ? "cont"sv : c.at.attitude ? "att"sv : "plain"sv;
  emit({"k:kind=", kind, "|", rel});
  emit({"k:kind=", kind, "|", type});
  emit({"k:first=", word_value(c, x.r.first)});
  emit({"k:last=", word_value(c, x.r.second - 1)});
  emit({"k:prior=", prior_count(c, x.r)});
  if (c.cue) emit({"k:cue=", c.t[c.aa].low, "|", side});
  emit({"k:t=", type, "|", c.cue ? "cue" : "nocue"});
  emit({"k:para=", c.d.tok_para[x.r.first] == c.d.tok_para[c.aa] ? "same"sv : "other"sv, "|", side});
  const bool opens = x.r.first == 0 || c.sent[x.r.first - 1] != c.sent[x.r.first];
  if (opens) emit({"k:opens|", side});
  if (c.t[x.r.first].in_quote) emit({"k:in_quote"});
  emit({"k:docfreq=", doc_count(c, x.r)});
  emit({"k:nsrc=", kDigits[std::min<std::size_t>(x.sources.size(), 3)]});
  const auto [comma, mark] = between(c, x.r, before);
  if (comma) emit({"k:comma_between|", side});
  if (mark) emit({"k:mark_between|", side});
}

// The candidates of attribution ai, the rules' first.
Context candidates(const DocState& d, const Extractor& ex, DocInfo& info, std::size_t ai) {
  const Attribution& at = d.attrs[ai];
  const std::vector<std::size_t>& sent = info.sent;
  Context c{d, ex, ex.lex(), TokView(d.toks), sent, info, at, 0, 0, false, 0, 0, {0, 0}, {}};
  if (at.cue.end > at.cue.start) {
    c.aa = token_from(d, at.cue.start);
    c.ab = std::max(c.aa + 1, token_from(d, at.cue.end));
    c.cue = true;
  } else {
    c.aa = token_from(d, at.contents.front().start);
    c.ab = std::max(c.aa + 1, token_from(d, at.contents.front().end));
  }
  c.ab = std::min(c.ab, d.toks.size());
  if (at.has_speaker && at.mention_b > at.mention_a) c.rule = {at.mention_a, at.mention_b};
  else c.rule = {c.aa, c.aa};
  // The window: from the sentence before the anchor's to the end of the anchor's, within kReach tokens.
  std::size_t wa = c.aa;
  while (wa > 0 && c.aa - wa < kReach && sent[wa - 1] + 1 >= sent[c.aa]) --wa;
  std::size_t wb = c.ab;
  while (wb < d.toks.size() && wb - c.ab < kReach && sent[wb] == sent[c.ab - 1]) ++wb;
  c.wa = wa; c.wb = wb;
  from_rules(c);
  from_cue(c);
  from_names(c);
  from_heads(c);
  from_pronouns(c);
  from_relative_that(c);
  from_noted(c);
  from_previous(c, ai);
  joined_neighbours(c);
  with_trailing_comma(c);
  return c;
}

// Each candidate's features into sink(i) (rank: its order by distance to the anchor on its side).
template <class MakeSink>
void candidate_features(const Context& c, MakeSink&& sink) {
  const std::string& rule_type = mention_type(c, c.rule);
  auto gap = [&](Range r) { return r.second <= c.aa ? c.aa - r.second : r.first >= c.ab ? r.first - c.ab : 0; };
  for (std::size_t i = 0; i < c.cands.size(); ++i) {
    std::size_t rank = 0;
    const Range r = c.cands[i].r;
    for (const auto& o : c.cands)
      if (o.r.second > o.r.first && (o.r.second <= c.aa) == (r.second <= c.aa) && gap(o.r) < gap(r)) ++rank;
    features(c, i, rank, rule_type, sink(i));
  }
}

bool attributable(const Attribution& at) { return !at.scare && !at.contents.empty(); }

}  // namespace

std::vector<std::size_t> sentence_ids(const DocState& d) {
  std::vector<std::size_t> s(d.toks.size(), 0);
  std::size_t cur = 0;
  for (std::size_t k = 1; k < d.toks.size(); ++k) {
    if (ends_unit(d.toks[k - 1]) || d.tok_para[k] != d.tok_para[k - 1]) ++cur;
    s[k] = cur;
  }
  return s;
}

std::vector<SpeakerDecision> speaker_decisions(const DocState& d, const Extractor& ex) {
  std::vector<SpeakerDecision> out;
  if (d.toks.empty()) return out;
  DocInfo info = doc_info(d);
  for (std::size_t ai = 0; ai < d.attrs.size(); ++ai) {
    if (!attributable(d.attrs[ai])) continue;
    const Context c = candidates(d, ex, info, ai);
    SpeakerDecision dec;
    dec.attr = ai;
    dec.rule = 0;
    for (const auto& x : c.cands) dec.ranges.push_back(x.r);
    std::vector<FeatureNames> names(c.cands.size());
    candidate_features(c, [&](std::size_t i) -> FeatureNames& { return names[i]; });
    for (auto& n : names) dec.features.push_back(std::move(n.names));
    out.push_back(std::move(dec));
  }
  return out;
}

void apply_speaker_model(DocState& d, const Extractor& ex, const BoundaryModel& model) {
  if (d.toks.empty()) return;
  DocInfo info = doc_info(d);
  std::vector<std::pair<std::size_t, Range>> chosen;  // applied after every decision: features see the rules' picks
  for (std::size_t ai = 0; ai < d.attrs.size(); ++ai) {
    if (!attributable(d.attrs[ai])) continue;
    const Context c = candidates(d, ex, info, ai);
    std::vector<FeatureScore> scores(c.cands.size(), FeatureScore{model.speaker_hashed});
    candidate_features(c, [&](std::size_t i) -> FeatureScore& { return scores[i]; });
    // The rules' candidate (the first) unless another scores higher by more than the model's margin.
    std::size_t best = 0;
    for (std::size_t i = 1; i < scores.size(); ++i)
      if (scores[i].sum > scores[best].sum) best = i;
    if (best != 0 && !(scores[best].sum > scores[0].sum + model.speaker_margin)) best = 0;
    if (best != 0) chosen.emplace_back(ai, c.cands[best].r);
  }
  for (const auto& [ai, r] : chosen) {
    Attribution& at = d.attrs[ai];
    at.mention_a = r.first; at.mention_b = r.second;
    at.has_speaker = r.second > r.first;
    at.resolve_a = at.resolve_b = 0;
  }
}

std::vector<bool> annotated_speakers(const SpeakerDecision& dec, const DocState& d, const std::vector<AnnotatedQuote>& gold,
                                     std::vector<bool>* overlapping) {
  const Attribution& at = d.attrs[dec.attr];
  const AnnotatedQuote* best = nullptr;
  double top = 0.5;
  auto size = [](const std::vector<Span>& v) { std::size_t n = 0; for (const Span& s : v) n += s.end - s.start; return n; };
  const std::size_t mine = size(at.contents);
  for (const AnnotatedQuote& g : gold) {
    std::size_t both = 0;
    for (const Span& a : at.contents)
      for (const Span& b : g.contents) both += std::min(a.end, b.end) > std::max(a.start, b.start) ? std::min(a.end, b.end) - std::max(a.start, b.start) : 0;
    const std::size_t either = mine + size(g.contents) - both;
    const double j = either ? static_cast<double>(both) / static_cast<double>(either) : 0.0;
    if (j >= top) { top = j; best = &g; }
  }
  if (!best || best->sources.empty()) return {};
  // Right: the candidates equal to an annotated source when there are any (the model learns the
  // annotated extent), else those overlapping one (the scorer's speaker figure).
  std::vector<bool> exact(dec.ranges.size(), false), overlap(dec.ranges.size(), false);
  bool any_exact = false, any_overlap = false;
  for (std::size_t i = 0; i < dec.ranges.size(); ++i) {
    const Range r = dec.ranges[i];
    if (r.second <= r.first) continue;
    const std::size_t s = d.toks[r.first].s, e = d.toks[r.second - 1].e;
    for (const Span& g : best->sources) {
      exact[i] = exact[i] || (s == g.start && e == g.end);
      overlap[i] = overlap[i] || (s < g.end && g.start < e);
    }
    any_exact = any_exact || exact[i];
    any_overlap = any_overlap || overlap[i];
  }
  if (overlapping && any_overlap) *overlapping = overlap;
  if (any_exact) return exact;
  if (any_overlap) return overlap;
  return {};
}

}  // namespace framelens::quotes_detail
