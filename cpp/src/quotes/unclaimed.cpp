// Attribution rules without a cue: German subjunctive reports and colon frames, then the
// quotations no cue claimed (titles, dash attributions, a speaker announced at the end of the
// paragraph before, continuations of the previous speaker, scare quotes, quotations that are the
// object of a verb). Every example in the comments is invented.
#include <algorithm>

#include "quotes/attribution.hpp"

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

// German reported speech without a cue: a sentence in the subjunctive (Konjunktiv I: "sei",
// "habe", "könne") that holds a quotation continues the previous speaker's statement ("Die Fähre
// sei „seit Wochen“ verspätet.").
void UnitRules::german_konjunktiv() {
  const auto& subj_markers = lex_.words.subjunctive_markers;
  bool konj = false;
  for (std::size_t k = ua; k < ub && !konj; ++k) konj = !t[k].in_quote && subj_markers.count(t[k].low) > 0;
  if (!konj) return;
  Attribution at;
  at.para = para;
  const std::size_t s0 = german_frame_end();
  std::size_t e = content_end(s0, ub);
  if (e <= s0) return;
  // a report that is the whole sentence (free indirect speech, no frame) keeps its full stop, as
  // German WikiNews writes it; a framed report ("Sie sagte, …") ends before it
  if (s0 == ua && e + 1 == ub && t[e].low == "."sv && !t[e].in_quote) ++e;
  at.contents.push_back(span_of(s0, e));
  if (s0 > ua) {
    // the frame's subject speaks ("Die Polizei wies darauf hin, …", "Im Bericht schreibt die
    // Polizei, …": german.cpp), else its opening noun phrase; "Wie der Richter ausführte, …": the
    // subject of the reporting clause (german_report_clause_subject)
    auto np = german_report_clause_subject(s0);
    if (np.second <= np.first) np = german_clause_subject(ua, s0);
    if (np.second <= np.first && !t[ua].in_quote && !lex_.words.prepositions.count(t[ua].low) && !is_stop(lex_, t[ua]))
      np = np_fwd(d, ua, s0, true);
    if (np.second > np.first) { at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true; }
  }
  // "Für den Theologen Jon Falk sei der Plan „…“": a person after "für" opening the report, right
  // before its verb, holds the view (a speaker noun or two capitalised words in a row: a name)
  if (!at.has_speaker && s0 == ua && t[ua].low == "für"sv && !t[ua].in_quote) {
    const std::size_t e = german_attribute_end(ua, ub, true, 10);
    bool holder = false;
    for (std::size_t k = ua + 1; k < e && !holder; ++k)
      holder = german_speaker_noun(t[k]) || (k + 1 < e && t[k].cap && t[k + 1].cap && !lex_.determiners.count(t[k].low));
    if (holder && e < ub && lex_.words.subjunctive_markers.count(t[e].low)) {
      at.mention_a = ua + 1; at.mention_b = e; at.has_speaker = true;
    }
  }
  const bool framed = at.has_speaker;
  for (std::size_t i = d.attrs.size(), n = 0; i-- > 0 && n++ < 64 && !at.has_speaker;) {
    if (d.attrs[i].para + 1 < para) break;
    if (d.attrs[i].has_speaker) {
      at.mention_a = d.attrs[i].mention_a; at.mention_b = d.attrs[i].mention_b; at.has_speaker = true;
      break;
    }
  }
  // "Auch die Ministerin nahm Stellung. Jeder könne „…“": the subject of a sentence between, when
  // nearer than the last speaker (note_clause_subject)
  if (!framed) nearer_subject(at, ua);
  at.confidence = at.has_speaker ? 0.45 : 0.3;
  d.attrs.push_back(at);
}

// A sentence [a, b) that reports in the subjunctive on its own, no part of another statement: its
// main clause is in the subjunctive (a subjunctive verb before any comma: "Dabei sei die Fähre …",
// not "Die Kapitänin erklärte, die Fähre sei …"), and it holds no quotation, colon or cue.
bool UnitRules::german_plain_report(std::size_t a, std::size_t b) const {
  bool marker = false;
  for (std::size_t k = a; k < b; ++k) {
    if (t[k].in_quote || t[k].low == ":"sv) return false;
    if (t[k].low == ","sv && !marker) return false;
    marker = marker || lex_.words.subjunctive_markers.count(t[k].low) > 0;
  }
  return marker && ex_.find_cues(d, a, b).empty();
}

