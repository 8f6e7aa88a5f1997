// Built against the installed package by tests/consumer/run.cmake; exits non-zero on any mismatch.
#include <framelens/framelens.hpp>

#include <iostream>

int main() {
  framelens::Corpus corpus;
  corpus.add("Officials in Seoul said the pact was signed.", "Outlet A");
  corpus.add("Tokyo welcomed the pact, a ministry source said.", "Outlet B");
  if (corpus.size() != 2 || corpus.outlets().size() != 2) {
    std::cerr << "unexpected corpus shape\n";
    return 1;
  }
  // Tokens, a document-term matrix grouped by outlet, and the outlet x outlet cosine.
  framelens::DtmOptions options;
  options.tokens.remove_stopwords = true;
  const auto outlets = framelens::group(framelens::dtm(corpus, options), corpus, "outlet");
  const auto sim = framelens::similarity(framelens::view(outlets.matrix));
  if (framelens::tokenize("Seoul\xE2\x80\x99s pact").front().text != "seoul's" || sim.rows() != 2 ||
      !(sim(0, 1) > 0 && sim(0, 1) < 1)) {
    std::cerr << "unexpected tokens or similarity\n";
    return 1;
  }
  std::cout << "framelens " << framelens::version << ": " << corpus.size() << " documents\n";
  return 0;
}
