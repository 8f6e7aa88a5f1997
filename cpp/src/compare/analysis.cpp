// The one pass over the documents (text.hpp: the Tokenizer's tokens, sentences, capitalised-name
// entities). Every document is tokenized once, and from its tokens come the count matrix's rows (dtm()
// with the comparison's token options, assembled by dtm()'s own code), the story vectors
// (group_stories()), content terms per sentence, frame scores, actor-label counts and the words inside
// quotes.
#include <algorithm>

#include "compare/context.hpp"
#include "compare/stories_detail.hpp"
#include "compare/terms.hpp"
#include "framelens/error.hpp"
#include "framelens/text.hpp"
#include "matrix/dtm_assemble.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

// Actor labels by their first word (count_labels looks a word up once per term id).
struct LabelIndex {
  Vocabulary first_words{64};
  std::vector<std::vector<std::uint32_t>> labels;  // per first word: label indices, longest first
  void add(std::string_view first, std::uint32_t label) {
    const std::uint32_t id = first_words.insert(first);
    if (id == labels.size()) labels.emplace_back();
    labels[id].push_back(label);
  }
};

constexpr std::uint32_t kUnknownLabel = 0xFFFFFFFFu;

bool possessive(std::string_view norm) { return norm.size() > 2 && norm.compare(norm.size() - 2, 2, "'s") == 0; }

bool is_word(TokenKind kind) {
  return kind == TokenKind::word || kind == TokenKind::number || kind == TokenKind::ideographic || kind == TokenKind::kana;
}

// What every document's pass shares (read-only).
struct Shared {
  const Tokenizer& all;        // every word: sentence lengths, names, frame phrases and labels need them
  const Tokenizer& counted;    // the comparison's token options: which tokens the count matrix counts
  const Vocabulary* given;     // with n-gram options: the separately built count matrix's terms, else null
  const FrameLexicon& lexicon;
  const std::vector<ActorLabel>& labels;
  const LabelIndex& by_first;
  const StoryOptions* stories;  // non-null: count the story vectors too
  const std::vector<std::vector<Span>>& quotes;  // per document: spans of its direct/partial attributed quotes
  const Segments& segments;                       // the documents' sentences
};

// Per worker: the tokens' vocabulary and cache, which of its terms are counted, and scratch.
struct Worker {
  TermCache cache;
  DocumentText text;
  std::vector<std::int8_t> counted;    // local id -> 1 counted, 0 not, -1 not yet known
  std::vector<std::uint32_t> counts;   // local id -> count in the current document (zero between documents)
  std::vector<std::uint32_t> df;       // local id -> documents of this worker that count it
  std::vector<std::uint32_t> touched;
  StoryCounter story;
  FrameMemo frames;
  std::vector<std::uint32_t> word_ids;  // term id of every word of the current document
  std::vector<std::uint32_t> label_first;  // term id -> actor labels starting with it (count_labels)
  Vocabulary names{1024};               // the names this worker met (DocAnalysis::names hold its ids until remapped)
};

std::string_view strip_possessive(std::string_view w) { return possessive(w) ? w.substr(0, w.size() - 2) : w; }