// The free indirect report right before this unit (plain_run_before) runs on to token e: German
// WikiNews writes one content over a run of such sentences. Returns whether it did.
bool UnitRules::german_join_run(std::size_t e) {
  if (d.attrs.size() != first_attr || e <= ua || !plain_run_before()) return false;
  d.attrs.back().contents[0].end = t[e - 1].e;
  return true;
}

// Whether the statement right before this unit is a free indirect report without cue or quotation
// (german_plain_free_indirect) that ends with the sentence right before this one, in this paragraph.
bool UnitRules::plain_run_before() const {
  if (first_attr == 0 || ua == 0 || d.attrs.size() < first_attr) return false;
  const Attribution& prev = d.attrs[first_attr - 1];
  if (prev.cue.end > prev.cue.start || prev.para != para || prev.contents.size() != 1 ||
      prev.contents[0].end != t[ua - 1].e || t[ua - 1].low != "."sv)
    return false;
  const auto q = std::lower_bound(d.quote_start.begin(), d.quote_start.end(), prev.contents[0].start);
  return q == d.quote_start.end() || *q >= prev.contents[0].end;
}

// German free indirect speech without a quotation: a whole sentence that reports on its own in the
// subjunctive (german_plain_report: "Die Fähre sei seit Wochen defekt.") continues the statement of
// this or the previous paragraph — the run of the statement right before it, else a statement of
// its own with the last speaker (or a nearer subject), its full stop included.
void UnitRules::german_plain_free_indirect() {
  if (ub < ua + 4 || t[ub - 1].low != "."sv || t[ub - 1].in_quote || !german_plain_report(ua, ub - 1)) return;
  // (a first person speaks for the writer or in a quotation: "Folglich lehne ich den Plan ab.")
  for (std::size_t k = ua; k < ub; ++k)
    if (lex_.words.first_person_pronouns.count(t[k].low)) return;
  if (d.attrs.empty() || d.attrs.back().para + 1 < para) return;
  for (const Span& c : d.attrs.back().contents)
    if (c.end > t[ua].s) return;
  if (german_join_run(ub)) return;
  Attribution at;
  at.para = para;
  at.contents.push_back(span_of(ua, ub));
  for (std::size_t i = d.attrs.size(), n = 0; i-- > 0 && n++ < 64;) {
    if (d.attrs[i].para + 1 < para) break;
    if (d.attrs[i].has_speaker) {
      at.mention_a = d.attrs[i].mention_a; at.mention_b = d.attrs[i].mention_b; at.has_speaker = true;
      break;
    }
  }
  nearer_subject(at, ua);
  at.confidence = at.has_speaker ? 0.4 : 0.3;
  d.attrs.push_back(at);
}

// A framing main clause in the indicative before the first subjunctive verb ("Die Polizei wies
// darauf hin, dass die Straße gesperrt bleibe", "Der Verband ist der Meinung, es fehle …"): the
// report is the clause after the comma. A short apposition ("Der Sprecher, Jonas Weber, …") is
// part of the frame's subject. Returns the report's first token (ua when there is no frame).
std::size_t UnitRules::german_frame_end() const {
  const auto& subj_markers = lex_.words.subjunctive_markers;
  std::size_t words_before = 0;
  bool marker_before = false;
  for (std::size_t k = ua; k + 1 < ub && !marker_before; ++k) {
    if (t[k].in_quote) continue;
    if (t[k].kind == TK::word) { ++words_before; marker_before = subj_markers.count(t[k].low) > 0; continue; }
    // (a colon ends a frame too: "Jon Falk bezweifelte die Eignung der Ministerin: Sie habe „…“")
    if (t[k].low == ":"sv) {
      bool marker_after = false;
      for (std::size_t m = k + 1; m < ub && !marker_after; ++m) marker_after = !t[m].in_quote && subj_markers.count(t[m].low) > 0;
      if (marker_after && words_before >= 3) return k + 1;
      continue;
    }
    if (t[k].low != ","sv) continue;
    if (const std::size_t n = apposition_end(k); n != k) { k = n; continue; }  // resume after its closing comma
    bool marker_after = false;
    for (std::size_t m = k + 1; m < ub && !marker_after; ++m)
      marker_after = !t[m].in_quote && subj_markers.count(t[m].low) > 0;
    if (!marker_after) break;
    if (words_before >= 3) return k + 1;
  }
  return ua;
}

