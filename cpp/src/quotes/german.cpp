// German main clauses (verb-second order): who is the subject of a clause. The finite verb is the
// clause's second constituent; when something other than the subject fills the first position (an
// adverb, a prepositional phrase, an object, a subordinate clause, a quotation), the subject follows
// the verb. Every example in the comments is invented.
#include <algorithm>

#include "quotes/attribution.hpp"

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

namespace {

// A lower-case compound whose last part after a hyphen is capitalised is a noun ("documenta-Homepage",
// "taz-Redakteur"): German capitalises the head of a compound.
bool hyphen_noun(std::string_view text, const Tok& w) {
  if (w.kind != TK::word || w.cap || w.e > text.size()) return false;
  const std::string_view word = text.substr(w.s, w.e - w.s);
  const std::size_t h = word.rfind('-');
  if (h == std::string_view::npos || h + 2 >= word.size()) return false;
  const unsigned char c = static_cast<unsigned char>(word[h + 1]), c2 = static_cast<unsigned char>(word[h + 2]);
  return (c >= 'A' && c <= 'Z') || (c == 0xC3 && (c2 == 0x84 || c2 == 0x96 || c2 == 0x9C));  // Ä Ö Ü
}

}  // namespace

// The clause opening at token k does not open with its subject: "Am Montag …", "Dabei …", "Den Plan
// …", "Als die Fähre anlegte, …", "2019 …".
bool UnitRules::german_fronted(std::size_t k) const {
  const Tok& w = t[k];
  if (w.kind != TK::word || w.in_quote) return false;
  return lex_.words.prepositions.count(w.low) || lex_.words.fronted.count(w.low) ||
         lex_.words.oblique_determiners.count(w.low) || lex_.words.subordinators.count(w.low) ||
         (w.low[0] >= '0' && w.low[0] <= '9') || (!w.cap && adverb(w)) || german_fronted_adjective(k);
}

// A focus particle before the subject ("Auch die Ministerin äußerte …", "Selbst Jon Falk lobte …"),
// not before a fronted phrase ("Auch am Montag sagte …"): it fills no position.
bool UnitRules::german_focus_particle(std::size_t cs, std::size_t end) const {
  if (!(lex_.words.focus_particles.count(t[cs].low) && !t[cs].in_quote && cs + 1 < end)) return false;
  const Tok& n = t[cs + 1];
  return n.kind == TK::word && !n.in_quote && (n.cap || lex_.determiners.count(n.low)) &&
         !lex_.words.prepositions.count(n.low) && !lex_.words.oblique_determiners.count(n.low) && !german_fronted(cs + 1);
}

// "Relativierend fügt Jon Falk hinzu", "Höhnisch schrieb …", "Besorgt äußerte sich …": a
// capitalised word with an adjective or adverb ending (fronted_suffixes in words.json), or one of
// the adjectives of fronted_adjectives, directly before a lower-case verb fills the first position
// alone.
bool UnitRules::german_fronted_adjective(std::size_t k) const {
  const Tok& w = t[k];
  if (!w.cap || w.in_quote || w.kind != TK::word || k + 1 >= ub) return false;
  const Tok& v = t[k + 1];
  if (v.kind != TK::word || v.cap || v.in_quote || is_stop(lex_, v) || lex_.determiners.count(v.low)) return false;
  const std::string_view n = w.low;
  if (lex_.words.fronted_adjectives.count(n)) return true;  // "Besorgt äußerte sich …" (fronted_adjectives)
  for (const auto& suf : lex_.words.fronted_suffixes)
    if (n.size() > suf.size() + 3 && n.compare(n.size() - suf.size(), suf.size(), suf) == 0) return true;
  return false;
}