// Counts non-overlapping label occurrences, longest label first at each position ("Pyongyang's" counts
// for "Pyongyang"). A word's candidate labels are looked up once per term id (`first`: per id, 1 + its
// entry in by_first, 0 for none, or unknown past its end).
void count_labels(const std::vector<std::string_view>& words, const std::vector<std::uint32_t>& ids,
                  const std::vector<ActorLabel>& labels, const LabelIndex& by_first, std::vector<std::uint32_t>& first,
                  DocAnalysis& d) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> found;  // (label, 1) per occurrence
  std::size_t k = 0;
  while (k < words.size()) {
    std::size_t step = 1;
    const std::uint32_t id = ids[k];
    if (id >= first.size()) {
      const std::size_t known = first.size();
      first.resize(std::max<std::size_t>(id + 1, 2 * known), kUnknownLabel);
    }
    if (first[id] == kUnknownLabel) {
      const std::uint32_t entry = by_first.first_words.find(strip_possessive(words[k]));
      first[id] = entry == Vocabulary::npos ? 0 : entry + 1;
    }
    if (first[id] != 0)
      for (const std::uint32_t l : by_first.labels[first[id] - 1]) {
        const auto& lw = labels[l].words;
        if (k + lw.size() > words.size()) continue;
        bool ok = true;
        for (std::size_t m = 1; m < lw.size() && ok; ++m) ok = strip_possessive(words[k + m]) == lw[m];
        if (!ok) continue;
        found.emplace_back(l, 1);
        step = lw.size();
        break;
      }
    k += step;
  }
  std::sort(found.begin(), found.end());
  d.labels.clear();
  for (const auto& [l, one] : found) {
    if (!d.labels.empty() && d.labels.back().first == l) d.labels.back().second += one;
    else d.labels.emplace_back(l, one);
  }
}

// Whether the count matrix counts token k of the worker's current document.
bool is_counted(const Shared& sh, Worker& w, std::size_t k) {
  const auto& tok = w.text.tokens;
  const std::uint32_t id = tok.terms[k];
  if (w.counted.size() <= id) w.counted.resize(w.cache.vocabulary().size() + 1024, -1);
  if (w.counted[id] < 0) {
    const std::string_view term = w.cache.vocabulary().term(id);
    w.counted[id] = sh.given ? sh.given->find(term) != Vocabulary::npos : sh.counted.keeps(term);
  }
  return w.counted[id] && (sh.given || sh.counted.keeps(tok.kinds[k]));
}

// Words inside each quote span: tokens wholly inside it, by binary search over the token spans.
double quoted_words(const TokenArrays& tok, const std::vector<Span>& quotes) {
  double n = 0;
  for (const Span& q : quotes) {
    const auto first = std::lower_bound(tok.spans.begin(), tok.spans.end(), q.start,
                                        [](const Span& s, std::size_t at) { return s.start < at; });
    for (auto it = first; it != tok.spans.end() && it->start < q.end; ++it)
      n += it->end <= q.end && is_word(tok.kinds[static_cast<std::size_t>(it - tok.spans.begin())]);
  }
  return n;
}

// Sentences, words and the content terms per sentence (local ids); the row of the count matrix.
void read_terms(const Shared& sh, Worker& w, DocAnalysis& d, LocalCounts& row, std::vector<std::string_view>& words) {
  const auto& tok = w.text.tokens;
  const Vocabulary& vocabulary = w.cache.vocabulary();
  if (w.counts.size() < vocabulary.size()) {
    w.counts.resize(vocabulary.size() + vocabulary.size() / 2 + 1024, 0);
    w.df.resize(w.counts.size(), 0);
  }
  d.sentences = w.text.sentences;
  d.sentence_words.assign(d.sentences.size(), 0);
  // Tokens come in text order, so their sentences never go back: each sentence's terms are appended in
  // one run, and term_start counts them.
  d.term_start.assign(d.sentences.size() + 1, 0);
  w.touched.clear();
  w.word_ids.clear();
  for (std::size_t k = 0; k < tok.size(); ++k) {
    const std::uint32_t id = tok.terms[k];
    const bool count = is_counted(sh, w, k);
    if (count && w.counts[id]++ == 0) w.touched.push_back(id);
    if (!is_word(tok.kinds[k])) continue;
    ++d.words;
    words.push_back(vocabulary.term(id));
    w.word_ids.push_back(id);
    if (d.sentences.empty()) continue;
    const auto s = w.text.token_sentence[k];
    ++d.sentence_words[s];
    if (count) {
      d.terms.push_back(id);
      ++d.term_start[s + 1];
    }
  }
  for (std::size_t s = 0; s + 1 < d.term_start.size(); ++s) d.term_start[s + 1] += d.term_start[s];
  row.entries.clear();
  row.entries.reserve(w.touched.size());
  for (const std::uint32_t id : w.touched) {
    row.entries.emplace_back(id, w.counts[id]);
    w.counts[id] = 0;
    ++w.df[id];
  }
}

