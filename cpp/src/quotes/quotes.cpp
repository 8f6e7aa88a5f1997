// Quote extraction and speaker attribution (see framelens/quotes.hpp): the public API over the
// engine in this folder — tokens.cpp (tokens), pairing.cpp (quotation pairing), units.cpp
// (attribution units), cues.cpp (cue finding), mentions.cpp (mention parsing), attribution.cpp and
// unclaimed.cpp (attribution rules), speakers.cpp and resolution.cpp (speakers as entities),
// canonical.cpp (canonical names), quotes_lexicon.cpp (the language data).
#include "framelens/quotes.hpp"

#include <algorithm>
#include <tuple>
#include <nlohmann/json.hpp>

#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "quotes/boundaries.hpp"
#include "quotes/engine.hpp"
#include "quotes/speaker_choice.hpp"
#include "quotes/statements.hpp"
#include "util/parallel.hpp"

namespace framelens {

const char* to_string(QuoteKind k) noexcept {
  switch (k) {
    case QuoteKind::direct: return "direct";
    case QuoteKind::partial: return "partial";
    case QuoteKind::indirect: return "indirect";
    case QuoteKind::scare: return "scare";
    case QuoteKind::attitude: return "attitude";
  }
  return "indirect";
}

const char* to_string(SourceType t) noexcept {
  switch (t) {
    case SourceType::none: return "none";
    case SourceType::named_person: return "named_person";
    case SourceType::anonymous_person: return "anonymous_person";
    case SourceType::organisation: return "organisation";
    case SourceType::document: return "document";
  }
  return "none";
}

Span Quote::content() const noexcept {
  if (contents.empty()) return {};
  return {contents.front().start, contents.back().end};
}


using quotes_detail::Extractor;
using quotes_detail::Lexicon;

namespace {

// The embedded data files named <prefix>…<suffix>, in name order.
std::vector<std::string_view> embedded_matching(std::string_view prefix, std::string_view suffix) {
  std::vector<std::string_view> out;
  for (auto n : data::embedded_names())
    if (n.size() > prefix.size() + suffix.size() && n.substr(0, prefix.size()) == prefix &&
        n.substr(n.size() - suffix.size()) == suffix)
      out.push_back(n);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

struct QuoteExtractor::Impl {
  std::string lang;
  QuoteOptions options;
  Lexicon lex;
  std::shared_ptr<const quotes_detail::BoundaryModel> model;  // null: the rules alone (the default)
};

QuoteExtractor::QuoteExtractor(std::string lang, QuoteOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->lang = lang;
  impl_->options = options;
  impl_->lex.lang = lang;
  const auto cues = data::embedded("lang/" + lang + "/cues.json");
  if (cues.empty()) {
    std::string have;  // every lang/<code>/cues.json
    for (auto n : embedded_matching("lang/", "/cues.json"))
      have += (have.empty() ? "" : ", ") + std::string(n.substr(5, n.size() - 15));
    throw InvalidArgument("no cue lexicon for language '" + lang + "' (available: " + have +
                          "); pass one of those, or start from 'en' and add cues with add_cues()");
  }
  if (lang != "en") {
    // Speaker vocabulary: English titles and heads (common in any news) plus the language's own.
    Lexicon en; en.lang = "en"; en.add_cues(data::embedded("lang/en/cues.json"));
    impl_->lex.titles = en.titles; impl_->lex.anonymous_heads = en.anonymous_heads;
    impl_->lex.organisation_heads = en.organisation_heads; impl_->lex.media_heads = en.media_heads;
    impl_->lex.document_heads = en.document_heads;
  }
  impl_->lex.add_cues(cues);
  // Further cue lists taken from a cited source (lang/<code>/cues_<source>.json, e.g. en/cues_verbnet.json),
  // in name order after cues.json, so a source's set can be measured and dropped as one file.
  for (auto n : embedded_matching("lang/" + lang + "/cues_", ".json")) impl_->lex.add_cues(data::embedded(n));
  // The language's word classes (lang/<code>/words.json: function words, time words, …).
  if (const auto words = data::embedded("lang/" + lang + "/words.json"); !words.empty()) impl_->lex.add_cues(words);
  impl_->lex.add_gazetteer(data::embedded("gazetteer.json"));
}

QuoteExtractor::~QuoteExtractor() = default;
QuoteExtractor::QuoteExtractor(const QuoteExtractor& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
QuoteExtractor& QuoteExtractor::operator=(const QuoteExtractor& o) {
  if (this != &o) impl_ = std::make_unique<Impl>(*o.impl_);
  return *this;
}
QuoteExtractor::QuoteExtractor(QuoteExtractor&&) noexcept = default;
QuoteExtractor& QuoteExtractor::operator=(QuoteExtractor&&) noexcept = default;

const std::string& QuoteExtractor::lang() const noexcept { return impl_->lang; }
const QuoteOptions& QuoteExtractor::options() const noexcept { return impl_->options; }

void QuoteExtractor::add_cues(std::string_view json) {
  Lexicon copy = impl_->lex;  // all or nothing
  try {
    copy.add_cues(json);
  } catch (const nlohmann::json::exception& e) {
    throw FormatError(std::string("the cue lexicon has an entry of the wrong shape (") + e.what() +
                      "); see cpp/data/lang/en/cues.json");
  }
  impl_->lex = std::move(copy);
}

void QuoteExtractor::add_gazetteer(std::string_view json) {
  Lexicon copy = impl_->lex;
  copy.add_gazetteer(json);
  impl_->lex = std::move(copy);
}

void QuoteExtractor::load_model(std::string_view model_text) {
  auto model = std::make_shared<quotes_detail::BoundaryModel>(quotes_detail::BoundaryModel::parse(model_text));
  if (model->lang != impl_->lang)
    throw InvalidArgument("the quote boundary model is for language '" + model->lang + "', the extractor for '" +
                          impl_->lang + "'; train one on '" + impl_->lang + "' texts");
  impl_->model = std::move(model);
}

bool QuoteExtractor::has_model() const noexcept { return impl_->model != nullptr; }

QuoteTraining QuoteExtractor::train_model(const std::vector<std::string>& texts, const std::vector<std::vector<Span>>& gold_contents,
                                          int epochs, int n_threads) const {
  if (texts.size() != gold_contents.size())
    throw InvalidArgument("train_model: " + std::to_string(texts.size()) + " texts but " +
                          std::to_string(gold_contents.size()) + " lists of annotated contents; give one list per text");
  std::vector<std::vector<AnnotatedQuote>> gold(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i)
    for (const Span& g : gold_contents[i]) gold[i].push_back({{g}, {}});
  return train_model_from_quotes(texts, gold, epochs, n_threads, TrainingParts{true, false});
}

namespace {

void check_spans(const std::string& text, std::size_t i, const std::vector<Span>& spans, const char* what) {
  for (const Span& g : spans)
    if (g.start > g.end || g.end > text.size())
      throw InvalidArgument("train_model: text " + std::to_string(i) + " has an annotated " + what + " [" + std::to_string(g.start) +
                            ", " + std::to_string(g.end) + ") outside its " + std::to_string(text.size()) + " bytes");
}

// The labelled decisions of one document: content boundaries and speaker choices.
struct Labelled {
  std::vector<std::pair<quotes_detail::BoundaryDecision, std::size_t>> boundaries;
  // (decision, the candidates right to learn towards, those the speaker figure counts right)
  std::vector<std::tuple<quotes_detail::SpeakerDecision, std::vector<bool>, std::vector<bool>>> speakers;
  std::vector<std::pair<quotes_detail::StatementDecision, std::vector<bool>>> statements;
};

Labelled label_document(const Extractor& rules, const Lexicon& lex, const std::string& text, const std::vector<AnnotatedQuote>& gold,
                        TrainingParts parts) {
  Labelled out;
  quotes_detail::DocState d;
  rules.attribute(d, text, nullptr, nullptr);
  if (parts.boundaries) {
    std::vector<Span> contents;
    for (const auto& q : gold) contents.insert(contents.end(), q.contents.begin(), q.contents.end());
    for (auto& dec : quotes_detail::boundary_decisions(d, lex)) {
      const Span piece = d.attrs[dec.attr].contents[dec.piece];
      const std::size_t g = quotes_detail::annotated_candidate(dec, piece, contents);
      if (g < dec.positions.size()) out.boundaries.emplace_back(std::move(dec), g);
    }
  }
  if (parts.statements) {
    std::vector<Span> contents;
    for (const auto& q : gold) contents.insert(contents.end(), q.contents.begin(), q.contents.end());
    for (auto& dec : quotes_detail::statement_decisions(d, rules)) {
      auto ok = quotes_detail::annotated_statement(dec, d, contents);
      if (!ok.empty()) out.statements.emplace_back(std::move(dec), std::move(ok));
    }
    // The speaker choice then learns on the statements a statement model adds, too.
    if (parts.speakers) quotes_detail::add_annotated_statements(d, out.statements);
  }
  if (parts.speakers) {
    for (auto& dec : quotes_detail::speaker_decisions(d, rules)) {
      std::vector<bool> counted;
      auto ok = quotes_detail::annotated_speakers(dec, d, gold, &counted);
      if (!ok.empty()) out.speakers.emplace_back(std::move(dec), std::move(ok), std::move(counted));
    }
  }
  return out;
}

}  // namespace

QuoteTraining QuoteExtractor::train_model_from_quotes(const std::vector<std::string>& texts, const std::vector<std::vector<AnnotatedQuote>>& gold,
                                          int epochs, int n_threads, TrainingParts parts) const {
  if (texts.size() != gold.size())
    throw InvalidArgument("train_model: " + std::to_string(texts.size()) + " texts but " + std::to_string(gold.size()) +
                          " lists of annotated quotes; give one list per text");
  if (epochs < 1) throw InvalidArgument("train_model: epochs must be at least 1");
  for (std::size_t i = 0; i < texts.size(); ++i) {
    utf8::validate(texts[i], "training text " + std::to_string(i));
    for (const auto& q : gold[i]) {
      check_spans(texts[i], i, q.contents, "content");
      check_spans(texts[i], i, q.sources, "source");
    }
  }
  // The rules' decisions of a chunk of documents on all threads, labelled; then added in text order
  // (interned at once: the decisions of a whole training set would hold millions of feature names).
  quotes_detail::BoundaryTrainer boundaries, speakers, statements;
  const Extractor rules(impl_->lex, impl_->options);
  constexpr std::size_t kChunk = 64;
  for (std::size_t c0 = 0; c0 < texts.size(); c0 += kChunk) {
    const std::size_t c1 = std::min(texts.size(), c0 + kChunk);
    std::vector<Labelled> labelled(c1 - c0);
    detail::parallel_for(c1 - c0, resolve_threads(n_threads), 1, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t i = b; i < e; ++i) labelled[i] = label_document(rules, impl_->lex, texts[c0 + i], gold[c0 + i], parts);
    });
    for (std::size_t i = 0; i < labelled.size(); ++i) {
      const auto& doc = labelled[i];
      for (const auto& [dec, g] : doc.boundaries) boundaries.add(dec, g, c0 + i);
      for (const auto& [dec, ok, counted] : doc.speakers) speakers.add(dec.rule, dec.features, ok, c0 + i, counted);
      for (const auto& [dec, ok] : doc.statements) statements.add(0, dec.features, ok, c0 + i);
    }
  }
  quotes_detail::BoundaryModel model;
  model.lang = impl_->lang;
  QuoteTraining out;
  model.weights = boundaries.weights(epochs, &out.model_right);
  if (parts.boundary_margin) model.boundary_margin = boundaries.margin(epochs);
  out.decisions = boundaries.size();
  out.rules_right = boundaries.rules_right();
  if (parts.speakers) {
    model.speaker_weights = speakers.weights(epochs, &out.speaker_model_right);
    if (parts.speaker_margin) model.speaker_margin = speakers.margin(epochs);
    out.speaker_decisions = speakers.size();
    out.speaker_rules_right = speakers.rules_right();
  }
  if (parts.statements) {
    model.statement_weights = statements.weights(epochs, &out.statement_model_right);
    if (parts.statement_margin) model.statement_margin = statements.margin(epochs);
    out.statement_decisions = statements.size();
    out.statement_rules_right = statements.rules_right();
  }
  out.model = model.to_text();
  return out;
}

QuoteResult QuoteExtractor::extract(std::string_view text) const {
  utf8::validate(text, "quote extraction input");
  Extractor ex(impl_->lex, impl_->options, impl_->model.get());
  return ex.run(text, nullptr, nullptr);
}

QuoteResult QuoteExtractor::extract(const Document& doc) const { return extract(doc, doc.paragraphs, doc.sentences); }

QuoteResult QuoteExtractor::extract(const Document& doc, const std::vector<Span>& paragraphs,
                                    const std::vector<Span>& sentences) const {
  const std::string name = doc.id.empty() ? std::string("document") : "document " + doc.id;
  utf8::validate(doc.text, name);
  for (const auto* spans : {&paragraphs, &sentences})
    for (const Span& s : *spans)
      if (s.start > s.end || s.end > doc.text.size())
        throw InvalidArgument("quote extraction: " + name + " has a " + (spans == &paragraphs ? "paragraph" : "sentence") +
                              " [" + std::to_string(s.start) + ", " + std::to_string(s.end) + ") outside its " +
                              std::to_string(doc.text.size()) + " bytes");
  Extractor ex(impl_->lex, impl_->options, impl_->model.get());
  return ex.run(doc.text, &paragraphs, &sentences);
}

std::vector<QuoteResult> QuoteExtractor::extract(const Corpus& corpus, int n_threads) const {
  std::vector<QuoteResult> out(corpus.size());
  detail::parallel_for(corpus.size(), resolve_threads(n_threads), 16, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) out[i] = extract(corpus[i]);
  });
  canonicalize_speakers(out);
  return out;
}

}  // namespace framelens