// The finite verb of a clause opening with a fronted constituent at cs, before `end`: the first
// lower-case word that is no function word, article, preposition or adverb and does not follow an
// article or preposition (an adjective: "In einem internen Brief schrieb …"). After a subordinate
// clause ("Als die Fähre anlegte, sagte …") it is the word after the comma. `end` when none.
std::size_t UnitRules::german_fronted_verb(std::size_t cs, std::size_t end) const {
  if (lex_.words.subordinators.count(t[cs].low)) {
    for (std::size_t k = cs + 1; k + 1 < end && k < cs + 40; ++k) {
      if (t[k].in_quote || t[k].low != ","sv) continue;
      const Tok& v = t[k + 1];
      return v.kind == TK::word && !v.cap && !v.in_quote && !is_stop(lex_, v) ? k + 1 : end;
    }
    // no comma: "Als Begründung sagte die Ärztin …" ("als" before a noun phrase)
  }
  // the word before opens a noun phrase (an article, a preposition, an adjective); after an adverb
  // ("Zudem sagte …", "Letztlich wies …") the next word is the verb
  const Tok& w0 = t[cs];
  bool after_article = !((lex_.words.fronted.count(w0.low) && !lex_.words.prepositions.count(w0.low) &&
                          !lex_.determiners.count(w0.low) && !lex_.words.oblique_determiners.count(w0.low)) ||
                         german_fronted_adjective(cs));
  // the comma closing a relative clause opened by the comma at k after a noun (a pronoun from the
  // articles, the clause ending in a lower-case verb: "…, der als Download erschien,"); k if none
  auto relative_end = [&](std::size_t k) {
    if (t[k].low != ","sv || t[k].in_quote || !(t[k - 1].cap || t[k - 1].low == ")"sv) || !lex_.determiners.count(t[k + 1].low) ||
        t[k + 1].in_quote)
      return k;
    for (std::size_t m = k + 2; m < end && m < k + 30; ++m) {
      if (t[m].in_quote || ends_unit(t[m])) return k;
      if (t[m].low == ","sv) return m > k + 3 && t[m - 1].kind == TK::word && !t[m - 1].cap ? m : k;
    }
    return k;
  };
  std::size_t skipped = 0;
  for (std::size_t k = cs + 1; k < end && k < cs + 16 + skipped; ++k) {
    const Tok& w = t[k];
    const bool opened = after_article;
    after_article = false;
    if (w.in_quote) {
      const QSpan* q = quote_at(k);
      if (!q || q->b <= k) return end;
      k = q->b - 1;
      continue;
    }
    if (w.kind != TK::word) {
      // dates and hyphenated words ("10.01.2006", "Fraktions- und"), parentheses ("(SPD)")
      if (w.low == "."sv || w.low == "-"sv || w.low == "("sv || w.low == ")"sv) continue;
      // "In dem Bericht, der gestern erschien, heißt es": a relative clause after a noun, closed by
      // a comma; the finite verb follows it
      if (const std::size_t rc = relative_end(k); rc != k) {
        skipped += rc - k;
        k = rc;
        continue;
      }
      // "Um Zeit zu gewinnen, will die Ministerin …": an infinitive clause closed by a comma
      if (w.low == ","sv && k + 1 < end && lex_.words.prepositions.count(t[cs].low) && t[k + 1].kind == TK::word &&
          !t[k + 1].cap && !t[k + 1].in_quote && (!is_stop(lex_, t[k + 1]) || lex_.words.auxiliaries.count(t[k + 1].low))) {
        bool infinitive = false;
        for (std::size_t m = cs + 1; m < k && !infinitive; ++m) infinitive = t[m].low == "zu"sv && !t[m + 1].cap;
        if (infinitive) return k + 1;
      }
      return end;
    }
    if (w.cap || hyphen_noun(d.text, w) || (w.low[0] >= '0' && w.low[0] <= '9')) continue;
    // an auxiliary or modal ("Nun hat sich …", "Dort war …") is the finite verb
    if (lex_.words.auxiliaries.count(w.low) || lex_.words.finite_markers.count(w.low) ||
        lex_.words.subjunctive_markers.count(w.low))
      return k;
    if (lex_.determiners.count(w.low) || lex_.words.prepositions.count(w.low)) { after_article = true; continue; }
    if (is_stop(lex_, w) || lex_.words.fronted.count(w.low) || adverb(w)) continue;
    if (opened) { after_article = true; continue; }  // an adjective ("im geplanten neuen Gesetz")
    return k;
  }
  return end;
}

