// Cue finding: speech verbs and phrases of the lexicon outside quotations, colons before a
// quotation, and verbs outside the lexicon that close a quotation the way "said" does.
#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

namespace {

const detail::CueForm& tail_form() {
  static const detail::CueForm f{false, false, false, false, true, "tail"};
  return f;
}

bool dash_token(const Tok& t) {
  return t.kind == TK::punct && (t.low == "\xE2\x80\x94"sv || t.low == "\xE2\x80\x93"sv || t.low == "-"sv || t.low == "--"sv);
}

// A unit in title case ("Roos Says The Ferry Will Run In May"): at least four words outside
// quotations, at least four in five of them capitalised.
bool title_case(const TokView& t, std::size_t ua, std::size_t ub) {
  std::size_t words = 0, caps = 0;
  for (std::size_t k = ua; k < ub; ++k) {
    if (t[k].kind != TK::word || t[k].in_quote) continue;
    ++words;
    caps += t[k].cap;
  }
  return words >= 4 && caps * 5 >= words * 4;
}

}  // namespace

// A verb outside the lexicon that closes a quotation the way "said" does: "“…,” the sign read.",
// "“…?” Hale repeated.", "“…,” reacted Hale." The quotation ends with , ? or ! inside its marks and
// only a short noun phrase stands between it and the verb (or follows the verb), up to the unit end.
// The verb is a lower-case past or present form (-ed, -s) or "read".
namespace {

// The cheap structural test of tail_verb(), run for every word the lexicon does not know (inline):
// a lower-case word outside quotations that ends its unit or follows a closing quotation.
inline bool tail_verb_position(const TokView& t, std::size_t ua, std::size_t ub, std::size_t i) {
  const Tok& v = t[i];
  if (v.cap || v.in_quote || i == ua) return false;
  return i + 1 >= ub || ends_unit(t[i + 1]) || (t[i - 1].kind == TK::mark && t[i - 1].in_quote);
}

}  // namespace

// "The new survey shows …", "The reports show …": a cue noun form after a document or survey head
// (document_heads in cues.json, survey_heads in words.json) that agrees with it in number is the
// head's verb, not the second noun of a compound ("the TV show", "a campaign promise"). Singular
// head with an -s form, plural head (ending in -s) with the bare form; "the poll question" stays a
// noun.
bool Extractor::document_verb(std::string_view head, std::string_view form) const {
  if (!lex_.document_heads.count(head) && !lex_.words.survey_heads.count(head)) return false;
  const bool plural_head = !head.empty() && head.back() == 's';
  const bool s_form = form.size() > 2 && form.back() == 's' && form[form.size() - 2] != 's';
  return plural_head != s_form;
}

bool Extractor::tail_verb(const DocState& d, std::size_t ua, std::size_t ub, std::size_t i) const {
  const TokView t(d.toks);
  const Tok& v = t[i];
  if (v.kind != TK::word || is_stop(lex_, v) || lex_.determiners.count(v.low)) return false;
  const std::string_view w = v.low;
  const bool ed = w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
  const bool s3 = w.size() > 4 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != '\'';
  if (!(ed || s3 || w == "read")) return false;
  // the unit ends right after the verb (or after the inverted subject)
  auto closes_quote = [&](std::size_t k) {  // token k is a closing mark after , ? !
    return k > ua && t[k].kind == TK::mark && t[k].in_quote && (k + 1 >= ub || !t[k + 1].in_quote) &&
           (t[k - 1].low == ","sv || t[k - 1].low == "?"sv || t[k - 1].low == "!"sv);
  };
  auto unit_end = [&](std::size_t k) { return k >= ub || ends_unit(t[k]); };
  if (closes_quote(i - 1)) {
    // inverted: "“…,” reacted Hale." — a capitalised or determined phrase of at most six words
    if (!ed && w != "read" && w != "reads") return false;
    std::size_t k = i + 1;
    while (k < ub && k - i <= 6 && t[k].kind == TK::word && !t[k].in_quote && !is_stop(lex_, t[k])) ++k;
    return k > i + 1 && unit_end(k) && (t[i + 1].cap || lex_.determiners.count(t[i + 1].low));
  }
  if (!unit_end(i + 1)) return false;
  std::size_t k = i;
  while (k > ua && i - k < 6 && t[k - 1].kind == TK::word && !t[k - 1].in_quote &&
         (!is_stop(lex_, t[k - 1]) || t[k - 1].low == "this"sv || t[k - 1].low == "it"sv))
    --k;
  if (k == i || !closes_quote(k - 1)) return false;
  // it opens with a name, a determiner or a pronoun ("the sign", "Hale", "he"; not "besides two …")
  if (!(t[k].cap || lex_.determiners.count(t[k].low) || lex_.words.subject_pronouns.count(t[k].low))) return false;
  // the phrase is a subject: it has no verb-like lower-case word before its head
  for (std::size_t m = k; m + 1 < i; ++m)
    if (!t[m].cap && !lex_.determiners.count(t[m].low) && t[m].low.size() > 3 &&
        t[m].low.compare(t[m].low.size() - 2, 2, "ed") == 0)
      return false;
  return true;
}

