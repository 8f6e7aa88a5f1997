// Sourcing: who each outlet lets speak. The quotes come from exactly the extractor Corpus.quotes() uses
// (or from a user's quote table); per outlet: how many, whose, named or anonymous, direct or reported,
// with which cues, and the speakers only one outlet of a story quotes.
#include "compare/sourcing.hpp"

#include "framelens/compare_partial.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

QuoteRecord record(const Document& doc, std::size_t i, const Quote& q, const QuoteResult& r) {
  const std::string_view text = doc.text;
  QuoteRecord st;
  st.document = i;
  st.span = q.content();
  st.kind = to_string(q.kind);
  if (q.contents.size() > 1)  // one piece: the text of the span, read from the document when needed
    for (const auto& c : q.contents) {
      if (!st.text.empty()) st.text.push_back(' ');
      st.text.append(text.substr(c.start, c.size()));
    }
  if (q.cue.end > q.cue.start) st.cue = text.substr(q.cue.start, q.cue.size());
  if (q.mention.end > q.mention.start) st.mention = text.substr(q.mention.start, q.mention.size());
  st.confidence = q.confidence;
  if (q.speaker >= 0 && static_cast<std::size_t>(q.speaker) < r.speakers.size()) {
    const auto& sp = r.speakers[static_cast<std::size_t>(q.speaker)];
    st.speaker = sp.name;
    st.anonymous = sp.anonymous;
    st.affiliation = sp.affiliation;
    st.role = sp.role;
    st.source_type = to_string(sp.type);
  }
  return st;
}

// Each document's extraction, by the extractor of its language (documents without one: no quotes), from
// `segments` when given.
std::vector<QuoteResult> extract_documents(const Corpus& corpus,
                                           const std::map<std::string, const QuoteExtractor*>& extractors, int threads,
                                           const detail::Segments* segments) {
  const std::size_t n = corpus.size();
  std::map<std::string, std::unique_ptr<QuoteExtractor>> built;
  std::vector<const QuoteExtractor*> of_doc(n, nullptr);
  std::map<std::string, const QuoteExtractor*> by_lang = extractors;
  const auto every = extractors.find("*");  // one extractor for every language not listed
  for (std::size_t i = 0; i < n; ++i) {
    std::string lang(corpus[i].get("lang"));
    if (lang.empty()) lang = "en";
    auto it = by_lang.find(lang);
    if (it == by_lang.end() && every != extractors.end()) it = by_lang.emplace(lang, every->second).first;
    if (it == by_lang.end()) {
      std::unique_ptr<QuoteExtractor> ex;
      try {
        ex = std::make_unique<QuoteExtractor>(lang);
      } catch (const InvalidArgument&) {
        // no cue lexicon for this language: its documents contribute no quotes
      }
      it = by_lang.emplace(lang, ex.get()).first;
      built.emplace(lang, std::move(ex));
    }
    of_doc[i] = it->second;
  }
  std::vector<QuoteResult> results(n);
  detail::parallel_for(n, resolve_threads(threads), 2, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      if (!of_doc[i]) continue;
      results[i] = segments ? of_doc[i]->extract(corpus[i], segments->paragraphs(i), segments->sentences(i))
                            : of_doc[i]->extract(corpus[i]);
    }
  });
  return results;
}

// Each document's records at its place in the output (documents in parallel; the order is the corpus's).
std::vector<QuoteRecord> records_of(const Corpus& corpus, std::vector<QuoteResult>& results, int threads) {
  const std::size_t n = corpus.size();
  std::vector<std::size_t> first(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) first[i + 1] = first[i] + results[i].quotes.size();
  std::vector<QuoteRecord> out(first[n]);
  detail::parallel_for(n, resolve_threads(threads), 16, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      for (std::size_t j = 0; j < results[i].quotes.size(); ++j)
        out[first[i] + j] = record(corpus[i], i, results[i].quotes[j], results[i]);
      results[i] = QuoteResult{};  // each document's extraction freed once recorded
    }
  });
  return out;
}

