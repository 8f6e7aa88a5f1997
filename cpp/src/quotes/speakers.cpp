// Speaker mentions as entities: type (pronoun, named person, anonymous person, organisation,
// document), canonical key, role and affiliation from the lexicon's heads and titles and the
// gazetteer. Every example in the comments is invented.
#include "quotes/speakers.hpp"

#include <algorithm>

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

Mention SpeakerBuilder::classify(std::size_t a, std::size_t b) const {
  Mention m;
  if (a >= b) return m;
  const std::string text = join_tokens(d_.text, t, a, b);
  if (const auto p = b - a == 1 ? lex_.pronouns.find(std::string(t[a].low)) : lex_.pronouns.end(); p != lex_.pronouns.end()) {
    m.pronoun = true;
    m.pron_kind = p->second;
    m.name = text;
    return m;
  }
  if (b - a == 1 && !lex_.subject_suffixes.empty()) {
    // "dit-il": a verb carrying its subject pronoun
    std::string kind = lex_.subject_suffix(t[a].low);
    if (!kind.empty()) {
      m.pronoun = true;
      m.pron_kind = std::move(kind);
      m.name = text;
      return m;
    }
  }
  if (quoted_organisation(a, b, m)) return m;
  if (role_name_apposition(a, b, m)) return m;
  const Facts f = facts(a, b, m);
  if (f.org) {
    gazetteer_organisation(a, b, f, text, m);
  } else if (f.only_place && !f.countries.empty()) {
    m.type = SourceType::organisation;
    m.name = f.aff.empty() ? text : f.aff.front();
    m.key = "c:" + m.name;
    m.role = "state";
  } else if (f.lower_head && lex_.document_heads.count(m.head)) {
    document(a, f, text, m);
  } else if (f.lower_head && (lex_.anonymous_heads.count(m.head) || !f.has_name)) {
    anonymous_or_organisation(a, b, f, text, m);
  } else if (f.org_head || f.media_head) {
    organisation(a, b, f, m);
  } else if (f.has_name) {
    named_person(a, b, f, m);
  } else {
    m.type = SourceType::anonymous_person;
    m.anonymous = true;
    m.name = text;
    m.key = "a:" + lower(text);
    m.role = m.head;
  }
  return m;
}

// „Radio Nord“, die Zeitung „Nordkurier“: a quoted name speaks as an organisation (a medium when its
// head noun is one).
bool SpeakerBuilder::quoted_organisation(std::size_t a, std::size_t b, Mention& m) const {
  const std::size_t qa = quoted_name_before(d_, b);
  if (!(qa < b && qa >= a)) return false;
  m.type = SourceType::organisation;
  m.name = join_tokens(d_.text, t, qa + 1, b - 1);
  m.key = "o:" + lower(m.name);
  m.role = "organisation";
  for (std::size_t k = a; k < qa; ++k)
    if (lex_.media_heads.count(t[k].low)) m.role = "media";
  return true;
}

// "Its former skipper, Nils Berg", "Kaldermoor's mayor, Beno Falk": a role then a name in
// apposition is the named person, with the role (and its affiliation) kept.
bool SpeakerBuilder::role_name_apposition(std::size_t a, std::size_t b, Mention& m) const {
  std::size_t c = b;
  for (std::size_t k = a; k < b; ++k)
    if (t[k].low == ","sv) c = k;
  if (!(c > a && c + 3 <= b && b - c - 1 <= 4 && t[c - 1].kind == TK::word && !t[c - 1].cap)) return false;
  bool names = true;
  for (std::size_t k = c + 1; k < b && names; ++k)
    names = t[k].kind == TK::word && t[k].cap && !lex_.determiners.count(t[k].low) && !lex_.titles.count(t[k].low);
  if (!names) return false;
  Mention n = classify(c + 1, b);
  if (!(n.type == SourceType::named_person && !n.pronoun && !n.key.empty())) return false;
  Mention r = classify(a, c);
  if (n.role.empty()) n.role = r.role.empty() ? std::string(t[c - 1].low) : r.role;
  if (n.affiliation.empty()) n.affiliation = r.affiliation;
  m = std::move(n);
  return true;
}

