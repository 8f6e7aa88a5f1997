// Speaker resolution: each attribution's mention becomes a speaker of the document — pronouns
// (he/she -> the nearest named person, they -> an organisation or plural, it -> an organisation or
// document), nominal mentions ("the ministry", "one editorial") -> the nearest entity of that kind,
// relative pronouns (", who said") -> the antecedent — and the kind of each quote. Every example in
// the comments is invented.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "quotes/speakers.hpp"

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

namespace {

class SpeakerResolver {
 public:
  SpeakerResolver(const Lexicon& lex, DocState& d) : lex_(lex), d(d), t(d.toks), sb(lex, d) {}

  QuoteResult run() {
    std::sort(d.entity_mentions.begin(), d.entity_mentions.end());
    std::sort(d.person_mentions.begin(), d.person_mentions.end());
    for (auto& at : d.attrs) {
      Quote q = quote_of(at);
      const std::size_t pos = at.has_speaker ? at.mention_a : 0;
      add_entities_before(at.has_speaker, pos);
      if (at.has_speaker && at.mention_b > at.mention_a) q.speaker = speaker_of(at, q);
      res.quotes.push_back(std::move(q));
    }
    return std::move(res);
  }

 private:
  using PersonMention = std::pair<Range, Mention>;

  int add_entity(const Mention& m, std::size_t a, std::size_t b, double conf, bool as_mention);
  std::string context_country(std::size_t a) const;
  template <class Stop>
  std::optional<PersonMention> named_person_before(std::size_t pos, Stop stop) const;
  int resolve(const Mention& m, std::size_t pos) const;
  Quote quote_of(const Attribution& at) const;
  void add_entities_before(bool has_speaker, std::size_t pos);
  int speaker_of(const Attribution& at, Quote& q);
  int resolve_reference(const Attribution& at, const Mention& m, Quote& q);

