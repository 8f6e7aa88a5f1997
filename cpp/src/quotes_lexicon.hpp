#pragma once
// Internal: the cue lexicon and gazetteer behind QuoteExtractor, loaded from JSON.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace framelens::detail {

enum class CueRole : unsigned char { verb, according, according_after, scare, participle };

struct CueForm {
  bool strong = false;        ///< takes a bare reported clause ("said the plan failed")
  bool participle = false;    ///< an -ing form ("saying", "adding")
  bool past_participle = false;
  std::string lemma;
};

struct Phrase {
  std::vector<std::string> words;  ///< lower case
  CueRole role = CueRole::verb;
};

struct Place {
  std::string country;  ///< canonical country ("" for international bodies)
  enum Kind : unsigned char { country_name, demonym, metonym, organisation, media } kind = country_name;
  std::string canonical;  ///< the organisation's name (organisations and media only)
};

struct Lexicon {
  std::string lang;
  std::unordered_map<std::string, CueForm> forms;  // lower-case word -> cue
  std::vector<Phrase> phrases;                     // longest first
  std::unordered_set<std::string> adverbs, passive, titles, anonymous_heads, organisation_heads, media_heads,
      document_heads, determiners, not_speakers;
  std::unordered_map<std::string, std::string> pronouns;  // word -> person|plural|thing|speaker|relative
  // Gazetteer: space-joined token sequence (case as written) -> place.
  std::unordered_map<std::string, Place> places;
  std::size_t max_place_words = 1;

  void add_cues(std::string_view json);
  void add_gazetteer(std::string_view json);
};

}  // namespace framelens::detail
