// Attribution rules per cue: the speaker mention and the content of each cue of a unit.
// Every example in the comments is invented.
#include "quotes/attribution.hpp"

#include <algorithm>

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

UnitRules::UnitRules(const Extractor& ex, DocState& doc, std::size_t first, std::size_t last)
    : ex_(ex), lex_(ex.lex()), opt_(ex.options()), german_(ex.german()), d(doc), t(doc.toks), ua(first), ub(last),
      para(doc.tok_para[first]), first_attr(doc.attrs.size()), consumed(first), skip_to(first), last_mention_a(last),
      last_mention_b(last) {}

void UnitRules::run() {
  note_person_mentions();
  cues = ex_.find_cues(d, ua, ub);
  if (german_) german_source_cues();
  if (german_ && (cues.empty() || cues.front().a != ua + 1)) german_anaphoric_separable();
  for (const Cue& c : cues) {
    if (c.a < consumed || c.a < skip_to) continue;
    // "(Hafenblatt berichtete)": a cue closing a parenthesis refers to an earlier report, it
    // attributes nothing around it (German)
    if (german_ && c.b < ub && t[c.b].low == ")"sv && !t[c.b].in_quote) continue;
    // "…, so dass die Klage scheiterte": "so" before "dass" is a conjunction, no cue (German)
    if (german_ && c.b < ub && lex_.words.comma_cues.count(t[c.a].low) && complementizer(t[c.b]) && !t[c.b].in_quote) continue;
    cue(c);
  }
  survey_frame();
  if (german_) german_subject_before_auxiliary();
  if (german_ && d.attrs.size() == first_attr && has_quote(ua, ub)) german_konjunktiv();
  else if (german_ && d.attrs.size() == first_attr) german_plain_free_indirect();
  if (german_) german_colon_frame();
  unclaimed_quotations();
  if (!german_) quotation_after_statement();
  if (german_ && d.attrs.size() == first_attr) note_clause_subject();
  // Keep the unit's statements in text order.
  std::sort(d.attrs.begin() + static_cast<std::ptrdiff_t>(first_attr), d.attrs.end(),
            [](const Attribution& x, const Attribution& y) { return x.contents.front().start < y.contents.front().start; });
}

// English: "“…,” the board said, reasoning that the plan met the rules because it “did not need any
// new money.”", "“…,” Roos said “The rest can wait.”": a quotation of the unit that no rule gave a
// speaker (no cue covers it, no sentence subject was found before it), after a statement of the same
// unit that has one, takes that statement's speaker — the nearest before it. (Until round 17 such
// quotations had no source; the sentence subject, where object_of_verb finds one, still comes first.)
void UnitRules::quotation_after_statement() {
  // (most units have no statement without a speaker: no work, no allocation)
  bool open = false, spoken = false;
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i) {
    const Attribution& at = d.attrs[i];
    open = open || (!at.has_speaker && !at.scare && !at.no_source);
    spoken = spoken || at.has_speaker;
  }
  if (!open || !spoken) return;
  // one pass in text order (a unit with thousands of quotations stays n log n)
  std::vector<std::size_t> order;
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i)
    if (!d.attrs[i].contents.empty() && !d.attrs[i].scare) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return d.attrs[x].contents.front().start < d.attrs[y].contents.front().start;
  });
  std::size_t prev = d.attrs.size();  // the last statement with a speaker of the unit so far
  for (const std::size_t i : order) {
    Attribution& at = d.attrs[i];
    if (at.has_speaker) {
      if (at.mention_a >= ua && at.mention_b <= ub) prev = i;
      continue;
    }
    if (at.no_source || prev == d.attrs.size()) continue;
    const Attribution& p = d.attrs[prev];
    if (p.cue.start >= at.contents.front().start || p.contents.front().start >= at.contents.front().start) continue;
    at.mention_a = p.mention_a; at.mention_b = p.mention_b;
    at.resolve_a = p.resolve_a; at.resolve_b = p.resolve_b;
    at.has_speaker = true;
    at.continuation = true;
  }
}