// "Der Trainer war zufrieden: „…“, sagte er.", "X wandte sich gegen die Annahme, …: „…“": a colon
// opening a quotation ends the writer's framing; the statement is the quotation. A frame that
// itself quotes ("… sei „ungerecht“: „…“") is left whole.
void UnitRules::german_colon_frame() {
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i) {
    for (auto& sp : d.attrs[i].contents) {
      std::size_t k = static_cast<std::size_t>(
          std::lower_bound(t.begin() + static_cast<std::ptrdiff_t>(ua), t.begin() + static_cast<std::ptrdiff_t>(ub), sp.start,
                           [](const Tok& x, std::size_t v) { return x.s < v; }) - t.begin());
      if (k >= ub || t[k].in_quote) continue;
      for (std::size_t j = k; j + 1 < ub && t[j + 1].e <= sp.end; ++j) {
        if (t[j].in_quote) break;
        if (t[j].low == ":"sv && j > k && t[j + 1].in_quote) { sp.start = t[j + 1].s; break; }
      }
    }
  }
}

// The contents of the unit's attributions so far, merged and sorted.
std::vector<Span> UnitRules::claimed_spans() const {
  std::vector<Span> claimed;
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i)
    claimed.insert(claimed.end(), d.attrs[i].contents.begin(), d.attrs[i].contents.end());
  std::sort(claimed.begin(), claimed.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  std::vector<Span> merged_spans;
  for (const auto& sp : claimed) {
    if (!merged_spans.empty() && sp.start <= merged_spans.back().end) merged_spans.back().end = std::max(merged_spans.back().end, sp.end);
    else merged_spans.push_back(sp);
  }
  return merged_spans;
}

void UnitRules::unclaimed_quotations() {
  const std::vector<Span> claimed = claimed_spans();
  std::size_t unit_words = 0;
  for (std::size_t k = ua; k < ub; ++k) unit_words += t[k].kind == TK::word;
  for (std::size_t qi = static_cast<std::size_t>(std::lower_bound(d.quote_start.begin(), d.quote_start.end(), t[ua].s) -
                                                  d.quote_start.begin());
       qi < d.quotes.size() && d.quotes[qi].a < ub; ++qi) {
    const QSpan& q = d.quotes[qi];
    if (q.a < ua) continue;
    {
      // covered by a cue attribution of this unit (binary search: a unit with thousands of
      // quotations stays linear)
      const Span qs{t[q.a].s, t[q.b - 1].e};
      auto it = std::upper_bound(claimed.begin(), claimed.end(), qs.start,
                                 [](std::size_t v, const Span& sp) { return v < sp.start; });
      if (it != claimed.begin() && std::prev(it)->end >= qs.end) continue;
    }
    // German: a quotation inside a speaker mention of the unit names the source ("Laut „tagesschau.de“
    // …", "zitiert „BBC News“ …"): no statement of its own
    if (german_ && quotation_in_mention(q)) continue;
    std::size_t words = 0;
    for (std::size_t k = q.a; k < q.b; ++k) words += t[k].kind == TK::word;
    // Share of the unit the quotation fills: a quotation standing as its own sentence continues the
    // previous speaker of the paragraph (or of the paragraph before, for a quote-only paragraph).
    const std::size_t outside = unit_words - words;
    Attribution at;
    at.para = para;
    at.contents.push_back(span_of(q.a, q.b));
    at.unbalanced = q.unbalanced;
    if (quoted_title(q, words, outside) || named_by_head(q) || german_named_term(q)) continue;  // a name: no statement
    if (dash_attribution(q, at)) continue;
    if (pending_colon(at, outside)) continue;
    if (outside <= 1 && words >= 3 && signature_line(at)) continue;
    if (outside <= 1 && words >= 3) {
      continue_speaker(q, at);
      continue;
    }
    // English: a quotation opening a sentence without a cue, words after it ("“Whether the ferry
    // sails is up to the weather” at the meeting on Monday.", "“…” — a word the crews know well."): the
    // previous speaker goes on, as for a quotation that fills its sentence
    if (!german_ && q.a == ua && words >= 3 && cues.empty()) {
      continue_speaker(q, at);
      continue;
    }
    if (german_ && german_complement_clause(q, at, claimed)) {
      // the reported clause's speaker: the sentence subject (german_object_of_verb), else none
      if (!german_object_of_verb(q, at)) at.confidence = 0.3;
      d.attrs.push_back(at);
      continue;
    }
    if (words <= 4 && outside > 1) {
      // German: a quoted phrase in a sentence whose subject is found is the subject's ("Die
      // Ministerin nannte den Plan „mutig“")
      if (german_ && german_object_of_verb(q, at)) { d.attrs.push_back(at); continue; }
      if (!opt_.scare) continue;
      at.scare = true;
      at.confidence = 0.6;
      d.attrs.push_back(at);
      continue;
    }
    at.confidence = 0.3;
    object_of_verb(q, at);
    d.attrs.push_back(at);
  }
}

