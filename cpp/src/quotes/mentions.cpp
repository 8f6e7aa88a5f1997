// Mention parsing: the speaker's noun phrase before a cue ("Graham said", "the ministry's
// spokeswoman said") or after it ("said one editorial", "according to diplomats in Seoul"), with
// appositions, party tags and German quoted names.
#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

bool quoted_name(const DocState& d, const QSpan& q) {
  const TokView t(d.toks);
  if (q.unbalanced || q.b < q.a + 3) return false;
  std::size_t words = 0;
  for (std::size_t k = q.a + 1; k + 1 < q.b; ++k) {
    if (t[k].kind == TK::mark) return false;
    if (t[k].kind != TK::word) {
      if (t[k].low == "-"sv || t[k].low == "!"sv || t[k].low == "."sv || t[k].low == "&"sv) continue;
      return false;
    }
    ++words;
    if (!t[k].cap && !(t[k].low.size() > 0 && t[k].low[0] >= '0' && t[k].low[0] <= '9') &&
        !(words > 1 && t[k].low.size() <= 3))
      return false;
  }
  if (words == 0 || words > 6 || !t[q.a + 1].cap) return false;
  return true;
}

std::size_t quoted_name_before(const DocState& d, std::size_t end) {
  const TokView t(d.toks);
  if (end == 0 || t[end - 1].kind != TK::mark || !t[end - 1].in_quote) return end;
  const int qi = d.quote_of_tok[end - 1];
  if (qi < 0) return end;
  const QSpan& q = d.quotes[static_cast<std::size_t>(qi)];
  return q.b == end && quoted_name(d, q) ? q.a : end;
}

// The end of a quoted name opening at token `start`, or `start`.
std::size_t quoted_name_after(const DocState& d, std::size_t start) {
  const TokView t(d.toks);
  if (start >= t.size() || t[start].kind != TK::mark || !t[start].in_quote) return start;
  const int qi = d.quote_of_tok[start];
  if (qi < 0) return start;
  const QSpan& q = d.quotes[static_cast<std::size_t>(qi)];
  return q.a == start && quoted_name(d, q) ? q.b : start;
}

// English: the start of the words between a subject and its verb ending at `end` — a pre-verbal
// adverb (preverbal_adverbs in words.json: "long", "always", "in particular") or a time adverbial
// ("on Monday evening", time_adverbial_start) with the auxiliaries and adverbs around it ("have
// long", "has not always", "did not ever") — or `end` when there is
// none (auxiliaries and adverbs alone are the cue's left edge, attribution.cpp). Capitalised words
// and quotations stop it; what stays before must end in a content word ("who has long opposed …"
// keeps its old mention: a relative pronoun there would close an attribution's tail). Negated
// auxiliaries ("Berg wouldn't say") were tried: the shorter mention cost five matched contents on
// PolNeAR train ("she hasn't backed him or given up …").
std::size_t Extractor::preverbal_start(const DocState& d, std::size_t ua, std::size_t end) const {
  const TokView t(d.toks);
  const auto plain = [&](std::size_t k) { return t[k].kind == TK::word && !t[k].in_quote && !t[k].cap; };
  std::size_t e = end;
  bool pre = false;
  for (int n = 0; n < 6 && e > ua; ++n) {
    if (const std::size_t ts = time_adverbial_start(d, ua, e); ts < e) { e = ts; pre = true; continue; }
    if (!plain(e - 1)) break;
    const std::string_view w = t[e - 1].low;
    if (e - 1 > ua && plain(e - 2) &&
        lex_.words.preverbal_adverbs.count(std::string(t[e - 2].low) + " " + std::string(w))) { e -= 2; pre = true; continue; }
    if (lex_.words.preverbal_adverbs.count(w)) { --e; pre = true; continue; }
    if (lex_.adverbs.count(w) || lex_.words.finite_markers.count(w)) { --e; continue; }
    break;
  }
  if (!pre) return end;
  // what stays before must end in a word of the phrase ("Critics", not "and" or a comma)
  // ("Rosa Quinn (R-Ky.) earlier in the day said": a party tag closes the phrase)
  if (e <= ua || t[e - 1].in_quote || (t[e - 1].low != ")"sv && (t[e - 1].kind != TK::word || is_stop(lex_, t[e - 1]))))
    return end;
  return e;
}

