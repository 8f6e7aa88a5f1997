#pragma once
// Internal: the quote engine's per-document state and the extractor that drives the stages —
// tokens (tokens.hpp) -> quotations (pairing.hpp) -> attribution units (units.cpp) -> cues
// (cues.cpp) -> per cue, the speaker mention (mentions.cpp) and the content (attribution.cpp),
// then quotations no cue claimed (unclaimed.cpp) -> speakers as entities (speakers.cpp) and
// canonical names (canonical.cpp).
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "framelens/quotes.hpp"
#include "quotes/pairing.hpp"
#include "quotes/quotes_lexicon.hpp"
#include "quotes/tokens.hpp"

namespace framelens::quotes_detail {

using detail::CueRole;
using detail::Lexicon;
using detail::Place;
using detail::WordSet;
using Range = std::pair<std::size_t, std::size_t>;  // a token range [first, second)

struct Cue {
  std::size_t a = 0, b = 0;  // token range
  CueRole role = CueRole::verb;
  const detail::CueForm* form = nullptr;  // single-word verb cues
  bool colon = false;
  bool object = false;  // an attitude phrase ("called for …"): its object is the content
};

struct Attribution {
  std::vector<Span> contents;  // byte spans
  Span cue;
  Span mention;
  std::size_t mention_a = 0, mention_b = 0;  // token range of the mention (b == a: none)
  std::size_t resolve_a = 0, resolve_b = 0;  // for relative pronouns: the antecedent
  bool has_speaker = false;
  bool unbalanced = false;
  bool scare = false;
  bool continuation = false;
  bool attitude = false;  // the object of an attitude verb ("Roos endorsed the plan")
  bool loose = false;  // added by a user-trained statement model (statements.hpp), not by the rules
  bool no_source = false;  // has no speaker by construction ("Asked whether …, X said"): none is carried over
  double confidence = 0.5;
  std::size_t para = 0;
};

struct DocState {
  DocState() = default;
  DocState(const DocState&) = delete;  // tokens view `lows` and `glued`: never copied or moved
  DocState& operator=(const DocState&) = delete;

  std::string_view text;
  std::string lows;                // lower-case forms that differ from the text (Tok::low views them)
  std::deque<std::string> glued;   // lower-case forms of words glued to a final apostrophe ("adams'")
  std::vector<Tok> toks;
  std::vector<QSpan> quotes;
  std::vector<std::size_t> quote_start;  // byte start of each quotation (sorted)
  std::vector<int> quote_of_tok;         // quotation index of each token, -1 outside
  std::vector<Span> paras;
  std::vector<std::size_t> tok_para;  // paragraph index of each token
  std::vector<Attribution> attrs;
  // Subjects of cues that attributed nothing (e.g. "X blasted the agreement"): candidates for
  // resolving later pronouns and nominal mentions.
  std::vector<Range> entity_mentions;
  // Full names opening a sentence ("Greta Holm has run the bakery …"): a fallback antecedent for
  // he/she when no speaker so far is a named person.
  std::vector<Range> person_mentions;
  // "X said:" at a paragraph end, waiting for the quotation of the next paragraph.
  Range pending{0, 0};
  Span pending_cue;
  std::size_t pending_para = 0;
  // The unit attributed last ("Die Fähre fährt wieder. Das bestätigte …" refers back to it).
  Range last_unit{0, 0};
};

// A function word of the language (lang/<code>/words.json): it ends a speaker phrase.
inline bool is_stop(const Lexicon& lex, const Tok& t) { return lex.words.function_words.count(t.low) > 0; }

// Quoted names („Die Welt“, "The Apprentice") around a speaker phrase (mentions.cpp).
bool quoted_name(const DocState& d, const QSpan& q);
std::size_t quoted_name_before(const DocState& d, std::size_t end);
std::size_t quoted_name_after(const DocState& d, std::size_t start);

// Within a document: surnames join full names, organisations sharing "Ministry of …" merge,
// speakers no quote refers to are dropped (canonical.cpp).
void merge_document_speakers(QuoteResult& res, const Lexicon& lex);

struct BoundaryModel;  // boundaries.hpp: a user-trained model of content boundaries

class Extractor {
 public:
  // `model` (optional, may be null) moves content boundaries after the rules (boundaries.hpp).
  Extractor(const Lexicon& lex, const QuoteOptions& opt, const BoundaryModel* model = nullptr)
      : lex_(lex), opt_(opt), german_(lex.lang == "de"), model_(model) {}