// The inverted subject after the verb ending at v ("sagte die Ministerin", "äußerte sich der
// Sprecher", "berichtet die Zeitung „Nordkurier“"): a noun phrase opening with a capital, an article
// or a pronoun, before `end`.
Range UnitRules::german_subject_after(std::size_t v, std::size_t end) const {
  std::size_t s = v;
  if (s < end && lex_.words.reflexive_pronouns.count(t[s].low)) ++s;
  // "nahm jetzt der Minister Stellung", "äußerte sich gestern die Sprecherin": up to three adverbs
  // (adverbs in cues.json, time words that are no preposition) before the subject
  const auto adverbial = [&](const Tok& w) { return w.kind == TK::word && !w.in_quote && !w.cap && german_adverbial(w); };
  for (std::size_t n = 0; n < 3 && s + 1 < end && adverbial(t[s]); ++n) ++s;
  // "äußerte sich auch der Vorsitzende": a focus particle before the subject (german_focus_particle)
  if (s + 1 < end && german_focus_particle(s, end)) ++s;
  if (s >= end) return {s, s};
  const Tok& w = t[s];
  const bool opens = (w.kind == TK::word && !w.in_quote) &&
                     (w.cap || lex_.determiners.count(w.low) || lex_.words.subject_pronouns.count(w.low)) &&
                     !lex_.words.oblique_determiners.count(w.low) && !lex_.words.prepositions.count(w.low) &&
                     !lex_.words.time_words.count(w.low);
  if (!opens) return {s, s};
  // "… kommentierte er seinen Ausfall": an inverted pronoun is the whole subject (the nouns after it
  // are objects)
  const Range np = lex_.words.subject_pronouns.count(w.low) && !w.cap ? Range{s, s + 1} : np_fwd(d, s, end, true);
  if (lone_non_speaker(np)) return {s, s};
  return np;
}

// A noun that names a speaker: a title, an anonymous, organisation, medium or document head, also
// as the last part of a compound with a hyphen ("SPD-Vorsitzende", "UN-Sprecher").
bool UnitRules::german_speaker_noun(const Tok& w) const {
  if (w.kind != TK::word || w.in_quote) return false;
  if (!w.cap) return lex_.titles.count(w.low) > 0;  // German nouns are capitalised ("ehemalige" is a title word)
  std::string_view n = w.low;
  const std::size_t h = n.rfind('-');
  if (h != std::string_view::npos && h + 1 < n.size()) n = n.substr(h + 1);
  auto in = [&](const detail::WordSet& set) { return set.count(w.low) > 0 || set.count(n) > 0; };
  if (in(lex_.titles) || in(lex_.anonymous_heads) || in(lex_.organisation_heads) || in(lex_.media_heads) ||
      in(lex_.document_heads))
    return true;
  // a closed compound ending in a title ("Gesundheitsminister", "Bildungssenatorin"): its last 4 to
  // 14 bytes (one probe per length; German titles are that long)
  if (lex_.words.compound_titles.empty() || !w.cap || n.size() < 7) return false;
  for (std::size_t len = 4; len <= 14 && len + 3 <= n.size(); ++len)
    if (lex_.words.compound_titles.count(n.substr(n.size() - len))) return true;
  return false;
}

// The verb ending at v follows a fronted object np: the subject after the verb speaks when it can
// only be one — a nominative pronoun ("Die Arbeit der Regierung lobte er …") — or when it names a
// speaker (a title, a speaker noun) and np names none ("Die Anwendung des Artikels stellte der
// SPD-Vorsitzende Jon Falk in Frage"). Empty otherwise.
Range UnitRules::german_inverted_speaker(Range np, std::size_t v, std::size_t end) const {
  std::size_t k = v;
  if (k < end && lex_.words.reflexive_pronouns.count(t[k].low)) ++k;
  if (k >= end || t[k].in_quote || t[k].kind != TK::word) return {v, v};
  if (lex_.words.nominative_pronouns.count(t[k].low)) return {k, k + 1};
  for (std::size_t m = np.first; m < np.second; ++m)
    if (german_speaker_noun(t[m])) return {v, v};
  // "Die Anwohner nannten dagegen den Umbau des Hafens …": after an adverb the phrase
  // is the verb's object, np the subject (german_subject_after's adverbs are for a fronted phrase)
  if (german_adverbial(t[k])) return {v, v};
  Range inv = german_subject_after(v, end);
  // the mention ends at its last capitalised word ("der Minister Jon Falk von sich")
  while (inv.second > inv.first + 1 && (!t[inv.second - 1].cap || lex_.words.prepositions.count(t[inv.second - 1].low)))
    --inv.second;
  bool speaker = false;
  for (std::size_t m = inv.first; m < inv.second && !speaker; ++m) speaker = t[m].kind == TK::word && german_speaker_noun(t[m]);
  // a name without article ("… weist Jon Falk von sich"): objects take an article, names do not
  // (and the fronted phrase is no name itself: it holds an article or a lower-case word)
  bool name = inv.second > inv.first && inv.second - inv.first <= 3 && !lex_.determiners.count(t[inv.first].low);
  for (std::size_t m = inv.first; m < inv.second && name; ++m) name = t[m].kind == TK::word && t[m].cap;
  bool phrase = false;
  for (std::size_t m = np.first; m < np.second && !phrase; ++m)
    phrase = lex_.determiners.count(t[m].low) || (t[m].kind == TK::word && !t[m].cap);
  name = name && phrase;
  return speaker || name ? inv : Range{v, v};
}