// English: the start of a time adverbial ending at `end` that stands between a subject and its
// verb — "on Monday evening", "Monday night", "earlier in the day", "later in the week", "this
// past week" (day_parts and periods in words.json) — or `end`. (A weekday alone, "last week",
// are the cue's left edge, attribution.cpp.)
std::size_t Extractor::time_adverbial_start(const DocState& d, std::size_t ua, std::size_t end) const {
  const TokView t(d.toks);
  const auto at = [&](std::size_t back) -> std::string_view { return end >= ua + back ? t[end - back].low : std::string_view(); };
  if (end < ua + 2 || t[end - 1].in_quote) return end;
  const auto& w = lex_.words;
  if (w.day_parts.count(at(1)) && w.weekdays.count(at(2))) return end - (at(3) == "on"sv ? 3 : 2);
  if (w.periods.count(at(1)) && at(2) == "the"sv && at(3) == "in"sv && (at(4) == "earlier"sv || at(4) == "later"sv))
    return end - 4;
  if (w.periods.count(at(1)) && at(2) == "past"sv && (at(3) == "this"sv || at(3) == "the"sv)) return end - 3;
  return end;
}

// A noun phrase ending just before `end` (speaker before its cue).
Range Extractor::np_back(const DocState& d, std::size_t ua, std::size_t end) const {
  const TokView t(d.toks);
  const auto number = [&](const Tok& w) { return w.kind == TK::word && !w.in_quote && number_word(w.low); };
  // ", who said": the relative pronoun is the mention (resolved to its antecedent later)
  if (end > ua && (t[end - 1].low == "who"sv || t[end - 1].low == "which"sv) && end - 1 > ua && t[end - 2].low == ","sv)
    return {end - 1, end};
  // "“…,” it added.", "It stated that …": the pronoun it (a document, an organisation) speaks when it
  // opens the clause; "another", "one", "some" alone stand for a person ("Another said, “…”").
  if (!german_ && end > ua && !t[end - 1].in_quote &&
      (end - 1 == ua || t[end - 2].kind != TK::word || t[end - 2].in_quote || t[end - 2].low == "and"sv ||
       t[end - 2].low == "but"sv)) {
    if (lex_.words.lone_speakers.count(t[end - 1].low)) return {end - 1, end};
  }
  // "Rival candidates have long criticized …", "The mayor has always held …", "Critics have in
  // particular noted …": the noun phrase before such words speaks.
  if (!german_) {
    const std::size_t e = preverbal_start(d, ua, end);
    if (e < end) {
      const Range inner = np_back(d, ua, e);
      if (inner.second == e && inner.second > inner.first) return inner;
    }
  }
  std::size_t i = end;
  // "Sen. Rosa Quinn (R-Ky.) said": a parenthesis right before the cue belongs to the mention.
  if (i > ua + 1 && t[i - 1].low == ")"sv) {
    std::size_t k = i - 1;
    while (k > ua && i - k < 8 && t[k - 1].low != "("sv && t[k - 1].low != ")"sv) --k;
    if (k > ua + 1 && t[k - 1].low == "("sv && t[k - 2].kind == TK::word && !t[k - 2].in_quote) {
      auto inner = np_back(d, ua, k - 1);
      if (inner.second > inner.first) return {inner.first, end};
    }
    return {end, end};
  }
  // German: "Wie „hafenblatt.de“ berichtet, …": a short quotation between a report conjunction
  // ("wie") and the cue is the source's name, whatever its case
  if (german_ && i > ua + 1 && t[i - 1].in_quote && t[i - 1].kind == TK::mark) {
    const int qi = d.quote_of_tok[i - 1];
    const QSpan* q = qi >= 0 ? &d.quotes[static_cast<std::size_t>(qi)] : nullptr;
    if (q && q->b == i && q->a > ua && !q->unbalanced && !t[q->a - 1].in_quote &&
        lex_.words.report_subordinators.count(t[q->a - 1].low)) {
      const std::size_t n = name_like_words(t, *q);
      if (n >= 1 && n <= 4) return {q->a, end};
    }
  }
  std::size_t words = 0;
  while (i > ua) {
    const Tok& k = t[i - 1];
    if (german_ && k.in_quote) {
      // "Die Zeitung „Yemen Observer“ berichtet": a quoted name after its head noun is part of the phrase
      const std::size_t qa = quoted_name_before(d, i);
      if (qa < i && qa > ua && t[qa - 1].kind == TK::word && !t[qa - 1].in_quote) { words += i - qa; i = qa; continue; }
    }
    // "42% say", "Just 9% said": a percent sign after a number is part of the phrase (English)
    if (!german_ && k.low == "%"sv && !k.in_quote && i - 1 > ua && number(t[i - 2])) { --i; continue; }
    if (k.in_quote || k.kind != TK::word) break;
    if (is_cue_word(k) && !k.cap) {
      // "A parliamentary report said", "the statement said": a cue form right before the cue, after
      // a determiner (and at most one modifier), is the head noun of the speaker.
      const bool noun = !german_ && i == end && i - 1 > ua &&
                        (lex_.determiners.count(t[i - 2].low) ||
                         (i - 2 > ua && t[i - 2].kind == TK::word && !t[i - 2].in_quote && !is_stop(lex_, t[i - 2]) &&
                          !is_cue_word(t[i - 2]) && lex_.determiners.count(t[i - 3].low)));
      if (!noun) break;
    }
    if (k.low == "and"sv || k.low == "&"sv || k.low == "und"sv) {
      // "Mayor Ida Roos and Harbour Master Jon Berg", "Danish and Dutch diplomatic sources"
      if (i < end && t[i].cap && i - 1 > ua && t[i - 2].kind == TK::word && t[i - 2].cap) { --i; continue; }
      break;
    }
    // "Six in ten voters", "two in three": a share is one phrase
    // ("one in five": "one" opens a share, though no number word)
    if (!german_ && k.low == "in"sv && i < end && i - 1 > ua && number(t[i]) &&
        (number(t[i - 2]) || t[i - 2].low == "one"sv)) { --i; continue; }
    if (k.low == "of"sv || k.low == "for"sv || k.low == "at"sv || k.low == "von"sv || k.low == "der"sv || k.low == "des"sv ||
        (!german_ && (k.low == "in"sv || k.low == "from"sv) && i < end && lex_.determiners.count(t[i].low) && i - 1 > ua &&
         !t[i - 2].cap)) {
      if (i < end && i - 1 > ua && t[i - 2].kind == TK::word && !is_stop(lex_, t[i - 2]) && !(german_ && k.low == "der"sv && !t[i].cap)) { --i; continue; }
      if (german_ && (k.low == "der"sv || k.low == "des"sv)) { --i; ++words; break; }
      break;
    }
    // "“…,” that aide said": a demonstrative opening the clause is the phrase's determiner
    if (!german_ && (k.low == "this"sv || k.low == "that"sv) && i < end &&
        (i - 1 == ua || t[i - 2].kind != TK::word || t[i - 2].in_quote)) { --i; break; }
    if (is_stop(lex_, k) && !(german_ && k.cap)) break;
    // "Wie die Bahn mitteilte, …": the conjunction opening the clause is no part of the source
    if (german_ && k.cap && is_stop(lex_, k) && (k.low == "wie"sv || k.low == "als"sv || k.low == "dass"sv || k.low == "ob"sv ||
                                           k.low == "wenn"sv || k.low == "weil"sv)) break;
    --i;
    if (++words >= 12) break;
  }
  // Leading fillers ("But", "Meanwhile") and determiners-only phrases are not speakers.
  while (i < end && (lex_.words.leading_fillers.count(t[i].low) > 0) && (t[i].cap || i == ua)) ++i;
  if (i >= end) return {end, end};
  bool content = false;
  for (std::size_t k = i; k < end; ++k)
    if (!lex_.determiners.count(t[k].low)) { content = true; break; }
  if (!content) return {end, end};
  // "It made scant mention of …", "It soon raised fresh doubts about …", "she had already made
  // clear …": a light verb (light_verbs in words.json) opening the phrase before a noun cue, after
  // adverbs only, is the predicate; its subject, before the auxiliaries, speaks. English only.
  // (Looking for the light verb anywhere in the phrase, "The letter makes no mention", cost two
  // matched quotes with marks on PolNeAR train: "he started raising questions about …".)
  if (!german_ && i > ua) {
    std::size_t k = i;
    while (k < end && !t[k].cap && lex_.adverbs.count(t[k].low)) ++k;
    if (k < end && !t[k].cap && lex_.words.light_verbs.count(t[k].low)) {
      std::size_t e = i;
      while (e > ua && !t[e - 1].in_quote && !t[e - 1].cap &&
             (lex_.adverbs.count(t[e - 1].low) || lex_.words.finite_markers.count(t[e - 1].low)))
        --e;
      const Range subj = e > ua ? np_back(d, ua, e) : Range{end, end};
      if (subj.second == e && subj.second > subj.first) return subj;
    }
  }
  return {i, end};
}