// Gazetteer hits (longest first), possessives stripped: "the Freedonian embassy", "a Harbour Post
// reporter", "North Korea's".
void SpeakerBuilder::scan_places(std::size_t a, std::size_t b, Facts& f) const {
  f.place_tok.assign(b - a, false);
  for (std::size_t i = a; i < b;) {
    bool hit = false;
    // (most words start no place name: one look-up rules out every key length)
    // (a one-word name is looked up without its possessive: "Korea's")
    const std::string_view w0 = d_.text.substr(t[i].s, t[i].e - t[i].s);
    std::size_t max_len = lex_.place_words_from(w0);
    if (max_len == 0 && lex_.place_words_from(strip_possessive(w0)) > 0) max_len = 1;
    for (std::size_t len = std::min(max_len, b - i); len >= 1; --len) {
      std::string key;
      for (std::size_t k = i; k < i + len; ++k) {
        if (k > i) key += ' ';
        key += (k + 1 == i + len) ? strip_possessive(std::string(d_.text.substr(t[k].s, t[k].e - t[k].s)))
                                  : std::string(d_.text.substr(t[k].s, t[k].e - t[k].s));
      }
      auto it = lex_.places.find(key);
      // "the South" etc. are spelt with the article in the gazetteer
      if (it == lex_.places.end() && i > a && t[i - 1].low == "the"sv) it = lex_.places.find("the " + key);
      if (it != lex_.places.end()) {
        const Place& p = it->second;
        if (!p.country.empty()) f.countries.push_back(p.country);
        if (p.kind == Place::organisation || p.kind == Place::media) { if (!f.org) { f.org = &p; f.org_a = i; f.org_b = i + len; } }
        for (std::size_t k = i; k < i + len; ++k) f.place_tok[k - a] = true;
        if (i > a && t[i - 1].low == "the"sv) f.place_tok[i - 1 - a] = true;
        i += len;
        hit = true;
        break;
      }
      if (len == 1) break;
    }
    if (!hit) {
      if (!lex_.determiners.count(t[i].low)) f.only_place = false;
      ++i;
    }
  }
}

// The phrase's places (and the affiliation they give), head noun and trailing name.
SpeakerBuilder::Facts SpeakerBuilder::facts(std::size_t a, std::size_t b, Mention& m) const {
  Facts f;
  scan_places(a, b, f);
  // Drop a country that another, more specific hit contains ("Korea" beside "North Korea").
  for (const auto& c : f.countries) {
    bool sub = false;
    for (const auto& o : f.countries)
      if (o != c && o.find(c) != std::string::npos) sub = true;
    if (!sub && std::find(f.aff.begin(), f.aff.end(), c) == f.aff.end()) f.aff.push_back(c);
  }
  for (std::size_t i = 0; i < f.aff.size(); ++i) m.affiliation += (i ? "; " : "") + f.aff[i];
  // Head noun: the last word before "of/at/for/from/," (the first part of the phrase).
  std::size_t hb = b;
  for (std::size_t k = a; k < b; ++k)
    if (t[k].low == "of"sv || t[k].low == "at"sv || t[k].low == "for"sv || t[k].low == "from"sv || t[k].low == ","sv ||
        t[k].low == "close"sv || t[k].low == "with"sv || t[k].low == "in"sv) { hb = k; break; }
  if (hb == a) hb = b;
  f.hb = hb;
  m.head = strip_possessive(t[hb - 1].low);
  f.name_a = f.name_b = hb;
  {
    // Trailing capitalised words that are not titles, places or determiners form a name.
    std::size_t k = hb;
    while (k > a && t[k - 1].cap && !lex_.titles.count(t[k - 1].low) && !f.place_tok[k - 1 - a] &&
           !lex_.determiners.count(t[k - 1].low) && !lex_.organisation_heads.count(t[k - 1].low) &&
           !lex_.media_heads.count(t[k - 1].low))
      --k;
    if (k < hb) { f.has_name = true; f.name_a = k; f.name_b = hb; }
  }
  for (std::size_t k = a; k < hb; ++k) {
    if (!t[k].cap && k + 1 != hb) continue;
    if (lex_.organisation_heads.count(t[k].low)) f.org_head = true;
    if (lex_.media_heads.count(t[k].low) && t[k].cap) f.media_head = true;
  }
  // "Residents said", "Analysts say": a one-word anonymous head is capitalised only by its position
  f.lower_head = !t[hb - 1].cap || (hb - a == 1 && lex_.anonymous_heads.count(t[a].low) > 0);
  // "Foreign Ministry spokesman Geng Shuang": a name after a title is a person, whatever the title.
  if (f.has_name && f.name_b == hb && f.name_a > a && lex_.titles.count(t[f.name_a - 1].low) && !f.org) {
    f.org_head = false;
    f.media_head = false;
  }
  // "Senate leader Ann Lee": a name after a title after the organisation is a person of it.
  if (f.org && f.has_name && f.name_b == hb && f.name_a >= f.org_b && f.name_a > a && lex_.titles.count(t[f.name_a - 1].low)) {
    if (m.affiliation.empty()) m.affiliation = f.org->country;
    f.org = nullptr;
    f.org_head = false;
    f.media_head = false;
  }
  return f;
}

// An organisation or medium of the gazetteer ("the Harbour Post"); a person of it ("a Harbour Post
// reporter") is anonymous and keeps the organisation as affiliation.
void SpeakerBuilder::gazetteer_organisation(std::size_t a, std::size_t b, const Facts& f, const std::string& text,
                                            Mention& m) const {
  const Place* org = f.org;
  m.type = org->kind == Place::media ? SourceType::document : SourceType::organisation;
  m.name = org->canonical;
  m.key = "o:" + lower(org->canonical);
  m.role = org->kind == Place::media ? "media" : "organisation";
  if ((f.org_a > a || f.org_b < b) && f.lower_head && lex_.anonymous_heads.count(m.head)) {
    m.type = SourceType::anonymous_person; m.anonymous = true; m.name = text; m.key = "a:" + lower(text);
    m.role = m.head;
  }
  if (m.affiliation.empty()) m.affiliation = org->country;
  else if (!org->country.empty() && m.affiliation.find(org->country) == std::string::npos) m.affiliation += "; " + org->country;
}