// A sentence that attributes nothing keeps its subject as the speaker a following quotation may
// continue ("Ida Kern, die Ministerin, verurteilte den Plan. „…“"), when the subject names someone:
// a speaker noun, a pronoun, or capitalised words without an article (a name: "Jon Falk").
void UnitRules::note_clause_subject() {
  // (only where a quotation follows in this paragraph or the next: what continues it)
  const auto next = std::lower_bound(d.quote_start.begin(), d.quote_start.end(), t[ub - 1].e);
  if (next == d.quote_start.end()) return;
  const std::size_t qa = d.quotes[static_cast<std::size_t>(next - d.quote_start.begin())].a;
  if (d.tok_para[qa] > para + 1) return;
  const Range s = german_clause_subject(ua, ub);
  if (s.second <= s.first || has_quote(s.first, s.second)) return;
  bool speaker = s.second == s.first + 1 && lex_.words.subject_pronouns.count(t[s.first].low) &&
                 !lex_.words.impersonal_pronouns.count(t[s.first].low);
  bool name = !lex_.determiners.count(t[s.first].low) && t[s.first].cap;
  for (std::size_t k = s.first; k < s.second && !speaker; ++k) {
    if (t[k].kind != TK::word) continue;
    speaker = german_speaker_noun(t[k]);
    name = name && (t[k].cap || k > s.first + 1);
  }
  // (a single capitalised word may be a plural noun without article: "Gymnasiasten sollen …")
  if (speaker || (name && s.second - s.first <= 4 && s.second - s.first >= 2)) d.entity_mentions.push_back(s);
}

bool UnitRules::np_has_comma(Range np) const {
  for (std::size_t k = np.first; k < np.second; ++k)
    if (t[k].low == ","sv && !t[k].in_quote) return true;
  return false;
}

// A passive clause [a, b) ("Jon Falk wird von der „Post“ mit den Worten zitiert", "In der Meldung wird
// Falk so zitiert", "wie Falk vom Sender zitiert wird"; `aux_after`: the auxiliary follows the cue):
// the agent after the auxiliary ("von X", "vom X") speaks, else a medium or document the clause opens
// with ("In der Meldung"). Empty when the clause is no passive or names neither.
Range UnitRules::german_passive_source(std::size_t a, std::size_t b, bool aux_after) const {
  std::size_t aux = aux_after ? a : b;
  bool comma = false;  // between the clause start and the auxiliary (an apposition of the subject)
  for (std::size_t k = b; k-- > a && aux == b;) {
    if (t[k].in_quote) continue;
    if (t[k].kind == TK::punct && (t[k].low == ","sv || t[k].low == ":"sv || ends_unit(t[k]))) return {b, b};
    if (lex_.words.passive_auxiliaries.count(t[k].low)) aux = k;
  }
  if (aux >= b) return {b, b};
  for (std::size_t k = a; k < aux && !comma; ++k) comma = t[k].low == ","sv && !t[k].in_quote;
  // the agent: "von" after the auxiliary, not after a noun ("auf der Seite von Borussia Nord" is
  // an attribute)
  for (std::size_t k = aux; k + 1 < b; ++k) {
    if (t[k].in_quote || !(t[k].low == "von"sv || t[k].low == "vom"sv)) continue;
    const Tok& w = t[k + 1];
    if (!(w.cap || w.in_quote || lex_.determiners.count(w.low))) continue;
    // ("vom", the contracted article, takes the agent after a noun too: "die Gefahr von Bränden vom
    // Wetterdienst als „hoch“ eingestuft")
    if (k > aux && t[k - 1].cap && !aux_after && t[k].low != "vom"sv) continue;
    Range np = np_fwd(d, k + 1, b);
    // (the participle closing the clause is no part of the agent: "von Extremisten durchquert")
    while (np.second > np.first + 1 && t[np.second - 1].kind == TK::word && !t[np.second - 1].cap && !t[np.second - 1].in_quote)
      --np.second;
    if (np.second > np.first) return np;
  }
  if (!comma && lex_.words.prepositions.count(t[a].low) && !t[a].in_quote) {
    const std::size_t e = german_attribute_end(a, b, true, 12);
    for (std::size_t k = a + 1; k < e; ++k)
      if (lex_.media_heads.count(t[k].low) || lex_.document_heads.count(t[k].low)) return {a, e};
  }
  return {b, b};
}