// The records of the documents' extractions, speakers canonical (against `full_names` too).
std::vector<QuoteRecord> records(const Corpus& corpus, std::vector<QuoteResult> results, int threads,
                                 const std::vector<std::string>& full_names) {
  // A corpus in pieces (compare_partial.hpp): the whole corpus's full names, as one more result.
  if (!full_names.empty()) {
    results.emplace_back();
    for (const auto& name : full_names) {
      Speaker s;
      s.name = name;
      s.type = SourceType::named_person;
      results.back().speakers.push_back(std::move(s));
    }
  }
  canonicalize_speakers(results);
  results.resize(corpus.size());
  return records_of(corpus, results, threads);
}

}  // namespace

std::vector<QuoteRecord> quote_records(const Corpus& corpus, const std::map<std::string, const QuoteExtractor*>& extractors,
                                       int threads) {
  return quote_records(corpus, extractors, threads, {});
}

std::vector<QuoteRecord> quote_records(const Corpus& corpus, const std::map<std::string, const QuoteExtractor*>& extractors,
                                       int threads, const std::vector<std::string>& full_names) {
  return records(corpus, extract_documents(corpus, extractors, threads, nullptr), threads, full_names);
}

std::vector<QuoteRecord> detail::quote_records(const Corpus& corpus, const Segments& segments,
                                               const std::map<std::string, const QuoteExtractor*>& extractors, int threads,
                                               const std::vector<std::string>& full_names) {
  return records(corpus, extract_documents(corpus, extractors, threads, &segments), threads, full_names);
}

std::vector<QuoteRecord> document_quote_records(const Corpus& corpus,
                                                const std::map<std::string, const QuoteExtractor*>& extractors, int threads) {
  std::vector<QuoteResult> results = extract_documents(corpus, extractors, threads, nullptr);
  return records_of(corpus, results, threads);
}

std::vector<QuoteRecord> detail::document_quote_records(const Corpus& corpus, const Segments& segments,
                                                        const std::map<std::string, const QuoteExtractor*>& extractors,
                                                        int threads) {
  std::vector<QuoteResult> results = extract_documents(corpus, extractors, threads, &segments);
  return records_of(corpus, results, threads);
}

void canonicalize_records(std::vector<QuoteRecord>& records, const std::vector<std::string>& full_names) {
  const auto lone = [](const QuoteRecord& q) {
    return q.source_type == "named_person" && !q.speaker.empty() && q.speaker.find(' ') == std::string::npos;
  };
  std::map<std::string, std::size_t> at;  // each lone name once
  std::vector<std::string> names;
  for (const auto& q : records)
    if (lone(q) && at.emplace(q.speaker, names.size()).second) names.push_back(q.speaker);
  if (names.empty()) return;
  const std::vector<std::string> canonical = canonical_names(full_names, names);
  for (auto& q : records)
    if (lone(q)) q.speaker = canonical[at.at(q.speaker)];
}