// "one editorial", "the report", "a Harbour Board statement": a document (nominal, referring back,
// unless a name qualifies it).
void SpeakerBuilder::document(std::size_t a, const Facts& f, const std::string& text, Mention& m) const {
  m.type = SourceType::document; m.document = true;
  bool named = false;
  for (std::size_t k = a; k < f.hb; ++k) named = named || (t[k].cap && !f.place_tok[k - a] && k != a);
  m.nominal = !named;
  m.name = text; m.key = "d:" + lower(text); m.role = m.head;
}

// "the ministry" (an organisation word as head), "a senior port official", "residents".
void SpeakerBuilder::anonymous_or_organisation(std::size_t a, std::size_t b, const Facts& f, const std::string& text,
                                               Mention& m) const {
  const bool definite = t[a].low == "the"sv || t[a].low == "this"sv || t[a].low == "that"sv;
  if (lex_.organisation_heads.count(m.head) > 0) {
    m.type = SourceType::organisation;
    m.nominal = definite && !f.has_name;
    std::size_t s = a;
    while (s < b && lex_.determiners.count(t[s].low)) ++s;
    m.name = join_tokens(d_.text, t, s, b);
    m.key = "o:" + lower(m.name);
    m.role = m.head;
    return;
  }
  m.type = SourceType::anonymous_person;
  m.anonymous = true;
  m.nominal = definite && b - a <= 2;
  m.name = text;
  if (!m.name.empty() && t[a].cap && lex_.determiners.count(t[a].low)) {
    // "A Japanese government source" at a sentence start: canonical lower-case article
    m.name[0] = static_cast<char>(m.name[0] - 'A' + 'a');
  }
  m.key = "a:" + lower(text);
  std::string role;
  for (std::size_t k = a; k < f.hb; ++k) {
    if (lex_.determiners.count(t[k].low) || f.place_tok[k - a] || t[k].low == "and"sv) continue;
    if (!role.empty()) role += ' ';
    role += std::string(d_.text.substr(t[k].s, t[k].e - t[k].s));
  }
  m.role = role;
}

// "the Freedonian Ministry of Harbours", "Harbour Board": a named organisation (or medium).
void SpeakerBuilder::organisation(std::size_t a, std::size_t b, const Facts& f, Mention& m) const {
  m.type = f.media_head && !f.org_head ? SourceType::document : SourceType::organisation;
  std::size_t s = a;
  while (s < b && lex_.determiners.count(t[s].low)) ++s;
  m.name = strip_possessive(join_tokens(d_.text, t, s, b));
  // Key: from the first organisation word on ("Ministry of National Defense").
  std::size_t k0 = s;
  for (std::size_t k = s; k < b; ++k)
    if (lex_.organisation_heads.count(t[k].low) || lex_.media_heads.count(t[k].low)) { k0 = k; break; }
  // Words before the organisation word that are not places belong to the name too.
  while (k0 > s && !f.place_tok[k0 - 1 - a] && t[k0 - 1].cap && !(t[k0 - 1].low.size() > 2 && t[k0 - 1].low.back() == 's' && (t[k0 - 1].low[t[k0 - 1].low.size() - 2] == '\''))) --k0;
  m.key = "o:" + lower(join_tokens(d_.text, t, k0, b));
  m.role = "organisation";
  m.nominal = false;
}

// "Harbour master Ida Roos", "Roos": a named person; the words around the name are the role.
void SpeakerBuilder::named_person(std::size_t a, std::size_t b, const Facts& f, Mention& m) const {
  m.type = SourceType::named_person;
  m.name = join_tokens(d_.text, t, f.name_a, f.name_b);
  m.name = strip_possessive(m.name);
  m.key = "p:" + lower(std::string(d_.text.substr(t[f.name_b - 1].s, t[f.name_b - 1].e - t[f.name_b - 1].s)));
  std::string role;
  for (std::size_t k = a; k < b; ++k) {
    if (k >= f.name_a && k < f.name_b) continue;
    if (lex_.determiners.count(t[k].low) && k == a) continue;
    if (t[k].kind != TK::word) { if (!role.empty() && t[k].low == ","sv) continue; }
    if (!role.empty()) role += ' ';
    role += std::string(d_.text.substr(t[k].s, t[k].e - t[k].s));
  }
  m.role = role;
}

bool official_role(const Lexicon& lex, const std::string& role) {
  const std::string r = lower(role);
  for (const auto& w : lex.words.official_roles)
    if (r.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace framelens::quotes_detail
