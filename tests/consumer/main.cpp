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
  // ingestion: dates, cleaning and the zlib-backed reader link from the installed package
  const auto date = framelens::parse_date("24th November 2016 - 10:11 GMT");
  if (!date || date->iso != "2016-11-24T10:11:00Z") {
    std::cerr << "parse_date failed\n";
    return 1;
  }
  framelens::Document page;
  page.text = "Home\n\nPact signed\n\nSeoul and Tokyo signed the pact on Wednesday.\n\nShare to\n";
  framelens::clean(page);
  if (page.title != "Pact signed" || page.removed.size() != 3 || page.sentences.size() != 1) {
    std::cerr << "clean failed\n";
    return 1;
  }
  try {
    framelens::io::read_text("/nonexistent/framelens/consumer.txt");
    return 1;
  } catch (const framelens::FileNotFound&) {
  }
  std::cout << "framelens " << framelens::version << ": " << corpus.size() << " documents\n";
  return 0;
}