void read_one(const Shared& sh, std::size_t i, const Document& doc, Worker& w, DocAnalysis& d, LocalCounts& row,
              std::vector<std::pair<std::uint32_t, float>>& story_row, double& quoted) {
  analyse(doc, sh.segments.sentences(i), sh.all, w.cache, w.text);
  if (sh.stories) story_counts(w.text, w.cache.vocabulary(), sh.stories->entity_weight, w.story, story_row);
  std::vector<std::string_view> words;
  words.reserve(w.text.tokens.size());
  read_terms(sh, w, d, row, words);
  d.names.reserve(w.text.entities.size());
  for (const Entity& e : w.text.entities) d.names.push_back({w.names.insert(e.text), e.sentence, e.span.start});
  if (!sh.labels.empty()) count_labels(words, w.word_ids, sh.labels, sh.by_first, w.label_first, d);
  auto scores = sh.lexicon.score(words, w.word_ids, w.frames);
  d.frame_weight = std::move(scores.weight);
  d.frame_value = std::move(scores.value);
  d.frame_tokens = scores.tokens;
  d.frame_hits = std::move(scores.matches);
  quoted = quoted_words(w.text.tokens, sh.quotes[i]);
}

bool same_tokens(const TokenOptions& a, const TokenOptions& b) {
  return a.mode == b.mode && a.case_fold == b.case_fold && a.nfkc == b.nfkc && a.unify_quotes == b.unify_quotes &&
         a.keep_numbers == b.keep_numbers && a.keep_punct == b.keep_punct && a.keep_symbols == b.keep_symbols &&
         a.remove_stopwords == b.remove_stopwords && a.stopwords == b.stopwords && a.min_length == b.min_length &&
         a.ngram_min == b.ngram_min && a.ngram_max == b.ngram_max && a.fast_path == b.fast_path;
}

}  // namespace

std::vector<ActorLabel> actor_labels(const std::map<std::string, std::vector<std::string>>& actors,
                                     const Tokenizer& tokenizer) {
  std::vector<ActorLabel> out;
  for (const auto& [actor, ls] : actors)
    for (const auto& l : ls) {
      ActorLabel x{actor, l, {}};
      for (auto& t : tokenizer.tokenize(l)) x.words.push_back(std::move(t.text));
      if (x.words.empty()) throw InvalidArgument("compare: actor '" + actor + "' has an empty label");
      out.push_back(std::move(x));
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const ActorLabel& a, const ActorLabel& b) { return a.words.size() > b.words.size(); });
  return out;
}

void drop_sentence_terms(std::vector<DocAnalysis>& docs) {
  for (auto& d : docs) {
    std::vector<std::uint32_t>().swap(d.term_start);
    std::vector<std::uint32_t>().swap(d.terms);
  }
}

std::vector<std::vector<Span>> quote_spans(std::size_t documents, const std::vector<QuoteRecord>& quotes) {
  std::vector<std::vector<Span>> out(documents);
  for (const auto& q : quotes)
    if (q.document < documents && is_attributed(q) && is_verbatim(q))
      out[q.document].push_back(q.span);
  return out;
}