// "Wie der Richter, Jon Falk, ausführte, habe …", "Wie die Polizei mitteilte, …": a clause opening
// with a report conjunction (report_subordinators in words.json) and closed by its verb and a comma
// before `end` reports its subject's words. Empty when the unit opens otherwise.
Range UnitRules::german_report_clause_subject(std::size_t end) const {
  if (!(ua + 2 < end && lex_.words.report_subordinators.count(t[ua].low) && !t[ua].in_quote)) return {end, end};
  for (std::size_t k = ua + 2; k < end; ++k) {
    if (t[k].in_quote) return {end, end};
    if (t[k].low != ","sv || t[k - 1].kind != TK::word || t[k - 1].cap) continue;
    const Range s = german_subject_after(ua + 1, k - 1);
    return s.second > s.first && !lone_non_speaker(s) ? s : Range{end, end};
  }
  return {end, end};
}

// "es", "das", "man" standing alone speak for nobody ("Das lobte …", "sagte es"); "das Gericht" does.
bool UnitRules::lone_non_speaker(Range np) const {
  return np.second == np.first + 1 && lex_.not_speakers.count(t[np.first].low) > 0;
}

// The subject of the clause opening at cs, ending before `end`: the noun phrase that opens it and is
// followed by a lower-case verb ("Die Ministerin lobte …", "Ida Roos, die Sprecherin, sagte …"), or
// the inverted subject after the verb when the first position holds something else ("Am Montag
// sagte die Ministerin", "„…“, schreibt die Zeitung"). Empty when none is found.
Range UnitRules::german_clause_subject(std::size_t cs, std::size_t end) const {
  if (cs >= end) return {end, end};
  const Tok& w0 = t[cs];
  if (w0.kind == TK::mark && w0.in_quote) {
    // "„…“, lobte die Ministerin den Plan": the quotation fills the first position
    const QSpan* q = quote_at(cs);
    if (!q || q->a != cs || q->b + 1 >= end || t[q->b].low != ","sv) return {end, end};
    const Tok& v = t[q->b + 1];
    // ("„…“, so die Ministerin, …": the attribution particle "so" (comma_cues) takes the verb's place)
    if (v.kind != TK::word || v.cap || v.in_quote || (is_stop(lex_, v) && !lex_.words.comma_cues.count(v.low))) return {end, end};
    return german_subject_after(q->b + 2, end);
  }
  if (w0.kind != TK::word || w0.in_quote) return {end, end};
  // "Auch die Ministerin äußerte …", "Selbst Jon Falk lobte …": a focus particle before the subject
  // (not before a fronted phrase: "Auch am Montag sagte …")
  if (german_focus_particle(cs, end)) return german_clause_subject(cs + 1, end);
  if (german_fronted(cs)) {
    const std::size_t v = german_fronted_verb(cs, end);
    const Range inv = v < end ? german_subject_after(v + 1, end) : Range{end, end};
    if (inv.second > inv.first) return inv;
    // "Das Komitee lobte …" ("das" fills the first position only as a pronoun), "Auch der Minister
    // lobte …" (a particle before the subject)
    if (lex_.words.prepositions.count(w0.low) || lex_.words.subordinators.count(w0.low) ||
        lex_.words.oblique_determiners.count(w0.low) || (w0.low[0] >= '0' && w0.low[0] <= '9'))
      return {end, end};
    // (not when the next word is the verb: "Es soll sich um … handeln")
    const Tok& w1 = t[cs + 1];
    if (!lex_.determiners.count(w0.low))
      return w1.cap || lex_.determiners.count(w1.low) || lex_.words.subject_pronouns.count(w1.low) ? german_clause_subject(cs + 1, end)
                                                                                                   : Range{end, end};
  }
  if (!((w0.cap || cs > ua) && (!is_stop(lex_, w0) || lex_.determiners.count(w0.low)))) return {end, end};
  Range np = np_fwd(d, cs, end, true);
  if (np.second + 2 < end && t[np.second].low == "("sv && np.second > np.first) {
    // "Ida Roos (SPD) lobte …": a party or place in parentheses belongs to the subject
    std::size_t m = np.second + 1;
    while (m < end && m < np.second + 6 && t[m].low != ")"sv && !t[m].in_quote) ++m;
    if (m < end && t[m].low == ")"sv) np.second = m + 1;
  }
  if (np.second > np.first) np.second = german_attribute_end(np.second, end);
  // (the verb may be the token at `end` itself when the caller ends the clause at its cue)
  const std::size_t last = end < ub ? end + 1 : end;
  if (np.second <= np.first || np.second >= last || lone_non_speaker(np)) return {end, end};
  const Tok& v = t[np.second];
  if (v.kind == TK::word && !v.cap && !v.in_quote) {
    // "Jede Schuld wies er von sich": a fronted object, the speaker after the verb
    const Range inv = german_inverted_speaker(np, np.second + 1, end);
    return inv.second > inv.first ? inv : np;
  }
  if (v.low == ","sv && !v.in_quote && np.second + 1 < last && t[np.second - 1].cap && t[np.second + 1].kind == TK::word &&
      !t[np.second + 1].cap && !t[np.second + 1].in_quote &&
      (!is_stop(lex_, t[np.second + 1]) || lex_.words.auxiliaries.count(t[np.second + 1].low)) &&
      np_has_comma(np)) {
    // "Ida Roos, die Sprecherin, sagte …": the phrase holds its apposition, the verb follows it
    return german_nominative_after(np.second + 2, end, np);
  }
  if (v.low == ","sv && !v.in_quote) {
    // "Ida Roos, die Sprecherin des Hafens, sagte …": an apposition closed by a comma before the verb
    std::size_t m = np.second + 1;
    while (m < end && m < np.second + 14 && !t[m].in_quote && t[m].low != ","sv && !ends_unit(t[m])) ++m;
    if (m + 1 < last && m > np.second + 1 && t[m].low == ","sv && t[m + 1].kind == TK::word && !t[m + 1].cap &&
        !t[m + 1].in_quote && (!is_stop(lex_, t[m + 1]) || lex_.words.auxiliaries.count(t[m + 1].low)))
      return german_nominative_after(m + 2, end, {np.first, m});
  }
  return {end, end};
}

