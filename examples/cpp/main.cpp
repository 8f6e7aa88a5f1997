// side_by_side: three fictional outlets report the same (invented) event; the program builds a
// corpus, a document-term matrix, the outlet x outlet cosine similarity and the quotes with their
// speakers, using only the installed C++ API (#include <framelens/framelens.hpp>).
//
// Usage: side_by_side [FILE...]   (each FILE is one article in UTF-8, its outlet taken from the
//                                  file name; without files the built-in articles below are used)
// Exits with 0 on success, 1 on a framelens error (printed), 2 when a check of the result fails.
#include <framelens/framelens.hpp>
#include <framelens/io.hpp>  // readers (not in the umbrella header)

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

// Original text written for this example (no third-party news text).
struct Article {
  const char* outlet;
  const char* text;
};
const Article kArticles[] = {
    {"Harbour Gazette",
     "The port authority closed the northern quay on Tuesday after a crane collapsed. "
     "\xE2\x80\x9CNobody was hurt, and the quay will reopen within a week,\xE2\x80\x9D harbour master Lena Ortiz said. "
     "Dock workers said they had warned about the crane for months."},
    {"Evening Ledger",
     "A crane collapse shut the northern quay on Tuesday, the port authority said. "
     "According to a union official, the crane had failed an inspection in March. "
     "\xE2\x80\x9CThis was not an accident,\xE2\x80\x9D said Tomas Brandt, who leads the dockers\xE2\x80\x99 union."},
    {"Coastal Wire",
     "Shipping through the northern quay is suspended after Tuesday\xE2\x80\x99s crane collapse. "
     "Freight companies expect delays of several days, an industry source said."},
};

std::string stem(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = name.find_last_of('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

int main(int argc, char** argv) try {
  // 1. A corpus: one document per article, each under its outlet.
  framelens::Corpus corpus;
  if (argc > 1) {
    for (int i = 1; i < argc; ++i) corpus.add(framelens::io::read_text(argv[i]), stem(argv[i]));  // validates UTF-8, names the file
  } else {
    for (const auto& a : kArticles) corpus.add(a.text, a.outlet);
  }
  const auto outlets = corpus.outlets();
  std::cout << "framelens " << framelens::version << ": " << corpus.size() << " documents, " << outlets.size()
            << " outlets\n";

  // 2. Tokens (ICU word boundaries, case folding, the project's English stopwords removed).
  framelens::DtmOptions options;
  options.tokens.remove_stopwords = true;
  options.tokens.keep_numbers = false;
  framelens::Tokenizer tokenizer(options.tokens);
  const auto& first = corpus[0];
  const auto toks = tokenizer.tokenize(first.text);
  std::cout << "\nfirst tokens of " << first.outlet << ":";
  for (std::size_t i = 0; i < toks.size() && i < 8; ++i) {
    const auto& t = toks[i];
    std::cout << ' ' << t.text << '[' << t.span.start << ',' << t.span.end << ')';
  }
  std::cout << '\n';

  // 3. A document-term matrix (CSR), grouped per outlet, TF-IDF weighted.
  const auto counts = framelens::dtm(corpus, options);
  const auto per_outlet = framelens::group(counts, corpus, "outlet");
  const auto tfidf = framelens::weight(per_outlet, framelens::Weighting::tfidf);
  std::cout << "\ndocument-term matrix: " << counts.matrix.rows() << " x " << counts.matrix.cols() << ", "
            << counts.matrix.nonZeros() << " non-zeros\n";

  // 4. Outlet x outlet cosine similarity.
  const auto sim = framelens::similarity(framelens::view(tfidf.matrix), framelens::SimilarityMethod::cosine);
  std::cout << "\ncosine similarity (TF-IDF, per outlet)\n";
  for (Eigen::Index i = 0; i < sim.rows(); ++i) {
    std::printf("  %-16s", tfidf.docnames[static_cast<std::size_t>(i)].c_str());
    for (Eigen::Index j = 0; j < sim.cols(); ++j) std::printf(" %5.2f", sim(i, j));
    std::printf("\n");
  }

  // 5. Quotes and speakers (English cue lexicon and gazetteer embedded in the library).
  framelens::QuoteExtractor extractor("en");
  const auto results = extractor.extract(corpus, /*threads=*/0);
  std::size_t n_quotes = 0;
  std::cout << "\nquotes\n";
  for (std::size_t d = 0; d < corpus.size(); ++d) {
    const auto& text = corpus[d].text;
    for (const auto& q : results[d].quotes) {
      ++n_quotes;
      const auto c = q.content();
      const std::string speaker = q.speaker >= 0 ? results[d].speakers[static_cast<std::size_t>(q.speaker)].name : "-";
      const std::string type =
          q.speaker >= 0 ? framelens::to_string(results[d].speakers[static_cast<std::size_t>(q.speaker)].type) : "-";
      std::cout << "  " << corpus[d].outlet << " | " << framelens::to_string(q.kind) << " | " << speaker << " ("
                << type << ") | " << text.substr(c.start, c.size()) << '\n';
    }
  }

  // 6. The comparison, read column by column: one table per view (framelens/table.hpp).
  framelens::CompareOptions compare_options;
  compare_options.stories.assign(corpus.size(), "quay");  // one story
  const framelens::Comparison cmp = framelens::compare(corpus, compare_options);
  const framelens::Table& summary = cmp.table("outlets");
  const auto& documents = summary.ints("documents");
  const auto& quotes = summary.ints("quotes");
  const auto& anonymous = summary.floats("anonymous_share");
  std::cout << "\ncomparison: one row per outlet\n";
  for (std::size_t r = 0; r < summary.rows(); ++r)
    std::printf("  %-16s documents %lld  quotes %lld  anonymous share %.2f\n",
                std::string(summary.column("outlet").str(r)).c_str(), static_cast<long long>(documents[r]),
                static_cast<long long>(quotes[r]), anonymous[r]);
  const framelens::Table& unique = cmp.table("unique");
  const framelens::Table& sentences = cmp.table("sentences");
  std::cout << "\nreported by one outlet only\n";
  for (std::size_t r = 0; r < unique.rows(); ++r) {
    const auto s = static_cast<std::size_t>(unique.ints("sentence")[r]);
    std::cout << "  " << unique.column("outlet").str(r) << ": " << sentences.column("text").str(s) << '\n';
  }

  // Checks, so a broken build or API change makes this example fail loudly.
  if (argc == 1) {
    bool ok = corpus.size() == 3 && outlets.size() == 3 && sim.rows() == 3 && n_quotes >= 3 && summary.rows() == 3 &&
              unique.rows() >= 1;
    for (Eigen::Index i = 0; ok && i < sim.rows(); ++i) ok = std::abs(sim(i, i) - 1.0) < 1e-9;
    if (!ok) {
      std::cerr << "side_by_side: unexpected result (see the output above)\n";
      return 2;
    }
  }
  return 0;
} catch (const framelens::Error& e) {
  std::cerr << "side_by_side: " << e.what() << '\n';
  return 1;
}