DocumentPass read_documents(CompareContext& ctx, const Segments& segments, const FrameLexicon& lexicon,
                            const std::vector<ActorLabel>& labels, const std::vector<std::vector<Span>>& quotes,
                            const StoryOptions* story_options) {
  const TokenOptions& counted_options = ctx.options.tokens;
  const TokenOptions every = every_word(counted_options);
  const Tokenizer all(every), counted(counted_options);
  const std::size_t n = ctx.corpus.size();
  DocumentPass out;
  // n-grams are not in the pass's tokens: count them with dtm() and look the unigrams up in its terms.
  const bool ngrams = counted_options.ngram_max > 1;
  Vocabulary given;
  if (ngrams) {
    out.counts = count_terms(ctx.corpus, counted_options, static_cast<int>(ctx.threads));
    for (const auto& t : out.counts.terms) given.insert(t);
  }
  // The story vectors need the default tokens (group_stories()); other options group separately.
  const bool stories_here = story_options && same_tokens(every, TokenOptions{});
  LabelIndex by_first;  // keys view the labels' own words, which outlive it
  for (std::uint32_t l = 0; l < labels.size(); ++l) by_first.add(labels[l].words[0], l);
  const Shared sh{all, counted, ngrams ? &given : nullptr, lexicon, labels, by_first,
                  stories_here ? story_options : nullptr, quotes, segments};
  out.docs.resize(n);
  out.quoted_words.assign(n, 0.0);
  std::vector<LocalCounts> rows(n);
  StoryRows story;
  if (stories_here) {
    story.rows.resize(n);
    story.day.resize(n);
    story.owner.assign(n, 0);
  }
  std::vector<Worker> workers(ctx.threads);
  parallel_for(n, ctx.threads, 8, [&](std::size_t b, std::size_t e, unsigned t) {
    std::vector<std::pair<std::uint32_t, float>> none;
    for (std::size_t i = b; i < e; ++i) {
      rows[i].worker = t;
      read_one(sh, i, ctx.corpus[i], workers[t], out.docs[i], rows[i], stories_here ? story.rows[i] : none,
               out.quoted_words[i]);
      if (stories_here) {
        story.owner[i] = t;
        story.day[i] = story_day(ctx.corpus[i], *story_options);
      }
    }
  });
  // Local ids -> count-matrix columns.
  std::vector<std::vector<std::int32_t>> columns(workers.size());
  if (ngrams) {
    for (std::size_t t = 0; t < workers.size(); ++t) {
      const Vocabulary& v = workers[t].cache.vocabulary();
      columns[t].resize(v.size());
      for (std::uint32_t id = 0; id < v.size(); ++id) columns[t][id] = static_cast<std::int32_t>(given.find(v.term(id)));
    }
  } else {
    std::vector<const Vocabulary*> vocabularies;
    std::vector<const std::vector<std::uint32_t>*> dfs;
    for (const auto& w : workers) {
      vocabularies.push_back(&w.cache.vocabulary());
      dfs.push_back(&w.df);
    }
    DtmOptions o;
    o.tokens = counted_options;
    try {
      out.counts = assemble_dtm(ctx.corpus, o, vocabularies, dfs, rows, ctx.threads, &columns);
    } catch (const InvalidArgument&) {
      out.counts = empty_counts(n);  // no document holds a counted term: nothing to remap either
    }
  }
  parallel_for(n, ctx.threads, 64, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i)
      for (auto& id : out.docs[i].terms) id = static_cast<std::uint32_t>(columns[rows[i].worker][id]);
  });
  // The workers' names -> one vocabulary of names, numbered in order of first mention in the corpus (not
  // by which worker read what).
  std::vector<std::vector<std::uint32_t>> names(workers.size());
  for (std::size_t t = 0; t < workers.size(); ++t) names[t].assign(workers[t].names.size(), Vocabulary::npos);
  for (std::size_t i = 0; i < n; ++i)
    for (auto& m : out.docs[i].names) {
      auto& global = names[rows[i].worker][m.name];
      if (global == Vocabulary::npos) global = ctx.names.insert(workers[rows[i].worker].names.term(m.name));
      m.name = global;
    }
  if (stories_here) {
    for (const auto& w : workers) story.vocabularies.push_back(&w.cache.vocabulary());
    out.stories = group_stories(ctx.corpus, *story_options, std::move(story));
  } else if (story_options) {
    out.stories = group_stories(ctx.corpus, *story_options);
  }
  return out;
}

}  // namespace framelens::detail