  const Lexicon& lex_;
  DocState& d;
  const TokView t;
  SpeakerBuilder sb;
  QuoteResult res;
  std::unordered_map<std::string, std::size_t> by_key;
  std::vector<std::pair<std::size_t, std::size_t>> recent;  // (token position, speaker index)
  std::size_t ei = 0;  // next of d.entity_mentions to add
};

// A new speaker, or the mention joins the speaker of the same key.
int SpeakerResolver::add_entity(const Mention& m, std::size_t a, std::size_t b, double conf, bool as_mention) {
  if (m.key.empty()) return -1;
  auto it = by_key.find(m.key);
  std::size_t idx;
  if (it == by_key.end()) {
    idx = res.speakers.size();
    Speaker s;
    s.name = m.name; s.type = m.type; s.anonymous = m.anonymous; s.role = m.role; s.affiliation = m.affiliation;
    s.confidence = conf;
    res.speakers.push_back(std::move(s));
    by_key.emplace(m.key, idx);
  } else {
    idx = it->second;
    Speaker& s = res.speakers[idx];
    if (m.name.size() > s.name.size() && m.type == s.type && m.name.find("\xE2\x80\x99s") == std::string::npos &&
        m.name.find("'s") == std::string::npos)
      s.name = m.name;
    if (s.role.empty() || (m.role.size() > s.role.size() && m.type == SourceType::named_person)) s.role = m.role;
    if (s.affiliation.empty()) s.affiliation = m.affiliation;
    s.confidence = std::max(s.confidence, conf);
  }
  if (as_mention) res.speakers[idx].mentions.push_back({t[a].s, t[b - 1].e});
  recent.push_back({a, idx});
  return static_cast<int>(idx);
}

// Affiliation from context: the country named last in the paragraph before the mention (the
// spokesman of "Fredville promptly responded …").
std::string SpeakerResolver::context_country(std::size_t a) const {
  const std::size_t p = d.tok_para[a];
  for (std::size_t k = a; k-- > 0 && a - k < 400;) {
    if (d.tok_para[k] != p) break;
    if (!t[k].cap || t[k].in_quote) continue;
    auto it = lex_.places.find(strip_possessive(std::string(d.text.substr(t[k].s, t[k].e - t[k].s))));
    if (it == lex_.places.end() || it->second.country.empty()) {
      if (k > 0) {
        it = lex_.places.find(std::string(d.text.substr(t[k - 1].s, t[k].e - t[k - 1].s)));
        if (it == lex_.places.end()) continue;
      } else continue;
    }
    if (it->second.kind == Place::demonym) continue;
    return it->second.country;
  }
  return std::string();
}

// The nearest named-person mention before token `pos` (scanning back at most 64 mentions, until
// `stop(mention)`), with its classification. person_mentions is in text order, so the scan starts
// by binary search below `pos` (linear on huge documents).
template <class Stop>
std::optional<SpeakerResolver::PersonMention> SpeakerResolver::named_person_before(std::size_t pos, Stop stop) const {
  auto i = static_cast<std::size_t>(std::lower_bound(d.person_mentions.begin(), d.person_mentions.end(),
                                                     std::make_pair(pos, std::size_t{0})) -
                                    d.person_mentions.begin());
  for (std::size_t n = 0; i-- > 0 && n++ < 64;) {
    const auto& pm = d.person_mentions[i];
    if (pm.first >= pos) continue;
    if (stop(pm)) break;
    Mention pmm = sb.classify(pm.first, pm.second);
    if (pmm.type != SourceType::named_person || pmm.pronoun || pmm.nominal || pmm.key.empty()) continue;
    return std::make_pair(Range{pm.first, pm.second}, std::move(pmm));
  }
  return std::nullopt;
}

// The speaker a pronoun or nominal mention at `pos` refers to, or -1. he/she: the nearest named
// person; failing that, the nearest single anonymous person.
int SpeakerResolver::resolve(const Mention& m, std::size_t pos) const {
  if (m.pronoun && m.pron_kind == "person") {
    for (std::size_t i = recent.size(), n = 0; i-- > 0 && n++ < 256;)
      if (recent[i].first < pos && res.speakers[recent[i].second].type == SourceType::named_person)
        return static_cast<int>(recent[i].second);
    for (std::size_t i = recent.size(), n = 0; i-- > 0 && n++ < 256;) {
      const Speaker& s = res.speakers[recent[i].second];
      if (recent[i].first < pos && s.type == SourceType::anonymous_person && !s.role.empty() && s.role.back() != 's')
        return static_cast<int>(recent[i].second);
    }
    return -1;
  }
  for (std::size_t i = recent.size(), n = 0; i-- > 0 && n++ < 256;) {
    if (recent[i].first >= pos) continue;
    const Speaker& s = res.speakers[recent[i].second];
    if (m.pronoun) {
      if (m.pron_kind == "person" && s.type == SourceType::named_person) return static_cast<int>(recent[i].second);
      if (m.pron_kind == "plural" && (s.type == SourceType::organisation || s.anonymous)) return static_cast<int>(recent[i].second);
      if (m.pron_kind == "thing" && (s.type == SourceType::organisation || s.type == SourceType::document)) return static_cast<int>(recent[i].second);
      continue;
    }
    if (m.document && (s.type == SourceType::document || s.type == SourceType::organisation)) return static_cast<int>(recent[i].second);
    if (m.nominal) {
      const std::string ln = lower(s.name);
      if (!m.head.empty() && ln.find(m.head) != std::string::npos) return static_cast<int>(recent[i].second);
      if (!m.head.empty() && lower(s.role).find(m.head) != std::string::npos) return static_cast<int>(recent[i].second);
    }
  }
  return -1;
}

// The quote of an attribution: contents, cue, confidence and kind (direct when quotations fill 90 %
// of the contents, partial when they fill less, indirect without any).
Quote SpeakerResolver::quote_of(const Attribution& at) const {
  Quote q;
  q.contents = at.contents;
  q.cue = at.cue;
  q.unbalanced = at.unbalanced;
  q.confidence = at.confidence * (at.unbalanced ? 0.4 : 1.0);
  std::size_t quoted = 0, total = 0;
  for (const auto& sp : at.contents) {
    total += sp.size();
    for (std::size_t qi = static_cast<std::size_t>(std::lower_bound(d.quote_start.begin(), d.quote_start.end(), sp.start) -
                                                    d.quote_start.begin());
         qi < d.quotes.size() && d.quote_start[qi] < sp.end; ++qi) {
      const std::size_t a = d.quote_start[qi], b = t[d.quotes[qi].b - 1].e;
      if (b <= sp.end) { quoted += b - a; q.quoted.push_back({a, b}); }
    }
  }
  if (at.scare) q.kind = QuoteKind::scare;
  else if (quoted == 0) q.kind = at.attitude ? QuoteKind::attitude : QuoteKind::indirect;
  else if (quoted * 10 >= total * 9) q.kind = QuoteKind::direct;
  else q.kind = QuoteKind::partial;
  return q;
}

// Subjects of cues that attributed nothing ("Roos toured the quay"), before the mention at `pos`
// (all remaining ones for a quote without a speaker), become candidate antecedents.
void SpeakerResolver::add_entities_before(bool has_speaker, std::size_t pos) {
  while (ei < d.entity_mentions.size() && d.entity_mentions[ei].first < (has_speaker ? pos : t.size())) {
    const auto& em = d.entity_mentions[ei++];
    if (has_speaker && em.first >= pos) break;
    Mention m = sb.classify(em.first, em.second);
    if (!m.pronoun && !m.nominal && !m.key.empty() && m.type != SourceType::anonymous_person) {
      if (m.affiliation.empty() && official_role(lex_, m.role)) m.affiliation = context_country(em.first);
      add_entity(m, em.first, em.second, 0.5, false);
    }
  }
}

// The speaker index of an attribution with a mention.
int SpeakerResolver::speaker_of(const Attribution& at, Quote& q) {
  q.mention = {t[at.mention_a].s, t[at.mention_b - 1].e};
  Mention m = sb.classify(at.mention_a, at.mention_b);
  if (m.pronoun && m.pron_kind == "relative") {
    // "Ida Roos, who said …": the antecedent before the comma
    std::size_t k = at.mention_a;
    if (k > 0 && t[k - 1].low == ","sv) {
      const std::size_t lo = k >= 13 ? k - 13 : 0;
      std::size_t s = k - 1;
      while (s > lo && t[s - 1].kind == TK::word && !t[s - 1].in_quote && !(is_stop(lex_, t[s - 1]) && t[s - 1].low != "of"sv)) --s;
      if (s < k - 1) m = sb.classify(s, k - 1);
    }
  }
  if (m.pronoun || m.nominal) return resolve_reference(at, m, q);
  if (m.affiliation.empty() && official_role(lex_, m.role)) m.affiliation = context_country(at.mention_a);
  return add_entity(m, at.mention_a, at.mention_b, q.confidence, true);
}

// A pronoun or nominal mention: the speaker it refers to, a full name opening an earlier sentence,
// or (a pronoun nothing resolves) a speaker of its own.
int SpeakerResolver::resolve_reference(const Attribution& at, const Mention& m, Quote& q) {
  int idx = resolve(m, at.mention_a);
  if (idx >= 0 && m.pronoun && m.pron_kind == "person" && !d.person_mentions.empty()) {
    // A person named in the same paragraph after the resolved speaker's last mention is nearer:
    // "Varne's mayor, Oskar Dahl, joined the families. His message was short: “…”"
    std::size_t last = 0;
    for (const auto& r : recent)
      if (r.second == static_cast<std::size_t>(idx) && r.first < at.mention_a) last = std::max(last, r.first);
    const std::size_t para = d.tok_para[at.mention_a];
    const auto nearer = named_person_before(at.mention_a, [&](const auto& pm) {
      return pm.first <= last || d.tok_para[pm.first] != para;
    });
    if (nearer) idx = -1;  // resolved below from the person mentions
  }
  if (idx >= 0) {
    res.speakers[static_cast<std::size_t>(idx)].mentions.push_back(q.mention);
    recent.push_back({at.mention_a, static_cast<std::size_t>(idx)});
    if (m.document && res.speakers[static_cast<std::size_t>(idx)].type == SourceType::organisation) {
      // "said one editorial" of a news agency: the agency speaks through a document
      res.speakers[static_cast<std::size_t>(idx)].type = SourceType::document;
    }
    q.confidence *= 0.9;
  } else if (!m.pronoun) {
    idx = add_entity(m, at.mention_a, at.mention_b, q.confidence, true);
  }
  if (idx < 0 && m.pronoun && m.pron_kind == "person") {
    // No named speaker yet: a full name opening an earlier sentence nearby ("Greta Holm has
    // run the bakery … “…,” she said").
    const std::size_t para = d.tok_para[at.mention_a];
    const auto earlier = named_person_before(at.mention_a, [&](const auto& pm) { return d.tok_para[pm.first] + 2 < para; });
    if (earlier) {
      const auto& [pm, pmm] = *earlier;
      idx = add_entity(pmm, pm.first, pm.second, 0.5, false);
      res.speakers[static_cast<std::size_t>(idx)].mentions.push_back(q.mention);
      recent.push_back({at.mention_a, static_cast<std::size_t>(idx)});
      q.confidence *= 0.8;
    }
  }
  if (idx < 0 && m.pronoun) {
    // An unresolved pronoun: a speaker the text names elsewhere or not at all.
    Mention u = m;
    u.type = m.pron_kind == "person" ? SourceType::named_person : SourceType::organisation;
    u.key = "u:" + lower(m.name) + ":" + std::to_string(at.mention_a);
    idx = add_entity(u, at.mention_a, at.mention_b, 0.2, true);
    q.confidence *= 0.5;
  }
  return idx;
}

}  // namespace

QuoteResult Extractor::speakers(DocState& d) const {
  QuoteResult res = SpeakerResolver(lex_, d).run();
  merge_document_speakers(res, lex_);
  return res;
}

}  // namespace framelens::quotes_detail