// "Das Angebot, Verletzte hier zu behandeln, lehnt er jedoch ab": a phrase closed by a comma before
// the verb was a fronted object when a nominative pronoun (nominative_pronouns) follows the verb
// (the token before k); the pronoun speaks. `subject` otherwise.
Range UnitRules::german_nominative_after(std::size_t k, std::size_t end, Range subject) const {
  if (k < end && lex_.words.reflexive_pronouns.count(t[k].low)) ++k;
  if (k < end && !t[k].in_quote && lex_.words.nominative_pronouns.count(t[k].low)) return {k, k + 1};
  return subject;
}

// A prepositional attribute after a subject noun phrase ending at k ("die Sprecherin beim
// Hafenamt", "der Minister im Bundestag"): a preposition, then articles, adjectives after them and
// capitalised words, up to `end`. Returns its end (k when there is none).
// A phrase opening its clause ("In einer gestern verbreiteten Erklärung des Verbands heißt es")
// may start with a capital and runs to at most `words` words.
std::size_t UnitRules::german_attribute_end(std::size_t k, std::size_t end, bool opening, std::size_t words) const {
  if (!(k + 1 < end && !t[k].in_quote && lex_.words.prepositions.count(t[k].low) && (opening || !t[k].cap))) return k;
  std::size_t m = k + 1;
  bool opened = true, noun = false;
  while (m < end && m < k + words && t[m].kind == TK::word && !t[m].in_quote) {
    const Tok& w = t[m];
    if (w.cap || hyphen_noun(d.text, w)) { noun = true; opened = false; ++m; continue; }
    if (lex_.determiners.count(w.low)) { opened = true; ++m; continue; }
    // a further attribute after the noun ("für den Unfall im Hafen der Stadt"): a preposition
    // opening a capitalised noun phrase continues the chain
    if (noun && !opened && lex_.words.prepositions.count(w.low) && m + 1 < end && !t[m + 1].in_quote &&
        (t[m + 1].cap || lex_.determiners.count(t[m + 1].low))) {
      opened = true;
      ++m;
      continue;
    }
    if (opened && !is_stop(lex_, w) && !lex_.words.finite_markers.count(w.low)) { ++m; continue; }  // an adjective
    break;
  }
  return noun ? m : k;
}

