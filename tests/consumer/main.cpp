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
  std::cout << "framelens " << framelens::version << ": " << corpus.size() << " documents\n";
  return 0;
}