// Whether the quotation q lies inside the speaker mention of one of the unit's attributions.
bool UnitRules::quotation_in_mention(const QSpan& q) const {
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i) {
    const Attribution& at = d.attrs[i];
    if (at.has_speaker && at.mention_a <= q.a && q.b <= at.mention_b) return true;
  }
  return false;
}

// A quoted name or title („Die Zeit“, "The Harbour Years", "Friends of the Quay"): every word
// capitalised but short function words. It attributes nothing.
bool UnitRules::quoted_title(const QSpan& q, std::size_t words, std::size_t outside) const {
  if (!(words >= 1 && words <= 6 && outside > 1)) return false;
  bool title = true;
  std::size_t caps = 0;
  for (std::size_t k = q.a; k < q.b && title; ++k) {
    if (t[k].kind != TK::word) continue;
    if (t[k].cap || (t[k].low[0] >= '0' && t[k].low[0] <= '9')) ++caps;
    else if (!lex_.words.title_small_words.count(t[k].low)) title = false;
  }
  return title && caps > 0 && t[q.a + 1 < q.b ? q.a + 1 : q.a].cap;
}

// A quotation right after a noun that names it (name_heads in words.json): "das Motto „Hafen für alle“",
// "die Fernsehserie „Am Kai“", "der Verein „Freunde der Fähre“", "des Magazins „Kai“" (the head
// with a genitive or plural ending) — a title or a name, no statement.
bool UnitRules::named_by_head(const QSpan& q) const {
  if (lex_.words.name_heads.empty() || q.a <= ua) return false;
  const Tok& h = t[q.a - 1];
  if (h.kind != TK::word || h.in_quote || !h.cap || h.e >= t[q.a].s) return false;  // a space between
  // the head as written or with a genitive or plural ending ("des Magazins „…“", "der Vereine „…“")
  for (std::string_view ending : {""sv, "s"sv, "es"sv, "n"sv, "en"sv}) {
    const std::string_view full = h.low;
    if (full.size() <= ending.size() + 2 || full.compare(full.size() - ending.size(), ending.size(), ending) != 0) continue;
    const std::string_view w = full.substr(0, full.size() - ending.size());
    for (const auto& head : lex_.words.name_heads) {
      if (w == head) return true;
      if (head.size() >= 7 && w.size() > head.size() + 2 && w.compare(w.size() - head.size(), head.size(), head) == 0) return true;
    }
  }
  return false;
}