// A colon at most eight tokens into a unit that is a whole paragraph, with a quotation after it in
// the unit: "Ida Roos: Ferry Plan Is ‘A Gift To The Coast’".
bool Extractor::headline_colon(const DocState& d, std::size_t ua, std::size_t ub, std::size_t i) const {
  if (i == ua || i - ua > 8 || i + 1 >= ub) return false;
  if ((ua > 0 && d.tok_para[ua - 1] == d.tok_para[ua]) || (ub < d.toks.size() && d.tok_para[ub] == d.tok_para[ua])) return false;
  for (std::size_t k = i + 1; k < ub; ++k)
    if (d.toks[k].in_quote) return true;
  return false;
}

// English: the tokens before `i` end in a share of a number — "six in 10", "one in five", "nine
// out of 10" — which is the subject of a present or bare cue form after it ("Six in 10 say …", a poll's
// answer), not a number before a plural noun ("primaries in five states": no number before "in"); so
// is a number after a determiner before a bare form ("all five say").
bool Extractor::share_before(const DocState& d, std::size_t ua, std::size_t i) const {
  const TokView t(d.toks);
  const auto number = [&](std::size_t k) { return t[k].kind == TK::word && !t[k].in_quote && number_word(t[k].low); };
  const auto first = [&](std::size_t k) { return number(k) || t[k].low == "one"sv; };  // ("one" is no number word)
  if (german_ || i < ua + 2 || !number(i - 1)) return false;
  // "all five say", "the two agree": a number after a determiner is the phrase's head before a bare
  // form ("in all five states": an -s form stays a plural noun)
  const std::string_view f = t[i].low;
  if (lex_.determiners.count(t[i - 2].low) && !t[i - 2].in_quote && !(f.size() > 2 && f.back() == 's')) return true;
  if (i < ua + 3) return false;
  if (t[i - 2].low == "in"sv && !t[i - 2].in_quote) return first(i - 3);
  return i >= ua + 4 && t[i - 2].low == "of"sv && t[i - 3].low == "out"sv && !t[i - 2].in_quote && first(i - 4);
}