  QuoteResult run(std::string_view text, const std::vector<Span>* paras_in, const std::vector<Span>* sents_in) const;
  // The rules' attributions of a document in `d`, before any model and before speakers (run() and training).
  void attribute(DocState& d, std::string_view text, const std::vector<Span>* paras_in, const std::vector<Span>* sents_in) const;

  const Lexicon& lex() const noexcept { return lex_; }
  const QuoteOptions& options() const noexcept { return opt_; }
  bool german() const noexcept { return german_; }

  bool adverb(const Tok& t) const { return t.kind == TK::word && !t.cap && lex_.adverbs.count(t.low) > 0; }
  // A word ending in an adverb suffix (adverb_suffixes in words.json, English "-ly"; at least three
  // letters before it) that the lexicon does not name a noun (suffix_nouns: "family", "ally").
  bool suffix_adverb_word(std::string_view low) const {
    if (lex_.words.suffix_nouns.count(low)) return false;
    for (const auto& suf : lex_.words.adverb_suffixes)
      if (low.size() > suf.size() + 2 && low.compare(low.size() - suf.size(), suf.size(), suf) == 0) return true;
    return false;
  }
  // A numeral ("10", "1,100") or a number word of the language pack (number_words in words.json).
  bool number_word(std::string_view low) const {
    return !low.empty() && ((low[0] >= '0' && low[0] <= '9') || lex_.words.number_words.count(low) > 0);
  }
  bool is_cue_word(const Tok& t) const {
    if (t.kind != TK::word) return false;
    const detail::Lexicon::CueWord* c = lex_.cue_word(t.low, t.key);
    return c && c->is_form;
  }

  // cues.cpp
  std::vector<Cue> find_cues(const DocState& d, std::size_t ua, std::size_t ub) const;
  // mentions.cpp: a noun phrase ending before `end` / starting at `start`
  Range np_back(const DocState& d, std::size_t ua, std::size_t end) const;
  Range np_fwd(const DocState& d, std::size_t start, std::size_t ub, bool subject = false) const;
  // mentions.cpp: where pre-verbal words ("have long", "has always") before `end` start, or `end`
  std::size_t preverbal_start(const DocState& d, std::size_t ua, std::size_t end) const;
  std::size_t time_adverbial_start(const DocState& d, std::size_t ua, std::size_t end) const;
  std::size_t after_dateline(const DocState& d, std::size_t start, std::size_t ub) const;
  std::size_t clause_subject_start(const DocState& d, std::size_t start, std::size_t ub) const;
  std::size_t fronted_adverbial_end(const DocState& d, std::size_t start, std::size_t ub) const;
  // attribution.cpp: every attribution of one unit (a sentence, or sentences a quotation joins)
  void unit(DocState& d, std::size_t ua, std::size_t ub) const;
  // speakers.cpp
  QuoteResult speakers(DocState& d) const;

 private:
  // (find_cues() calls it only where tail_verb_position() holds)
  bool tail_verb(const DocState& d, std::size_t ua, std::size_t ub, std::size_t i) const;
  bool headline_colon(const DocState& d, std::size_t ua, std::size_t ub, std::size_t i) const;
  bool document_verb(std::string_view head, std::string_view form) const;
  bool share_before(const DocState& d, std::size_t ua, std::size_t i) const;
  std::vector<Range> units(const DocState& d, const std::vector<Span>& sents) const;
  void split_after_abbreviations(const DocState& d, std::vector<Range>& units) const;
  std::vector<Range> merge_attribution_tails(const DocState& d, const std::vector<Range>& units) const;
  std::vector<Range> merge_date_breaks(const DocState& d, const std::vector<Range>& units) const;
  void leading_quotations(DocState& d) const;

  const Lexicon& lex_;
  const QuoteOptions& opt_;
  bool german_;
  const BoundaryModel* model_;
};

}  // namespace framelens::quotes_detail