// German: a quotation the sentence marks as a name or a term, no statement: after a scare phrase
// ("der so genannte „Hafenpakt“": the writer names a term; scare_marker writes nothing in German),
// after a genitive article (name_determiners in words.json: "die Satzung des „Vereins der
// Fährleute“" — an attribute of the noun before it) or after a definite article opening the sentence
// (opening_name_articles: "Die „Freunde der Fähre“ luden ein", "Im „Alten Zollhaus“ …"), or
// followed by its abbreviation in parentheses ("die Initiative „Freunde der Fähre“ (FdF)"), or one
// of a list of three or more quotations ("Filme wie „Am Kai“, „Die Fähre“ und „Hafenwinter“").
bool UnitRules::german_named_term(const QSpan& q) const {
  if (!german_ || q.a <= ua) return false;
  for (const Cue& c : cues)
    if (c.role == CueRole::scare && c.b == q.a) return true;
  const Tok& h = t[q.a - 1];
  // (not after "als", the naming particle: "nannte ihn den „…“"; not an article that is a relative
  // pronoun after a comma or a quotation: "…“, der „einen Eindruck“ machte")
  if (h.kind == TK::word && !h.in_quote && lex_.words.name_determiners.count(h.low)) {
    const bool relative_or_naming =
        q.a >= ua + 2 && (t[q.a - 2].low == ","sv || t[q.a - 2].in_quote || lex_.words.naming_particles.count(t[q.a - 2].low));
    if (!relative_or_naming) return true;
  }
  // "Die „Freunde der Fähre“ luden ein": a definite article opening the sentence
  if (q.a == ua + 1 && h.kind == TK::word && h.cap && lex_.words.opening_name_articles.count(h.low)) return true;
  if (q.b + 2 < ub && t[q.b].low == "("sv && t[q.b + 2].low == ")"sv && t[q.b + 1].kind == TK::word) {
    const Tok& ab = t[q.b + 1];
    const std::string_view a = d.text.substr(ab.s, ab.e - ab.s);  // the abbreviation: two or more capitals ("FdF" too)
    std::size_t caps = 0;
    for (char ch : a) caps += ch >= 'A' && ch <= 'Z';
    if (caps >= 2 && a.size() <= 8 && a.front() >= 'A' && a.front() <= 'Z') return true;
  }
  std::size_t n = 1;
  german_quotation_run(q, ua, ub, 8, &n);  // (two are often two statements: „laut“ und „teuer“)
  return n >= 3;
}

// German: a quotation no cue claimed inside a clause opened by "dass" or "ob" after a comma ("Das
// Gericht machte klar, dass die Zeugen „keine Interviews gegeben“ hätten", "Der Verband ist der
// Auffassung, dass die Fähre „zu langsam“ sei"): the verb or phrase before the comma is no cue of
// the lexicon, but the clause is reported; the content is the clause from "dass" up to the next
// comma, semicolon or colon after the quotation (or the unit end). Not when another quotation or a
// sentence end stands between "dass" and the quotation, or when a claimed content overlaps the
// clause.
bool UnitRules::german_complement_clause(const QSpan& q, Attribution& at, const std::vector<Span>& claimed) const {
  std::size_t k = q.a;
  bool found = false;
  while (k > ua + 1 && !found) {
    --k;
    if (t[k].in_quote || ends_unit(t[k]) || t[k].low == ":"sv || t[k].low == ";"sv) return false;
    found = (complementizer(t[k]) || t[k].low == "ob"sv) && t[k - 1].low == ","sv && !t[k - 1].in_quote;
  }
  if (!found) return false;
  std::size_t e = q.b;
  while (e < ub && (t[e].in_quote || !(t[e].low == ","sv || t[e].low == ";"sv || t[e].low == ":"sv || ends_unit(t[e])))) ++e;
  e = content_end(k, e);
  if (e <= q.a) return false;
  const Span clause = span_of(k, e);
  for (const Span& sp : claimed)
    if (sp.start < clause.end && clause.start < sp.end) return false;
  at.contents.front() = clause;
  return true;
}

// Dash attributions: "“We open on Monday.” — Ida Roos, harbour master" closing the sentence.
bool UnitRules::dash_attribution(const QSpan& q, Attribution& at) {
  if (!(q.b + 1 < ub && (t[q.b].low == "\xE2\x80\x94"sv || t[q.b].low == "\xE2\x80\x93"sv || t[q.b].low == "--"sv ||
                         t[q.b].low == "-"sv)))
    return false;
  auto np = np_fwd(d, q.b + 1, ub);
  bool named = false;
  for (std::size_t k = np.first; k < np.second; ++k) named = named || t[k].cap;
  if (!(np.second > np.first && named && content_end(np.second, ub) == np.second)) return false;
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  at.cue = {t[q.b].s, t[q.b].e};
  at.confidence = 0.6;
  d.attrs.push_back(at);
  return true;
}

