// Canonical speakers: within a document, a surname used alone joins the full name and
// organisations sharing "Ministry of …" merge, and speakers no quote refers to are dropped; across a
// corpus, a surname used alone takes the unique full name used elsewhere.
#include <algorithm>
#include <unordered_map>

#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

namespace {

// Persons named by surname only join the full name of the document ("Holm" = "Greta Holm").
void surname_remap(const QuoteResult& res, std::vector<int>& remap) {
  std::unordered_map<std::string, std::size_t> full_by_last;
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    const auto& s = res.speakers[i];
    if (s.type != SourceType::named_person || s.name.find(' ') == std::string::npos) continue;
    full_by_last.emplace(lower(s.name.substr(s.name.rfind(' ') + 1)), i);
  }
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    const auto& s = res.speakers[i];
    if (s.type != SourceType::named_person) continue;
    auto it = full_by_last.find(lower(s.name.substr(s.name.rfind(' ') == std::string::npos ? 0 : s.name.rfind(' ') + 1)));
    if (it != full_by_last.end() && it->second != i) remap[i] = static_cast<int>(it->second);
  }
}

// Organisations that share the part from the organisation word on are one organisation
// ("the Freedonian Ministry of Harbours" = "Freedonia's Ministry of Harbours").
void organisation_remap(const QuoteResult& res, const Lexicon& lex, std::vector<int>& remap) {
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    if (remap[i] >= 0 || res.speakers[i].type != SourceType::organisation) continue;
    const std::string ni = lower(res.speakers[i].name);
    for (std::size_t j = 0; j < i; ++j) {
      if (remap[j] >= 0 || res.speakers[j].type != SourceType::organisation) continue;
      const std::string nj = lower(res.speakers[j].name);
      auto tail = [&lex](const std::string& s) {
        for (const auto& w : lex.words.organisation_words) {
          auto p = s.find(w);
          if (p != std::string::npos) return s.substr(p);
        }
        return std::string();
      };
      const std::string ti = tail(ni), tj = tail(nj);
      if (!ti.empty() && ti == tj && ti.find(" of ") != std::string::npos) {
        const auto& ai = res.speakers[i].affiliation;
        const auto& aj = res.speakers[j].affiliation;
        if (ai.empty() || aj.empty() || ai == aj) { remap[i] = static_cast<int>(j); break; }
      }
    }
  }
}

// Moves the mentions of every remapped speaker to its target and renumbers the quotes' speakers.
void apply_remap(QuoteResult& res, const std::vector<int>& remap) {
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    if (remap[i] < 0) continue;
    auto& to = res.speakers[static_cast<std::size_t>(remap[i])];
    auto& from = res.speakers[i];
    to.mentions.insert(to.mentions.end(), from.mentions.begin(), from.mentions.end());
    if (to.affiliation.empty()) to.affiliation = from.affiliation;
    if (to.role.empty()) to.role = from.role;
  }
  std::vector<int> newidx(res.speakers.size(), -1);
  std::vector<Speaker> kept;
  for (std::size_t i = 0; i < res.speakers.size(); ++i)
    if (remap[i] < 0) { newidx[i] = static_cast<int>(kept.size()); kept.push_back(std::move(res.speakers[i])); }
  for (std::size_t i = 0; i < remap.size(); ++i)
    if (remap[i] >= 0) newidx[i] = newidx[static_cast<std::size_t>(remap[i])];
  for (auto& q : res.quotes)
    if (q.speaker >= 0) q.speaker = newidx[static_cast<std::size_t>(q.speaker)];
  res.speakers = std::move(kept);
}

// Drop speakers no statement refers to (entities seen only as subjects of other verbs).
void drop_unused(QuoteResult& res) {
  std::vector<int> used(res.speakers.size(), 0);
  for (const auto& q : res.quotes) if (q.speaker >= 0) used[static_cast<std::size_t>(q.speaker)] = 1;
  std::vector<int> idx2(res.speakers.size(), -1);
  std::vector<Speaker> kept;
  for (std::size_t i = 0; i < res.speakers.size(); ++i)
    if (used[i]) { idx2[i] = static_cast<int>(kept.size()); kept.push_back(std::move(res.speakers[i])); }
  for (auto& q : res.quotes) if (q.speaker >= 0) q.speaker = idx2[static_cast<std::size_t>(q.speaker)];
  res.speakers = std::move(kept);
}

}  // namespace

void merge_document_speakers(QuoteResult& res, const Lexicon& lex) {
  std::vector<int> remap(res.speakers.size(), -1);
  surname_remap(res, remap);
  organisation_remap(res, lex, remap);
  bool any = false;
  for (int r : remap) any = any || r >= 0;
  if (any) apply_remap(res, remap);
  drop_unused(res);
  for (auto& s : res.speakers) std::sort(s.mentions.begin(), s.mentions.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
}

}  // namespace framelens::quotes_detail

namespace framelens {

void canonicalize_speakers(std::vector<QuoteResult>& results) {
  using quotes_detail::lower;
  // Surname -> distinct full names across the corpus; a lone surname takes the full name when unique.
  std::unordered_map<std::string, std::vector<std::string>> full;
  for (const auto& r : results)
    for (const auto& s : r.speakers) {
      if (s.type != SourceType::named_person) continue;
      const auto sp = s.name.rfind(' ');
      if (sp == std::string::npos) continue;
      auto& v = full[lower(s.name.substr(sp + 1))];
      if (std::find(v.begin(), v.end(), s.name) == v.end()) v.push_back(s.name);
    }
  for (auto& r : results)
    for (auto& s : r.speakers) {
      if (s.type != SourceType::named_person || s.name.find(' ') != std::string::npos) continue;
      auto it = full.find(lower(s.name));
      if (it != full.end() && it->second.size() == 1) s.name = it->second.front();
    }
}

std::vector<std::string> canonical_names(const std::vector<std::string>& full_names, const std::vector<std::string>& names) {
  std::vector<QuoteResult> one(1);
  for (const auto* list : {&full_names, &names})
    for (const auto& n : *list) {
      Speaker s;
      s.name = n;
      s.type = SourceType::named_person;
      one[0].speakers.push_back(std::move(s));
    }
  canonicalize_speakers(one);
  std::vector<std::string> out;
  out.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) out.push_back(std::move(one[0].speakers[full_names.size() + i].name));
  return out;
}

}  // namespace framelens
