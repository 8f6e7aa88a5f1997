#pragma once
// Internal: the attribution rules of one unit (a sentence, or the sentences a quotation joins).
// One member function per rule family; the unit's working state (the tokens claimed so far, the
// last speaker mention) lives in the object. Every example in the comments is invented.
#include <cstddef>
#include <vector>

#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

class UnitRules {
 public:
  UnitRules(const Extractor& ex, DocState& doc, std::size_t first, std::size_t last);
  void run();

 private:
  // Spans and clauses (the rules' shared vocabulary)
  const QSpan* quote_at(std::size_t k) const;
  std::size_t content_end(std::size_t a, std::size_t b) const;
  Span span_of(std::size_t a, std::size_t b) const { return {t[a].s, t[b - 1].e}; }
  bool has_quote(std::size_t a, std::size_t b) const;
  bool names_someone(Range np) const;
  std::size_t apposition_end(std::size_t k) const;
  bool clause_like(std::size_t a, std::size_t b) const;
  std::size_t forward_end(std::size_t a) const;
  bool subject_cue_after(std::size_t k) const;
  const Cue* coordinated_cue(std::size_t k) const;
  Range coordinated_subject(const Cue& c, std::size_t k) const;
  bool opens_clause(const Tok& tok) const;
  bool object_content(std::size_t s, std::size_t e) const;
  bool document_subject(Range subj) const;
  std::size_t object_end(std::size_t s, std::size_t e) const;
  Range np_back(const DocState& doc, std::size_t a, std::size_t end) const { return ex_.np_back(doc, a, end); }
  Range np_fwd(const DocState& doc, std::size_t start, std::size_t end, bool subject = false) const {
    return ex_.np_fwd(doc, start, end, subject);
  }
  bool adverb(const Tok& tok) const { return ex_.adverb(tok); }
  // German: an adverb, or a time word that is no preposition ("jetzt", "gestern"; not "seit"): what may stand
  // between a verb and its inverted subject
  bool german_adverbial(const Tok& tok) const {
    return adverb(tok) || (lex_.words.time_words.count(tok.low) && !lex_.words.prepositions.count(tok.low));
  }
  bool is_cue_word(const Tok& tok) const { return ex_.is_cue_word(tok); }
  bool complementizer(const Tok& tok) const { return lex_.words.complementizers.count(tok.low) > 0; }
  Range subject_in_cue(const Cue& c) const;
  static bool dash(const Tok& tok) {
    return tok.kind == TK::punct && !tok.in_quote &&
           (tok.low == "\xE2\x80\x94" || tok.low == "\xE2\x80\x93" || tok.low == "--" || tok.low == "-");
  }
  void remember(const Attribution& at);  // records `at` and its mention as the unit's last speaker
  void attribute_colon(Attribution& at, std::size_t a, std::size_t b, const QSpan& q);

  // Names opening the sentence, kept as antecedents for later pronouns
  void note_person_mentions();

  // Rules per cue (attribution.cpp)
  void cue(const Cue& c);
  void scare_marker(const Cue& c, Attribution& at);
  void according_after(const Cue& c, Attribution& at);
  void according(const Cue& c, Attribution& at);
  Range german_fronted_source(const Cue& c) const;
  void german_source_cues();
  std::size_t german_source_noun(std::size_t k) const;
  bool german_source_noun_word(const Tok& w) const;
  bool german_unnamed_source(const Attribution& at) const;
  void nested_according(Attribution& at, std::size_t a, Range np);
  bool fronted_phrase(std::size_t s, std::size_t e) const;
  void survey_frame();
  void colon(const Cue& c, Attribution& at);
  bool quote_closed_by_cue(std::size_t k) const;
  bool german_tail_attribution(std::size_t k) const;
  bool headline_label(Attribution& at, Range np, std::size_t s);
  bool colon_possessor(const Cue& c, Attribution& at);
  bool colon_clause_subject(const Cue& c, Attribution& at);
  bool german_colon_subject(const Cue& c, Attribution& at);
  bool german_reported_frame(std::size_t a, std::size_t b) const;
  void verb(const Cue& c, Attribution& at);
  bool german_anaphoric_report(const Cue& c, Attribution& at);
  void german_anaphoric_separable();
  bool anaphoric_statement(Range subj, Attribution& at);
  std::size_t left_edge(const Cue& c) const;
  std::size_t left_edge_at(std::size_t a) const;
  bool progressive_aux(const Cue& c) const;
  bool suffix_adverb(std::size_t k) const;
  bool preverbal_word(const Tok& w) const;
  std::size_t auxiliary_insert_start(std::size_t l) const;
  Range participle_phrase_head(Range subj) const;
  bool relative_after_speaker(Range subj, std::size_t after) const;
  bool participle_after_comma(const Cue& c) const;
  bool perfect_participle(const Cue& c) const;
  Range absolute_subject(std::size_t l) const;
  Range subject_before(std::size_t l) const;
  Range predicate_subject(Range subj) const;
  Range apposition_subject(std::size_t l) const;
  bool subject_insert(std::size_t a, std::size_t b) const;
  bool region(std::size_t a, std::size_t b) const;
  Range dashed_subject(std::size_t l) const;
  Range infinitive_subject(std::size_t l) const;
  Range relative_head(Range subj) const;
  Range name_back_to_quote(Range subj) const;
  void german_inverted_subject(const Cue& c, Range& subj, std::size_t& after) const;
  bool impersonal(const Cue& c) const;
  bool german_verb_after_noun(std::size_t k) const;
  bool german_clause_verb(std::size_t k) const;
  void german_subject_before_auxiliary();
  Range german_impersonal_source(const Cue& c) const;
  bool sentence_initial_inversion(const Cue& c, Attribution& at);
  bool passive_agent(const Cue& c, Attribution& at, std::size_t l);
  bool reduced_relative(const Cue& c, std::size_t l) const;
  bool fronted_question(const Cue& c, Attribution& at);
  bool backward(const Cue& c, Attribution& at, Range subj, std::size_t l, bool participle);
  std::size_t writer_lead(std::size_t s, std::size_t e) const;
  bool nested_report(Attribution& at, std::size_t boundary, Range spk, bool has_subj, bool quote_ends_statement);
  bool closing_adverbial(const Cue& c, std::size_t tail, std::size_t k) const;
  std::size_t german_auxiliary_clause(const Cue& c, Range& subj, std::size_t boundary) const;
  std::size_t handed_report(const Cue& c, std::size_t after) const;
  bool relative_that(const Cue& c, std::size_t s, std::size_t k) const;
  std::size_t time_after_cue(std::size_t s) const;
  std::size_t that_window(std::size_t s) const;
  bool setting_start(std::size_t s) const;
  std::size_t noun_of(const Cue& c, std::size_t s) const;
  std::size_t topic_after_cue(std::size_t s) const;
  std::size_t stance_object(const Cue& c, std::size_t s) const;
  bool list_end(std::size_t k, std::size_t e) const;
  std::size_t participle_after_cue(std::size_t s) const;
  std::size_t colon_quotation(std::size_t s, std::size_t fe) const;
  bool parenthetical_before(std::size_t left_of) const;
  bool forward(const Cue& c, Attribution& at, Range subj, bool participle, std::size_t after,
               std::size_t limit = static_cast<std::size_t>(-1));
  bool relative_report(const Cue& c, Attribution& at, std::size_t l);
  std::size_t german_forward_start(std::size_t s, std::size_t fe) const;
  std::size_t german_lead_adverbial(std::size_t s, std::size_t fe) const;
  bool verb_last(std::size_t r) const;
  void german_named_quotation(const Cue& c, std::size_t& s, std::size_t& e) const;
  Range participle_subject(const Cue& c) const;
  Range subordinate_subject(std::size_t b) const;