// A quotation paragraph signed in the next paragraph, which opens with a dash and a name:
// "“The ferry will run all winter.”\n\n- Ida Roos, harbour master." The name speaks; a signature
// line is short (at most twelve words).
bool UnitRules::signature_line(Attribution& at) {
  if (ub >= t.size() || d.tok_para[ub] != para + 1 || !dash(t[ub])) return false;
  if (ua > 0 && d.tok_para[ua - 1] == para) return false;  // the quotation opens its paragraph
  std::size_t end = ub + 1, words = 0;
  while (end < t.size() && d.tok_para[end] == para + 1 && words <= 12) words += t[end++].kind == TK::word;
  if (words > 12 || (end < t.size() && d.tok_para[end] == para + 1)) return false;
  const Range np = np_fwd(d, ub + 1, end);
  if (np.first != ub + 1 || !names_someone(np)) return false;  // ("– An immigrant himself, Roos …" is no signature)
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  at.cue = {t[ub].s, t[ub].e};
  at.confidence = 0.6;
  d.attrs.push_back(at);
  return true;
}

// "Ida Roos said:" (or "Ida Roos of the harbour board:") closing the paragraph before: the
// quotation that fills this sentence is hers.
bool UnitRules::pending_colon(Attribution& at, std::size_t outside) {
  if (!(outside <= 1 && d.pending.second > d.pending.first && d.pending_para + 1 == para)) return false;
  at.mention_a = d.pending.first; at.mention_b = d.pending.second; at.has_speaker = true;
  at.cue = d.pending_cue;
  at.confidence = 0.8;
  d.pending = {0, 0};
  d.attrs.push_back(at);
  return true;
}

// German: a source that names a report or an opinion and no one — articles, possessives or
// adjectives and a source noun ("Polizeiangaben", "eigenem Bekunden", "seiner Meinung"); not "einem
// Bericht der Zeitung", "Angaben der Polizei".
bool UnitRules::german_unnamed_source(const Attribution& at) const {
  if (at.mention_b <= at.mention_a || at.mention_b > t.size() || !german_source_noun_word(t[at.mention_b - 1])) return false;
  for (std::size_t k = at.mention_a; k + 1 < at.mention_b; ++k)
    if (t[k].cap && !lex_.determiners.count(t[k].low)) return false;
  return true;
}

// A quotation that is its own sentence continues the most recent speaker of this or the previous
// paragraph ("“We open on Monday,” Roos said. “The crew is ready.”"), or the last subject of a cue
// verb nearby when that is nearer ("Roos continued her tour.\n\n“The crew is ready.”").
void UnitRules::continue_speaker(const QSpan& q, Attribution& at) {
  const auto holds_quotation = [&](const Attribution& a) {
    for (const auto& sp : a.contents) {
      const auto it = std::lower_bound(d.quote_start.begin(), d.quote_start.end(), sp.start);
      const std::size_t ti = static_cast<std::size_t>(it - d.quote_start.begin());
      if (ti < d.quotes.size() && t[d.quotes[ti].b - 1].e <= sp.end) return true;
    }
    return false;
  };
  for (std::size_t i = d.attrs.size(), n = 0; i-- > 0 && n++ < 64;) {  // bounded: huge paragraphs stay linear
    const auto& prev = d.attrs[i];
    if (prev.scare || !prev.has_speaker) continue;
    if (prev.para + 1 < para) break;
    // (German: "nach Polizeiangaben", "nach eigenem Bekunden" name a report, nobody who goes on speaking)
    if (german_ && german_unnamed_source(prev)) continue;
    const bool quoted = holds_quotation(prev);  // a previous statement that holds a quotation
    if (!quoted && prev.para == para && i > 0 && tail_report(i, holds_quotation)) {
      // "“…,” Roos told the Courier, after Berg stated his doubts. “…”": the report inside the tail
      // of Roos's quotation does not take the next quotation from her
      d.attrs[i - 1].contents.push_back(at.contents.front());
      d.attrs[i - 1].unbalanced = d.attrs[i - 1].unbalanced || q.unbalanced;
      return;
    }
    // (", who said she would …" after a speaker: the next quotation, in this paragraph or the next,
    // continues the named speaker, not the relative pronoun)
    if (!quoted && prev.mention_b == prev.mention_a + 1 &&
        (t[prev.mention_a].low == "who"sv || lex_.words.relative_pronouns.count(t[prev.mention_a].low)))
      continue;
    if (!quoted) {
      // The speaker the paragraph (or the one before) is about says it.
      at.mention_a = prev.mention_a; at.mention_b = prev.mention_b;
      at.has_speaker = true;
      at.continuation = true;
      at.confidence = 0.45;
      break;
    }
    if (prev.para == para && !prev.continuation) {
      d.attrs[i].contents.push_back(at.contents.front());
      d.attrs[i].unbalanced = d.attrs[i].unbalanced || q.unbalanced;
      return;  // one more piece of the previous statement
    }
    at.mention_a = prev.mention_a; at.mention_b = prev.mention_b;
    at.resolve_a = prev.resolve_a; at.resolve_b = prev.resolve_b;
    at.has_speaker = true;
    at.continuation = true;
    at.confidence = 0.55;
    break;
  }
  // "Howard continued his remarks.\n\n“…”": the last subject of a cue verb nearby, when it is nearer
  // than the last speaker.
  if (nearer_subject(at, q.a)) at.confidence = 0.4;
  if (!at.has_speaker) at.confidence = 0.3;  // a quotation nobody is said to have said
  d.attrs.push_back(at);
}