Table quote_table(const Corpus& corpus, const std::vector<QuoteRecord>& quotes, const std::vector<std::string>& outlets,
                  const std::vector<std::string>& stories, int threads) {
  Table t;
  for (const char* c : {"document"}) t.add(c, ColumnType::int64);
  for (const char* c : {"id", "outlet", "story", "kind", "text", "speaker", "mention", "cue", "source_type"})
    t.add(c, ColumnType::string);
  t.add("anonymous", ColumnType::boolean);
  for (const char* c : {"role", "affiliation"}) t.add(c, ColumnType::string);
  for (const char* c : {"start", "end"}) t.add(c, ColumnType::int64);
  t.add("confidence", ColumnType::float64);
  // Code point offsets, one conversion per document.
  std::vector<std::vector<std::size_t>> by_doc(corpus.size());
  for (std::size_t k = 0; k < quotes.size(); ++k) {
    const auto& q = quotes[k];
    if (q.document >= corpus.size())
      throw InvalidArgument("quotes: quote " + std::to_string(k) + " refers to document " + std::to_string(q.document) +
                            " but the corpus has " + std::to_string(corpus.size()));
    if (q.span.start > q.span.end || q.span.end > corpus[q.document].text.size())
      throw InvalidArgument("quotes: quote " + std::to_string(k) + " spans [" + std::to_string(q.span.start) + ", " +
                            std::to_string(q.span.end) + ") outside document " + std::to_string(q.document));
    by_doc[q.document].push_back(k);
  }
  std::vector<std::size_t> start(quotes.size()), end(quotes.size());
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    if (by_doc[i].empty()) continue;
    std::vector<std::size_t> bytes;
    for (auto k : by_doc[i]) { bytes.push_back(quotes[k].span.start); bytes.push_back(quotes[k].span.end); }
    const auto cps = utf8::to_codepoints(corpus[i].text, bytes);
    for (std::size_t j = 0; j < by_doc[i].size(); ++j) {
      start[by_doc[i][j]] = cps[2 * j];
      end[by_doc[i][j]] = cps[2 * j + 1];
    }
  }
  // Column by column, the columns side by side (each interns its own strings).
  const auto& doc = [&](std::size_t k) -> const Document& { return corpus[quotes[k].document]; };
  const std::vector<std::function<void(Column&)>> fill = {
      [&](Column& c) { for (const auto& q : quotes) c.push(static_cast<std::int64_t>(q.document)); },
      [&](Column& c) { for (std::size_t k = 0; k < quotes.size(); ++k) c.push(std::string_view(doc(k).id)); },
      [&](Column& c) {
        for (std::size_t k = 0; k < quotes.size(); ++k)
          c.push(std::string_view(outlets.empty() ? doc(k).outlet : outlets[quotes[k].document]));
      },
      [&](Column& c) {
        for (const auto& q : quotes) c.push(stories.empty() ? std::string_view() : std::string_view(stories[q.document]));
      },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.kind)); },
      [&](Column& c) {
        for (std::size_t k = 0; k < quotes.size(); ++k) {
          const auto& q = quotes[k];
          c.push(q.text.empty() ? std::string_view(doc(k).text).substr(q.span.start, q.span.size()) : std::string_view(q.text));
        }
      },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.speaker)); },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.mention)); },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.cue)); },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.source_type)); },
      [&](Column& c) { for (const auto& q : quotes) c.push(q.anonymous); },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.role)); },
      [&](Column& c) { for (const auto& q : quotes) c.push(std::string_view(q.affiliation)); },
      [&](Column& c) { for (std::size_t k = 0; k < quotes.size(); ++k) c.push(static_cast<std::int64_t>(start[k])); },
      [&](Column& c) { for (std::size_t k = 0; k < quotes.size(); ++k) c.push(static_cast<std::int64_t>(end[k])); },
      [&](Column& c) { for (const auto& q : quotes) c.push(q.confidence); },
  };
  auto& cols = t.columns();  // in the order added above
  detail::parallel_for(cols.size(), resolve_threads(threads), 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t k = b; k < e; ++k) {
      cols[k].reserve(quotes.size());
      fill[k](cols[k]);
      cols[k].seal();
    }
  });
  t.seal();
  return t;
}

}  // namespace framelens