  // German main clauses: the subject in verb-second order (german.cpp)
  bool german_fronted(std::size_t k) const;
  bool german_fronted_adjective(std::size_t k) const;
  bool german_focus_particle(std::size_t cs, std::size_t end) const;
  std::size_t german_fronted_verb(std::size_t cs, std::size_t end) const;
  Range german_subject_after(std::size_t v, std::size_t end) const;
  Range german_clause_subject(std::size_t cs, std::size_t end) const;
  Range german_nominative_after(std::size_t k, std::size_t end, Range subject) const;
  bool german_speaker_label(std::size_t cs, std::size_t end) const;
  bool lone_non_speaker(Range np) const;
  bool german_speaker_noun(const Tok& w) const;
  void note_clause_subject();
  bool np_has_comma(Range np) const;
  Range german_report_clause_subject(std::size_t end) const;
  Range german_passive_source(std::size_t a, std::size_t b, bool aux_after) const;
  Range german_inverted_speaker(Range np, std::size_t v, std::size_t end) const;
  std::size_t german_attribute_end(std::size_t k, std::size_t end, bool opening = false, std::size_t words = 8) const;
  Range german_quotation_run(const QSpan& q, std::size_t lo, std::size_t hi, std::size_t most, std::size_t* count = nullptr) const;

  // Rules without a cue (unclaimed.cpp)
  void german_konjunktiv();
  std::size_t german_frame_end() const;
  bool german_plain_report(std::size_t a, std::size_t b) const;
  void german_plain_free_indirect();
  bool german_join_run(std::size_t e);
  bool plain_run_before() const;
  void german_colon_frame();
  void unclaimed_quotations();
  void quotation_after_statement();
  std::vector<Span> claimed_spans() const;
  bool quoted_title(const QSpan& q, std::size_t words, std::size_t outside) const;
  bool named_by_head(const QSpan& q) const;
  bool german_named_term(const QSpan& q) const;
  bool quotation_in_mention(const QSpan& q) const;
  bool german_complement_clause(const QSpan& q, Attribution& at, const std::vector<Span>& claimed) const;
  bool dash_attribution(const QSpan& q, Attribution& at);
  bool signature_line(Attribution& at);
  bool pending_colon(Attribution& at, std::size_t outside);
  void continue_speaker(const QSpan& q, Attribution& at);
  bool nearer_subject(Attribution& at, std::size_t pos) const;
  template <class Quoted>
  bool tail_report(std::size_t i, const Quoted& holds_quotation) const;
  void object_of_verb(const QSpan& q, Attribution& at) const;
  bool german_object_of_verb(const QSpan& q, Attribution& at) const;

  // The rules' state keeps the short names the rules were written with.
  const Extractor& ex_;
  const Lexicon& lex_;
  const QuoteOptions& opt_;
  const bool german_;
  DocState& d;
  const TokView t;
  const std::size_t ua, ub;    // the unit's tokens [ua, ub)
  const std::size_t para;      // its paragraph
  std::size_t first_attr;  // its first attribution in d.attrs (german_anaphoric_report may take back the unit before's)
  std::vector<Cue> cues;
  std::size_t consumed;  // tokens before this are claimed by an earlier attribution of the unit
  std::size_t skip_to;   // cues before this lie inside a relative clause's statement (relative_report)
  std::size_t last_mention_a, last_mention_b;
};

}  // namespace framelens::quotes_detail