std::vector<Cue> Extractor::find_cues(const DocState& d, std::size_t ua, std::size_t ub) const {
  std::vector<Cue> cues;
  const TokView t(d.toks);
  int headline = -1;  // the unit is in title case (computed at the first capitalised cue inside it)
  for (std::size_t i = ua; i < ub; ++i) {
    if (t[i].in_quote) continue;
    if (t[i].kind == TK::punct && t[i].low == ":"sv && i + 1 < ub && t[i + 1].kind == TK::mark && t[i + 1].in_quote) {
      cues.push_back({i, i + 1, CueRole::verb, nullptr, true});
      continue;
    }
    // a colon closing its paragraph ("Ann Shaw of the institute:"), the quotation in the next one
    if (!german_ && t[i].kind == TK::punct && t[i].low == ":"sv && i + 1 == ub && i > ua && t[i - 1].kind == TK::word &&
        (ub >= t.size() || d.tok_para[ub] != d.tok_para[i])) {
      cues.push_back({i, i + 1, CueRole::verb, nullptr, true});
      continue;
    }
    // a short label opening a headline paragraph with a quotation later in it ("Ida Roos: Ferry
    // Plan Is ‘A Gift’"); attribution.cpp (headline_label) decides whether the label speaks
    if (t[i].kind == TK::punct && t[i].low == ":"sv && headline_colon(d, ua, ub, i)) {
      cues.push_back({i, i + 1, CueRole::verb, nullptr, true});
      continue;
    }
    if (t[i].kind != TK::word) continue;
    bool matched = false;
    const detail::Lexicon::CueWord* entry = lex_.cue_word(t[i].low, t[i].key);
    if (!entry) {  // neither a cue form nor the start of a cue phrase
      if (!german_ && tail_verb_position(t, ua, ub, i) && tail_verb(d, ua, ub, i))
        cues.push_back({i, i + 1, CueRole::verb, &tail_form(), false});
      continue;
    }
    for (const std::size_t pk : entry->phrases) {
      const auto& p = lex_.phrases[pk];
      if (i + p.words.size() > ub) continue;
      bool ok = true;
      for (std::size_t k = 0; k < p.words.size(); ++k)
        if (t[i + k].kind != TK::word || t[i + k].in_quote || t[i + k].low != p.words[k]) { ok = false; break; }
      if (!ok) continue;
      cues.push_back({i, i + p.words.size(), p.role, nullptr, false, p.object});
      i += p.words.size() - 1;
      matched = true;
      break;
    }
    if (matched) continue;
    const detail::CueForm* form = entry->is_form ? &entry->form : nullptr;
    if (!form) {
      if (!german_ && tail_verb_position(t, ua, ub, i) && tail_verb(d, ua, ub, i))
        cues.push_back({i, i + 1, CueRole::verb, &tail_form(), false});
      continue;
    }
    // A capitalised cue inside a sentence is a name ("Says", "Post"), not a verb — unless the unit is
    // a headline in title case, where capitals say nothing ("Roos Says Ferry Will Run"; only an
    // inflected form: "Post" or "Report" there is still a noun).
    if (t[i].cap && i > ua && !german_) {
      if (headline < 0) headline = title_case(t, ua, ub) ? 1 : 0;
      if (!headline || t[i].low == form->lemma || form->participle) continue;
    }
    // "…, so die Ministerin." / "„…“, so Roos": a cue that is also an adverb ("so") only after a
    // comma or a quotation and before a speaker ("es sah so aus", "um so besser" are no cues)
    if (lex_.words.comma_cues.count(t[i].low) &&
        !((t[i - 1].low == ","sv || (t[i - 1].kind == TK::mark && t[i - 1].in_quote) || dash_token(t[i - 1])) && i > ua &&
          (t[i + 1].cap || lex_.determiners.count(t[i + 1].low) || lex_.words.subject_pronouns.count(t[i + 1].low) ||
           (t[i + 1].kind == TK::word && (t[i + 2].cap || lex_.determiners.count(t[i + 2].low)))) &&  // "so urteilte Roos"
          i + 1 < ub))
      continue;
    // After a determiner or possessive a cue form is a noun ("a tweet", "Trump's remarks",
    // "his home state").
    if (!german_ && i > ua) {
      const std::string_view p1 = t[i - 1].low;
      const bool possessive = is_possessive(p1);
      // ("Another said", "Some wrote": a past-tense form after a pronominal determiner is the verb)
      const std::string_view w = t[i].low;
      const bool past = (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) || w == "said" || w == "told" || w == "wrote";
      if (lex_.determiners.count(p1) && p1 != "that" && p1 != "one" && p1 != "all" && p1 != "both" && p1 != "most" &&
          !(lex_.words.pronominal_determiners.count(p1) && past))
        continue;
      if (possessive) continue;
      // After a number a present or bare cue form is a plural noun ("primaries in five states",
      // "30 reports"); "Two said" stays a verb (past forms, as after "another"), and so does any form
      // after a share ("six in 10 say", "one out of five want": share_before).
      if (!past && number_word(p1) && !share_before(d, ua, i))
        continue;
      if (lex_.words.cue_nouns.count(t[i].low) && i >= ua + 2 && t[i - 1].kind == TK::word && !t[i - 1].cap && !is_stop(lex_, t[i - 1]) &&
          lex_.determiners.count(t[i - 2].low) && !document_verb(t[i - 1].low, t[i].low))
        continue;
    }
    cues.push_back({i, i + 1, CueRole::verb, form, false});
  }
  return cues;
}

// A quoted name ending at token `end` (exclusive): „Die Welt“, „Aktion Deutschland hilft“ — at most
// six words, the first and every noun capitalised (German capitalises nouns, so lower-case words
// other than short function words make it a phrase, not a name). Returns its first token or `end`.

}  // namespace framelens::quotes_detail
