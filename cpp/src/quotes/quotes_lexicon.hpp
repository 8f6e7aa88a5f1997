#pragma once
// Internal: the cue lexicon and gazetteer behind QuoteExtractor, loaded from JSON.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "quotes/word_key.hpp"
#include "text/term_index.hpp"

namespace framelens::detail {

enum class CueRole : unsigned char { verb, according, according_after, scare, participle };

struct CueForm {
  bool strong = false;        ///< takes a bare reported clause ("said the plan failed")
  bool participle = false;    ///< an -ing form ("saying", "adding")
  bool past_participle = false;
  bool object = false;        ///< an attitude: its content may be a bare object ("endorsed the senator")
  bool speech_act = false;    ///< also a speech verb ("promise": "promised that …" is a statement)
  std::string lemma;
};

struct Phrase {
  std::vector<std::string> words;  ///< lower case
  CueRole role = CueRole::verb;
  bool object = false;  ///< an attitude phrase ("called for", "talking about"): the object is its content
};

struct Place {
  std::string country;  ///< canonical country ("" for international bodies)
  enum Kind : unsigned char { country_name, demonym, metonym, organisation, media } kind = country_name;
  std::string canonical;  ///< the organisation's name (organisations and media only)
};

// Closed word classes the quote rules test beside the cues (lang/<code>/words.json, key "words").
struct Words {
  WordSet function_words,  // end a speaker phrase ("that", "which"; "dass", "und")
      time_words,          // time adverbials ("yesterday", "on"; "gestern")
      finite_markers,      // finite verbs that make a reported clause ("is", "would"; "ist", "sei")
      subjunctive_markers, // reported-speech verb forms (German Konjunktiv: "sei", "habe", "könne")
      prepositions,        // open an adverbial phrase ("in", "mit")
      leading_fillers,     // sentence openers that are no part of a speaker ("But", "Meanwhile")
      weekdays,            // may stand between speaker and cue ("Roos on Tuesday said")
      dates,               // an adverbial after "on" ("…, officials said on Monday")
      subject_pronouns,    // open a subject before a tail verb ("“…,” he repeated")
      pronominal_determiners,  // a past-tense cue after them is a verb ("Another said")
      lone_speakers,       // speak alone ("It stated that …", "Another said")
      preverbal_adverbs,   // English: stand between a subject and its verb, with the auxiliaries ("have long said", "has always held")
      day_parts,           // English: after a weekday, a time adverbial between subject and verb ("Roos on Monday evening said")
      periods,             // English: end a time adverbial between subject and verb ("earlier in the day", "this past week")
      light_verbs,         // English: a predicate with a noun cue ("makes no mention", "raised questions"): the subject before them speaks
      cue_nouns,           // a cue form after a modifier and a determiner is a noun ("a new report")
      speech_nouns,        // "His message was short: “…”": the possessor speaks
      fronted,             // fill the first position before an inverted verb (verb-second order)
      title_small_words,   // lower-case words inside a quoted title ("of", "the")
      abbreviations,       // keep their full stop in the tokenizer ("Sen.", "Dr.")
      complementizers,     // open a reported clause ("that", "dass", "que")
      object_pronouns,     // the addressee after "told" ("told me they …")
      number_words,        // a cue form after them (or after digits) is a noun ("five states", "12 reports")
      oblique_determiners, // open a fronted object, not a subject ("Den Plan lobte die Ministerin")
      subordinators,       // open a subordinate clause that fills the first position ("Als X kam, sagte Y")
      reflexive_pronouns,  // stand between a verb and its inverted subject ("äußerte sich die Ministerin")
      auxiliaries,         // finite auxiliaries and modals ("hatte", "wurde", "musste"): a clause's finite verb
      comma_cues,          // cue forms that are also adverbs: cues only after a comma or quotation ("…, so Roos")
      impersonal_pronouns, // close an impersonal cue ("heißt es"): the source is a document named in a phrase
      nominative_pronouns, // only ever a subject ("er", "wir"): after a fronted object's verb, the speaker
      passive_auxiliaries, // make a passive ("wird … zitiert"): the agent ("von X") or the medium ("in X") speaks
      report_subordinators, // open a clause that reports its subject's words ("Wie X ausführte, …")
      compound_titles,     // German: a closed compound ending in one names a speaker ("Gesundheitsminister")
      focus_particles,     // stand before a subject without filling the first position ("Auch die Ministerin sagte")
      fronted_adjectives,  // German: fill the first position alone before a lower-case verb ("Besorgt äußerte sich …")
      anaphoric_pronouns,  // German: open a sentence before its cue and stand for the sentence before ("Das bestätigte X")
      separable_cues,      // German: "verb particle" pairs that report when the particle closes the sentence ("gab … bekannt")
      opening_name_articles,  // German: a quotation right after one opening the sentence is a name ("Die „Freunde der Fähre“ luden …")
      name_determiners,    // German: a quotation right after one is a name ("des „Vereins der Fährleute“", "in der „Villa am Kai“"; not after "als" or as a relative pronoun)
      quotation_joiners,   // German: join quotations into a list („A“, „B“ und „C“): a naming verb's whole content, or names when three or more
      naming_particles,    // German: subordinators that also stand before a naming verb's quotation ("als" in "bezeichnete X als „…“")
      first_person_pronouns,  // German: a sentence with one is the writer's or a quotation's, no free indirect report ("ich", "wir")
      source_nouns,        // German: after "nach" (and its articles or adjectives) they name a source ("nach einem Bericht der Zeitung", "seiner Meinung nach")
      naming_cues,         // German: verbs that name or label their object with a quotation ("nannte den Plan „mutig“"): the content is the quotation
      ordinal_months,      // months after a day number with a full stop ("am 20. Juli"): no sentence break before them
      suffix_nouns,        // words with an adverb suffix that are nouns ("family", "ally"): never skipped as adverbs
      survey_heads,        // "In a … poll, 40 percent said …": the survey is the source
      coordinators,        // join a second predicate of the same subject ("Roos praised the plan and said …")
      question_cues,       // participles that report a question when they open a sentence ("Asked whether …, X said")
      question_openers,    // may stand before such a participle ("When asked …")
      question_words,      // open the question reported after it ("whether", "why", "about", "to")
      contrast_subordinators,  // after a comma, open a contrasting clause that may hold its own attribution ("…, while Berg said …")
      relative_pronouns,   // English: the subject of a relative clause with its own cue ("crews who say …", "a board which urged …")
      continuation_particles,  // English: end a verb phrase cue that hands its report to a "to"-infinitive ("went on to praise …")
      request_verbs,       // English: lemmas whose addressee and its "to"-infinitive are the content ("asked the crews to stay")
      object_relatives,    // English: stand for the object of a report before its subject ("a plan which Roos called a mistake"): a content piece
      absolute_prepositions,  // English: open an absolute construction whose noun phrase is the subject of the participle after it ("with the crews calling it …")
      absolute_phrase_words,  // English: the function words that may stand inside that noun phrase ("with a note from the board noting …")
      time_subordinators,  // English: open a clause whose subject a participle after it may take ("when he announced the plan, saying …")
      lone_object_persons, // English: personal object pronouns that may stand alone as an attitude's object ("who endorsed him")
      list_openers,        // English: after a comma, continue a noun phrase with examples ("the fees, including …"): no end of an attitude's object
      perfect_participles, // English: make a past participle after a comma a participle cue ("…, having said …")
      subject_inserts,     // English: open an insert between commas that adds to the subject before it ("The crews, including two captains, said")
      negated_auxiliaries, // English: negated auxiliaries and modals, no form of "be" ("doesn't", "won't"): stand between a subject and its cue ("It doesn't tell …")
      regions,             // English: states after a place name, in full or abbreviated ("Varne, Ohio", "Ava, Mo."): part of a speaker phrase
      setting_prepositions,  // English: open the setting of a report right after its cue ("said in a letter to the board on Monday that …"): a longer way to "that"
      noun_openers,        // English: quantifiers that make the cue after them a noun, beside the determiners ("made no mention of …")
      auxiliary_inserts,   // English: adverbial phrases of two to four words between an auxiliary and its verb ("Roos has in the past said …")
      topic_prepositions,  // English: a preposition after a cue that takes what the report is about ("joked about the toll"): no part of the content
      fraction_words,      // English: fractions that make "about" before them mean "roughly" ("said about half of the crews …")
      expression_verbs,    // English: lemmas whose object names a stance before what it is about ("voiced concern about the toll")
      stance_prepositions, // English: link that stance noun to what it is about ("support for", "concern over", "dismay at")
      possessive_determiners;  // English: possessive determiners ("my", "our"): "express my thanks to …" names no stance
  std::vector<std::string> official_roles;      // role substrings of officials ("minist", "spokes")
  std::vector<std::string> fronted_suffixes;    // German: a capitalised word ending so before a verb is fronted ("Höhnisch schrieb …")
  std::vector<std::string> source_noun_suffixes;  // German: compounds ending so are source_nouns ("Polizeiangaben", "Zeugenaussagen")
  std::vector<std::string> adverb_suffixes;     // English "-ly": a lower-case word ending so before a cue is an adverb ("Roos, who originally said")
  std::vector<std::string> organisation_words;  // "Ministry of …" (organisation names sharing the tail merge)
  std::vector<std::string> name_heads;          // German: nouns a quotation right after names („das Motto „…“", "der Film „…“"); heads of seven letters or more also close compounds ("Fernsehsendung")
};

struct Lexicon {
  std::string lang;
  std::unordered_map<std::string, CueForm> forms;  // lower-case word -> cue
  std::vector<Phrase> phrases;                     // longest first
  // One look-up per token for cue finding (rebuilt by add_cues): the phrases a word can start
  // (indexes into `phrases`, longest first) and its single-word cue form, if any.
  struct CueWord {
    std::vector<std::size_t> phrases;
    bool is_form = false;
    CueForm form;  // a copy of forms[word] (values, so a copied Lexicon holds no pointers into another)
  };
  TermIndex cue_index;               // word -> index into cue_entries
  std::vector<CueWord> cue_entries;
  // A one-bit-per-key filter in front of cue_index (built with it): most words of a text are no cue,
  // and a bit test on their length and three bytes rules them out before any hashing.
  static constexpr unsigned kCueFilterBits = 16;
  std::vector<std::uint64_t> cue_filter = std::vector<std::uint64_t>(std::size_t{1} << (kCueFilterBits - 6));
  static std::uint32_t cue_filter_slot(std::uint32_t key) noexcept { return (key * 0x9E3779B1u) >> (32 - kCueFilterBits); }
  // `key`: quotes_detail::word_key(word) (tokens carry it).
  const CueWord* cue_word(std::string_view word, std::uint32_t key) const noexcept {
    const std::uint32_t slot = cue_filter_slot(key);
    if (!(cue_filter[slot >> 6] >> (slot & 63) & 1u)) return nullptr;
    const std::uint32_t id = cue_index.find(word);
    return id == TermIndex::npos ? nullptr : &cue_entries[id];
  }
  const CueWord* cue_word(std::string_view word) const noexcept { return cue_word(word, quotes_detail::word_key(word)); }
  WordSet adverbs, passive, titles, anonymous_heads, organisation_heads, media_heads, document_heads, determiners,
      not_speakers;
  std::unordered_map<std::string, std::string> pronouns;  // word -> person|plural|thing|speaker|relative
  Words words;
  // Subject pronouns a verb carries as a suffix ("-il" in "dit-il") -> pronoun kind (person, plural, …).
  std::vector<std::pair<std::string, std::string>> subject_suffixes;
  // Quotation marks set off from the quoted words by spaces (« … »): the space beside a mark does
  // not decide whether it opens or closes.
  bool spaced_marks = false;
  // The pronoun kind of a word ending in a subject suffix, or "".
  std::string subject_suffix(std::string_view w) const {
    for (const auto& [suf, kind] : subject_suffixes)
      if (w.size() > suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0) return kind;
    return {};
  }
  // Gazetteer: space-joined token sequence (case as written) -> place.
  std::unordered_map<std::string, Place> places;
  // The first word of every place name as written (the second after "the ") -> the most words of a
  // name it starts (place_start_words); words that start no name need no look-up of their phrases.
  TermIndex place_starts;
  std::vector<std::size_t> place_start_words;
  std::size_t place_words_from(std::string_view word) const noexcept {
    const std::uint32_t id = place_starts.find(word);
    return id == TermIndex::npos ? 0 : place_start_words[id];
  }

  void add_cues(std::string_view json);
  void add_gazetteer(std::string_view json);
};

}  // namespace framelens::detail