// Whether the statement d.attrs[i] (no quotation) stands in the tail of the statement right before
// it, a quotation of the same paragraph with its own speaker, with no sentence end between that
// quotation and i's speaker: "“…,” Roos said, after Berg stated his doubts."
template <class Quoted>
bool UnitRules::tail_report(std::size_t i, const Quoted& holds_quotation) const {
  const Attribution& prev = d.attrs[i];
  const Attribution& head = d.attrs[i - 1];
  if (head.scare || !head.has_speaker || head.continuation || head.para != prev.para || head.contents.empty() ||
      !holds_quotation(head) || head.mention_b <= head.mention_a || prev.mention_b <= prev.mention_a)
    return false;
  const std::size_t from = head.mention_b;  // the head's speaker comes after its quotation
  if (head.contents.back().end > t[head.mention_a].s || from > prev.mention_a) return false;
  for (std::size_t k = from; k < prev.mention_a; ++k)
    if (!t[k].in_quote && ends_unit(t[k])) return false;
  return true;
}

// The last subject of a cue verb (or, in German, of a sentence that attributes nothing) before this
// position `pos`, in this paragraph or the one before, when it is nearer than at's speaker: it becomes at's.
bool UnitRules::nearer_subject(Attribution& at, std::size_t pos) const {
  for (std::size_t i = d.entity_mentions.size(), n = 0; i-- > 0 && n++ < 64;) {
    const auto& em = d.entity_mentions[i];
    if (em.first >= pos) continue;
    if (d.tok_para[em.first] + 1 < para) break;
    if (at.has_speaker && em.first <= at.mention_a) break;
    at.mention_a = em.first; at.mention_b = em.second; at.has_speaker = true;
    at.continuation = true;
    return true;
  }
  return false;
}

