// Function words and markers the attribution rules test (English and German).
#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

namespace {

const WordSet& stop_words() {
  static const WordSet s = {"that", "which", "who", "whom", "when", "where", "while", "because", "if", "as", "but", "or",
                            "so", "than", "since", "after", "before", "although", "though", "to", "in", "on", "with",
                            "by", "from", "into", "about", "over", "under", "is", "are", "was", "were", "be", "been",
                            "being", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
                            "must", "did", "does", "do", "not", "also", "it", "this", "there", "what", "said", "says",
                            "say", "told", "however", "then", "now", "once", "until", "unless", "whether", "during",
                            "against", "through", "without", "within", "why", "how", "even", "just", "only", "yet",
                            "and", "of", "for", "at", "upon", "amid", "like", "ago", "very", "too", "again", "already",
                            "dass", "und", "oder", "aber", "nicht", "auch", "im", "am", "ist", "sind", "war", "hat",
                            "haben", "wird", "werden", "habe", "sei", "seien", "wurde", "zu", "zum", "zur", "bei", "mit",
                            "von", "vom", "auf", "für", "nach", "wie", "als", "wenn", "weil", "ob", "es"};
  return s;
}

}  // namespace

bool is_stop(const Tok& t) { return stop_words().count(t.low) > 0; }

bool is_day_or_time(const std::string& w) {
  static const WordSet s = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                            "today", "tonight", "earlier", "later", "recently", "last", "this", "next", "on",
                            "in", "during", "after", "before", "when", "while", "shortly", "late", "early", "ago",
                            "am", "gestern", "heute", "morgen", "vor", "bei"};
  return s.count(w) > 0;
}


const WordSet& finite_markers() {
  static const WordSet s = {"is", "are", "was", "were", "will", "would", "could", "should", "can", "may", "might",
                            "must", "has", "have", "had", "did", "does", "do", "won't", "isn't", "wasn't", "can't",
                            "don't", "didn't", "doesn't", "shouldn't", "wouldn't", "couldn't", "aren't", "weren't",
                            "hasn't", "haven't", "hadn't", "needs", "needed", "ist", "sind", "sei", "seien", "habe",
                            "hat", "haben", "werde", "werden", "wird", "könne", "müsse", "solle", "wolle"};
  return s;
}

// German reported-speech verbs: Konjunktiv I of common verbs, and the Konjunktiv II forms reported
// speech uses in its place ("sei", "habe", "könne", "hätten").
const WordSet& konjunktiv_markers() {
  static const WordSet s = {"sei", "seien", "habe", "könne", "könnten", "müsse", "werde", "wolle", "solle", "gebe", "dürfe",
                            "hätten", "müssten", "dürften", "stünden", "wären", "stehe", "gehe", "bleibe", "liege",
                            "zeige", "fehle", "drohe", "gelte", "komme", "bestehe", "handele", "verfüge", "wisse"};
  return s;
}

// German prepositions (and contractions) that open an adverbial phrase.
const WordSet& german_prepositions() {
  static const WordSet s = {"in", "im", "mit", "gegenüber", "zum", "zur", "am", "an", "auf", "bei", "beim", "vor", "nach",
                            "von", "vom", "aus", "über", "unter", "laut", "während", "für", "ins", "seit", "zu", "bis",
                            "durch", "ohne", "gegen", "um", "trotz", "wegen", "angesichts", "nach"};
  return s;
}

bool leading_filler(const std::string& w) {
  static const WordSet s = {"but", "and", "so", "yet", "still", "now", "then", "meanwhile", "however", "also", "instead",
                            "indeed", "thus", "later", "earlier", "today", "yesterday", "here", "there", "finally",
                            "previously", "separately", "moreover", "furthermore", "again", "or", "nor", "predictably",
                            "aber", "auch", "doch", "und", "so"};
  return s.count(w) > 0;
}

}  // namespace framelens::quotes_detail