// German: "Die Kapitänin hatte vor Gericht erklärt, …" — a speaker before its cue ends at the
// clause's finite auxiliary (verb-second order: the subject stands before it), unless a comma comes
// first (an apposition or relative clause of the speaker: "Jon Falk, der … gebaut hatte, sagte").
void UnitRules::german_subject_before_auxiliary() {
  const auto& w = lex_.words;
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i) {
    Attribution& at = d.attrs[i];
    if (!at.has_speaker || at.mention_b <= at.mention_a + 1 || at.mention_b > ub || at.mention_a < ua ||
        t[at.mention_b - 1].e > at.cue.start)
      continue;
    for (std::size_t k = at.mention_a + 1; k < at.mention_b; ++k) {
      const Tok& x = t[k];
      if (x.in_quote) continue;
      if (x.low == ","sv || x.low == "("sv) break;
      if (x.kind == TK::word && !x.cap && (w.auxiliaries.count(x.low) || w.finite_markers.count(x.low))) {
        // ("Am Tag zuvor hatte er …": a fronted phrase fills the first position, the subject follows
        // the auxiliary)
        if (german_fronted(at.mention_a) || w.weekdays.count(t[at.mention_a].low)) {
          const Range np = german_subject_after(k + 1, at.mention_b);
          if (np.second > np.first) { at.mention_a = np.first; at.mention_b = np.second; }
        } else {
          at.mention_b = k;
        }
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Shared vocabulary of the rules

const QSpan* UnitRules::quote_at(std::size_t k) const {
  const int qi = k < d.quote_of_tok.size() ? d.quote_of_tok[k] : -1;
  return qi >= 0 ? &d.quotes[static_cast<std::size_t>(qi)] : nullptr;
}

// Trailing sentence punctuation outside quotes is not part of a content.
std::size_t UnitRules::content_end(std::size_t a, std::size_t b) const {
  while (b > a && t[b - 1].kind == TK::punct && !t[b - 1].in_quote &&
         (ends_unit(t[b - 1]) || t[b - 1].low == ","sv || t[b - 1].low == ":"sv || t[b - 1].low == ")"sv ||
          t[b - 1].low == "\xE2\x80\x94"sv || t[b - 1].low == "-"sv || t[b - 1].low == "--"sv))
    --b;
  return b;
}

bool UnitRules::has_quote(std::size_t a, std::size_t b) const {
  for (std::size_t k = a; k < b; ++k) if (t[k].in_quote) return true;
  return false;
}

// A phrase that names someone: a capitalised word that is no determiner and no not_speaker ("Ida
// Roos", not "The Latest" or "Update").
bool UnitRules::names_someone(Range np) const {
  for (std::size_t k = np.first; k < np.second; ++k)
    if (t[k].cap && !lex_.determiners.count(t[k].low) && !lex_.not_speakers.count(t[k].low)) return true;
  return false;
}

// German: the comma that closes a short apposition opened by the comma at k ("Der Sprecher, Jonas
// Weber, …", "in der „Morgenpost“, einer Lokalzeitung, …"): one to five words, starting with a
// capital or an article, ending with a noun, no subjunctive verb. k itself when there is none.
std::size_t UnitRules::apposition_end(std::size_t k) const {
  std::size_t n = k + 1, words = 0;
  bool marker = false;
  while (n < ub && !(t[n].low == ","sv && !t[n].in_quote) && words <= 5) {
    if (t[n].kind == TK::word && !t[n].in_quote) { ++words; marker = marker || lex_.words.subjunctive_markers.count(t[n].low) > 0; }
    ++n;
  }
  if (n < ub && t[n].low == ","sv && words >= 1 && words <= 5 && !marker && t[n - 1].cap && !t[n - 1].in_quote &&
      (t[k + 1].cap || lex_.determiners.count(t[k + 1].low)))
    return n;
  return k;
}

// A reported clause: "that …", a quotation, a colon before one, or a finite verb soon.
bool UnitRules::clause_like(std::size_t a, std::size_t b) const {
  if (a >= b) return false;
  if (complementizer(t[a]) || t[a].in_quote || t[a].low == ":"sv) return true;
  if (t[a].low == "whether"sv || t[a].low == "why"sv || t[a].low == "how"sv || t[a].low == "if"sv) return true;
  for (std::size_t k = a; k + 1 < b; ++k)
    if (!t[k].in_quote && t[k].low == ":"sv && t[k + 1].in_quote) return true;  // "… to voters: “…”"
  for (std::size_t k = a; k < std::min(b, a + 12); ++k) {
    if (!t[k].in_quote && t[k].kind == TK::punct && k > a) return false;
    if (lex_.words.finite_markers.count(t[k].low)) return true;
    if (t[k].in_quote && k > a) return true;
  }
  return false;
}

// The end of a forward content: the unit end, where a new attribution starts (", adding that …",
// ", according to …"), or a dash that opens no insert closed later ("Roos said the quay would
// reopen — a promise the board repeated"): what follows is the writer's.
std::size_t UnitRules::forward_end(std::size_t a) const {
  for (std::size_t k = a; k + 1 < ub && k < a + 2000; ++k) {  // bounded scan
    if (k > a && dash(t[k]) && t[k + 1].kind == TK::word && !t[k + 1].in_quote &&
        (t[k].low[0] != '-' || (t[k - 1].e < t[k].s && t[k].e < t[k + 1].s))) {  // "U.S.-led" is a word
      std::size_t m = k + 1;
      while (m < ub && !dash(t[m])) ++m;
      if (m >= ub) return k;
      k = m;  // an insert between dashes ("— a harbour town —") stays in the content
      continue;
    }
    // "Roos praised the plan and said …"; "Roos said the boats were late, and the board said
    // nothing" (a subject and its own cue)
    if (k > a && t[k].kind == TK::word && !t[k].in_quote && lex_.words.coordinators.count(t[k].low) &&
        (coordinated_cue(k) || subject_cue_after(k)))
      return k;
    // "Roos said the quay was safe, while Berg said …": a contrasting clause with a subject and
    // its own cue (contrast_subordinators in words.json)
    if (k > a && t[k].kind == TK::word && !t[k].in_quote && t[k - 1].low == ","sv &&
        lex_.words.contrast_subordinators.count(t[k].low) && subject_cue_after(k))
      return k;
    // "Roos said the quay was safe; Berg said …", "Roos said the toll was fair; the crews disagree": a
    // semicolon outside a quotation ends an English report (the next clause is the writer's or opens
    // one of its own) — unless a quotation follows in the unit ("Roos called for lower fees; some
    // cheer when she says “…”" is annotated whole)
    if (k > a && !t[k].in_quote && t[k].low == ";"sv && (subject_cue_after(k) || (!german_ && !has_quote(k + 1, ub))))
      return k;
    const bool comma = !t[k].in_quote && t[k].kind == TK::punct && t[k].low == ","sv;
    const bool quote_comma = t[k].kind == TK::mark && t[k].in_quote && !t[k + 1].in_quote && k > a &&
                             t[k - 1].low == ","sv;
    if (!comma && !quote_comma) continue;
    const Tok& n = t[k + 1];
    if (n.in_quote) continue;
    const std::size_t cut = quote_comma ? k + 1 : k;
    const detail::Lexicon::CueWord* c = lex_.cue_word(n.low, n.key);
    if (c && c->is_form && c->form.participle) return cut;
    if (n.low == "according"sv) return cut;
    for (const auto& c : cues)
      if (c.a == k + 1 && c.role == CueRole::participle) return cut;
    if (german_ && german_tail_attribution(k + 1)) return cut;
    if (comma && subject_cue_after(k)) return k;
    // "… at “smaller schools,” Berg said: “…”": after a quotation piece closed by its comma too
    if (quote_comma && subject_cue_after(k)) return cut;
  }
  return ub;
}

// "Asked if he believed the dock was safe, Roos said that …", "Despite what he wrote, Roos said …": a
// comma at k followed by a subject (a name, a noun phrase, a pronoun) and its own verb cue opens a
// new attribution (English; German clauses after a comma are reports).
bool UnitRules::subject_cue_after(std::size_t k) const {
  if (german_ || k + 2 >= ub) return false;
  const Tok& w = t[k + 1];
  const auto number = [&](const Tok& x) { return x.kind == TK::word && ex_.number_word(x.low); };
  // ("…, and three in ten said …": a share opens the clause)
  // ("one in four": "one" opens a share, though no number word)
  const bool share = k + 4 < ub && (number(w) || w.low == "one"sv) && t[k + 2].low == "in"sv && number(t[k + 3]);
  // ("…, while 22 percent said …", "…, while others said …": a count or a pronoun that speaks alone)
  const bool count = number(w) || lex_.words.lone_speakers.count(w.low) || lex_.words.pronominal_determiners.count(w.low);
  if (count && w.s == t[k].e && t[k].s == t[k - 1].e) return false;  // "1,100 names": a thousands separator
  if (w.kind != TK::word || w.in_quote ||
      (!share && !count && (!(w.cap || lex_.determiners.count(w.low) || lex_.words.subject_pronouns.count(w.low)) ||
                  is_stop(lex_, w) || lex_.words.leading_fillers.count(w.low))))
    return false;
  // (cues are in text order: the first after the subject's first word)
  const auto first = std::upper_bound(cues.begin(), cues.end(), k + 1, [](std::size_t v, const Cue& c) { return v < c.a; });
  for (auto it = first; it != cues.end(); ++it) {
    const Cue& c = *it;
    if (c.a > k + 6) break;
    // (a phrase cue too: "…, and Berg told reporters that …")
    if (c.role != CueRole::verb || c.colon || (c.form && c.form->participle)) return false;
    // adverbs between the subject and its cue ("…, but she also said …")
    std::size_t e = c.a;
    while (e > k + 2 && (adverb(t[e - 1]) || suffix_adverb(e - 1))) --e;
    // ("…, 32% call it …": a percent sign after the count)
    const auto percent = [&](std::size_t m) { return m == k + 2 && t[m].low == "%"sv && number(w); };
    for (std::size_t m = k + 1; m < e; ++m)
      if ((t[m].kind != TK::word && !percent(m)) || t[m].in_quote || (m > k + 1 && is_stop(lex_, t[m]) && !(share && m == k + 2)))
        return false;
    const Range s = np_back(d, k + 1, e);
    return s.first == k + 1 && s.second == e;
  }
  return false;
}

// "Roos praised the harbour plan and said the quay would open in May", "Berg backs the ferry but
// argues that the fares are too high": a coordinator (coordinators in words.json) followed, after
// adverbs at most ("and then told …"), by a finite verb cue opens a second predicate of the same
// subject — a statement of its own. The cue, or null.
const Cue* UnitRules::coordinated_cue(std::size_t k) const {
  if (t[k].kind != TK::word || t[k].in_quote || !lex_.words.coordinators.count(t[k].low)) return nullptr;
  std::size_t m = k + 1;
  while (m < ub && m < k + 3 && (adverb(t[m]) || suffix_adverb(m))) ++m;
  if (m >= ub || t[m].in_quote || t[m].cap) return nullptr;
  const auto it = std::lower_bound(cues.begin(), cues.end(), m, [](const Cue& c, std::size_t v) { return c.a < v; });
  if (it == cues.end() || it->a != m || it->role != CueRole::verb || it->colon) return nullptr;
  // a participle only after a participle cue of the unit ("…, calling the plan late and urging the
  // board to act"); otherwise "and saying …" continues a clause ("resting and saying nothing")
  if (it->form && it->form->participle) {
    bool after_participle = false;
    for (auto p = cues.begin(); p != it && !after_participle; ++p)
      after_participle = p->a >= ua && p->form && p->form->participle && participle_after_comma(*p);
    if (!after_participle) return nullptr;
  }
  return &*it;
}

// The subject of a coordinated cue whose coordinator is at k: the unit's last speaker ("Roos said …
// and added …"), the subject of a cue before it that attributed nothing ("Roos met the crews and
// said …" has none: "Roos toured the quay and said …"), "who" opening the clause ("Berg, who
// toured the quay and said …"), else the clause subject (participle_subject).
Range UnitRules::coordinated_subject(const Cue& c, std::size_t k) const {
  if (last_mention_b > last_mention_a && last_mention_a >= ua && last_mention_b <= k) return {last_mention_a, last_mention_b};
  std::size_t a = k;
  while (a > consumed && !(t[a - 1].low == ","sv && !t[a - 1].in_quote)) --a;
  if (a < k && t[a].low == "who"sv && !t[a].in_quote) return {a, a + 1};
  // German: the subject of the first clause in verb-second order ("Im Januar legte er sein Amt
  // nieder und verkündete, …": "er"), from where the unit's unclaimed words start (a comma before
  // the verb may close an apposition of the subject)
  if (german_) {
    const Range gs = german_clause_subject(consumed, k);
    if (gs.second > gs.first && gs.second <= k) return gs;
  }
  if (!d.entity_mentions.empty()) {
    const Range& em = d.entity_mentions.back();
    if (em.first >= a && em.second <= k && em.second > em.first) return em;
  }
  for (std::size_t m = a; m < k && m < a + 3; ++m)  // "Later, he toured the quay and said …"
    if (lex_.words.subject_pronouns.count(t[m].low) && !t[m].in_quote && t[m].kind == TK::word) return {m, m + 1};
  return participle_subject(c);
}

// A token of the cue that carries its subject ("dit-il", "a-t-elle"): the lexicon's subject suffixes.
Range UnitRules::subject_in_cue(const Cue& c) const {
  if (lex_.subject_suffixes.empty()) return {c.a, c.a};
  for (std::size_t k = c.a; k < c.b; ++k)
    if (!lex_.subject_suffix(t[k].low).empty()) return {k, k + 1};
  return {c.a, c.a};
}

void UnitRules::remember(const Attribution& at) {
  last_mention_a = at.mention_a; last_mention_b = at.mention_b;
  d.attrs.push_back(at);
}

// "Greta Holm has run the bakery …" (a full name opening the sentence) and "Varne's mayor, Oskar
// Dahl, joined …" (a role and a full name in apposition): antecedents for a later "she" / "he".
void UnitRules::note_person_mentions() {
  if (german_) return;
  if (t[ua].kind == TK::word && t[ua].cap && !t[ua].in_quote && !is_stop(lex_, t[ua]) && !lex_.determiners.count(t[ua].low)) {
    std::size_t j = ua;
    while (j < ub && j - ua < 5 && t[j].kind == TK::word && t[j].cap && !t[j].in_quote) ++j;
    if (j - ua >= 2 && j - ua <= 4 && j < ub && !t[j].in_quote &&
        ((t[j].kind == TK::word && !t[j].cap) || t[j].low == ","sv))
      d.person_mentions.push_back({ua, j});
  }
  std::size_t c = ua;
  while (c < ub && c - ua < 6 && t[c].kind == TK::word && !t[c].in_quote) ++c;
  if (c > ua && c + 3 < ub && t[c].low == ","sv && !t[c - 1].cap) {
    std::size_t j = c + 1;
    while (j < ub && j - c <= 4 && t[j].kind == TK::word && t[j].cap && !t[j].in_quote) ++j;
    if (j - c - 1 >= 2 && j - c - 1 <= 3 && j < ub && t[j].low == ","sv) d.person_mentions.push_back({ua, j});
  }
}

// ---------------------------------------------------------------------------------------------
// Rules per cue

void UnitRules::cue(const Cue& c) {
  Attribution at;
  at.para = para;
  at.cue = span_of(c.a, c.b);
  if (c.role == CueRole::scare) scare_marker(c, at);
  else if (c.role == CueRole::according_after) according_after(c, at);
  else if (c.role == CueRole::according) according(c, at);
  else if (c.colon) colon(c, at);
  else if (german_ && german_anaphoric_report(c, at)) return;
  else verb(c, at);
}

// so-called "X": the quotation right after the marker is a scare quote ("the so-called 'reform
// dividend'").
void UnitRules::scare_marker(const Cue& c, Attribution& at) {
  if (!(c.b < ub && t[c.b].in_quote)) return;
  const QSpan* q = quote_at(c.b);
  if (!q || !opt_.scare || german_) return;  // (German: a named term, no statement: german_named_term)
  at.scare = true;
  at.contents.push_back(span_of(q->a, q->b));
  at.confidence = 0.8;
  d.attrs.push_back(at);
  consumed = q->b;
}

// The source stands before the cue: "Dem Bericht zufolge sei die Lage „ernst“", "Der Polizei
// zufolge blieb die Brücke gesperrt."
void UnitRules::according_after(const Cue& c, Attribution& at) {
  auto np = german_ ? german_fronted_source(c) : Range{c.a, c.a};
  bool middle = false;
  if (np.second <= np.first) {
    np = np_back(d, consumed, c.a);
    // German: "Die Fähre fuhr ersten Angaben zufolge …" — the source in the middle of its clause
    // starts after the clause's verb (or its reflexive or subject pronoun)
    if (german_ && np.second > np.first) {
      const auto& w = lex_.words;
      for (std::size_t k = np.second; k-- > np.first + 1;) {
        const Tok& x = t[k];
        if (german_clause_verb(k) || (x.kind == TK::word && !x.cap && !x.in_quote &&
                                      (w.reflexive_pronouns.count(x.low) || w.subject_pronouns.count(x.low)))) {
          np.first = k + 1;
          middle = true;
          break;
        }
      }
    }
  }
  if (np.second <= np.first) return;
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  std::size_t s = c.b, e = content_end(c.b, forward_end(c.b));
  if (np.first > consumed + 1) {
    std::size_t s1 = consumed, e1 = content_end(consumed, np.first);
    while (s1 < e1 && t[s1].kind == TK::punct && !t[s1].in_quote) ++s1;
    // (German: the clause around a source in its middle is the content, before the source and after
    // the cue: "Die Fähre fuhr | ersten Angaben zufolge | nicht mehr.")
    if (middle && e1 > s1) {
      while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
      if (e > s) {
        at.contents.push_back(span_of(s1, e1));
      } else {
        s = s1; e = e1;
      }
    } else {
      s = s1; e = e1;
    }
  }
  while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
  if (e <= s) return;
  at.contents.push_back(span_of(s, e));
  at.confidence = 0.65;
  consumed = std::max(e, c.b);
  remember(at);
}

// German: "Ersten Angaben der Reederei vom Montag zufolge fährt die Fähre „bis auf Weiteres“ nicht":
// the source and "zufolge" fill the first position, the finite verb follows; the whole phrase
// opening the clause (its attributes included: "vom Montag", "der Reederei") is the source: a
// noun phrase, then prepositional or genitive attributes up to the cue. None otherwise ("Es
// gehe nach ersten Berichten um …": a clause), or when no lower-case word follows the cue.
Range UnitRules::german_fronted_source(const Cue& c) const {
  const Range none{c.a, c.a};
  if (c.a <= consumed || c.a - consumed > 12 || c.b >= ub) return none;
  const Tok& v = t[c.b];
  if (v.kind != TK::word || v.cap || v.in_quote) return none;
  const auto& w = lex_.words;
  for (std::size_t k = consumed; k < c.a; ++k)
    if (w.subject_pronouns.count(t[k].low) || w.reflexive_pronouns.count(t[k].low) || w.finite_markers.count(t[k].low) ||
        w.subjunctive_markers.count(t[k].low) || w.auxiliaries.count(t[k].low))
      return none;
  const Range f = np_fwd(d, consumed, c.a, true);
  if (f.first != consumed || f.second <= f.first || f.second > c.a) return none;
  for (std::size_t m = f.second; m < c.a;) {
    std::size_t n = german_attribute_end(m, c.a);
    if (n == m && lex_.determiners.count(t[m].low) && !t[m].in_quote) {  // a genitive attribute ("des Verbands")
      const Range g = np_fwd(d, m, c.a);
      if (g.first == m && g.second > m) n = g.second;
    }
    if (n == m) return none;
    m = n;
  }
  return {consumed, c.a};
}

// German: the finite verb of a clause a source phrase opens or stands in — an auxiliary, modal,
// finite or subjunctive form, or a lower-case word right after a noun (german_verb_after_noun).
bool UnitRules::german_clause_verb(std::size_t k) const {
  const Tok& x = t[k];
  const auto& w = lex_.words;
  return x.kind == TK::word && !x.cap && !x.in_quote &&
         (w.auxiliaries.count(x.low) || w.passive_auxiliaries.count(x.low) || w.finite_markers.count(x.low) ||
          w.subjunctive_markers.count(x.low) || german_verb_after_noun(k));
}

// German: a lower-case word right after a noun or a quoted name ("Laut der Reederei bietet …", "Nach
// Angaben der Polizei kamen …", "laut „Hafenblatt“ jedoch …") that is no article, preposition or
// conjunction: the clause's verb (or an adverb after it) — a noun phrase puts its adjectives before the
// noun, so the phrase ends there.
bool UnitRules::german_verb_after_noun(std::size_t k) const {
  const Tok& x = t[k];
  const Tok& p = t[k - 1];
  const bool after_noun = (p.kind == TK::word && p.cap && !p.in_quote) || (p.kind == TK::mark && p.in_quote);
  return after_noun && x.kind == TK::word && !x.cap && !x.in_quote && !lex_.determiners.count(x.low) &&
         !lex_.words.prepositions.count(x.low) && !lex_.words.quotation_joiners.count(x.low) &&
         !lex_.words.coordinators.count(x.low) && !(x.low[0] >= '0' && x.low[0] <= '9');
}

// "According to harbour officials, the ferry will resume on Monday." / "The ferry will resume,
// according to harbour officials." / "Nach Angaben der Polizei soll die Brücke …"
void UnitRules::according(const Cue& c, Attribution& at) {
  // "Nach Ansicht von Senator Ida Roos hat …": the source follows "von"
  const std::size_t src = german_ && c.b + 1 < ub && t[c.b].low == "von"sv && !t[c.b].in_quote ? c.b + 1 : c.b;
  // "Nach eigenen Angaben hat die Reederei …", "Die Reederei hat nach ersten Angaben …": a cue phrase
  // with an adjective before its noun and no genitive source after it (no article, no "von") names
  // its own source, the adjective and the noun ("Nach ersten Angaben der Polizei …" does not)
  const bool own_source = german_ && c.b == c.a + 3 && c.b < ub && !lex_.determiners.count(t[c.b].low) && src == c.b;
  auto np = own_source ? Range{c.a + 1, c.b} : np_fwd(d, src, ub);
  // "Nach einem Bericht der Hafenzeitung …", "nach Polizeiangaben …" (german_source_cues): the
  // source is the noun phrase after "nach", its articles, adjectives and genitive attributes included
  if (const std::size_t noun = german_ && c.b == c.a + 1 && t[c.a].low == "nach"sv ? german_source_noun(c.a) : c.a; noun != c.a) {
    // (a genitive, "von" or a name after the noun belongs to it: "der Zeitung", "Gordons"; not
    // "seit langem")
    const Tok& x = noun + 1 < ub ? t[noun + 1] : t[noun];
    const bool attr = noun + 1 < ub && (x.cap || x.in_quote || lex_.determiners.count(x.low) || x.low == "von"sv || x.low == "vom"sv);
    const Range g = attr ? np_fwd(d, noun, ub) : Range{noun, noun + 1};
    np = {c.b, std::max(noun + 1, g.second)};
  }
  // "Laut „tagesschau.de“ gehören …": a short quotation right after the cue is the name of the source
  // whatever its case (quoted_name wants a capital first word)
  if (german_ && np.second <= np.first && src < ub && t[src].in_quote) {
    const QSpan* q = quote_at(src);
    const std::size_t words = q && q->a == src && !q->unbalanced ? name_like_words(t, *q) : 0;
    if (words >= 1 && words <= 4) np = {q->a, q->b};
  }
  if (np.second <= np.first) return;
  if (german_) {
    // "Nach Angaben einer Sprecherin soll die Fähre …": the source ends before the clause's finite
    // verb (an auxiliary, modal, finite or subjunctive form), which follows it directly
    for (std::size_t k = np.first + 1; k < np.second; ++k) {
      if (german_clause_verb(k)) {
        np.second = k;
        break;
      }
    }
  }
  if (german_ && np.second < ub && t[np.second].low == ","sv && !t[np.second].in_quote) {
    // "Nach Ansicht von Ida Roos, Vorsitzende des Ausschusses, hat …": a short apposition of the source
    const std::size_t n = apposition_end(np.second);
    if (n != np.second) np.second = n;
  }
  if (np.second < ub && t[np.second].low != ","sv) {
    // "according to diplomatic sources in Seoul, …": the mention runs to the comma
    std::size_t k = np.second;
    // (English: a long source of any words and inner punctuation up to the comma when the cue opens
    // the clause, "According to an early count of the harbour board's ballots, …")
    const std::size_t span = german_ ? 8 : 30;
    // (German: the finite verb follows the source directly — "Laut der Hafenpolizei ist das Fest, …",
    // "Nach Angaben des Magazins sei bei den Gästen …" —, so a lower-case word other than an article or a
    // preposition ends the source before any comma)
    const auto inner = [&](const Tok& x) {
      if (german_)
        return x.kind == TK::word && (x.cap || lex_.determiners.count(x.low) || lex_.words.prepositions.count(x.low));
      return x.kind == TK::word || (x.kind == TK::punct && x.low != ","sv && x.low != ":"sv && x.low != ";"sv && !ends_unit(x));
    };
    while (k < ub && k - np.second < span && inner(t[k]) && !t[k].in_quote && !complementizer(t[k])) ++k;
    if (k < ub && t[k].low == ","sv && c.a <= consumed + 1) np.second = k;
  }
  if (np.second >= ub || ends_unit(t[np.second])) {
    // "According to the port, the ferries wait.": an "apposition" running to the end of the
    // sentence is the content, not part of the source
    for (std::size_t k = np.first; k < np.second; ++k)
      if (t[k].low == ","sv && !t[k].in_quote) { np.second = k; break; }
  }
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  std::size_t a = c.a;
  const bool at_start = c.a == consumed || (c.a > ua && (t[c.a - 1].low == ","sv || (lex_.words.leading_fillers.count(t[c.a - 1].low) > 0)) && c.a - 1 <= consumed + 1);
  // German puts the verb right after the source: "Nach Angaben der Polizei soll es …"; a quotation
  // right after the source is what it says, wherever the cue stands ("… und man laut Direktorin
  // Ida Roos „jetzt helfen kann“, …").
  const bool quote_after = np.second < ub && t[np.second].in_quote && t[np.second].kind == TK::mark;
  if ((at_start || quote_after) && np.second < ub &&
      (t[np.second].low == ","sv || quote_after || (german_ && t[np.second].kind == TK::word))) {
    std::size_t s = np.second + (t[np.second].low == ","sv ? 1 : 0), e = content_end(s, forward_end(s));
    if (e <= s) return;
    at.contents.push_back(span_of(s, e));
    consumed = e;
  } else {
    if (a > consumed && t[a - 1].low == ","sv) --a;
    std::size_t s = consumed, e = content_end(s, a);
    while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
    if (e <= s) {
      nested_according(at, a, np);
      return;
    }
    at.contents.push_back(span_of(s, e));
    consumed = np.second;
    // "Among the costs at risk, according to the harbour board, are two new quays": a finite verb right
    // after the source's comma continues the clause the cue interrupts; the rest is the second piece. So
    // does any clause after a short fronted phrase without a verb or a comma ("Over the winter,
    // according to the harbour board, the crews sailed every night": fronted_phrase)
    if (!german_ && np.second + 1 < ub && t[np.second].low == ","sv && !t[np.second].in_quote &&
        !t[np.second + 1].in_quote && t[np.second + 1].kind == TK::word &&
        (lex_.words.finite_markers.count(t[np.second + 1].low) || fronted_phrase(s, e))) {
      const std::size_t s2 = np.second + 1, e2 = content_end(s2, forward_end(s2));
      if (e2 > s2) { at.contents.push_back(span_of(s2, e2)); consumed = e2; }
    }
    if (german_ && np.second < ub && t[np.second].kind == TK::word && !t[np.second].in_quote) {
      // "Die Krankheit gilt nach Angaben des Amtes als „…“": the clause continues after the source
      const std::size_t s2 = np.second, e2 = content_end(s2, forward_end(s2));
      if (e2 > s2) { at.contents.push_back(span_of(s2, e2)); consumed = e2; }
    }
  }
  at.confidence = 0.7;
  remember(at);
}

// Tokens [s, e): a short prepositional phrase opening a sentence, with no finite verb, comma or quotation
// ("Over the winter", "Since last May", "For the crews") — not a clause of its own ("The crews sailed
// every night" is one). English.
bool UnitRules::fronted_phrase(std::size_t s, std::size_t e) const {
  if (e <= s || e - s > 8 || !lex_.words.prepositions.count(t[s].low)) return false;
  for (std::size_t k = s; k < e; ++k)
    if (t[k].in_quote || t[k].kind == TK::punct || lex_.words.finite_markers.count(t[k].low) || is_cue_word(t[k]))
      return false;
  return true;
}

// "“The ferry is late,” Roos said, according to the harbour log.", "“…,” Roos said in a letter to
// the board, according to the log.": the statement right before ", according to X" (ending at
// token a) is X's report — X says that Roos said it. The nested
// statement (the sentence up to the comma: the earlier one's content, cue and speaker) is X's;
// Roos's own stays.
void UnitRules::nested_according(Attribution& at, std::size_t a, Range np) {
  if (a <= ua || np.second <= np.first || d.attrs.size() <= first_attr) return;
  const Attribution& prev = d.attrs.back();
  if (!prev.has_speaker || prev.scare || prev.contents.empty() || prev.contents.front().start < t[ua].s) return;
  const std::size_t end = t[a - 1].e;  // the statement ends right before the comma
  std::size_t prev_end = prev.cue.end;
  for (const auto& sp : prev.contents) prev_end = std::max(prev_end, sp.end);
  if (prev.mention_b > prev.mention_a) prev_end = std::max<std::size_t>(prev_end, t[prev.mention_b - 1].e);
  if (prev_end > end || prev.contents.front().start >= end) return;
  // words after the earlier statement ("Roos said in a letter to the board, according to …"): at
  // most twelve tokens, no quotation and no cue among them
  std::size_t k = a;
  while (k > ua && t[k - 1].e > prev_end) --k;
  if (a - k > 12) return;
  for (std::size_t j = k; j < a; ++j)
    if (t[j].in_quote || is_cue_word(t[j])) return;
  // the whole sentence up to the comma ("On Monday, Roos said the ferry was late, according to …")
  std::size_t s = ua;
  while (s + 1 < a && t[s].kind == TK::punct && !t[s].in_quote) ++s;
  at.contents.push_back({t[s].s, end});
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  at.confidence = 0.6;
  consumed = np.second;
  remember(at);
}

// "In a harbour board survey released Monday, 40 percent of the crews said the boats were
// “unsafe.”": a sentence opening with "In" and a phrase headed by a survey word (survey_heads in
// words.json: "poll", "survey") before a comma frames what the respondents said; the survey is the
// source of the statement whose speaker follows the comma (the statement runs from that speaker).
void UnitRules::survey_frame() {
  if (d.attrs.size() <= first_attr || ua + 3 >= ub || t[ua].low != "in"sv || t[ua].in_quote) return;
  if (!lex_.determiners.count(t[ua + 1].low)) return;
  std::size_t comma = ua + 2;
  std::size_t head = 0;  // after the survey word, found before any function word ("a note sent as polls opened")
  bool before = true;
  for (; comma < ub && comma < ua + 16 && t[comma].low != ","sv; ++comma) {
    if (t[comma].in_quote) return;
    if (before && lex_.words.survey_heads.count(t[comma].low)) head = comma + 1;
    if (is_stop(lex_, t[comma]) && t[comma].low != "of"sv) before = false;
  }
  if (head == 0 || comma >= ub || t[comma].low != ","sv) return;
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i) {
    Attribution& at = d.attrs[i];
    // the respondents right after the comma ("just 40 percent of the crews", "40% of crews")
    if (!at.has_speaker || at.mention_a <= comma || at.mention_a > comma + 5 || at.contents.empty()) continue;
    std::size_t end = at.contents.back().end;
    for (const auto& sp : at.contents) end = std::max(end, sp.end);
    at.contents.assign(1, Span{t[comma + 1].s, end});
    at.cue = span_of(ua, ua + 1);
    // the survey's phrase up to its head word names it ("a harbour board survey", not "… released Monday")
    at.mention_a = ua + 1; at.mention_b = head;
    at.resolve_a = at.resolve_b = 0;
    at.attitude = false;
    return;
  }
}

// Records the quotation right after a colon as spoken by tokens [a, b).
void UnitRules::attribute_colon(Attribution& at, std::size_t a, std::size_t b, const QSpan& q) {
  at.mention_a = a; at.mention_b = b; at.has_speaker = true;
  at.contents.push_back(span_of(q.a, q.b));
  at.unbalanced = q.unbalanced;
  at.confidence = 0.6;
  consumed = q.b;
  remember(at);
}

// Colon attributions: "Mayor Ida Roos: “We open on Monday.”", "Ida Roos said: “…”" (the latter
// reaches here as a verb), "— Ida Roos: “…”", "From the report: “…”", and "Ida Roos of the harbour
// board:" closing a paragraph (the next paragraph's quotation is hers).
void UnitRules::colon(const Cue& c, Attribution& at) {
  if (quote_closed_by_cue(c.b)) return;
  auto np = np_back(d, consumed, c.a);
  const bool after_dash = np.first > consumed && (t[np.first - 1].low == "-"sv || t[np.first - 1].low == "--"sv ||
                                                  t[np.first - 1].low == "\xE2\x80\x94"sv || t[np.first - 1].low == "\xE2\x80\x93"sv);
  // "From the report: “…”", "More from the letter: “…”": the source the writer quotes from (also
  // after a dash: "… in polls - More from Jones: “…”")
  bool from = false;
  const auto label_start = [&](std::size_t k) { return k == consumed || dash(t[k - 1]); };
  if (!german_ && np.second > np.first && np.first > consumed && t[np.first - 1].low == "from"sv &&
      (label_start(np.first - 1) || (np.first >= consumed + 2 && t[np.first - 2].low == "more"sv && label_start(np.first - 2)))) {
    for (std::size_t k = np.first; k < np.second; ++k)
      from = from || lex_.document_heads.count(t[k].low) || lex_.media_heads.count(t[k].low) ||
             lex_.organisation_heads.count(t[k].low) || (t[k].cap && k > np.first);
  }
  // ("WHY THE POLLS WERE EARLY - Mark Bloom and Jon Cole: “…”": a name after a dash labels the quotation)
  if (!german_ && !from && (np.second <= np.first || (np.first != consumed && !after_dash) || np.second - np.first > 8)) {
    if (!colon_possessor(c, at)) colon_clause_subject(c, at);
    return;
  }
  // "Die Lage sei ernst: „…“": a reported clause before the colon names no new speaker; the
  // subjunctive report (unclaimed.cpp) continues the speaker reported before
  if (german_ && german_reported_frame(consumed, c.a)) return;
  // (a phrase with a verb is a clause: "Jede Schuld weist Jon Falk von sich: „…“")
  if (german_ && (np.second <= np.first || (np.first != consumed && !after_dash) || !german_speaker_label(np.first, np.second)) &&
      german_colon_subject(c, at))
    return;
  if (np.second <= np.first || (np.first != consumed && !after_dash && !from) || np.second - np.first > 8) return;
  bool named = from;  // a name, not a label such as "Update:" or "Watch:"
  for (std::size_t k = np.first; k < np.second; ++k) named = named || (t[k].cap && !lex_.not_speakers.count(t[k].low));
  // "Und: „…“", "Dazu: „…“": a conjunction or adverb before the colon names nobody
  if (np.second == np.first + 1 && (lex_.words.fronted.count(t[np.first].low) || lex_.words.leading_fillers.count(t[np.first].low)))
    named = false;
  if (!named) return;
  const QSpan* q = c.b < ub ? quote_at(c.b) : nullptr;
  if (!q && c.b == ub && !german_ && (ub >= t.size() || d.tok_para[ub] != para)) {
    // "Ann Shaw of the institute:" closing a paragraph: the quotation of the next paragraph is hers.
    d.pending = {np.first, np.second};
    d.pending_cue = at.cue;
    d.pending_para = para;
    return;
  }
  if (!q) {
    headline_label(at, np, c.b);
    return;
  }
  // "Roos: ‘No Ferry’ If The Board Says No": a headline's quotation with words after it
  if (!german_ && q->b < ub && !ends_unit(t[q->b]) && headline_label(at, np, c.b)) return;
  attribute_colon(at, np.first, np.second, *q);
}

// A headline or subhead that is a whole paragraph: "Ida Roos: Ferry Plan Is ‘A Gift To The Coast’",
// "Berg: Harbour Board ‘Asleep,’ Timetable ‘A Joke.’" — the label opening the paragraph speaks, and
// everything after the colon is the statement (the quotation with the words the headline wraps
// around it). Only when a quotation follows the colon, the rest is headline-short and the label
// names someone (not "The Latest:": determiners and not_speakers do not name).
bool UnitRules::headline_label(Attribution& at, Range np, std::size_t s) {
  if (np.first != ua || ua != consumed || s >= ub) return false;
  const bool para_start = ua == 0 || d.tok_para[ua - 1] != para;
  const bool para_end = ub >= t.size() || d.tok_para[ub] != para;
  if (!para_start || !para_end) return false;
  if (!names_someone(np)) return false;  // a name, not a label ("The Latest:", "Update:")
  std::size_t words = 0;
  bool quoted = false;
  for (std::size_t k = s; k < ub; ++k) {
    words += t[k].kind == TK::word;
    quoted = quoted || t[k].in_quote;
  }
  if (!quoted || words > 25) return false;
  const std::size_t e = content_end(s, ub);
  if (e <= s) return false;
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  at.contents.push_back(span_of(s, e));
  at.confidence = 0.5;
  consumed = ub;
  remember(at);
  return true;
}

// "Er bat um Geduld: „…“, heißt es in der Erklärung.", "He was blunt: “…,” the report said.": a
// quotation after a colon that a cue closes (the cue right after it and a comma) is that cue's.
bool UnitRules::quote_closed_by_cue(std::size_t k) const {
  const QSpan* q = k < ub ? quote_at(k) : nullptr;
  if (!q || q->a != k) return false;
  std::size_t n = q->b;
  if (n < ub && t[n].low == ","sv && !t[n].in_quote) ++n;
  else if (german_ || !(q->b >= 2 && t[q->b - 2].low == ","sv)) return false;  // English: “…,” inside the marks
  for (const Cue& c2 : cues)
    if (c2.a == n && !c2.colon && c2.role == CueRole::verb) return true;
  return false;
}

// German: the clause after a comma at k - 1 attributes what stands before it — a cue verb before its
// inverted subject ("…, die Fähre sei spät, sagte Ida Kern", "…“, zitiert die Zeitung den Kapitän",
// "…“, so Jon Falk") or "wie" with a subject and a cue verb closing the clause ("…“, wie die Zeitung
// schreibt"): a forward content ends before it.
bool UnitRules::german_tail_attribution(std::size_t k) const {
  if (k >= ub || t[k].in_quote || t[k].kind != TK::word) return false;
  const auto first = std::lower_bound(cues.begin(), cues.end(), k, [](const Cue& c, std::size_t v) { return c.a < v; });
  if (first != cues.end() && first->a == k) {
    // (its subject follows it: "…, sprach aber von …" is a second predicate of the same subject)
    const std::size_t n = first->b;
    return first->role == CueRole::verb && !first->colon && n < ub && !t[n].in_quote && t[n].kind == TK::word &&
           (t[n].cap || lex_.determiners.count(t[n].low) || lex_.words.subject_pronouns.count(t[n].low));
  }
  if (t[k].low != "wie"sv) return false;
  // "wie" + a subject of at most six words + the cue, then the clause ends (a comma or the unit end)
  for (auto it = first; it != cues.end() && it->a <= k + 7; ++it) {
    // (not a naming verb: "…, wie sich die Junta selbst nennt" names the speaker, it attributes nothing)
    if (it->role != CueRole::verb || it->colon || lex_.words.naming_cues.count(t[it->a].low)) continue;
    for (std::size_t m = k + 1; m < it->a; ++m)
      if (t[m].in_quote || t[m].kind != TK::word) return false;
    std::size_t n = it->b;
    // ("…, wie X zitiert wird": a passive auxiliary after the participle)
    if (n < ub && !t[n].in_quote && (lex_.words.auxiliaries.count(t[n].low) || lex_.words.passive_auxiliaries.count(t[n].low))) ++n;
    return it->a > k + 1 && (n >= ub || ends_unit(t[n]) || (t[n].low == ","sv && !t[n].in_quote));
  }
  return false;
}

// German: "Varga erklärte ihren Rücktritt mit den Worten: „…“", "Die Ministerin äußerte sich
// zufrieden: „…“", "Am Abend äußerte sich die Ministerin zufrieden: „…“": the subject of the clause
// before the colon speaks (german.cpp: verb-second order); "Ida Roos, Sprecherin des Hafens: „…“":
// a clause without a verb before the colon is the speaker.
bool UnitRules::german_colon_subject(const Cue& c, Attribution& at) {
  const QSpan* q = c.b < ub ? quote_at(c.b) : nullptr;
  if (!q) return false;
  Range np = german_clause_subject(consumed, c.a);
  if (np.second <= np.first && german_speaker_label(consumed, c.a)) np = {consumed, c.a};
  if (np.second <= np.first || np.second > c.a) return false;
  attribute_colon(at, np.first, np.second, *q);
  return true;
}

// "She then turned to the crews: “We sail at dawn.”", "Later, Ida Roos thanked the volunteers:
// “…”": a clause before the colon whose subject is a person (a name or a subject pronoun) and a
// quotation that closes the sentence: the subject speaks (English; German: german_colon_subject).
bool UnitRules::colon_clause_subject(const Cue& c, Attribution& at) {
  const QSpan* q = c.b < ub ? quote_at(c.b) : nullptr;
  if (!q || q->a != c.b || !(q->b >= ub || ends_unit(t[q->b]))) return false;
  Range np = participle_subject(c);
  while (np.second > np.first + 1 && (adverb(t[np.second - 1]) || suffix_adverb(np.second - 1))) --np.second;  // "She then"
  if (np.second <= np.first || np.first < consumed || np.second >= c.a || t[np.second].in_quote) return false;
  const bool pronoun = np.second == np.first + 1 && lex_.words.subject_pronouns.count(t[np.first].low) > 0 &&
                       t[np.first].low != "it"sv && t[np.first].low != "you"sv;
  if (!pronoun && !names_someone(np)) return false;
  attribute_colon(at, np.first, np.second, *q);
  return true;
}

// "His message to Tarsk was short: “…”", "Smith's answer was blunt: “…”": the possessor of a speech
// noun that is the subject of a copula before the colon speaks.
bool UnitRules::colon_possessor(const Cue& c, Attribution& at) {
  std::size_t j = c.a;
  int skipped = 0;
  while (j > consumed && skipped < 3 && t[j - 1].kind == TK::word && !t[j - 1].in_quote &&
         !(t[j - 1].low == "was"sv || t[j - 1].low == "is"sv || t[j - 1].low == "were"sv || t[j - 1].low == "are"sv)) {
    --j; ++skipped;
  }
  std::size_t owner_a = 0, owner_b = 0;
  if (j > consumed + 1 && (t[j - 1].low == "was"sv || t[j - 1].low == "is"sv || t[j - 1].low == "were"sv || t[j - 1].low == "are"sv)) {
    for (std::size_t m = j - 1; m-- > consumed && j - 1 - m <= 5;) {
      if (t[m].kind != TK::word || t[m].in_quote) break;
      if (!lex_.words.speech_nouns.count(t[m].low) || m == consumed) continue;
      const std::string_view w = t[m - 1].low;
      const bool poss = is_possessive(w);
      if (w == "his" || w == "her" || w == "their" || w == "its") { owner_a = m - 1; owner_b = m; }
      else if (poss) { auto o = np_back(d, consumed, m); owner_a = o.first; owner_b = o.second; }
      break;
    }
  }
  const QSpan* q = quote_at(c.b);
  if (!(owner_b > owner_a && q)) return false;
  attribute_colon(at, owner_a, owner_b, *q);
  return true;
}

// "Die Fähre fährt ab Montag wieder. Das bestätigte der Hafenmeister Jon Falk am Abend.": a
// demonstrative (anaphoric_pronouns in words.json) opening the sentence right before its cue stands
// for the sentence before it in the paragraph; the subject after the verb (verb-second order) said
// it. The statements no cue claimed in that sentence (a quotation taken as an object, a
// continuation) give way; a sentence with a cue of its own is left alone.
bool UnitRules::german_anaphoric_report(const Cue& c, Attribution& at) {
  if (!(c.form && c.role == CueRole::verb && c.a == ua + 1 && consumed == ua && t[ua].cap && !t[ua].in_quote &&
        lex_.words.anaphoric_pronouns.count(t[ua].low)))
    return false;
  return anaphoric_statement(german_subject_after(c.b, ub), at);
}

// "Die Fähre fährt wieder. Das gab der Minister bekannt.", "Dies geht aus einem Bericht der Polizei
// hervor.": a verb whose particle closes the sentence (separable_cues in words.json: "gab bekannt",
// "geht hervor") after the demonstrative; the subject after the verb, or the phrase after "aus"
// for "hervor", said the sentence before.
void UnitRules::german_anaphoric_separable() {
  if (!(ub > ua + 3 && t[ua].cap && !t[ua].in_quote && lex_.words.anaphoric_pronouns.count(t[ua].low))) return;
  const Tok& v = t[ua + 1];
  std::size_t last = ub;
  while (last > ua + 2 && t[last - 1].kind == TK::punct && !t[last - 1].in_quote) --last;
  const Tok& particle = t[last - 1];
  if (v.kind != TK::word || v.cap || particle.kind != TK::word || particle.cap || particle.in_quote) return;
  std::string pair(v.low);
  pair += ' ';
  pair += particle.low;
  if (!lex_.words.separable_cues.count(pair)) return;
  Range src = german_subject_after(ua + 2, last - 1);
  if (particle.low == "hervor"sv) {  // "geht aus X hervor": X
    src = {last, last};
    for (std::size_t k = ua + 2; k + 1 < last - 1; ++k)
      if (t[k].low == "aus"sv && !t[k].in_quote) { src = {k + 1, german_attribute_end(k, last - 1, false, 24)}; break; }
  }
  Attribution at;
  at.para = para;
  at.cue = span_of(ua + 1, ua + 2);
  if (anaphoric_statement(src, at)) consumed = ub;
}

// The statement of the sentence before (d.last_unit, same paragraph) and the demonstrative at ua,
// spoken by `subj` (german_anaphoric_report, german_anaphoric_separable).
bool UnitRules::anaphoric_statement(Range subj, Attribution& at) {
  const Range prev = d.last_unit;
  if (!(prev.second == ua && prev.second > prev.first && d.tok_para[prev.first] == para)) return false;
  if (subj.second <= subj.first || lone_non_speaker(subj)) return false;
  const std::size_t e = content_end(prev.first, prev.second);
  if (e <= prev.first) return false;
  if (d.attrs.size() != first_attr) return false;  // (the unit's first statement)
  std::size_t keep = d.attrs.size();
  while (keep > 0 && !d.attrs[keep - 1].contents.empty() && d.attrs[keep - 1].contents.front().start >= t[prev.first].s) {
    const Attribution& a = d.attrs[keep - 1];
    if (a.cue.end > a.cue.start) return false;
    --keep;
  }
  d.attrs.resize(keep);
  first_attr = keep;
  at.contents.push_back(span_of(prev.first, e));
  at.contents.push_back(span_of(ua, ua + 1));
  at.mention_a = subj.first; at.mention_b = subj.second; at.has_speaker = true;
  at.confidence = 0.6;
  consumed = subj.second;
  remember(at);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Verb cues: "Ida Roos said …", "“…,” she said", "…, officials said on Monday", "…, adding that …"

void UnitRules::verb(const Cue& c, Attribution& at) {
  const auto* form = c.form;
  const bool phrase = form == nullptr;
  const bool progressive = progressive_aux(c);
  const std::size_t l = progressive ? left_edge_at(left_edge(c) - 1) : left_edge(c);
  if (!phrase && fronted_question(c, at)) return;
  // Passive with its agent ("The plan was criticised by the board"): the agent speaks.
  if (!phrase && form->past_participle && l > consumed && lex_.passive.count(t[l - 1].low) && passive_agent(c, at, l)) return;
  // Passive ("it was announced", "is believed"): no speaker, nothing attributed.
  if (!phrase && form->past_participle && l > consumed && lex_.passive.count(t[l - 1].low) && l == c.a - 0) {
    bool by = c.b < ub && t[c.b].low == "by"sv;
    if (!by) return;
  }
  if (!phrase && l < c.a && lex_.passive.count(t[c.a - 1].low) && form->past_participle) return;
  if (!phrase && reduced_relative(c, l)) return;
  const bool participle = !progressive && ((c.role == CueRole::participle) || (!phrase && form->participle) || perfect_participle(c));
  // ("…, with the crews calling it “…”": the absolute construction's noun phrase is the subject)
  const Range absolute = participle && !participle_after_comma(c) ? absolute_subject(l) : Range{l, l};
  if (participle && !participle_after_comma(c) && !(l > ua && coordinated_cue(l - 1) == &c) && absolute.second <= absolute.first)
    return;
  if (!participle && relative_report(c, at, l)) return;
  Range subj = absolute;
  if (!participle) subj = subject_before(l);
  // "Roos praised the plan and said …": the second predicate's subject is the first's
  const bool coordinated = !participle && subj.second <= subj.first && l > ua && coordinated_cue(l - 1) == &c;
  if (coordinated) subj = coordinated_subject(c, l - 1);
  // "… and formally endorsed the plan": no subject before a skipped "-ly" adverb; the statement
  // stays, its mention the adverb (as before the adverbs were skipped), so its content is kept.
  if (!participle && subj.second <= subj.first && l < c.a && (suffix_adverb(l) || preverbal_word(t[l]))) subj = {l, l + 1};
  std::size_t after = c.b;
  // (German: "… und nannte den Plan „…“": a coordinated cue shares the first clause's subject; the
  // noun phrase after it is its object, no inverted subject)
  if (german_ && !participle && c.role == CueRole::verb && !(coordinated && subj.second > subj.first)) {
    german_inverted_subject(c, subj, after);
    // "Die Arbeit der Regierung lobte er …": a fronted object opening the clause, the speaker after
    // the verb (german.cpp)
    std::size_t k = c.b;  // "Die Arbeit der Regierung seit dem Amtsantritt von Ida Kern lobte er"
    if (k < ub && lex_.words.reflexive_pronouns.count(t[k].low)) ++k;
    if (c.form && subj.second > subj.first && subj.second <= c.a && after == c.b && k < ub && !t[k].in_quote &&
        lex_.words.nominative_pronouns.count(t[k].low)) {
      subj = {k, k + 1};
      after = k + 1;
    } else if (c.form && subj.second > subj.first && subj.second == l && after == c.b) {
      Range np = subj;
      if (np.first > consumed) {  // "Die Arbeit der neuen Regierung": the whole phrase opening the clause
        const Range f = np_fwd(d, consumed, l, true);
        if (f.first == consumed && f.second == l) np = f;
      }
      const Range inv = np.first == consumed ? german_inverted_speaker(np, c.b, ub) : Range{c.b, c.b};
      if (inv.second > inv.first) { subj = inv; after = inv.second; }
    }
  }
  if (!german_ && !participle && c.a == ua && t[c.a].cap && subj.second <= subj.first && c.form &&
      sentence_initial_inversion(c, at))
    return;
  const bool has_subj = subj.second > subj.first;
  // A cue directly followed by "that", a colon or a quotation introduces what follows; otherwise
  // a cue after a quotation or comma closes what came before.
  std::size_t nx = after;
  while (nx < ub && !t[nx].in_quote && t[nx].low == ","sv) ++nx;
  const std::size_t left_of = has_subj ? subj.first : l;
  const bool left_quote = left_of > consumed && (t[left_of - 1].in_quote || (left_of >= consumed + 2 && t[left_of - 1].low == ","sv && t[left_of - 2].in_quote));
  // ("It is no surprise, Roos said, that the quay closed": a "that" after the parenthetical cue's comma
  // continues the short clause before it (at most ten tokens; backward() continues a parenthetical
  // content after at most eight words), so the content before is tried first; English)
  // (the same with a quotation after the comma: "These rules, the skippers said, “are a joke.”")
  const bool parenthetical = !german_ && nx > after && nx < ub && (complementizer(t[nx]) || t[nx].in_quote) &&
                             parenthetical_before(left_of);
  const bool forward_marked = nx < ub && !parenthetical && (complementizer(t[nx]) || t[nx].low == ":"sv ||
                                                            (t[nx].in_quote && !left_quote));
  if (!forward_marked && backward(c, at, subj, l, participle)) return;
  if (has_subj && subj.second == subj.first + 1 && (t[subj.first].low == "who"sv || t[subj.first].low == "which"sv) &&
      !forward_marked && !relative_after_speaker(subj, after))
    return;  // ", who said he would …" inside another attribution's tail
  if ((has_subj || participle) && forward(c, at, subj, participle, after)) return;
  if (forward_marked && backward(c, at, subj, l, participle)) return;
  if (has_subj && nx < ub && t[nx].low == ":"sv && nx + 1 == ub) {
    // "X said:" closing a paragraph: the quotation of the next paragraph is X's.
    d.pending = {subj.first, subj.second};
    d.pending_cue = at.cue;
    d.pending_para = para;
    return;
  }
  if (has_subj) d.entity_mentions.push_back(subj);
}

// The words before a parenthetical cue's subject, [consumed, left_of - 1) before its comma: a short
// noun phrase or clause that the content after the cue continues ("These rules, the skippers said,
// “are a joke.”", "It is no surprise, Roos said, that …") — at most ten tokens without a comma or a
// quotation, not opened by a preposition, a subordinator, a filler, a relative pronoun, an adverb or an
// -ing participle ("In a statement, Roos said, “…”", "But, Roos said, …", "Holding up a map, Roos said,
// “…”"). English.
bool UnitRules::parenthetical_before(std::size_t left_of) const {
  if (german_ || left_of < consumed + 2 || left_of - consumed > 10 || t[left_of - 1].low != ","sv) return false;
  const Tok& w = t[consumed];
  const auto& words = lex_.words;
  if (w.kind != TK::word || w.in_quote || words.prepositions.count(w.low) || words.time_subordinators.count(w.low) ||
      words.contrast_subordinators.count(w.low) || words.question_openers.count(w.low) ||
      words.leading_fillers.count(w.low) || words.relative_pronouns.count(w.low) || adverb(w) || suffix_adverb(consumed) ||
      (w.low.size() > 4 && w.low.substr(w.low.size() - 3) == "ing"sv))
    return false;
  for (std::size_t k = consumed; k + 1 < left_of; ++k)
    if (t[k].in_quote || t[k].low == ","sv) return false;
  return true;
}

// "“The boats are late,” said Ida Roos, who said the crews were “tired of waiting.”", "“…,” said
// Ida Roos, who said she would vote for the plan.": a relative pronoun right after the comma that
// closes the unit's last speaker mention opens a statement of its own (the pronoun is the mention,
// resolved to that speaker), not the tail of a content. (Until the ninth round only a clause that
// quotes did; PolNeAR annotates a reported clause there too.)
bool UnitRules::relative_after_speaker(Range subj, std::size_t after) const {
  if (!(subj.first >= 2 && t[subj.first - 1].low == ","sv && last_mention_b > last_mention_a &&
        last_mention_b == subj.first - 1 && last_mention_a >= ua))
    return false;
  // a clause that quotes, or a reported clause right after the cue ("that …", "she would …");
  // "…, who wrote about the quay." stays part of the speaker's phrase
  if (after < ub && !t[after].in_quote && (complementizer(t[after]) || opens_clause(t[after]))) return true;
  for (std::size_t k = after; k < ub; ++k) {
    if (t[k].in_quote) return true;
    if (ends_unit(t[k])) return false;
  }
  return false;
}

// "Roos, who opposes the plan, left.", "a letter from the board, which urged a new timetable, …": a
// relative pronoun (relative_pronouns in words.json) after a comma, right before a verb cue, is the
// subject of a statement of its own: the clause or the object after the cue, up to the next comma
// (not one before a quotation). The pronoun is the mention (resolved to its antecedent). English
// only. The tokens before the pronoun stay open to the main clause's cue ("Roos, who opposes the
// plan, said …" keeps its speaker phrase); the cues inside the content are skipped. (A restrictive
// clause, "crews who say …", is left alone: on PolNeAR train such statements matched an annotated
// one in 61 of 175 cases, 46 with the pronoun as the annotated source.)
bool UnitRules::relative_report(const Cue& c, Attribution& at, std::size_t l) {
  if (german_ || l < consumed + 2 || l > c.a) return false;
  const Tok& rel = t[l - 1];
  if (rel.in_quote || rel.kind != TK::word || !lex_.words.relative_pronouns.count(rel.low)) return false;
  if (t[l - 2].in_quote || t[l - 2].low != ","sv) return false;
  std::size_t limit = ub;
  for (std::size_t k = c.b + 1; k < ub; ++k)
    if (t[k].low == ","sv && !t[k].in_quote && !t[k + 1].in_quote) { limit = k; break; }
  const std::size_t open = consumed;
  if (!forward(c, at, {l - 1, l}, false, c.b, limit)) return false;
  skip_to = std::max(skip_to, consumed);
  consumed = open;
  return true;
}

// Left context of a verb cue: adverbs ("Roos quickly said"), time adverbials ("Roos on Tuesday
// said", "Roos last week said") and ", however," style inserts stand between speaker and cue.
std::size_t UnitRules::left_edge(const Cue& c) const { return left_edge_at(c.a); }

std::size_t UnitRules::left_edge_at(std::size_t a) const {
  std::size_t l = a;
  for (;;) {
    if (l > consumed && adverb(t[l - 1])) { --l; continue; }
    if (l > consumed + 1 && suffix_adverb(l - 1)) { --l; continue; }
    if (l > consumed + 1 && preverbal_word(t[l - 1])) { --l; continue; }
    if (const std::size_t s = auxiliary_insert_start(l); s < l) { l = s; continue; }
    // "Roos, the harbour master, this past week announced …", "Dahl earlier in the day said …"; what
    // stands before must close a subject (a comma or a content word: not "in the past week", "his
    // Friday night show")
    if (!german_ && l > consumed + 3) {
      const std::size_t ts = ex_.time_adverbial_start(d, consumed, l);
      if (ts < l && ts > consumed && !t[ts - 1].in_quote && (t[ts - 1].low == ","sv || (t[ts - 1].kind == TK::word && !is_stop(lex_, t[ts - 1]) &&
                                                                                !lex_.determiners.count(t[ts - 1].low)))) {
        l = ts;
        continue;
      }
    }
    // "Varga (D-Ore.) last week said", "Smith on Tuesday said"
    if (l > consumed + 1 && lex_.words.weekdays.count(t[l - 1].low)) { l -= (t[l - 2].low == "on"sv) ? 2 : 1; continue; }
    if (l > consumed + 2 && (t[l - 1].low == "week"sv || t[l - 1].low == "month"sv || t[l - 1].low == "year"sv ||
                             t[l - 1].low == "night"sv || t[l - 1].low == "weekend"sv || t[l - 1].low == "morning"sv) &&
        (t[l - 2].low == "last"sv || t[l - 2].low == "this"sv || t[l - 2].low == "earlier"sv)) { l -= 2; continue; }
    break;
  }
  if (l >= consumed + 3 && t[l - 1].low == ","sv && adverb(t[l - 2]) && t[l - 3].low == ","sv) l -= 3;
  else if (l >= consumed + 3 && t[l - 1].low == ","sv && (t[l - 2].low == "however"sv || t[l - 2].low == "meanwhile"sv || t[l - 2].low == "though"sv) && t[l - 3].low == ","sv) l -= 3;
  return l;
}

// "Roos is calling for a new quay", "The crews were also saying the quay is unsafe", "Berg has been
// urging the board to act": an -ing cue (a participle form or phrase) right after a form of "be"
// (passive_blockers in cues.json, "being" aside), adverbs between them, is the progressive — the
// finite verb of its clause, whose subject stands before the auxiliary. English only.
bool UnitRules::progressive_aux(const Cue& c) const {
  // (likewise an attitude phrase after "be": "Roos is critical of the plan", "The crews were worried
  // about the quay")
  const bool predicate = !c.form && c.object && c.role == CueRole::verb;
  if (german_ || !(c.role == CueRole::participle || (c.form && c.form->participle) || predicate)) return false;
  const std::size_t l = left_edge(c);
  if (l <= consumed + 1) return false;
  const Tok& aux = t[l - 1];
  return aux.kind == TK::word && !aux.in_quote && aux.low != "being"sv && lex_.passive.count(aux.low) > 0;
}

// English: a word that stands between a subject and its verb besides the lexicon's adverbs — a
// pre-verbal adverb ("Roos, who has long opposed …", "The crews may soon see …", preverbal_adverbs in
// words.json) or a negated auxiliary ("It doesn't tell …", negated_auxiliaries; no form of "be",
// whose passive the rules test right before the cue). Skipping it lets the subject before it speak
// (until round 17 the word itself became the mention: "long", "doesn't").
bool UnitRules::preverbal_word(const Tok& w) const {
  if (german_ || w.kind != TK::word || w.cap || w.in_quote) return false;
  return lex_.words.preverbal_adverbs.count(w.low) > 0 || lex_.words.negated_auxiliaries.count(w.low) > 0;
}

// English: the start of an adverbial phrase between an auxiliary and the verb at `l` — "Roos has in
// the past said …", "The board will in some ways decide …", "Dahl did not at any time mention …"
// (auxiliary_inserts in words.json) — or `l`. Only after an auxiliary (finite_markers, or its "not"), so
// a phrase that closes a clause ("…, which he said in the past") stays; until round 18 the phrase's
// noun became the mention ("the past"). The phrase string is built only after an auxiliary.
std::size_t UnitRules::auxiliary_insert_start(std::size_t l) const {
  if (german_ || lex_.words.auxiliary_inserts.empty()) return l;
  for (std::size_t n = 2; n <= 4; ++n) {
    if (l < consumed + n + 2) break;
    const Tok& aux = t[l - n - 1];
    const bool negation = aux.low == "not"sv || aux.low == "never"sv;  // "did not at any time mention"
    if (aux.kind != TK::word || aux.in_quote || !(negation || lex_.words.finite_markers.count(aux.low))) continue;
    std::string phrase;
    bool plain = true;
    for (std::size_t k = l - n; k < l && plain; ++k) {
      plain = t[k].kind == TK::word && !t[k].in_quote && !t[k].cap;
      if (!phrase.empty()) phrase += ' ';
      phrase += t[k].low;
    }
    if (plain && lex_.words.auxiliary_inserts.count(phrase)) return l - n;
  }
  return l;
}

// An adverb by its suffix (adverb_suffixes in words.json, English "-ly") right before a cue: "Roos,
// who originally said …", "The ferry crews, as ever, sharply criticised …", "Berg forcefully rejected
// the plan". A word the lexicon names a noun (suffix_nouns: "family", "ally") or one after a
// determiner ("the weekly said") is the speaker, not an adverb.
bool UnitRules::suffix_adverb(std::size_t k) const {
  const Tok& w = t[k];
  if (w.kind != TK::word || w.cap || w.in_quote) return false;
  if (k > consumed && (lex_.determiners.count(t[k - 1].low))) return false;
  return ex_.suffix_adverb_word(w.low);
}

// "…, saying that …", "…,’ decrying it as …": a participle cue only after a comma (or a quotation
// closed by one); a sentence-initial or embedded -ing form ("Noting …", "toward concluding") is no cue.
bool UnitRules::participle_after_comma(const Cue& c) const {
  return c.a > ua && ((t[c.a - 1].low == ","sv && !t[c.a - 1].in_quote) || t[c.a - 1].low == "by"sv ||
                      (t[c.a - 1].kind == TK::mark && c.a >= ua + 2 && t[c.a - 2].low == ","sv) || perfect_participle(c));
}

// English: "Roos backed the plan, having said in May that …", "Berg — having suggested a new quay —
// voted no": a past participle cue after "having" (perfect_participles in words.json) that a comma
// or dash opens is a participle cue like "…, saying"; its subject is the main clause's speaker.
// (Until round 17 "having" itself became the mention.)
bool UnitRules::perfect_participle(const Cue& c) const {
  // (a phrase cue after "having" is a participle too: "having referred to")
  if (german_ || (c.form && !c.form->past_participle) || c.role != CueRole::verb || c.a < ua + 2) return false;
  const Tok& h = t[c.a - 1];
  if (h.in_quote || !lex_.words.perfect_participles.count(h.low)) return false;
  return (t[c.a - 2].low == ","sv && !t[c.a - 2].in_quote) || dash(t[c.a - 2]);
}

// "The board backed the plan, with the crews calling it “…”", "…, with Roos later adding: “…”",
// "with one of the board's posters asking, “…”": a participle cue (left edge l) right after a noun
// phrase that "with" opens (absolute_prepositions in words.json) is the absolute construction; the
// noun phrase is its subject and speaks. Only words stand between "with" and the cue (at most nine), no function
// word but those of absolute_phrase_words (prepositions and "and" inside a noun phrase: "with a note from the board
// noting …"), and the phrase ends in a content word ("with his crew tired and saying …" is no
// subject). English only.
// (PolNeAR annotates these: on train 17 such statements with quotation marks had their speaker
// wrong or no match, and about 30 without marks were missed, "with 50 percent saying …".)
Range UnitRules::absolute_subject(std::size_t l) const {
  if (german_ || l <= consumed || is_stop(lex_, t[l - 1])) return {l, l};
  for (std::size_t k = l; k > consumed && k + 9 >= l; --k) {
    const Tok& w = t[k - 1];
    if (w.in_quote || w.kind != TK::word) break;
    if (lex_.words.absolute_prepositions.count(w.low)) return k < l ? Range{k, l} : Range{l, l};
    if (is_stop(lex_, w) && !lex_.words.absolute_phrase_words.count(w.low)) break;
  }
  return {l, l};
}

// The speaker before a verb cue ending at l: an apposition ("Graham, a former candidate, said"),
// the subject of a governing verb ("went on to say"), or the noun phrase before it.
Range UnitRules::subject_before(std::size_t l) const {
  if (l > consumed && t[l - 1].low == ","sv) return apposition_subject(l);
  if (!german_ && l > consumed + 2 && dash(t[l - 1])) return dashed_subject(l);
  if (l > consumed && t[l - 1].low == "to"sv && !t[l - 1].in_quote) return infinitive_subject(l);
  if (l <= consumed) return {l, l};
  Range subj = np_back(d, consumed, l);
  if (!german_ && subj.second > subj.first) subj = name_back_to_quote(relative_head(subj));
  if (const Range pred = predicate_subject(subj); pred.second > pred.first) return pred;
  if (const Range head = participle_phrase_head(subj); head.second > head.first) return head;
  return subj;
}

// English: "A letter from the board obtained by the Varne Post says …", "An aide speaking to
// reporters said …", "A report published Tuesday said …": the phrase before the cue sits inside a
// participle phrase (a lower-case "-ed" word and "by", an "-ing" word and "to", or the participle
// alone; "positioned to block" is an infinitive) that modifies the subject before it; that subject
// speaks. None when no noun phrase ends right before the participle (until round 18 "the Varne Post",
// "reporters", "published" were the mention).
Range UnitRules::participle_phrase_head(Range subj) const {
  const Range none{subj.first, subj.first};
  if (german_ || subj.second <= subj.first) return none;
  const auto ends = [&](std::size_t k, std::string_view suffix) {
    const Tok& w = t[k];
    if (w.kind != TK::word || w.cap || w.in_quote || w.low.size() < 5 || is_cue_word(w)) return false;
    return w.low.compare(w.low.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  const auto participle = [&](std::size_t k) { return ends(k, "ed") || ends(k, "ing"); };
  std::size_t p = subj.first;  // the participle's position
  if (subj.second == subj.first + 1 && participle(subj.first)) {
    p = subj.first;  // "A report published [Tuesday] said"
  } else if (subj.first >= consumed + 3 && !t[subj.first - 1].in_quote &&
             ((t[subj.first - 1].low == "by"sv && ends(subj.first - 2, "ed")) ||
              (t[subj.first - 1].low == "to"sv && ends(subj.first - 2, "ing")))) {
    p = subj.first - 2;  // "obtained by the Varne Post", "speaking to reporters"
  } else {
    return none;
  }
  if (p <= consumed || lex_.determiners.count(t[p - 1].low)) return none;
  const Range head = np_back(d, consumed, p);
  if (head.second != p || head.second <= head.first) return none;
  return name_back_to_quote(relative_head(head));
}

// English: "She then offered a brief outline of …", "Ida Roos and Oskar Dahl, the two harbour
// masters, made an impassioned call for …": a phrase before a noun cue that opens with a verb — a
// light verb (light_verbs in words.json) or a lower-case "-ed" form — and a determiner after it is
// the predicate, not the speaker; the subject before it speaks (after adverbs: the cue's left edge
// rules again, so appositions and dashes are taken as before a verb cue). None when no subject stands
// there (the phrase stays the mention, as until round 17).
Range UnitRules::predicate_subject(Range subj) const {
  if (german_ || subj.second < subj.first + 2 || subj.first <= consumed) return {subj.first, subj.first};
  const Tok& v = t[subj.first];
  if (v.kind != TK::word || v.cap || v.in_quote || lex_.determiners.count(v.low) || !lex_.determiners.count(t[subj.first + 1].low))
    return {subj.first, subj.first};
  const bool past = v.low.size() > 4 && v.low.compare(v.low.size() - 2, 2, "ed") == 0;
  if (!past && !lex_.words.light_verbs.count(v.low)) return {subj.first, subj.first};
  const std::size_t l = left_edge_at(subj.first);
  if (l <= consumed || t[l - 1].in_quote) return {subj.first, subj.first};
  return subject_before(l);
}

// "“The boats are late,” Varne This Week editor Ida Roos said", "“…,” Fight for $15 director Ida
// Roos told …": a capitalised function word or a number inside a title stops the noun phrase; when
// only name words (capitalised, numbers, "$", small title words) stand between the quotation that
// closes right before and the phrase, the whole run is the speaker (at most six tokens more).
Range UnitRules::name_back_to_quote(Range subj) const {
  if (subj.second <= subj.first) return subj;
  std::size_t k = subj.first;
  for (std::size_t n = 0; k > consumed && n < 6; --k, ++n) {
    const Tok& w = t[k - 1];
    if (w.in_quote) break;
    const bool name_word = w.kind == TK::word && (w.cap || (w.low[0] >= '0' && w.low[0] <= '9') ||
                                                  lex_.words.title_small_words.count(w.low));
    if (!name_word && !(w.kind == TK::punct && (w.low == "$"sv || w.low == "&"sv))) return subj;
  }
  // the quotation closes with a comma inside its marks ("“…,” X said"; after "“….” And X …" a new
  // sentence begins)
  if (k == subj.first || k < ua + 2 || !t[k].cap || !(t[k - 1].in_quote && t[k - 1].kind == TK::mark) ||
      t[k - 2].low != ","sv)
    return subj;
  return {k, subj.second};
}

// Apposition: "Graham, a former candidate, said" (up to three comma-delimited inserts: "Ines
// Varga, 61, who farms near Linz, says"; "Mitch Cole, R-Ky., said"; "The mayor's attorney, Ines Holm,
// said"; "A harbour official, speaking on condition of anonymity, said").
Range UnitRules::apposition_subject(std::size_t l) const {
  Range subj{l, l};
  const std::size_t j = l - 1;
  std::size_t seg_end = j;
  for (int seg = 0; seg < 3 && subj.second <= subj.first; ++seg) {
    std::size_t k = seg_end;
    while (k > consumed && seg_end - k < 22 && !(t[k - 1].low == ","sv || t[k - 1].in_quote)) --k;
    if (!(k > consumed && t[k - 1].low == ","sv && k < seg_end && !t[k].in_quote)) break;
    // "Ida Roos, a baker from Varne, Ohio, said", "…, of Ava, Mo., said": a region after a place
    // name is part of the phrase
    if (!german_ && seg_end - k <= 4 && k >= consumed + 2 && t[k - 2].cap && t[k].cap && region(k, seg_end)) {
      seg_end = k - 1;
      continue;
    }
    // "Mitch Cole, R-Ky., said": a party tag between commas is part of the speaker phrase
    if (!german_ && seg_end - k <= 3 && party_tag(t[k].low)) {
      auto np0 = np_back(d, consumed, k - 1);
      if (np0.second > np0.first && t[np0.second - 1].cap) { subj = {np0.first, j}; break; }
      seg_end = k - 1;
      continue;
    }
    auto np1 = np_back(d, consumed, k - 1);
    bool cap = false;
    for (std::size_t m = np1.first; m < np1.second; ++m) cap = cap || t[m].cap;
    const std::string_view w = t[k].low;
    const bool possessive = is_possessive(w);  // "Twitter’s director", "the voters' choice"
    const bool english = !german_;
    // "Ida Roos, Varne Harbour's chief engineer, said": a capitalised role phrase ending in a
    // lower-case word or a title
    const bool cap_role = english && t[k].cap && seg_end - k >= 2 &&
                          (!t[seg_end - 1].cap || lex_.titles.count(t[seg_end - 1].low)) && t[seg_end - 1].kind == TK::word;
    const bool role_app = lex_.determiners.count(w) || !t[k].cap || lex_.titles.count(w) || possessive || cap_role;
    // "The mayor's attorney, Ines Holm, said": a name in apposition to a role ("The board's CEO, Ida
    // Roos, said": the role may end in a title; "Another pollster, Ida Roos of Varne College, said":
    // a full name with a longer attribute)
    const bool role_end = np1.second > np1.first && (!t[np1.second - 1].cap || (english && lex_.titles.count(t[np1.second - 1].low)));
    const bool full_name = english && seg_end - k <= 8 && t[k].cap && t[k + 1].cap && t[k + 1].kind == TK::word;
    const bool name_app = role_end && t[k].cap && (seg_end - k <= 4 || full_name);
    if (!german_ && np1.second > np1.first && (w == "who" || w == "speaking" || w == "talking")) {
      // ", who spoke on condition of anonymity," / ", speaking on condition of anonymity,": the
      // clause only says the speaker is unnamed; the head noun phrase speaks.
      bool anon = false;
      for (std::size_t m = k; m < seg_end; ++m)
        anon = anon || t[m].low == "anonymity"sv || t[m].low == "named"sv || t[m].low == "identified"sv;
      if (anon) { subj = np1; break; }
    }
    if (np1.second > np1.first && ((role_app && cap) || name_app || subject_insert(k, seg_end))) { subj = {np1.first, j}; break; }
    if (!role_app) break;
    seg_end = k - 1;
  }
  return subj;
}

// English: tokens [a, b) open with words that add to the subject before them (subject_inserts in
// words.json): "many crews, including two captains, said", "the board, as well as its staff, has
// always maintained" — the phrase before the insert speaks even without a capital word (until round
// 17 a lower-case phrase needed a role or name apposition).
bool UnitRules::subject_insert(std::size_t a, std::size_t b) const {
  if (german_ || lex_.words.subject_inserts.empty()) return false;
  std::string words;
  for (std::size_t k = a; k < b && k < a + 3; ++k) {
    if (t[k].kind != TK::word || t[k].in_quote) return false;
    if (k > a) words += ' ';
    words += t[k].low;
    if (lex_.words.subject_inserts.count(words)) return true;
  }
  return false;
}

// "The harbour chief -- who toured the quay on Monday -- said …", "Ida Roos — a baker, 61 — said
// …": an insert between dashes right before the cue describes the speaker; the phrase before it
// speaks (the insert is no part of the mention).
Range UnitRules::dashed_subject(std::size_t l) const {
  const std::size_t lo = l > consumed + 30 ? l - 30 : consumed;
  for (std::size_t m = l - 2; m > lo; --m) {
    if (t[m].in_quote) break;
    if (!dash(t[m])) continue;
    if (m + 1 == l - 1 || t[m - 1].kind != TK::word) break;
    const Range np = np_back(d, consumed, m);
    return np.second == m ? np : Range{l, l};
  }
  return {l, l};
}

// Tokens [a, b) name a region (regions in words.json): "Ohio", "New York", "Mo.", "N.Y.".
bool UnitRules::region(std::size_t a, std::size_t b) const {
  std::string name;
  for (std::size_t k = a; k < b; ++k) {
    if (t[k].in_quote) return false;
    if (k > a && t[k].s > t[k - 1].e) name += ' ';
    name += t[k].low;
  }
  while (!name.empty() && name.back() == '.') name.pop_back();
  return lex_.words.regions.count(name) > 0;
}

// "Roos went on to say", "the mayor continued to insist": the subject of the governing verb.
Range UnitRules::infinitive_subject(std::size_t l) const {
  std::size_t j = l - 1;
  std::size_t steps = 0;
  while (j > consumed && steps < 3 && t[j - 1].kind == TK::word && !t[j - 1].cap &&
         (!is_stop(lex_, t[j - 1]) || t[j - 1].low == "on"sv)) { --j; ++steps; }
  if (steps == 0) return {l, l};
  while (j > consumed && adverb(t[j - 1])) --j;
  return np_back(d, consumed, j);
}

// "An engineer who asked not to be named told …", "A port official who spoke on condition of
// anonymity said": the relative clause describes the speaker; the head noun phrase speaks.
Range UnitRules::relative_head(Range subj) const {
  const std::size_t lo = subj.first > consumed + 30 ? subj.first - 30 : consumed;
  std::size_t rel = subj.first;
  for (std::size_t k = subj.first; k-- > lo;) {
    if (t[k].in_quote || t[k].kind != TK::word) break;
    if (t[k].low == "who"sv && k > consumed && t[k - 1].kind == TK::word && !t[k - 1].in_quote && !is_stop(lex_, t[k - 1]))
      rel = k;
  }
  if (rel < subj.first) {
    auto head = np_back(d, consumed, rel);
    if (head.second > head.first) return head;
  }
  return subj;
}

// An impersonal cue ("heißt es", "hieß es": ends in an impersonal pronoun of words.json; "hatte es
// geheißen", "heißt es dazu": the pronoun right after the finite verb).
bool UnitRules::impersonal(const Cue& c) const {
  return german_ && c.b > c.a + 1 &&
         (lex_.words.impersonal_pronouns.count(t[c.b - 1].low) > 0 || lex_.words.impersonal_pronouns.count(t[c.a + 1].low) > 0);
}

// The document an impersonal cue quotes: the noun phrase of a prepositional phrase right after the
// cue ("heißt es in der Erklärung des Verbands") or opening its clause ("In der Erklärung heißt es").
// A prepositional phrase that names a time ("Am Montag", "in der Nacht") names no document.
Range UnitRules::german_impersonal_source(const Cue& c) const {
  auto timely = [&](std::size_t a, std::size_t b) {
    for (std::size_t k = a; k < b; ++k)
      if (t[k].cap && (lex_.words.weekdays.count(t[k].low) || lex_.words.dates.count(t[k].low)))
        return true;
    return false;
  };
  // "Auf der Homepage des Vereins heißt es zur Begründung: …": the phrase filling the first
  // position, when the cue is the clause's verb (german.cpp), before one after the cue
  if (consumed < c.a && lex_.words.prepositions.count(t[consumed].low) && !t[consumed].in_quote &&
      german_fronted_verb(consumed, c.b) == c.a) {
    const std::size_t e = german_attribute_end(consumed, c.a, true, 12);
    if (e > consumed && !timely(consumed, e)) return {consumed, e};
  }
  // "heißt es in einer am Morgen versandten Erklärung des Verbands"
  if (c.b + 1 < ub && lex_.words.prepositions.count(t[c.b].low) && !t[c.b].in_quote) {
    const std::size_t e = german_attribute_end(c.b, ub, false, 12);
    if (e > c.b && !timely(c.b, e)) return {c.b, e};
  }
  return {c.a, c.a};
}

// Verb-second order: "Zum Rücktritt sagte der Kardinal: „…“" — the subject follows the verb when
// something else fills the first position.
void UnitRules::german_inverted_subject(const Cue& c, Range& subj, std::size_t& after) const {
  // "Die Fähre werde geprüft, wie sie fahren kann, so die Reederei.": "so" after a comma, a quotation or
  // a dash closes what stands before it and its speaker follows it (backward()); no phrase before it
  // speaks
  if (lex_.words.comma_cues.count(t[c.a].low) && c.a > consumed && !t[c.a - 1].in_quote && t[c.a - 1].low == ","sv) {
    subj = {c.a, c.a};
    return;
  }
  // "In der Erklärung heißt es, …": an impersonal cue's source is the document of the prepositional
  // phrase before it (or after it: german_impersonal_source)
  if (impersonal(c)) {
    const Range pp = german_impersonal_source(c);
    const bool closes = c.a > ua && (t[c.a - 1].low == ","sv || t[c.a - 1].in_quote);  // "„…“, heißt es in …": backward()
    subj = pp.first >= c.b && closes ? Range{c.a, c.a} : pp;
    if (pp.first >= c.b && !closes) after = pp.second;
    return;
  }
  // "Jon Falk wird von der „Post“ mit den Worten zitiert: „…“": a passive's agent or medium (german.cpp)
  if (consumed < c.a) {
    const bool aux_after = c.b < ub && lex_.words.passive_auxiliaries.count(t[c.b].low) > 0;
    std::size_t cs = consumed;  // "…, wie Falk vom Sender zitiert wird": from the conjunction
    if (aux_after)
      for (std::size_t k = c.a; k-- > consumed;)
        if (lex_.words.subordinators.count(t[k].low) && !t[k].in_quote) { cs = k + 1; break; }
    const Range ps = german_passive_source(cs, c.a, aux_after);
    if (ps.second > ps.first) { subj = ps; return; }
  }
  // "Am Montag sagte die Ministerin …", "In einem Brief äußerte sich der Verband besorgt: „…“": the
  // clause opens with a fronted constituent and the cue is its finite verb (german.cpp)
  if (consumed < c.a && german_fronted(consumed) && !german_focus_particle(consumed, c.a) &&
      german_fronted_verb(consumed, c.b) == c.a) {
    const Range inv = german_subject_after(c.b, ub);
    if (inv.second > inv.first) { subj = inv; after = inv.second; return; }
    // "Den Plan lobte es …", "Am Montag sagte man …": a fronted object or adverbial never speaks
    if (lex_.words.prepositions.count(t[consumed].low) || lex_.words.oblique_determiners.count(t[consumed].low)) {
      subj = {c.a, c.a};
      return;
    }
  }
  // "Wie die Ministerin am Montag in Varne erklärte, …": in a subordinate clause the subject follows
  // the conjunction and the verb closes the clause
  if (consumed + 2 < c.a && lex_.words.subordinators.count(t[consumed].low) && c.b < ub &&
      (t[c.b].low == ","sv || t[c.b].low == ":"sv) && !has_quote(consumed, c.a)) {
    const Range s = german_subject_after(consumed + 1, c.a);
    if (s.second > s.first && !lone_non_speaker(s)) { subj = s; return; }
  }
  // "Der Sprecher des Hafens, Jonas Weber, sagte …": the clause subject with its apposition
  if (c.a > consumed + 2 && t[c.a - 1].low == ","sv && !t[c.a - 1].in_quote) {
    const Range s = german_clause_subject(consumed, c.a);
    if (s.second > s.first && s.second == c.a - 1) { subj = s; return; }
  }
  // (one clause: between the subject and the cue no comma, colon, sentence end or quotation other
  // than a quoted name: "Der Sprecher, Jon Falk, wird von der „Post“ mit den Worten zitiert: …")
  const Range s = consumed < c.a ? german_clause_subject(consumed, c.a) : Range{c.a, c.a};
  bool one_clause = s.second > s.first && s.second < c.a && (subj.second <= subj.first || subj.first >= s.second);
  for (std::size_t k = s.second + (t[s.second].low == ","sv ? 1 : 0); k < c.a && one_clause; ++k) {  // (an apposition's comma)
    if (t[k].in_quote) {
      const QSpan* q = quote_at(k);
      one_clause = q && q->a == k && q->b <= c.a && quoted_name(d, *q);
      if (one_clause) k = q->b - 1;
      continue;
    }
    // (the full stop of a day number before its month is no sentence end: "hat am 20. Juli erklärt")
    if (t[k].low == "."sv && k > 0 && !t[k - 1].low.empty() && t[k - 1].low[0] >= '0' && t[k - 1].low[0] <= '9' && k + 1 < c.a &&
        lex_.words.ordinal_months.count(t[k + 1].low))
      continue;
    one_clause = !(t[k].kind == TK::punct && (t[k].low == ","sv || t[k].low == ":"sv || ends_unit(t[k])));
  }
  if (one_clause) {
    // "Die Arbeit der Regierung lobte er …", "Jede Schuld wies der Minister Jon Falk von sich": a
    // fronted object, the speaker after the verb (german.cpp)
    subj = s;
    return;
  }
  // (a phrase opening with a preposition fills it too: "An die Regierung appellierte sie, …")
  // ("Auch die Ministerin äußerte Vorbehalte: …": a focus particle fills no position)
  const bool front = subj.second <= subj.first ||
                     (lex_.words.fronted.count(t[subj.first].low) && !german_focus_particle(subj.first, c.a)) ||
                     lex_.words.prepositions.count(t[subj.first].low) ||
                     (subj.first > ua && lex_.words.fronted.count(t[subj.first - 1].low) &&
                      !german_focus_particle(subj.first - 1, c.a));
  auto inv = np_fwd(d, after, ub);
  // a subject after the verb opens with a capital, an article or a pronoun; "äußerte sich
  // zufrieden über …" has none (the reflexive "sich", an adjective)
  const bool opens_np = inv.second > inv.first && (t[inv.first].cap || lex_.determiners.count(t[inv.first].low) ||
                                                   lex_.words.subject_pronouns.count(t[inv.first].low));
  if (front && opens_np && inv.second < ub &&
      (t[inv.second].low == ":"sv || t[inv.second].low == ","sv || t[inv.second].in_quote || complementizer(t[inv.second])) &&
      !(subj.second <= subj.first && c.a > ua && (t[c.a - 1].in_quote || t[c.a - 1].low == ","sv))) {
    subj = inv;
    after = inv.second;
  }
}

// Sentence-initial inversion: "Said Ines Varga, who sailed with him, “We were proud.”"
bool UnitRules::sentence_initial_inversion(const Cue& c, Attribution& at) {
  auto inv = np_fwd(d, c.b, ub);
  if (inv.second <= inv.first) return false;
  std::size_t q0 = inv.second;
  while (q0 < ub && !t[q0].in_quote && !is_cue_word(t[q0])) ++q0;
  if (!(q0 < ub && t[q0].in_quote)) return false;
  at.mention_a = inv.first; at.mention_b = inv.second; at.has_speaker = true;
  const std::size_t e = content_end(q0, forward_end(q0));
  if (e <= q0) return false;
  at.contents.push_back(span_of(q0, e));
  at.confidence = 0.8;
  consumed = e;
  remember(at);
  return true;
}

// "The harbour plan was criticised by the board", "Roos was asked by the host, “Will the ferry
// run?”": a passive cue (l: its left edge, after the auxiliary) with an agent after "by" — the agent
// speaks; the content is a quotation right after the agent, else the passive subject (the noun
// phrase before the auxiliaries). English only.
bool UnitRules::passive_agent(const Cue& c, Attribution& at, std::size_t l) {
  if (german_ || !(c.b + 1 < ub && t[c.b].low == "by"sv && !t[c.b].in_quote)) return false;
  const Range agent = np_fwd(d, c.b + 1, ub);
  if (agent.second <= agent.first) return false;
  std::size_t s = agent.second, e = agent.second;
  std::size_t q = agent.second;
  while (q < ub && !t[q].in_quote && (t[q].low == ","sv || t[q].low == ":"sv)) ++q;
  if (q > agent.second && q < ub && t[q].in_quote) {
    s = q;
    e = content_end(q, forward_end(q));
  } else {
    std::size_t a = l;  // "has been", "was", "would be": back over the auxiliaries and adverbs
    while (a > consumed && a + 4 > l && (lex_.passive.count(t[a - 1].low) || lex_.words.finite_markers.count(t[a - 1].low) || adverb(t[a - 1])))
      --a;
    const Range subj = np_back(d, consumed, a);
    if (subj.second <= subj.first || subj.second != a) return false;
    s = subj.first;
    e = subj.second;
  }
  if (e <= s) return false;
  at.contents.push_back(span_of(s, e));
  at.mention_a = agent.first; at.mention_b = agent.second; at.has_speaker = true;
  at.confidence = 0.5;
  consumed = std::max(e, agent.second);
  remember(at);
  return true;
}

// "Asked whether the ferry would run, Roos said it would.", "When asked by the host why the boats
// were late, …": a question participle (question_cues in words.json) opening the sentence, after
// at most one opener ("when"), reports the question from its question word (question_words:
// "whether", "why", "about", "to") up to the comma before the main clause; the asker after "by" is
// its source, else it has none. The main clause's own cue attributes the answer. English only.
bool UnitRules::fronted_question(const Cue& c, Attribution& at) {
  if (german_ || !lex_.words.question_cues.count(t[c.a].low) || c.b + 1 >= ub) return false;
  if (!(c.a == consumed || (c.a == consumed + 1 && lex_.words.question_openers.count(t[consumed].low)))) return false;
  std::size_t k = c.b;
  Range agent{k, k};
  if (t[k].low == "by"sv && !t[k].in_quote) {
    agent = np_fwd(d, k + 1, ub);
    if (agent.second <= agent.first) return false;
    k = agent.second;
  }
  if (k + 1 >= ub || t[k].in_quote || !lex_.words.question_words.count(t[k].low)) return false;
  std::size_t comma = k + 1;
  while (comma < ub && !(t[comma].low == ","sv && !t[comma].in_quote)) ++comma;
  if (comma + 1 >= ub) return false;  // the main clause follows the comma
  at.contents.push_back(span_of(k, content_end(k, comma)));
  if (agent.second > agent.first) {
    at.mention_a = agent.first; at.mention_b = agent.second; at.has_speaker = true;
  } else {
    at.no_source = true;
  }
  at.confidence = 0.5;
  consumed = comma + 1;
  remember(at);
  return true;
}

// "The threat posed by the storm is real", "the fares criticized by the board were cut": a past
// participle right after a lower-case noun, then "by", its agent (a name or a determiner) and a
// finite verb (finite_markers in words.json) is a reduced relative clause inside the subject of that
// verb, not a finite cue: nothing is attributed. After a comma ("Roos, asked by the host, …"), an
// auxiliary (passive_agent) or a name the cue stays, and so it does when no finite verb follows the
// agent ("officials said by Friday the quay would close"). English only.
bool UnitRules::reduced_relative(const Cue& c, std::size_t l) const {
  if (german_ || !c.form || !c.form->past_participle || l != c.a || l <= ua || c.b + 1 >= ub) return false;
  if (t[c.b].low != "by"sv || t[c.b].in_quote) return false;
  const Tok& before = t[l - 1];
  if (before.kind != TK::word || before.cap || before.in_quote || is_stop(lex_, before) || lex_.passive.count(before.low) ||
      lex_.determiners.count(before.low) || adverb(before))
    return false;
  const Tok& first = t[c.b + 1];
  if (first.kind != TK::word || !(first.cap || lex_.determiners.count(first.low))) return false;
  const Range agent = np_fwd(d, c.b + 1, ub);
  return agent.second > agent.first && agent.second < ub && !t[agent.second].in_quote &&
         lex_.words.finite_markers.count(t[agent.second].low);
}

// Content before the cue: "The ferry is late, Roos said." / "“It is late,” said Roos." /
// "“It is late,” Roos said, “and nobody told us.”" / "Her crew, she said, would stay."
bool UnitRules::backward(const Cue& c, Attribution& at, Range subj, std::size_t l, bool participle) {
  const bool has_subj = subj.second > subj.first;
  std::size_t boundary = has_subj ? subj.first : l;
  if (german_ && has_subj) boundary = german_auxiliary_clause(c, subj, boundary);
  // A quotation closes a statement when it ends with punctuation inside its marks (“…,” he said)
  // or is followed by a comma („…“, sagte sie); a quoted name („Associated Press“ sagte) does not.
  // German sets a comma after the closing mark even after "!" or "?" („…!“, sagte sie): without
  // it the quotation ended the previous sentence. (At a document start, boundary - 1 and
  // boundary - 2 read TokView's sentinel.)
  // (German without the comma only when the cue follows the quotation at once: "„… etabliert.“
  // erklärte die Ministerin.")
  const bool quote_ends_statement =
      (!german_ || (boundary == c.a && !has_subj)) && t[boundary - 1].in_quote && boundary >= 2 &&
      t[boundary - 1].kind == TK::mark && (t[boundary - 2].kind == TK::punct || t[boundary - 2].kind == TK::mark);
  // (a boundary at `consumed`: the unit's earlier statement ends in the quotation, which a nested
  // report closes: "Roos said the crews were “tired,” the Courier reported.", below)
  const bool bounded = (boundary > consumed || (!german_ && boundary == consumed && quote_ends_statement)) &&
                       (t[boundary - 1].low == ","sv || quote_ends_statement || t[boundary - 1].low == "\xE2\x80\x94"sv ||
                        t[boundary - 1].low == "--"sv || t[boundary - 1].low == "-"sv);
  if (!bounded || participle) return false;
  const bool quoted = t[boundary - 1].in_quote || (boundary >= consumed + 2 && t[boundary - 2].in_quote);
  Range spk = subj;
  std::size_t tail = c.b;
  if (!has_subj && (spk = subject_in_cue(c)).second > spk.first) {
    // "« … », dit-il.": the verb carries its subject
  } else if (!has_subj && german_ && impersonal(c)) {
    // "„…“, heißt es in der Erklärung des Verbands."
    spk = german_impersonal_source(c);
    if (spk.second <= spk.first || spk.first < c.b) return false;
    tail = spk.second;
  } else if (!has_subj) {
    spk = np_fwd(d, c.b, ub);
    if (spk.second <= spk.first) return false;
    // ("… and he, as always, promised a “new ferry” …": a determiner alone before a quotation opens the
    // object, no inverted subject; English, round 17)
    // ("“…,” read one." and "…, reads a Wednesday editorial" keep theirs: only right before a quotation)
    bool determiner_only = !german_ && spk.second < ub && t[spk.second].in_quote;
    for (std::size_t m = spk.first; m < spk.second && determiner_only; ++m) determiner_only = lex_.determiners.count(t[m].low) > 0;
    if (determiner_only) return false;
    tail = spk.second;
    // German nouns are capitalised: the inverted subject's mention ends at its last capitalised
    // word ("…, sagte die Ministerin knapp")
    while (german_ && spk.second > spk.first + 1 && t[spk.second - 1].kind == TK::word && !t[spk.second - 1].cap) --spk.second;
  }
  // What follows must be the unit end, an adverbial ("on Tuesday", "to cheers", "in a
  // statement"), a participle clause, or a second quotation piece; not a clause of its own.
  std::size_t k = tail;
  // ("“…,” Roos said and added that …": a coordinated cue opens a statement of its own)
  while (k < ub && !t[k].in_quote && t[k].kind == TK::word && !complementizer(t[k]) && k - tail < 12 &&
         !coordinated_cue(k))
    ++k;
  if (!quoted && k < ub && k > tail && complementizer(t[k])) return false;
  if (k > tail && !quoted && !closing_adverbial(c, tail, k)) return false;
  if (quoted && !has_subj && k == tail && k + 2 < ub && t[k].low == ","sv && !t[k + 1].in_quote &&
      t[k + 1].kind == TK::word) {
    // "“…,” said Ines Varga, curator of maps at the river museum, “and …”": an
    // apposition of any length between the inverted speaker and the second quotation piece
    std::size_t m = k + 1;
    while (m < ub && m - k < 30 && !t[m].in_quote && t[m].low != ","sv && !ends_unit(t[m])) ++m;
    if (m + 1 < ub && t[m].low == ","sv && t[m + 1].in_quote && t[m + 1].kind == TK::mark) {
      spk.second = m;
      k = m;
    }
  }
  std::size_t s = consumed, e = boundary;
  if (t[e - 1].kind == TK::punct && !t[e - 1].in_quote) --e;  // the comma / dash before the speaker
  while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
  s = writer_lead(s, e);
  e = content_end(s, e);
  if (e <= s) {
    // the unit's earlier statement fills everything before the speaker: this cue reports it
    if (!nested_report(at, boundary, spk, has_subj, quote_ends_statement)) return false;
    consumed = std::max(consumed, k);
    return true;
  }
  at.contents.push_back(span_of(s, e));
  at.mention_a = spk.first; at.mention_b = spk.second; at.has_speaker = true;
  at.confidence = t[e - 1].in_quote ? 0.85 : 0.65;
  consumed = k;
  // "“…,” he said, “…”" and "The growers, she said, should not …": the rest of the unit
  // continues the statement.
  std::size_t before_words = 0;
  for (std::size_t m = s; m < e; ++m) before_words += t[m].kind == TK::word && !t[m].in_quote;
  const bool parenthetical = !quoted && before_words <= 8 && k + 2 < ub && t[k].low == ","sv &&
                             t[k + 1].kind == TK::word;
  if (k < ub && t[k].kind == TK::punct && (t[k].low == ","sv || t[k].low == ":"sv) && k + 1 < ub &&
      (t[k + 1].in_quote || parenthetical)) {
    std::size_t s2 = k + 1, e2 = content_end(s2, forward_end(s2));
    if (e2 > s2) { at.contents.push_back(span_of(s2, e2)); consumed = e2; }
  }
  for (std::size_t m = s; m < consumed; ++m)
    if (t[m].in_quote) { const QSpan* q = quote_at(m); if (q && q->unbalanced) at.unbalanced = true; }
  remember(at);
  return true;
}

// "VARNE — The quay will close in May, officials said.", "Still, the crews stayed, Roos said.": a
// dateline opening the paragraph (after_dateline) and a leading filler closed by its comma
// (leading_fillers in words.json) are the writer's, not part of a content before its cue. Where
// the content starts, or `s`. English.
std::size_t UnitRules::writer_lead(std::size_t s, std::size_t e) const {
  if (german_ || s >= e) return s;
  s = ex_.after_dateline(d, s, e);
  if (s + 2 < e && t[s].kind == TK::word && !t[s].in_quote && lex_.words.leading_fillers.count(t[s].low) &&
      t[s + 1].low == ","sv && !t[s + 1].in_quote)
    s += 2;
  return s;
}

// "Roos said the quay would close in May, the Varne Courier reported.": the unit's earlier
// statement fills everything before the comma at boundary - 1, so the cue of `spk` reports it (nested,
// as with ", according to X"); not after a phrase with a second determiner, a relative clause ("…, a
// plan the board rejected"). English: also when the comma closes a quotation ("Roos said the crews
// were “tired of waiting,” the Courier reported.", "Roos called the plan “a joke,” reported the
// Courier.": the statement runs to the closing mark) — but not when the reporter is a subject pronoun
// or the inner speaker's own name ("Berg said the crews were tired of “waiting all day,” he said.",
// "… “…,” Berg wrote.": the same speaker goes on; on PolNeAR train such pronouns closed 18 of 27 new
// statements no annotation matched).
bool UnitRules::nested_report(Attribution& at, std::size_t boundary, Range spk, bool has_subj, bool quote_ends_statement) {
  const bool comma = t[boundary - 1].low == ","sv && !t[boundary - 1].in_quote;
  const bool quote_comma = !german_ && quote_ends_statement && t[boundary - 2].low == ","sv;
  if (german_ || !(comma || quote_comma) || (!has_subj && !quote_comma)) return false;
  if (quote_comma && !comma) {
    if (d.attrs.size() <= first_attr || d.attrs.back().contents.empty()) return false;
    if (spk.second == spk.first + 1 && lex_.words.subject_pronouns.count(t[spk.first].low)) return false;
    const Attribution& inner = d.attrs.back();
    for (std::size_t m = inner.mention_a; m < inner.mention_b; ++m)
      if (t[m].cap && t[m].low == t[spk.second - 1].low) return false;
  }
  for (std::size_t m = spk.first + 1; m < spk.second; ++m)
    if (lex_.determiners.count(t[m].low)) return false;
  const std::size_t before = d.attrs.size();
  nested_according(at, comma ? boundary - 1 : boundary, spk);
  return d.attrs.size() > before;
}

// What may follow a backward cue without quotation marks, tokens [tail, k) (k: the first token that
// is no word): a short time or place adverbial ("…, officials said on Monday."), one of any length
// up to the sentence end ("…, she said in a long letter to the harbour board."), or the addressee of
// "tell" closing the sentence, with such an adverbial after it ("…, a port spokesman told the Varne
// Courier.", "…, he told the board in a letter.").
bool UnitRules::closing_adverbial(const Cue& c, std::size_t tail, std::size_t k) const {
  const bool to_end = k >= ub || ends_unit(t[k]);
  const auto adverbial = [&](std::size_t a) {
    const std::string_view w0 = t[a].low;
    if (w0 == "on"sv && !(a + 1 < ub && lex_.words.dates.count(t[a + 1].low))) return false;
    const bool place = w0 == "in"sv || w0 == "at"sv;
    // (German: after the inverted speaker of a closing cue only adverbials can follow — verb-second
    // order leaves no room for a clause: "…, sagte Ida Roos im Radio", "…, so Roos vom Verein gegenüber der
    // Zeitung")
    // Only after a speaker that follows its cue (a speaker before it makes the cue a forward one:
    // "Ida Roos, die Sprecherin, sagte am Montag: „…“"), and up to the sentence end, a comma or a
    // quoted name closing the sentence ("… im Gespräch mit der Zeitung „Hafenblatt“.").
    if (german_ && tail > c.b && k - a <= 12 && !t[a].in_quote &&
        (lex_.words.prepositions.count(w0) || german_adverbial(t[a]))) {
      std::size_t m = k;
      while (m < ub && m - a <= 20) {
        if (t[m].kind == TK::word && !t[m].in_quote) { ++m; continue; }
        const QSpan* q = t[m].in_quote ? quote_at(m) : nullptr;
        const std::size_t words = q && q->a == m && !q->unbalanced ? name_like_words(t, *q) : 0;
        if (words < 1 || words > 6) break;
        m = q->b;
      }
      return m >= ub || ends_unit(t[m]) || t[m].low == ","sv;
    }
    return (k - a <= 6 && (place || lex_.words.time_words.count(w0) > 0)) || (!german_ && to_end && place);
  };
  if (adverbial(tail)) return true;
  if (!(c.form && c.form->lemma == "tell" && to_end)) return false;
  const Range obj = np_fwd(d, tail, ub);
  return obj.first == tail && (obj.second == k || (!german_ && obj.second < k && adverbial(obj.second)));
}

// A subject pronoun ("he", "they’re"), a finite verb ("had", "would") or a cue verb ("believes"):
// a word that makes what follows a clause of its own.
bool UnitRules::opens_clause(const Tok& tok) const {
  if (tok.kind != TK::word || tok.in_quote) return false;
  if (lex_.words.finite_markers.count(tok.low) || is_cue_word(tok)) return true;
  std::string_view w = tok.low;
  for (std::string_view apo : {"'"sv, "\xE2\x80\x99"sv}) {
    const std::size_t p = w.find(apo);
    if (p != std::string_view::npos && p > 0) { w = w.substr(0, p); break; }
  }
  return w != "you"sv && lex_.words.subject_pronouns.count(w) > 0;
}

// A subject headed by a document or survey word (document_heads in cues.json, survey_heads in
// words.json): "The harbour survey shows the crews tired of the timetable", "The board's letter asked
// the crews to stay" — what the document shows or asks is its content even without a clause, as an
// attitude's object is. English only.
bool UnitRules::document_subject(Range subj) const {
  if (german_ || subj.second <= subj.first) return false;
  const std::string_view head = t[subj.second - 1].low;
  return lex_.document_heads.count(head) > 0 || lex_.words.survey_heads.count(head) > 0;
}

// The object of an attitude verb is its content ("Roos endorsed the harbour plan", "Roos called for
// a new quay", "Roos plans to run"): words outside quotation marks up to the clause end, opening
// with a word (not a comma or a relative pronoun: "the plan Roos endorsed, which …" has no object).
bool UnitRules::object_content(std::size_t s, std::size_t e) const {
  if (e <= s || t[s].kind != TK::word || t[s].in_quote) return false;
  const std::string_view w = t[s].low;
  // a lone pronoun ("criticised it", "said this") says nothing of what was held — but a person is what an
  // endorsement or an attack is about ("the governor who endorsed him": lone_object_persons in words.json)
  if (e - s == 1 && (lex_.words.subject_pronouns.count(w) || lex_.words.object_pronouns.count(w) || lex_.determiners.count(w)) &&
      !lex_.words.lone_object_persons.count(w))
    return false;
  return w != "which"sv && w != "who"sv && w != "and"sv && w != "or"sv && w != "but"sv && w != "as"sv && w != "by"sv;
}

// An attitude's object ends at a comma before a lower-case word ("Roos backed the quay, a dig at the
// board", "…, nor did she …"); a comma before a name continues a list ("Roos, Berg and Lind"), one
// before a word that opens examples continues the noun phrase ("Roos opposed new fees, including a
// quay toll": list_openers in words.json), and one with no space on either side is a thousands
// separator ("$30,000", "1,076 donors").
std::size_t UnitRules::object_end(std::size_t s, std::size_t e) const {
  bool name_list = false;  // a comma before a capitalised word came first: "Ida Roos, Oskar Dahl"
  for (std::size_t k = s + 1; k + 1 < e; ++k) {
    if (t[k].low != ","sv || t[k].in_quote || t[k + 1].in_quote) continue;
    if (t[k + 1].cap) { name_list = true; continue; }
    if (lex_.words.list_openers.count(t[k + 1].low) || (t[k - 1].e == t[k].s && t[k].e == t[k + 1].s)) continue;
    if (name_list && list_end(k, e)) continue;
    return content_end(s, k);
  }
  return e;
}

// "Roos praised Ida Berg, Oskar Dahl, and Varne's crews": in a list of names ", and" or ", or" before a
// capitalised word (not a pronoun) goes on with the list; the object does not end there. English.
bool UnitRules::list_end(std::size_t k, std::size_t e) const {
  if (k + 2 >= e || !(t[k + 1].low == "and"sv || t[k + 1].low == "or"sv)) return false;
  const Tok& w = t[k + 2];
  return w.kind == TK::word && w.cap && !w.in_quote && !lex_.words.subject_pronouns.count(w.low);
}

// "Roos went on to praise the crews", "… went on to openly mock the plan": a verb phrase cue
// ending in a continuation particle (continuation_particles in words.json: "go on") hands the report
// to the verb of the "to"-infinitive right after it; "to", adverbs and that verb join the cue, and the
// verb's object is the content. Where the content starts then, or `after` (no such cue). English.
std::size_t UnitRules::handed_report(const Cue& c, std::size_t after) const {
  if (german_ || c.form || c.object || c.role != CueRole::verb || c.b < c.a + 2 || after != c.b || after + 2 >= ub ||
      !lex_.words.continuation_particles.count(t[c.b - 1].low) || t[after].low != "to"sv || t[after].in_quote)
    return after;
  std::size_t v = after + 1;
  while (v + 1 < ub && v < after + 3 && (adverb(t[v]) || suffix_adverb(v))) ++v;
  const Tok& w = t[v];
  if (v + 1 >= ub || w.kind != TK::word || w.in_quote || w.cap || lex_.determiners.count(w.low) ||
      lex_.words.prepositions.count(w.low))
    return after;
  return v + 1;
}

// "Roos proposed new harbour rules that would end the night fares", "Roos refused to fund quays that
// flood": after an attitude cue (its object is the content) a noun phrase or a "to"-infinitive of two
// or more words before "that" makes "that" a relative pronoun, so the content starts at the object, not
// at "that". A day, an adverb, a preposition, a name or a lone noun before "that" keeps "that" a
// complementizer ("warned on Tuesday that", "argued insistently that", "expressed concern that").
// Tokens [s, k): the words between the cue and "that". English.
bool UnitRules::relative_that(const Cue& c, std::size_t s, std::size_t k) const {
  if (german_ || !(c.object || (c.form && c.form->object)) || k < s + 2) return false;
  const Tok& w = t[s];
  if (w.kind != TK::word || w.cap || w.in_quote || adverb(w) || suffix_adverb(s)) return false;
  const auto& words = lex_.words;
  if (w.low == "to"sv) {
    const Tok& v = t[s + 1];
    return v.kind == TK::word && !v.cap && !lex_.determiners.count(v.low) && !words.prepositions.count(v.low);
  }
  return !(words.prepositions.count(w.low) || words.time_words.count(w.low) || words.dates.count(w.low) ||
           words.coordinators.count(w.low));
}

// "Roos said Tuesday the quay would close", "Roos promised on Monday to stay", "Roos said last week
// she would run": a day or a recent period right after the cue (weekdays, day_parts, periods in
// words.json) is the cue's adverbial, not the start of the content. Where the content starts then, or
// `s`. English.
std::size_t UnitRules::time_after_cue(std::size_t s) const {
  if (german_ || s + 2 >= ub || t[s].in_quote) return s;
  const auto& w = lex_.words;
  std::size_t k = s;
  if (t[k].low == "on"sv && w.weekdays.count(t[k + 1].low)) ++k;
  if (w.weekdays.count(t[k].low)) {
    ++k;
    if (k < ub && w.day_parts.count(t[k].low)) ++k;
  } else if ((t[k].low == "last"sv || t[k].low == "this"sv || t[k].low == "earlier"sv) && w.periods.count(t[k + 1].low)) {
    k += 2;
  } else {
    return s;
  }
  if (k < ub && t[k].low == ","sv && !t[k].in_quote) ++k;
  // (not before a cue of its own, "said Tuesday, saying …", nor before a finite verb: "the plan Roos
  // announced Monday would cost …" has no content after the day)
  if (k >= ub || t[k].kind != TK::word || t[k].in_quote || is_cue_word(t[k]) || w.finite_markers.count(t[k].low)) return s;
  return k;
}

// "Roos said in a long letter to the harbour board on Monday that the quay was safe": a setting
// opened by a preposition right after the cue (setting_prepositions in words.json) may run longer
// than the usual eight words before "that" (16 then); the content still starts at "that". English.
std::size_t UnitRules::that_window(std::size_t s) const {
  if (german_ || s >= ub || t[s].in_quote || !lex_.words.setting_prepositions.count(t[s].low)) return 8;
  return 16;
}

// "Roos made no mention of the toll", "the board's sparing mention of the quay": a cue used as a noun
// (a determiner or a quantifier, noun_openers in words.json, before it or before one modifier) takes
// what it is about with "of"; the content starts after "of". Where it starts, or `s`. English.
std::size_t UnitRules::noun_of(const Cue& c, std::size_t s) const {
  if (german_ || c.role != CueRole::verb || s + 1 >= ub || s != c.b || t[s].low != "of"sv || t[s].in_quote ||
      c.a < ua + 1 || t[s + 1].kind != TK::word || t[s + 1].in_quote)
    return s;
  auto opener = [&](const Tok& w) {
    return w.kind == TK::word && !w.in_quote && (lex_.determiners.count(w.low) || lex_.words.noun_openers.count(w.low));
  };
  const Tok& m = t[c.a - 1];
  if (opener(m)) return s + 1;
  const bool modifier = m.kind == TK::word && !m.in_quote && !m.cap && !is_cue_word(m);
  return modifier && c.a >= ua + 2 && opener(t[c.a - 2]) ? s + 1 : s;
}

// "Ida Roos joked about the night ferry", "Asked about the toll, Roos …", "Roos asked the board about
// the quay": a topic preposition right after the cue or its addressee (topic_prepositions in words.json)
// takes what the report is about; the content starts after it. Not before a quantity, where "about"
// means roughly ("said about half of the crews would stay", "about 40 percent"), nor before a lone
// pronoun ("asked about it" keeps both words). Where the content starts, or `s`. English.
std::size_t UnitRules::topic_after_cue(std::size_t s) const {
  if (german_ || s + 2 >= ub || t[s].in_quote || !lex_.words.topic_prepositions.count(t[s].low)) return s;
  const Tok& w = t[s + 1];
  if (w.kind == TK::mark && w.in_quote) return s + 1;  // "joked about “the plan”"
  if (w.kind != TK::word || w.in_quote) return s;
  const auto& words = lex_.words;
  const bool number = ex_.number_word(w.low) || words.fraction_words.count(w.low) ||
                      ((w.low == "a"sv || w.low == "one"sv) && words.fraction_words.count(t[s + 2].low));
  const bool lone_pronoun = (words.subject_pronouns.count(w.low) || words.object_pronouns.count(w.low) ||
                             lex_.determiners.count(w.low)) &&
                            (t[s + 2].kind != TK::word || t[s + 2].in_quote);
  return number || lone_pronoun ? s : s + 1;
}

// "Ida Roos voiced concern about the night ferry", "the crews expressed deep frustration with the toll":
// after a verb of expressing (expression_verbs in words.json) a stance noun, with at most one modifier,
// and its preposition (stance_prepositions) are how the view was held; what it is about is the
// content. Where the content starts, or `s`. English.
std::size_t UnitRules::stance_object(const Cue& c, std::size_t s) const {
  if (german_ || !c.form || s != c.b || !lex_.words.expression_verbs.count(c.form->lemma)) return s;
  for (std::size_t k = s + 1; k < s + 3 && k + 1 < ub; ++k) {
    const Tok& w = t[k - 1];  // the noun or its modifier
    if (w.kind != TK::word || w.in_quote || w.cap || lex_.determiners.count(w.low) ||
        lex_.words.possessive_determiners.count(w.low) || lex_.words.prepositions.count(w.low) ||
        lex_.words.object_pronouns.count(w.low))
      return s;
    const Tok& p = t[k];
    if (p.kind == TK::word && !p.in_quote && lex_.words.stance_prepositions.count(p.low))
      return (t[k + 1].kind == TK::word && !t[k + 1].in_quote) || (t[k + 1].kind == TK::mark && t[k + 1].in_quote) ? k + 1 : s;
  }
  return s;
}

// A preposition other than "to" ("at the harbour", "of the plan": prepositions and topic_prepositions in
// words.json) or an adverb ("calmly", "however") at s: the words after a cue open its setting, not its
// object. English.
bool UnitRules::setting_start(std::size_t s) const {
  if (s + 1 < ub && t[s].low == ","sv && !t[s].in_quote) ++s;  // "Roos replied, however, “…”"
  const Tok& w = t[s];
  if (w.kind != TK::word || w.in_quote || w.cap || w.low == "to"sv) return false;
  return lex_.words.prepositions.count(w.low) || lex_.words.topic_prepositions.count(w.low) || adverb(w) ||
         suffix_adverb(s);
}

// "Roos said flatly: “…”", "Roos told the crews: “…”", "Roos wrote in a text message: “…”": a short
// adverbial or addressee between the cue and a colon before a quotation is the cue's; the quotation
// is the content. A clause of its own before the colon ("Roos said she had one wish: “…”") keeps
// its words. Where the content starts, or `s`. English.
std::size_t UnitRules::colon_quotation(std::size_t s, std::size_t fe) const {
  for (std::size_t k = s; k + 1 < fe && k < s + 10; ++k) {
    if (t[k].in_quote || opens_clause(t[k]) || complementizer(t[k])) return s;
    if (t[k].low == ":"sv) return k > s && t[k + 1].in_quote && t[k + 1].kind == TK::mark ? k + 1 : s;
    // "Roos said at the harbour on Monday, “…”", "Roos replied calmly, “…”": the same before a comma
    // that a quotation follows, when the words open with a preposition or an adverb (not with a noun
    // phrase, which may be the object: "Roos called the plan, in short, “…”")
    if (t[k].low == ","sv && k > s && t[k + 1].in_quote && t[k + 1].kind == TK::mark && setting_start(s)) return k + 1;
  }
  return s;
}

// "The board issued a statement saying the quay was safe", "Roos sent a note, adding, “…”": a speech
// participle (the -ing form of a verb that takes a bare reported clause) right after the cue introduces
// the content; it is no part of it. Where the content starts then, or `s`. English.
std::size_t UnitRules::participle_after_cue(std::size_t s) const {
  if (german_ || s + 1 >= ub || t[s].in_quote || t[s].kind != TK::word) return s;
  const detail::Lexicon::CueWord* cw = lex_.cue_word(t[s].low, t[s].key);
  // (a speech verb's participle only: "continuing the plan", "urging the crews to stay" are objects)
  if (!cw || !cw->is_form || !cw->form.participle || !cw->form.strong || cw->form.object) return s;
  std::size_t k = s + 1;
  if (t[k].low == ","sv && !t[k].in_quote) ++k;
  return k < ub && (t[k].kind == TK::word || t[k].in_quote) ? k : s;
}

// Content after the cue: "Roos said the ferry was late.", "Roos told reporters that …", "Roos
// said: “…”", "…, adding that the crew would stay."
bool UnitRules::forward(const Cue& c, Attribution& at, Range subj, bool participle, std::size_t after,
                        std::size_t limit) {
  const auto* form = c.form;
  // "Roos went on to praise the crews": the report is handed to the infinitive's verb (handed_report)
  const std::size_t handed_to = handed_report(c, after);
  const bool handed = handed_to != after;
  after = handed_to;
  const bool object = c.object || (form && form->object) || handed;
  const bool strong = (form == nullptr && !c.object && !handed) || (form && form->strong);
  const bool has_subj = subj.second > subj.first;
  std::size_t s = after;
  // "told reporters that", "said on Tuesday that": skip to "that" when it comes soon — unless a
  // clause of its own opens first ("said he hoped that …", "said the board had known that …",
  // "said Ruiz believes that …"): then the content starts right after the cue.
  for (std::size_t k = s; k < std::min(ub, s + that_window(s)); ++k) {
    if (t[k].in_quote || (t[k].kind == TK::punct && t[k].low != ","sv)) break;
    if (complementizer(t[k])) { if (k > s && !relative_that(c, s, k)) s = k; break; }
    if (opens_clause(t[k])) break;
  }
  bool request = false;
  if (s == after && form && (form->lemma == "tell" || form->lemma == "ask" || form->lemma == "assure" || form->lemma == "inform")) {
    // "told reporters that", "told me they believed …": the addressee is no part of the content
    auto obj = lex_.words.object_pronouns.count(t[s].low) ? Range{s, s + 1} : np_fwd(d, s, ub);
    // ("told the Courier she would resign": a subject pronoun opens the reported clause, it is no
    // part of the addressee)
    for (std::size_t k = obj.first + 1; k < obj.second; ++k)
      if (!t[k].in_quote && lex_.words.subject_pronouns.count(t[k].low)) { obj.second = k; break; }
    // "asked the crews to stay": after a request verb (request_verbs in words.json) the addressee and
    // its "to"-infinitive are what was asked, the content (as after "urged"); English
    if (obj.second > obj.first && obj.second + 1 < ub && !german_ && lex_.words.request_verbs.count(form->lemma) &&
        t[obj.second].low == "to"sv && !t[obj.second].in_quote && t[obj.second + 1].kind == TK::word &&
        !t[obj.second + 1].cap && !t[obj.second + 1].in_quote)
      request = true;
    else if (obj.second > obj.first && obj.second < ub)
      s = obj.second;
  }
  if (s == after) s = stance_object(c, participle_after_cue(time_after_cue(noun_of(c, s))));
  const std::size_t fe = std::min(forward_end(s), std::max(limit, s));
  if (german_) s = german_forward_start(s, fe);
  else s = colon_quotation(s, fe);
  // "joked about the toll" (after colon_quotation: "said about the plan, “…”" keeps the quotation alone);
  // the topic preposition joins the cue when it follows it right away
  if (const std::size_t topic = topic_after_cue(s); topic != s) {
    if (s == c.b && !handed) at.cue = span_of(c.a, s + 1);
    s = topic;
  }
  // "Jon Falk äußerte sich besorgt: „…“, sagte er dem Sender.": a quotation after the colon that a
  // later cue closes is that cue's (quote_closed_by_cue)
  if (german_ && s > after && t[s - 1].low == ":"sv && !t[s - 1].in_quote && quote_closed_by_cue(s)) return false;
  while (s < ub && !t[s].in_quote && t[s].kind == TK::punct && (t[s].low == ","sv || t[s].low == ":"sv)) ++s;
  std::size_t e = content_end(s, std::max(s, fe));
  const bool clause = e > s && (strong || clause_like(s, e)) && !(e - s == 1 && !t[s].in_quote) &&
                      !(e - s <= 2 && !has_quote(s, e) && !clause_like(s, e));
  const bool attitude =
      !clause && (has_subj || participle) && (object || request || document_subject(subj)) && object_content(s, e);
  if (!clause && !attitude) return false;
  if (attitude) e = object_end(s, e);
  if (german_) german_named_quotation(c, s, e);
  // "Roos hopes that …" reports a stance, not a statement; "Roos promised that …" is one
  at.attitude = attitude || (object && !handed && !(form && form->speech_act));
  if (participle && !has_subj) subj = participle_subject(c);
  if (subj.second > subj.first) {
    at.mention_a = subj.first; at.mention_b = subj.second; at.has_speaker = true;
  }
  if (handed) at.cue = span_of(c.a, after);
  // "the timetable, which Roos called “a mistake”", "what the crews described as a promise": a
  // relative pronoun right before the subject is the object the report is about, its first piece
  // (object_relatives in words.json; English)
  if (!german_ && has_subj && subj.first > consumed && subj.first > ua) {
    const Tok& rel = t[subj.first - 1];
    if (rel.kind == TK::word && !rel.in_quote && lex_.words.object_relatives.count(rel.low))
      at.contents.push_back(span_of(subj.first - 1, subj.first));
  }
  at.contents.push_back(span_of(s, e));
  if (has_quote(s, e)) {
    for (std::size_t k = s; k < e; ++k) if (t[k].in_quote) { const QSpan* q = quote_at(k); if (q && q->unbalanced) at.unbalanced = true; }
  }
  at.confidence = (t[s].in_quote ? 0.85 : (complementizer(t[s]) ? 0.75 : (attitude ? 0.45 : 0.6))) *
                  (has_subj || participle ? 1.0 : 0.7);
  if (!at.has_speaker) at.confidence *= 0.6;
  consumed = e;
  remember(at);
  return true;
}

// German forward contents: "äußerte sich lobend über die Helfer: „…“" (the quotation after
// the colon), "berichtete in der Wochenzeitung „X“, es sei …", "schrieb der Reporter in der „Y“,
// einer Lokalzeitung, die Stadt …", "sagte der Zeitung „Z“, dass …" (the inverted subject or an
// adverbial naming a medium in quotation marks, closed by a comma, comes before the report).
std::size_t UnitRules::german_forward_start(std::size_t s, std::size_t fe) const {
  const std::size_t s0 = s;
  for (std::size_t k = s; k + 1 < fe; ++k) {
    if (t[k].in_quote) break;
    if (t[k].low == ":"sv && t[k + 1].in_quote) { s = k + 1; break; }
  }
  if (!(s < fe && !t[s].in_quote && (lex_.determiners.count(t[s].low) || lex_.words.prepositions.count(t[s].low))))
    return german_lead_adverbial(s, fe);
  bool named = false;
  for (std::size_t k = s; k < fe && k - s < 24; ++k) {
    if (t[k].in_quote) {
      const QSpan* q = quote_at(k);
      if (!q || q->b <= k) break;
      std::size_t words = 0;
      for (std::size_t m = q->a; m < q->b; ++m) words += t[m].kind == TK::word;
      const std::size_t first = q->a + 1 < q->b ? q->a + 1 : q->a;
      if (words < 1 || words > 6 || !(t[first].cap || (t[first].low[0] >= '0' && t[first].low[0] <= '9'))) break;
      named = true;
      k = q->b - 1;
      continue;
    }
    if (lex_.words.finite_markers.count(t[k].low) || lex_.words.subjunctive_markers.count(t[k].low) || complementizer(t[k])) break;
    if (t[k].kind == TK::punct && t[k].low != ","sv && t[k].low != "("sv && t[k].low != ")"sv) break;
    if (t[k].low == ","sv) {
      if (named) s = apposition_end(k) + 1;
      break;
    }
  }
  return s == s0 ? german_lead_adverbial(s, fe) : s;
}

// Whether the clause from r ends, before its punctuation outside quotations, in a lower-case word
// outside quotations (a verb-final subordinate clause: "…, die „sehr ehrgeizig“ sind.").
bool UnitRules::verb_last(std::size_t r) const {
  std::size_t m = r;
  while (m < ub && m < r + 40 && (t[m].in_quote || t[m].kind != TK::punct)) ++m;
  return m > r && !t[m - 1].in_quote && t[m - 1].kind == TK::word && !t[m - 1].cap;
}

// German: adverbials between the cue and a comma before the report belong to the frame: "Die
// Reederei erklärte dagegen, die Fähre sei „ausgelastet“", "Der Sprecher teilte am Montag mit,
// der Hafen „bleibe offen“". Words with no verb, pronoun, subordinator or quotation up to the
// comma; after it "dass"/"ob" or a clause with a subjunctive verb. s itself otherwise.
std::size_t UnitRules::german_lead_adverbial(std::size_t s, std::size_t fe) const {
  if (s >= fe || t[s].in_quote || t[s].kind != TK::word) return s;
  const auto& w = lex_.words;
  std::size_t k = s;
  for (; k < fe && k - s < 14; ++k) {
    if (t[k].in_quote) return s;
    if (t[k].kind == TK::punct) break;
    const std::string_view x = t[k].low;
    if (w.subjunctive_markers.count(x) || w.finite_markers.count(x) || w.complementizers.count(x) ||
        w.subordinators.count(x) || w.subject_pronouns.count(x))
      return s;
  }
  if (k == s || k + 1 >= fe || t[k].low != ","sv) return s;
  const std::size_t r = k + 1;
  if (complementizer(t[r]) || t[r].low == "ob"sv) return r;
  for (std::size_t m = r; m < fe && m - r < 30; ++m) {
    if (!t[m].in_quote && t[m].kind == TK::punct) break;
    if (w.subjunctive_markers.count(t[m].low)) return r;  // (inside a quotation too: der Hafen „bleibe offen“)
    // "sagte die Ministerin vor der Presse, der Hafen „ist und bleibt offen“": a clause that quotes
    // (not a relative clause: opened by a preposition, "kritisierte die Foren, in denen …", or by an
    // article as pronoun with its verb last, "erklärte ihre Pläne, die „sehr ehrgeizig“ sind")
    if (t[m].in_quote && m > r && !w.prepositions.count(t[r].low) && !(lex_.determiners.count(t[r].low) && verb_last(r)))
      return r;
  }
  return s;
}

// German naming verbs (naming_cues in words.json): "Die Ministerin nannte den Plan „mutig“", "Er
// bezeichnete die Reform als „Fehler“", "Sie sprach von einer „Krise“", "Er warnte vor einem
// „Blindflug“": the object, "als" or the preposition before the quotation are the writer's words;
// the content is the quotation (or quotations joined by "und"/"oder"/commas: als „laut“ und
// „teuer“), with at most one word after it ("sprach von einer „Krise“ heute"). Words
// before the quotation with a verb, a pronoun subject, a subordinator (but "als": naming_particles)
// or punctuation ("nannte es, dass …") leave the content whole.
void UnitRules::german_named_quotation(const Cue& c, std::size_t& s, std::size_t& e) const {
  const auto& w = lex_.words;
  if (c.a >= c.b || !w.naming_cues.count(t[c.a].low) || s >= e || t[s].in_quote) return;
  std::size_t first = s;
  for (; first < e && !t[first].in_quote; ++first) {
    const std::string_view x = t[first].low;
    if (t[first].kind != TK::word || w.subjunctive_markers.count(x) || w.finite_markers.count(x) || complementizer(t[first]) ||
        (w.subordinators.count(x) && !w.naming_particles.count(x)) || w.subject_pronouns.count(x))
      return;
  }
  const QSpan* q = first < e ? quote_at(first) : nullptr;
  if (!q || q->a != first || q->b > e) return;
  const std::size_t last = german_quotation_run(*q, first, e, e).second;  // „laut“ und „teuer“, „A“, „B“ oder „C“
  std::size_t words_after = 0;
  for (std::size_t k = last; k < e; ++k) words_after += t[k].kind == TK::word;
  if (words_after > 1) return;
  s = first;
  e = last;
}

// "Berg closed the meeting when he announced the new timetable, saying …", "…, even as she defended
// the plan, calling it …": the clause right before a participle's comma opens with a time
// subordinator (time_subordinators in words.json: when, as, while) and a subject — a subject
// pronoun, or the words before a lower-case past form, finite verb or cue word: that subject is the
// participle's. English only.
// (On PolNeAR train the annotation names it in such sentences; the main clause's subject gave the
// wrong speaker.) `b`: the comma before the participle.
Range UnitRules::subordinate_subject(std::size_t b) const {
  std::size_t a = b;
  while (a > ua && b - a < 30 && !(t[a - 1].low == ","sv && !t[a - 1].in_quote)) --a;
  for (std::size_t k = b; k-- > a;) {
    const Tok& w = t[k];
    if (w.in_quote || w.cap || !lex_.words.time_subordinators.count(w.low) || k + 2 >= b) continue;
    const Tok& s = t[k + 1];
    if (s.in_quote || s.kind != TK::word) return {b, b};
    if (lex_.words.subject_pronouns.count(s.low)) return {k + 1, k + 2};
    // the verb: a lower-case past form, finite verb or cue word, not right after a determiner
    for (std::size_t v = k + 2; v < b && v < k + 8; ++v) {
      const Tok& x = t[v];
      if (x.in_quote || x.kind != TK::word) break;
      if (x.cap || lex_.determiners.count(t[v - 1].low)) continue;
      const bool past = x.low.size() > 3 && x.low.compare(x.low.size() - 2, 2, "ed") == 0;
      if (past || lex_.words.finite_markers.count(x.low) || is_cue_word(x)) return {k + 1, v};
      if (is_stop(lex_, x)) break;
    }
    return {b, b};
  }
  return {b, b};
}

// The speaker of a participle cue ("…, adding that …"): the unit's last speaker, else the sentence
// subject (the first noun phrase after an introductory phrase: "On Monday, the port authority
// closed the quay, saying that …").
Range UnitRules::participle_subject(const Cue& c) const {
  if (last_mention_b > last_mention_a && last_mention_b <= ub) return {last_mention_a, last_mention_b};
  if (!german_) {
    // the nearest comma-delimited clause before the participle that opens with a subject and a
    // lower-case verb ("Speaking in Varne, Maine, Roos toured the quay, saying …": "Roos")
    const std::size_t a0 = perfect_participle(c) ? c.a - 1 : c.a;  // ("…, having said …")
    std::size_t b = a0 > ua && t[a0 - 1].low == ","sv ? a0 - 1 : a0;
    if (const Range sub = subordinate_subject(b); sub.second > sub.first) return sub;
    for (int seg = 0; seg < 4 && b > ua; ++seg) {
      std::size_t a = b;
      while (a > ua && !(t[a - 1].low == ","sv && !t[a - 1].in_quote)) --a;
      const Tok& w = t[a];
      if (w.kind == TK::word && !w.in_quote && (w.cap || lex_.determiners.count(w.low)) && !is_stop(lex_, w)) {
        // the verb: a lower-case word after a name (not after a possessive), a past form, a
        // finite or a cue word; the words before it are the subject
        for (std::size_t k = a + 1; k < b && k < a + 10 && t[k].kind == TK::word && !t[k].in_quote; ++k) {
          const Tok& v = t[k];
          if (v.cap || is_stop(lex_, v) || lex_.determiners.count(v.low)) continue;
          // a word right after a determiner is its noun ("The crowd shouting …"), not the verb
          if (lex_.determiners.count(t[k - 1].low)) continue;
          const bool past = v.low.size() > 3 && v.low.compare(v.low.size() - 2, 2, "ed") == 0;
          if ((t[k - 1].cap && !is_possessive(t[k - 1].low)) || past || lex_.words.finite_markers.count(v.low) ||
              is_cue_word(v)) {
            std::size_t e = k;  // ("The mayor also misjudged …": the adverb is no part of the subject)
            while (e > a + 1 && adverb(t[e - 1])) --e;
            return {a, e};
          }
        }
      }
      if (a == ua) break;
      b = a - 1;
    }
  }
  std::size_t p0 = ua;
  for (std::size_t k = ua; k < c.a; ++k)
    if (t[k].low == ","sv && !t[k].in_quote) { p0 = k + 1; break; }
  auto np = np_fwd(d, ua, c.a, true);
  const std::string_view w0 = t[ua].low;
  if (np.second > np.first && (w0 == "on" || w0 == "in" || w0 == "at" || w0 == "after" || w0 == "during" ||
                               w0 == "asked" || (w0.size() > 4 && w0.compare(w0.size() - 3, 3, "ing") == 0)))
    np = {ua, ua};
  if (np.second <= np.first) np = np_fwd(d, p0, c.a, true);
  return np;
}

}  // namespace framelens::quotes_detail

namespace framelens::quotes_detail {

void Extractor::unit(DocState& d, std::size_t ua, std::size_t ub) const {
  if (ua >= ub) return;
  UnitRules(*this, d, ua, ub).run();
  d.last_unit = {ua, ub};
}

}  // namespace framelens::quotes_detail