// English: the first token after a news dateline opening a paragraph at `start` — capitalised
// words, numbers and commas, then a dash ("VARNE — …", "Varne (AP) – …", "VARNE, Aug. 3 (Reuters) -
// …"), the place in capitals or followed by an agency in parentheses — or `start`.
std::size_t Extractor::after_dateline(const DocState& d, std::size_t start, std::size_t ub) const {
  const TokView t(d.toks);
  if (german_ || start >= ub || (start > 0 && d.tok_para[start - 1] == d.tok_para[start])) return start;
  const auto dash = [](std::string_view w) {
    return w == "-"sv || w == "--"sv || w == "\xE2\x80\x94"sv || w == "\xE2\x80\x93"sv;
  };
  const std::string_view first = d.text.substr(t[start].s, t[start].e - t[start].s);
  bool caps = first.size() >= 3;
  for (char ch : first) caps = caps && !(ch >= 'a' && ch <= 'z');
  bool agency = false, open = false;
  for (std::size_t k = start; k < ub && k < start + 10; ++k) {
    const Tok& w = t[k];
    if (w.in_quote) return start;
    if (dash(w.low)) return k > start && (caps || agency) && k + 1 < ub ? k + 1 : start;
    if (w.low == "("sv) { open = true; continue; }
    if (w.low == ")"sv) { agency = agency || open; open = false; continue; }
    const bool num = !w.low.empty() && w.low[0] >= '0' && w.low[0] <= '9';
    if (w.low == ","sv || w.low == "."sv || num || (w.kind == TK::word && w.cap)) continue;
    return start;
  }
  return start;
}