// The list of quotations q stands in: quotations joined only by the words of quotation_joiners
// (words.json: commas, "und", "oder", "sowie"), inside [lo, hi), at most `most` of them ("Vorträge
// wie „A“, „B“ und „C“"). Returns the list's tokens, from the first quotation's opening mark to the
// last one's end; `count`, when given, receives the number of quotations. The one walker for
// german_named_term (a list of three or more is a list of names) and german_named_quotation (a
// naming verb's content is its whole list).
Range UnitRules::german_quotation_run(const QSpan& q, std::size_t lo, std::size_t hi, std::size_t most, std::size_t* count) const {
  const auto joins = [&](std::size_t k) { return !t[k].in_quote && lex_.words.quotation_joiners.count(t[k].low) > 0; };
  std::size_t n = 1, first = q.a, last = q.b;
  while (first > lo && n < most) {  // back
    std::size_t k = first;
    while (k > lo && joins(k - 1)) --k;
    const QSpan* p = k < first && k > lo ? quote_at(k - 1) : nullptr;
    if (!p || p->b != k || p->a < lo) break;
    ++n;
    first = p->a;
  }
  while (last < hi && n < most) {  // forward
    std::size_t k = last;
    while (k < hi && joins(k)) ++k;
    const QSpan* p = k > last && k < hi ? quote_at(k) : nullptr;
    if (!p || p->a != k || p->b > hi) break;
    ++n;
    last = p->b;
  }
  if (count) *count = n;
  return {first, last};
}

// "Queensland sei dem Land zu Dank verpflichtet: „…“", "Die Pflichten der Union seien klar
// festgelegt: „…“": the clause [a, b) before a colon is itself reported — a subjunctive verb
// (subjunctive_markers) outside quotation marks, and no comma or cue before it (not "Jon Falk sagte,
// die Lage sei ernst:", where the cue's own rules decide).
bool UnitRules::german_reported_frame(std::size_t a, std::size_t b) const {
  for (std::size_t k = a; k < b && k < a + 40; ++k) {
    const Tok& w = t[k];
    if (w.in_quote) continue;
    if (w.low == ","sv || is_cue_word(w)) return false;
    if (w.kind == TK::word && lex_.words.subjunctive_markers.count(w.low)) return true;
  }
  return false;
}

// "„…“, hatte Ida Kern damals gesagt", "„…“, wird Jon Falk zitiert": after a quotation the clause
// opens with its finite auxiliary (auxiliaries, passive_auxiliaries), the subject follows it and the
// cue, a participle, closes the clause. The auxiliary leaves the subject (and so do adverbs after
// it: "damals"); the clause starts at the auxiliary. Returns the clause start (`boundary` when the
// clause is no such one).
std::size_t UnitRules::german_auxiliary_clause(const Cue& c, Range& subj, std::size_t boundary) const {
  if (!(c.b >= ub || t[c.b].kind == TK::punct)) return boundary;  // the cue closes the clause
  auto aux = [&](const Tok& w) {
    return w.kind == TK::word && !w.in_quote && !w.cap &&
           (lex_.words.auxiliaries.count(w.low) || lex_.words.passive_auxiliaries.count(w.low));
  };
  std::size_t a = subj.first;
  if (aux(t[a]) && subj.second > a + 1) ++a;
  else if (!(a > consumed && aux(t[a - 1]))) return boundary;
  const std::size_t start = aux(t[a - 1]) ? a - 1 : boundary;
  if (!(start > consumed && (t[start - 1].low == ","sv || t[start - 1].in_quote))) return boundary;
  std::size_t e = subj.second;
  while (e > a + 1 && t[e - 1].kind == TK::word && !t[e - 1].cap) --e;
  if (!t[a].cap || e <= a) return boundary;
  subj = {a, e};
  return start;
}