// A quotation inside a sentence whose cue found no speaker ("Roos, during a tour of the quay, said
// she was “…”"), or the object of a verb the lexicon does not know ("Roos labelled the delay “…”"):
// the sentence subject speaks.
// German: "Die Menge skandierte vor dem Rathaus Parolen wie „…“", "Das Komitee würdigte damit
// ihren Einsatz für „…“", "Am Abend lobte die Ministerin den „mutigen Schritt“": the subject of the
// sentence (german.cpp: verb-second order) gives the quotation in its object; "„…“, lobte die
// Ministerin den Plan": a quotation opening the sentence, then a verb, is the inverted subject's.
bool UnitRules::german_object_of_verb(const QSpan& q, Attribution& at) const {
  // "Für die Ministerin ist die Lage „ernst“": a speaker after "für" opening the sentence holds the view
  if (q.a > ua + 1 && t[ua].low == "für"sv && !t[ua].in_quote) {
    const std::size_t e = german_attribute_end(ua, q.a, true, 10);
    bool speaker = false;
    for (std::size_t k = ua + 1; k < e && !speaker; ++k) speaker = german_speaker_noun(t[k]);
    if (speaker) {
      at.mention_a = ua + 1; at.mention_b = e; at.has_speaker = true;
      at.confidence = 0.4;
      return true;
    }
  }
  // "Wie der Richter ausführte, hätte es „…“ gegeben": the reporting clause's subject
  if (const Range rs = german_report_clause_subject(q.a); rs.second > rs.first) {
    at.mention_a = rs.first; at.mention_b = rs.second; at.has_speaker = true;
    at.confidence = 0.4;
    return true;
  }
  // "Die Lage wird vom Wetterdienst als „ernst“ eingestuft": a passive's agent, also when the main
  // clause ends at a comma before the quotation ("Die Dörfer werden von X durchquert, um auf „…“")
  std::size_t main_end = q.a;
  for (std::size_t k = ua + 1; k < q.a && main_end == q.a; ++k)
    if (t[k].low == ","sv && !t[k].in_quote) main_end = k;
  if (const Range ps = german_passive_source(ua, main_end, false); ps.second > ps.first) {
    at.mention_a = ps.first; at.mention_b = ps.second; at.has_speaker = true;
    at.confidence = 0.4;
    return true;
  }
  // "Vergleiche werden gezogen, …": a passive main clause without agent; its subject is no speaker
  // (a passive auxiliary, the clause closed by a participle: "-t" or "ge-"; an infinitive, the
  // future's "werden steigen", ends in "-n")
  if (main_end > ua + 2 && !t[main_end - 1].in_quote && t[main_end - 1].kind == TK::word && !t[main_end - 1].cap) {
    const std::string_view last = t[main_end - 1].low;
    bool aux = false;
    for (std::size_t k = ua; k + 1 < main_end && !aux; ++k) aux = !t[k].in_quote && lex_.words.passive_auxiliaries.count(t[k].low) > 0;
    if (aux && (last.back() == 't' || last.compare(0, 2, "ge"sv) == 0)) return false;
  }
  // (the subject may follow the quotation: "Von einem „Fehler“ sprach die Ministerin")
  const Range np = q.a >= ua ? german_clause_subject(ua, ub) : Range{q.a, q.a};
  if (np.second <= np.first || (np.first < q.b && np.second > q.a)) return false;
  at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
  at.confidence = 0.4;
  return true;
}

void UnitRules::object_of_verb(const QSpan& q, Attribution& at) const {
  bool has_cue = false;
  for (const auto& c : cues) has_cue = has_cue || (c.role == CueRole::verb && !c.colon && c.form);
  if (!has_cue && !german_ && q.a > ua) {
    // the subject must be followed by a verb-like word
    auto np = np_fwd(d, ua, q.a, true);
    if (np.second > np.first && np.second < q.a && t[np.second].kind == TK::word && !t[np.second].cap) {
      const std::string_view v = t[np.second].low;
      auto ends = [&](const char* suf) { const std::size_t n = std::char_traits<char>::length(suf);
                                         return v.size() > n + 2 && v.compare(v.size() - n, n, suf) == 0; };
      has_cue = ends("ed") || (ends("s") && !ends("ss")) || v == "is" || v == "was" || v == "has" || v == "also";
    }
  }
  if (german_) { german_object_of_verb(q, at); return; }
  if (!has_cue) return;
  std::size_t p0 = ua;
  const std::string_view w0 = t[ua].low;
  if (w0 == "on" || w0 == "in" || w0 == "at" || w0 == "after" || w0 == "during" || w0 == "asked" ||
      (w0.size() > 4 && w0.compare(w0.size() - 3, 3, "ing") == 0)) {
    for (std::size_t k = ua; k < q.a; ++k)
      if (t[k].low == ","sv && !t[k].in_quote) { p0 = k + 1; break; }
  }
  auto np = p0 < q.a ? np_fwd(d, p0, q.a, true) : Range{q.a, q.a};
  if (np.second > np.first && !lex_.not_speakers.count(t[np.first].low)) {
    at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
    at.confidence = 0.4;
  }
}

}  // namespace framelens::quotes_detail