// English: where the subject of a clause opening at `start` begins — after a leading filler
// ("And", "But", "Then": leading_fillers in words.json) and a fronted weekday adverbial ("On
// Tuesday", "On Thursday evening", with its comma) — or `start`. ("And he continued on, mocking
// …": the participle's subject is "he".) The subject must follow on the same side of any comma.
std::size_t Extractor::clause_subject_start(const DocState& d, std::size_t start, std::size_t ub) const {
  const TokView t(d.toks);
  if (german_) return start;
  if (const std::size_t f = fronted_adverbial_end(d, start, ub); f > start) return f;
  std::size_t i = start;
  while (i < ub && i < start + 2 && !t[i].in_quote && t[i].kind == TK::word && lex_.words.leading_fillers.count(t[i].low)) ++i;
  if (i + 1 < ub && t[i].low == "on"sv && !t[i].in_quote && lex_.words.weekdays.count(t[i + 1].low)) {
    i += 2;
    if (i < ub && lex_.words.day_parts.count(t[i].low)) ++i;
    if (i < ub && t[i].low == ","sv) ++i;
  }
  // ("Also Monday, Roos …": a weekday after the filler is an adverbial of its own; the rules after
  // its comma find the subject)
  if (i == start || i >= ub || t[i].in_quote || t[i].kind != TK::word || is_stop(lex_, t[i]) || lex_.words.weekdays.count(t[i].low))
    return start;
  return i;
}

// English: the start of the subject after a fronted adverbial closed by a comma — "Earlier this week,
// Roos …", "Last year, he …", "Shortly after the vote ended, the board …", "Still, the crews …",
// "Holding signs that read “…,” the crews …" — or `start`. The adverbial opens with a time word that
// is no preposition (time_words in words.json), an "-ly" adverb or an "-ing" form, and its comma
// (outside quotation marks, or closing a quotation) comes within twelve tokens; or it is a leading
// filler right before its comma ("Still,"). A word that may open a noun phrase follows the comma.
// (Until round 17 the sentence subject of a quotation without a cue was the opener itself: "Earlier".)
std::size_t Extractor::fronted_adverbial_end(const DocState& d, std::size_t start, std::size_t ub) const {
  const TokView t(d.toks);
  if (german_ || start + 2 >= ub || t[start].in_quote || t[start].kind != TK::word) return start;
  const std::string_view w = t[start].low;
  const bool ing = w.size() > 5 && w.substr(w.size() - 3) == "ing"sv;
  const bool opener = (lex_.words.time_words.count(w) && !lex_.words.prepositions.count(w)) || suffix_adverb_word(w) || ing;
  // (a leading filler only right before its comma: "Still, …", not "But Obama, making …")
  const bool filler = lex_.words.leading_fillers.count(w) > 0;
  if (!opener && !filler) return start;
  for (std::size_t k = start + 1; k + 1 < ub && k < (opener ? start + 13 : start + 2); ++k) {
    const Tok& x = t[k];
    if (ends_unit(x)) return start;
    const bool comma = (x.low == ","sv && !x.in_quote) || (x.kind == TK::mark && x.in_quote && t[k - 1].low == ","sv);
    if (!comma) continue;
    const Tok& n = t[k + 1];
    if (n.in_quote || n.kind != TK::word) return start;
    if (is_stop(lex_, n) && !lex_.words.subject_pronouns.count(n.low) && !lex_.determiners.count(n.low)) return start;
    return k + 1;
  }
  return start;
}