namespace framelens::detail {
namespace {

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void set_quote_stories(Table& quotes, const CompareContext& ctx) {
  Column story;
  story.name = "story";
  story.type = ColumnType::string;
  const auto& document = quotes.ints("document");
  story.reserve(document.size());
  for (const auto i : document) story.push(std::string_view(ctx.stories[ctx.story_of[static_cast<std::size_t>(i)]]));
  story.seal();
  quotes.column("story") = std::move(story);
}

Sourcing sourcing(const CompareContext& ctx, const QuoteRows& quotes, const std::vector<double>& quoted_words) {
  const std::size_t G = ctx.n_outlets(), n = ctx.corpus.size();
  Sourcing s;
  s.outlets.resize(G);
  std::vector<std::vector<std::uint32_t>> by_doc(n);  // each document's quotes, in the order of their start
  for (std::size_t k = 0; k < quotes.size(); ++k) by_doc[quotes.document(k)].push_back(static_cast<std::uint32_t>(k));
  std::vector<std::vector<std::uint32_t>> of_outlet(G);
  for (std::size_t i = 0; i < n; ++i) of_outlet[ctx.outlet_of[i]].push_back(static_cast<std::uint32_t>(i));
  // Outlets side by side, each over its documents in corpus order (so the sums do not depend on threads).
  struct Quoted {
    std::uint32_t story;
    std::string_view speaker;
    std::uint32_t outlet;
  };
  std::vector<std::vector<Quoted>> quoted_in(G);  // (story, speaker) of each attributed quote
  std::vector<std::string_view> first(n);
  std::vector<std::set<std::string>> named(G);
  std::vector<double> attributed(G), named_n(G), anonymous(G), direct(G), indirect(G), quoted(G);
  parallel_for(G, ctx.threads, 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::uint32_t g = static_cast<std::uint32_t>(b); g < e; ++g) {
      auto& o = s.outlets[g];
      for (const std::uint32_t i : of_outlet[g]) {
        auto& list = by_doc[i];
        std::stable_sort(list.begin(), list.end(), [&](auto x, auto y) { return quotes.start(x) < quotes.start(y); });
        for (const auto k : list) {
          const std::string_view kind = quotes.kind(k), speaker = quotes.speaker(k);
          o.quotes += 1;
          o.counts["kind"][kind.empty() ? "unknown" : std::string(kind)] += 1;
          if (!quotes.attributed(k)) continue;
          attributed[g] += 1;
          (quotes.anonymous(k) ? anonymous : named_n)[g] += 1;
          if (quotes.verbatim(k)) direct[g] += 1;
          else if (kind == "indirect") indirect[g] += 1;
          if (first[i].empty()) first[i] = speaker;
          if (!quotes.cue(k).empty()) o.counts["cue"][lower_ascii(std::string(quotes.cue(k)))] += 1;
          if (!quotes.source_type(k).empty()) o.counts["source_type"][std::string(quotes.source_type(k))] += 1;
          if (!quotes.affiliation(k).empty()) o.counts["affiliation"][std::string(quotes.affiliation(k))] += 1;
          o.counts["speaker"][std::string(speaker)] += 1;
          if (!quotes.anonymous(k)) named[g].emplace(speaker);
          quoted_in[g].push_back({ctx.story_of[i], speaker, g});
        }
        quoted[g] += quoted_words[i];
      }
    }
  });
  for (std::size_t i = 0; i < n; ++i) s.first_quoted.push_back({ctx.outlet_of[i], i, std::string(first[i])});
  // Exclusive speakers: a (story, speaker) only one outlet quotes, in a story two or more outlets cover.
  std::vector<Quoted> all;
  for (auto& v : quoted_in) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end(), [](const Quoted& x, const Quoted& y) {
    return x.story != y.story ? x.story < y.story : x.speaker != y.speaker ? x.speaker < y.speaker : x.outlet < y.outlet;
  });
  std::vector<std::set<std::string>> exclusive(G);
  for (std::size_t a = 0, e = 0; a < all.size(); a = e) {
    bool one = true;
    for (e = a + 1; e < all.size() && all[e].story == all[a].story && all[e].speaker == all[a].speaker; ++e)
      one = one && all[e].outlet == all[a].outlet;
    if (one && ctx.story_outlets[all[a].story].size() >= 2) exclusive[all[a].outlet].emplace(all[a].speaker);
  }
  // Speakers both outlets quote: from each speaker's outlets (not outlets x outlets x speakers).
  s.speaker_overlap.assign(G * G, 0.0);
  std::map<std::string_view, std::vector<std::uint32_t>> quoted_by;
  for (std::uint32_t g = 0; g < G; ++g)
    for (const auto& sp : named[g]) quoted_by[sp].push_back(g);
  for (const auto& [speaker, outs] : quoted_by)
    for (const auto a : outs)
      for (const auto b : outs) s.speaker_overlap[a * G + b] += 1;
  for (std::size_t g = 0; g < G; ++g) {
    auto& o = s.outlets[g];
    const double att = attributed[g];
    o.speakers = named[g].size();
    o.named_share = att > 0 ? named_n[g] / att : 0;
    o.anonymous_share = att > 0 ? anonymous[g] / att : 0;
    o.direct_share = att > 0 ? direct[g] / att : 0;
    o.indirect_share = att > 0 ? indirect[g] / att : 0;
    o.quoted_words = quoted[g];
    o.exclusive.assign(exclusive[g].begin(), exclusive[g].end());
  }
  return s;
}

}  // namespace framelens::detail
