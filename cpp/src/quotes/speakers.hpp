#pragma once
// Internal: speaker mentions as entities — what a mention is (a pronoun, a named person, an
// anonymous person, an organisation, a document), its canonical key, role and affiliation.
#include <cstddef>
#include <string>
#include <vector>

#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

struct Mention {
  SourceType type = SourceType::none;
  bool anonymous = false;
  bool pronoun = false;
  std::string pron_kind;   // person, plural, thing, relative
  bool nominal = false;    // "the ministry", "one editorial": refers back
  bool document = false;
  std::string name, role, affiliation, key, head;
};

// Classifies the speaker phrase of tokens [a, b) of a document.
class SpeakerBuilder {
 public:
  SpeakerBuilder(const Lexicon& lex, const DocState& d) : lex_(lex), d_(d), t(d.toks) {}
  Mention classify(std::size_t a, std::size_t b) const;

 private:
  // What the phrase holds: gazetteer hits, its head noun and a trailing name.
  struct Facts {
    std::vector<std::string> countries, aff;
    std::vector<bool> place_tok;  // per token of the phrase: part of a gazetteer hit
    const Place* org = nullptr;
    std::size_t org_a = 0, org_b = 0;
    bool only_place = true;
    std::size_t hb = 0;  // the head noun ends here
    bool has_name = false;
    std::size_t name_a = 0, name_b = 0;
    bool org_head = false, media_head = false, lower_head = false;
  };
  bool quoted_organisation(std::size_t a, std::size_t b, Mention& m) const;
  bool role_name_apposition(std::size_t a, std::size_t b, Mention& m) const;
  void scan_places(std::size_t a, std::size_t b, Facts& f) const;
  Facts facts(std::size_t a, std::size_t b, Mention& m) const;
  void gazetteer_organisation(std::size_t a, std::size_t b, const Facts& f, const std::string& text, Mention& m) const;
  void document(std::size_t a, const Facts& f, const std::string& text, Mention& m) const;
  void anonymous_or_organisation(std::size_t a, std::size_t b, const Facts& f, const std::string& text, Mention& m) const;
  void organisation(std::size_t a, std::size_t b, const Facts& f, Mention& m) const;
  void named_person(std::size_t a, std::size_t b, const Facts& f, Mention& m) const;

  const Lexicon& lex_;
  const DocState& d_;
  const TokView t;
};

/// Titles that make a speaker an official (whose country the paragraph names).
bool official_role(const Lexicon& lex, const std::string& role);

}  // namespace framelens::quotes_detail