// "Ida Roos, Sprecherin des Hafens: „…“": a clause of names and nouns only (no verb) before a colon
// is a speaker label.
bool UnitRules::german_speaker_label(std::size_t cs, std::size_t end) const {
  if (cs >= end || end - cs > 16 || !t[cs].cap || t[cs].kind != TK::word || t[cs].in_quote || german_fronted(cs)) return false;
  for (std::size_t k = cs; k < end; ++k) {
    const Tok& w = t[k];
    if (w.in_quote) return false;
    if (w.kind != TK::word) {
      if (w.low == ","sv || w.low == "("sv || w.low == ")"sv || w.low == "-"sv) continue;
      return false;
    }
    if (!w.cap && !is_stop(lex_, w) && !lex_.determiners.count(w.low)) return false;
  }
  return true;
}

// A source noun (source_nouns in words.json, or a compound ending in one of source_noun_suffixes:
// "Polizeiangaben", "Zeugenaussagen"): capitalised, outside quotation marks.
bool UnitRules::german_source_noun_word(const Tok& w) const {
  if (w.kind != TK::word || !w.cap || w.in_quote) return false;
  const std::string_view n = w.low;
  if (lex_.words.source_nouns.count(n)) return true;
  for (const auto& suf : lex_.words.source_noun_suffixes)
    if (n.size() > suf.size() + 2 && n.compare(n.size() - suf.size(), suf.size(), suf) == 0) return true;
  return false;
}

// "nach" at k opens a source phrase: up to three articles, possessives or adjectives, then a source
// noun ("nach einem ersten Bericht", "nach Polizeiangaben", "nach deren Angaben"). Returns the noun's
// token, k when the phrase is none ("nach dem Spiel", "nach Varne").
std::size_t UnitRules::german_source_noun(std::size_t k) const {
  std::size_t m = k + 1;
  for (std::size_t n = 0; m < ub && n < 3; ++m, ++n) {
    const Tok& w = t[m];
    if (w.kind != TK::word || w.in_quote) return k;
    if (w.cap) break;
    if (lex_.determiners.count(w.low)) continue;
    // an adjective: no function word, preposition or verb ("nach einer ersten Analyse")
    if (is_stop(lex_, w) || lex_.words.prepositions.count(w.low) || german_clause_verb(m)) return k;
  }
  return m < ub && german_source_noun_word(t[m]) ? m : k;
}

// German sources that name a statement, a report or an opinion rather than a speaker, and that the
// cue phrases of cues.json do not list word for word: "Nach einem Bericht der Hafenzeitung fuhr
// …", "Die Fähre fuhr nach Polizeiangaben …" (a cue "nach" whose source is the noun phrase after it,
// `according`), and the postposition "Seiner Meinung nach ist …", "dem Vernehmen nach" (the source
// before it, `according_after`). Added to `cues` in token order.
void UnitRules::german_source_cues() {
  bool added = false;
  for (std::size_t k = ua; k < ub; ++k) {
    if (t[k].in_quote || t[k].low != "nach"sv) continue;
    bool covered = false;
    for (const Cue& c : cues) covered = covered || (c.a <= k && k < c.b);
    if (covered) continue;
    // (not inside a noun phrase, after its article: "die nach Polizeiangaben 40 Gäste")
    if (german_source_noun(k) != k && !(k > ua && lex_.determiners.count(t[k - 1].low) && !t[k - 1].in_quote)) {
      cues.push_back({k, k + 1, CueRole::according});
      added = true;
    } else if (k >= ua + 2 && german_source_noun_word(t[k - 1]) && lex_.determiners.count(t[k - 2].low) &&
               !t[k - 2].in_quote && (k == ua + 2 || german_clause_verb(k - 3))) {
      // (opening the clause or right after its finite verb: "Die Fähre fährt dem Vernehmen nach …";
      // not inside a noun phrase: "die seiner Ansicht nach falsche Rolle")
      cues.push_back({k, k + 1, CueRole::according_after});
      added = true;
    }
  }
  if (added) std::sort(cues.begin(), cues.end(), [](const Cue& x, const Cue& y) { return x.a < y.a; });
}

}  // namespace framelens::quotes_detail