// A noun phrase starting at `start` (speaker after its cue, "according to X"), with an apposition.
Range Extractor::np_fwd(const DocState& d, std::size_t start, std::size_t ub, bool subject) const {
  const TokView t(d.toks);
  if (subject) start = clause_subject_start(d, after_dateline(d, start, ub), ub);
  // a subject pronoun is the whole subject ("he seemed …", not "he seemed")
  if (subject && !german_ && start < ub && !t[start].in_quote && lex_.words.subject_pronouns.count(t[start].low))
    return {start, start + 1};
  std::size_t i = start;
  std::size_t words = 0;
  while (i < ub) {
    const Tok& k = t[i];
    if (german_ && k.in_quote) {
      // "nach Angaben des Magazins „Der Spiegel“", "zitiert „BBC News“": a quoted name in the phrase
      const std::size_t qe = quoted_name_after(d, i);
      if (qe > i && qe <= ub) {
        const bool whole = i == start;  // the quoted name is the whole phrase
        words += qe - i; i = qe;
        if (whole || words >= 12) break;
        continue;
      }
    }
    if (k.in_quote || k.kind != TK::word) break;
    if (i > start && (lex_.words.time_words.count(k.low) > 0) && !k.cap) break;
    // ("reads a Monday note from the board": a weekday right after a determiner modifies the noun; English)
    if (i > start && (k.cap && (lex_.words.time_words.count(k.low) > 0)) &&
        (german_ || !lex_.determiners.count(t[i - 1].low)))
      break;
    if (k.low == "of"sv || k.low == "for"sv || k.low == "at"sv || k.low == "from"sv || k.low == "and"sv || k.low == "von"sv ||
        k.low == "der"sv || k.low == "des"sv || k.low == "und"sv) {
      if (i > start && i + 1 < ub && t[i + 1].kind == TK::word && !t[i + 1].in_quote && !is_stop(lex_, t[i + 1]) &&
          !is_cue_word(t[i + 1])) { ++i; continue; }
      if (german_ && i == start && (k.low == "der"sv || k.low == "des"sv)) { ++i; continue; }
      // "einem Bericht der „Morgenpost“", "ein Sprecher von „Radio Nord“": a quoted name as attribute
      if (german_ && i > start && k.low != "und"sv && quoted_name_after(d, i + 1) > i + 1) { ++i; continue; }
      break;
    }
    if (is_stop(lex_, k) && !(german_ && k.cap)) break;
    if (i > start && is_cue_word(k) && !k.cap) break;
    // As a sentence subject, the phrase ends at the verb: a lower-case word after a name.
    // ("Die neue Ministerin": an adjective after a capitalised article)
    if (subject && i > start && !k.cap && t[i - 1].cap && !lex_.determiners.count(t[i - 1].low)) break;
    ++i;
    if (++words >= 12) break;
  }
  if (i == start) return {start, start};
  // "according to a count by the Varne Courier", "… to audio provided by Radio Varne": after a
  // common-noun head (a document, a count, a recording), the agent after "by" — a name or a phrase
  // with a determiner, not "by phone" — is the source the writer means; the phrase takes it in (an
  // annotation may name either). English only.
  if (!german_ && !subject && i + 1 < ub && t[i].low == "by"sv && !t[i].in_quote && !t[i - 1].cap &&
      t[i + 1].kind == TK::word && !t[i + 1].in_quote) {
    const Range agent = np_fwd(d, i + 1, ub);
    bool named = agent.second > agent.first && lex_.determiners.count(t[agent.first].low) > 0;
    for (std::size_t k = agent.first; k < agent.second && !named; ++k) named = t[k].cap;
    if (named) return {start, agent.second};
  }
  // Apposition: "Jane Doe, a spokeswoman for the campaign"
  if (i + 1 < ub && t[i].kind == TK::punct && t[i].low == ","sv && t[i + 1].kind == TK::word &&
      (lex_.determiners.count(t[i + 1].low) || lex_.titles.count(t[i + 1].low) || (t[i + 1].low[0] >= '0' && t[i + 1].low[0] <= '9'))) {
    auto app = np_fwd(d, i + 1, ub);
    // only a true apposition: it ends the sentence or is closed by a comma
    if (app.second > app.first && (app.second >= ub || ends_unit(t[app.second]) || t[app.second].low == ","sv))
      return {start, app.second};
  }
  return {start, i};
}

}  // namespace framelens::quotes_detail
