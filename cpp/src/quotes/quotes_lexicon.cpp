// Loading the cue lexicons and the gazetteer (JSON) for quote extraction.
#include "quotes/quotes_lexicon.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "framelens/error.hpp"
#include "util/json.hpp"

namespace framelens::detail {
namespace {

using json = nlohmann::json;

// The project's one JSON policy (util/json.hpp): syntax, numbers out of range (1e400) and nesting are
// FormatErrors naming the lexicon and the byte.
json parse(std::string_view text, const char* what) {
  return util::parse_json(text, util::JsonSource{what, 0, "check the file against cpp/data/lang/en/cues.json / gazetteer.json"});
}

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Regular English inflections of a lemma: lemma, -s, -ed, -ing.
std::vector<std::string> regular_forms(const std::string& w) {
  std::vector<std::string> f{w};
  if (w.empty()) return f;
  const char last = w.back();
  if (last == 'e') {
    f.push_back(w + "s"); f.push_back(w + "d"); f.push_back(w.substr(0, w.size() - 1) + "ing");
  } else if (last == 'y' && w.size() > 1 && !vowel(w[w.size() - 2])) {
    const std::string stem = w.substr(0, w.size() - 1);
    f.push_back(stem + "ies"); f.push_back(stem + "ied"); f.push_back(w + "ing");
  } else if (last == 's' || last == 'x' || last == 'z' || (w.size() > 1 && (w.substr(w.size() - 2) == "sh" || w.substr(w.size() - 2) == "ch"))) {
    f.push_back(w + "es"); f.push_back(w + "ed"); f.push_back(w + "ing");
  } else {
    f.push_back(w + "s"); f.push_back(w + "ed"); f.push_back(w + "ing");
  }
  return f;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ') { if (!cur.empty()) out.push_back(cur); cur.clear(); }
    else cur += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool ends_with(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

void add_set(const json& j, const char* key, WordSet& set) {
  if (!j.contains(key)) return;
  if (!j[key].is_array()) throw FormatError(std::string("cue lexicon: '") + key + "' must be a list of strings");
  for (const auto& w : j[key]) {
    if (!w.is_string()) throw FormatError(std::string("cue lexicon: '") + key + "' must be a list of strings");
    std::string s = w.get<std::string>();
    for (auto& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    set.insert(s);
  }
}

void add_words(const json& j, Words& w);

}  // namespace

void Lexicon::add_cues(std::string_view text) {
  const json j = parse(text, "the cue lexicon");
  if (!j.is_object()) throw FormatError("the cue lexicon must be a JSON object (see cpp/data/lang/en/cues.json)");
  std::unordered_map<std::string, std::vector<std::string>> irregular;
  if (j.contains("irregular")) {
    if (!j["irregular"].is_object()) throw FormatError("cue lexicon: 'irregular' must map a lemma to a list of forms");
    for (auto it = j["irregular"].begin(); it != j["irregular"].end(); ++it)
      irregular[it.key()] = it.value().get<std::vector<std::string>>();
  }
  auto add_verb = [&](const std::string& lemma, bool strong, bool object) {
    std::vector<std::string> forms;
    if (lang == "en") {
      auto ir = irregular.find(lemma);
      const std::size_t space = lemma.find(' ');
      if (ir != irregular.end()) { forms = ir->second; forms.push_back(lemma); }
      else if (space == std::string::npos) forms = regular_forms(lemma);
      else if (object) {
        // an attitude phrase inflects its verb: "call for" -> "calls for", "called for", "calling for"
        const std::string head = lemma.substr(0, space), rest = lemma.substr(space);
        auto hi = irregular.find(head);
        std::vector<std::string> heads = hi != irregular.end() ? hi->second : regular_forms(head);
        if (hi != irregular.end()) heads.push_back(head);
        for (const auto& h : heads) forms.push_back(h + rest);
      } else forms = {lemma};
    } else {
      forms = {lemma};
      auto ir = irregular.find(lemma);
      if (ir != irregular.end()) forms.insert(forms.end(), ir->second.begin(), ir->second.end());
    }
    for (const auto& f : forms) {
      auto words = split_words(f);
      if (words.empty()) continue;
      if (words.size() > 1) {
        const bool ing = object && ends_with(words[0], "ing");  // "…, calling for …"
        phrases.push_back({words, ing ? CueRole::participle : CueRole::verb, object});
        continue;
      }
      CueForm& c = this->forms[words[0]];
      c.strong = c.strong || strong;
      c.object = c.object || object;
      c.speech_act = c.speech_act || !object;
      c.lemma = lemma;
      c.participle = lang == "en" && ends_with(words[0], "ing") && !ends_with(lemma, "ing");
      c.past_participle = lang == "en" && words[0] != lemma && (ends_with(words[0], "ed") || words[0] == "told" ||
                                                                 words[0] == "said" || words[0] == "written" ||
                                                                 words[0] == "shown" || words[0] == "found" ||
                                                                 words[0] == "thought");
    }
  };
  for (const char* key : {"speech", "verbs", "attitudes"}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_array()) throw FormatError(std::string("cue lexicon: '") + key + "' must be a list of verbs");
    const std::string k = key;
    for (const auto& v : j[key]) add_verb(v.get<std::string>(), k == "speech", k == "attitudes");
  }
  // Verbs whose base and -s forms are mostly nouns ("state", "support", "attacks"): only the listed
  // forms are cues ("stated", "supported"), each with its class.
  if (j.contains("only_forms")) {
    if (!j["only_forms"].is_object()) throw FormatError("cue lexicon: 'only_forms' must map a word form to speech, verbs or attitudes");
    for (auto it = j["only_forms"].begin(); it != j["only_forms"].end(); ++it) {
      const std::string kind = it.value().get<std::string>();
      if (kind != "speech" && kind != "verbs" && kind != "attitudes")
        throw FormatError("cue lexicon: 'only_forms' maps '" + it.key() + "' to '" + kind + "' (use speech, verbs or attitudes)");
      const auto words = split_words(it.key());
      if (words.size() != 1) throw FormatError("cue lexicon: 'only_forms' takes single words, not '" + it.key() + "'");
      CueForm& c = forms[words[0]];
      c.strong = c.strong || kind == "speech";
      c.object = c.object || kind == "attitudes";
      c.speech_act = c.speech_act || kind != "attitudes";
      c.lemma = words[0];
      c.participle = ends_with(words[0], "ing");
      c.past_participle = ends_with(words[0], "ed");
    }
  }
  if (j.contains("phrases")) {
    if (!j["phrases"].is_object()) throw FormatError("cue lexicon: 'phrases' must map a phrase to its role");
    for (auto it = j["phrases"].begin(); it != j["phrases"].end(); ++it) {
      const std::string role = it.value().get<std::string>();
      Phrase p{split_words(it.key()), CueRole::verb};
      if (role == "verb") p.role = CueRole::verb;
      else if (role == "according") p.role = CueRole::according;
      else if (role == "according_after") p.role = CueRole::according_after;
      else if (role == "scare") p.role = CueRole::scare;
      else if (role == "participle") p.role = CueRole::participle;
      else throw FormatError("cue lexicon: unknown phrase role '" + role + "' for '" + it.key() +
                             "' (use verb, according, according_after, scare or participle)");
      if (!p.words.empty()) phrases.push_back(std::move(p));
    }
  }
  std::stable_sort(phrases.begin(), phrases.end(),
                   [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
  cue_index = TermIndex();
  cue_entries.clear();
  auto entry = [&](const std::string& word) -> CueWord& {
    const std::uint32_t id = cue_index.insert(word);
    if (id == cue_entries.size()) cue_entries.emplace_back();
    return cue_entries[id];
  };
  for (std::size_t k = 0; k < phrases.size(); ++k) entry(phrases[k].words[0]).phrases.push_back(k);
  for (const auto& [word, form] : forms) {
    CueWord& e = entry(word);
    e.is_form = true;
    e.form = form;
  }
  std::fill(cue_filter.begin(), cue_filter.end(), 0);
  for (std::uint32_t id = 0; id < cue_index.size(); ++id) {
    const std::uint32_t slot = cue_filter_slot(quotes_detail::word_key(cue_index.term(id)));
    cue_filter[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  }
  add_set(j, "adverbs", adverbs);
  add_set(j, "passive_blockers", passive);
  if (j.contains("speaker_words")) {
    const auto& s = j["speaker_words"];
    add_set(s, "titles", titles);
    add_set(s, "anonymous_heads", anonymous_heads);
    add_set(s, "organisation_heads", organisation_heads);
    add_set(s, "media_heads", media_heads);
    add_set(s, "document_heads", document_heads);
    add_set(s, "determiners", determiners);
    add_set(s, "not_speakers", not_speakers);
    if (s.contains("subject_suffixes")) {
      if (!s["subject_suffixes"].is_object()) throw FormatError("cue lexicon: 'subject_suffixes' must map a suffix to a pronoun kind");
      for (auto it = s["subject_suffixes"].begin(); it != s["subject_suffixes"].end(); ++it)
        subject_suffixes.emplace_back(it.key(), it.value().get<std::string>());
    }
    if (s.contains("pronouns"))
      for (auto it = s["pronouns"].begin(); it != s["pronouns"].end(); ++it)
        pronouns[it.key()] = it.value().get<std::string>();
  }
  if (j.contains("words")) add_words(j["words"], words);
  if (j.contains("spaced_quotation_marks")) spaced_marks = j["spaced_quotation_marks"].get<bool>();
}

namespace {

void add_words(const json& j, Words& w) {
  if (!j.is_object()) throw FormatError("cue lexicon: 'words' must map a word class to a list of words (see cpp/data/lang/en/words.json)");
  add_set(j, "function_words", w.function_words);
  add_set(j, "time_words", w.time_words);
  add_set(j, "finite_markers", w.finite_markers);
  add_set(j, "subjunctive_markers", w.subjunctive_markers);
  add_set(j, "prepositions", w.prepositions);
  add_set(j, "leading_fillers", w.leading_fillers);
  add_set(j, "weekdays", w.weekdays);
  add_set(j, "dates", w.dates);
  add_set(j, "subject_pronouns", w.subject_pronouns);
  add_set(j, "pronominal_determiners", w.pronominal_determiners);
  add_set(j, "lone_speakers", w.lone_speakers);
  add_set(j, "preverbal_adverbs", w.preverbal_adverbs);
  add_set(j, "day_parts", w.day_parts);
  add_set(j, "periods", w.periods);
  add_set(j, "light_verbs", w.light_verbs);
  add_set(j, "cue_nouns", w.cue_nouns);
  add_set(j, "speech_nouns", w.speech_nouns);
  add_set(j, "fronted", w.fronted);
  add_set(j, "title_small_words", w.title_small_words);
  add_set(j, "abbreviations", w.abbreviations);
  add_set(j, "complementizers", w.complementizers);
  add_set(j, "object_pronouns", w.object_pronouns);
  add_set(j, "number_words", w.number_words);
  add_set(j, "oblique_determiners", w.oblique_determiners);
  add_set(j, "subordinators", w.subordinators);
  add_set(j, "reflexive_pronouns", w.reflexive_pronouns);
  add_set(j, "auxiliaries", w.auxiliaries);
  add_set(j, "comma_cues", w.comma_cues);
  add_set(j, "impersonal_pronouns", w.impersonal_pronouns);
  add_set(j, "nominative_pronouns", w.nominative_pronouns);
  add_set(j, "passive_auxiliaries", w.passive_auxiliaries);
  add_set(j, "report_subordinators", w.report_subordinators);
  add_set(j, "compound_titles", w.compound_titles);
  add_set(j, "focus_particles", w.focus_particles);
  add_set(j, "ordinal_months", w.ordinal_months);
  add_set(j, "anaphoric_pronouns", w.anaphoric_pronouns);
  add_set(j, "separable_cues", w.separable_cues);
  add_set(j, "naming_cues", w.naming_cues);
  add_set(j, "naming_particles", w.naming_particles);
  add_set(j, "first_person_pronouns", w.first_person_pronouns);
  add_set(j, "source_nouns", w.source_nouns);
  add_set(j, "quotation_joiners", w.quotation_joiners);
  add_set(j, "name_determiners", w.name_determiners);
  add_set(j, "opening_name_articles", w.opening_name_articles);
  add_set(j, "fronted_adjectives", w.fronted_adjectives);
  add_set(j, "suffix_nouns", w.suffix_nouns);
  add_set(j, "survey_heads", w.survey_heads);
  add_set(j, "coordinators", w.coordinators);
  add_set(j, "question_cues", w.question_cues);
  add_set(j, "question_openers", w.question_openers);
  add_set(j, "question_words", w.question_words);
  add_set(j, "contrast_subordinators", w.contrast_subordinators);
  add_set(j, "relative_pronouns", w.relative_pronouns);
  add_set(j, "object_relatives", w.object_relatives);
  add_set(j, "request_verbs", w.request_verbs);
  add_set(j, "continuation_particles", w.continuation_particles);
  add_set(j, "absolute_prepositions", w.absolute_prepositions);
  add_set(j, "absolute_phrase_words", w.absolute_phrase_words);
  add_set(j, "time_subordinators", w.time_subordinators);
  add_set(j, "regions", w.regions);
  add_set(j, "list_openers", w.list_openers);
  add_set(j, "lone_object_persons", w.lone_object_persons);
  add_set(j, "negated_auxiliaries", w.negated_auxiliaries);
  add_set(j, "subject_inserts", w.subject_inserts);
  add_set(j, "perfect_participles", w.perfect_participles);
  add_set(j, "setting_prepositions", w.setting_prepositions);
  add_set(j, "noun_openers", w.noun_openers);
  add_set(j, "auxiliary_inserts", w.auxiliary_inserts);
  add_set(j, "topic_prepositions", w.topic_prepositions);
  add_set(j, "fraction_words", w.fraction_words);
  add_set(j, "expression_verbs", w.expression_verbs);
  add_set(j, "stance_prepositions", w.stance_prepositions);
  add_set(j, "possessive_determiners", w.possessive_determiners);
  for (auto [key, list] : {std::pair<const char*, std::vector<std::string>*>{"official_roles", &w.official_roles},
                           {"organisation_words", &w.organisation_words},
                           {"fronted_suffixes", &w.fronted_suffixes},
                           {"source_noun_suffixes", &w.source_noun_suffixes},
                           {"adverb_suffixes", &w.adverb_suffixes},
                           {"name_heads", &w.name_heads}}) {
    if (!j.contains(key)) continue;
    WordSet seen;
    add_set(j, key, seen);
    for (const auto& v : j[key]) {
      std::string s = v.get<std::string>();
      for (auto& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (std::find(list->begin(), list->end(), s) == list->end()) list->push_back(s);
    }
  }
}

}  // namespace

void Lexicon::add_gazetteer(std::string_view text) {
  const json j = parse(text, "the gazetteer");
  if (!j.is_object()) throw FormatError("the gazetteer must be a JSON object (see cpp/data/gazetteer.json)");
  auto note_place_start = [&](std::string_view word, std::size_t words) {
    const std::uint32_t id = place_starts.insert(word);
    if (id == place_start_words.size()) place_start_words.push_back(0);
    place_start_words[id] = std::max(place_start_words[id], words);
  };
  auto put = [&](const std::string& name, Place p) {
    std::size_t words = 1 + static_cast<std::size_t>(std::count(name.begin(), name.end(), ' '));
    // The word a match can start at: the name's first word, or its second after "the " (looked up
    // as "the " + words).
    std::string_view first(name);
    if (first.substr(0, 4) == "the ") first.remove_prefix(4);
    note_place_start(first.substr(0, first.find(' ')), first.size() != name.size() ? words - 1 : words);
    if (first.size() != name.size()) note_place_start("the", words);
    places[name] = std::move(p);
  };
  try {
    if (j.contains("countries")) {
      for (auto it = j["countries"].begin(); it != j["countries"].end(); ++it) {
        const std::string& country = it.key();
        put(country, {country, Place::country_name, country});
        const auto& v = it.value();
        if (v.contains("names")) for (const auto& n : v["names"]) put(n.get<std::string>(), {country, Place::country_name, country});
        if (v.contains("demonyms")) for (const auto& n : v["demonyms"]) put(n.get<std::string>(), {country, Place::demonym, country});
        if (v.contains("metonyms")) for (const auto& n : v["metonyms"]) put(n.get<std::string>(), {country, Place::metonym, country});
      }
    }
    if (j.contains("organisations")) {
      for (auto it = j["organisations"].begin(); it != j["organisations"].end(); ++it) {
        const auto& v = it.value();
        Place p{v.value("country", std::string()), Place::organisation, it.key()};
        if (v.value("kind", std::string()) == "media") p.kind = Place::media;
        put(it.key(), std::move(p));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw FormatError(std::string("the gazetteer has an entry of the wrong shape (") + e.what() +
                      "); see cpp/data/gazetteer.json");
  }
}

}  // namespace framelens::detail
