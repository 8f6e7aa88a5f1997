#include "framelens/clean.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "framelens/dates.hpp"
#include "framelens/segment.hpp"
#include "framelens/threads.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

// ---------------------------------------------------------------------------------------------
// Line helpers

struct Line {
  Span raw;                 // trimmed byte span in the raw text
  std::size_t number = 0;   // 1-based line number
  std::size_t block = 0;    // index of the blank-line separated block
  int words = 0;
  bool punct_end = false;   // ends like a sentence (. ! ? : … 。 possibly followed by closing quotes)
  std::string rule;         // empty: kept
};

bool ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Trims ASCII white space, NBSP (C2 A0), zero-width space and BOM at both ends.
Span trim(std::string_view s, std::size_t a, std::size_t b) {
  for (;;) {
    if (a < b && ascii_space(static_cast<unsigned char>(s[a]))) { ++a; continue; }
    if (b - a >= 2 && s.compare(a, 2, "\xC2\xA0") == 0) { a += 2; continue; }
    if (b - a >= 3 && (s.compare(a, 3, "\xE2\x80\x8B") == 0 || s.compare(a, 3, "\xEF\xBB\xBF") == 0)) { a += 3; continue; }
    break;
  }
  for (;;) {
    if (b > a && ascii_space(static_cast<unsigned char>(s[b - 1]))) { --b; continue; }
    if (b - a >= 2 && s.compare(b - 2, 2, "\xC2\xA0") == 0) { b -= 2; continue; }
    if (b - a >= 3 && s.compare(b - 3, 3, "\xE2\x80\x8B") == 0) { b -= 3; continue; }
    break;
  }
  return {a, b};
}

int count_words(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = ascii_space(static_cast<unsigned char>(c));
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

bool ends_like_sentence(std::string_view s) {
  // strip closing quotes/brackets
  for (;;) {
    if (s.empty()) return false;
    const char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') { s.remove_suffix(1); continue; }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "”" || s.substr(s.size() - 3) == "’" ||
                          s.substr(s.size() - 3) == "»")) { s.remove_suffix(3); continue; }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "»") { s.remove_suffix(2); continue; }
    break;
  }
  const char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
  if (s.size() >= 3) {
    const auto t = s.substr(s.size() - 3);
    if (t == "…" || t == "。" || t == "！" || t == "？") return true;
  }
  return false;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// Lower-cased line with typographic apostrophes/dashes folded and a trailing ':' or '>' dropped.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80') {
      const char k = s[i + 2];
      if (k == '\x99') { out.push_back('\''); i += 2; continue; }                 // ’
      if (k == '\x93' || k == '\x94') { out.push_back('-'); i += 2; continue; }  // – —
    }
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') { out.push_back(' '); i += 1; continue; }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  while (!out.empty() && (out.back() == ':' || out.back() == '>' || out.back() == ' ' || out.back() == '|')) out.pop_back();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phrase rules (general web furniture in English and German, not any site's strings)

// `f` is the folded line (fold() drops a closing ':'), `colon_end` whether the line itself ends with one
// ("Read more:" is a label, not a sentence).
const char* navigation_rule(const std::string& f, int words, bool punct_end, bool colon_end) {
  // Share bars: short lines about sharing, or lines made only of social network names.
  if (words <= 8) {
    static constexpr const char* share_starts[] = {
        "share", "tweet", "email this", "e-mail this", "pin it", "send to a friend", "print this", "copy link",
        "whatsapp",
        // German
        "teilen", "artikel teilen", "beitrag teilen", "per e-mail", "per mail", "link kopieren", "twittern"};
    for (const char* p : share_starts)
      if (starts_with(f, p)) return "share";
    static const std::array<const char*, 12> networks{"facebook", "twitter", "linkedin", "whatsapp", "reddit", "email",
                                                      "pinterest", "instagram", "telegram", "tumblr", "x", "youtube"};
    bool only_networks = true;
    int n = 0;
    std::size_t i = 0;
    while (i < f.size()) {
      while (i < f.size() && (f[i] == ' ' || f[i] == '|' || f[i] == ',' || f[i] == '/' || f[i] == '-')) ++i;
      std::size_t j = i;
      while (j < f.size() && !(f[j] == ' ' || f[j] == '|' || f[j] == ',' || f[j] == '/')) ++j;
      if (j > i) {
        const std::string w = f.substr(i, j - i);
        bool ok = false;
        for (const char* x : networks) ok = ok || w == x;
        only_networks = only_networks && ok;
        ++n;
      }
      i = j;
    }
    if (only_networks && n >= 2) return "share";
  }
  // Cookie and consent banners are addressed to the reader.
  if (contains(f, "cookie") && words <= 80 &&
      (contains(f, "we use") || contains(f, "this site") || contains(f, "this website") || contains(f, "accept") ||
       contains(f, "consent") || contains(f, "continuing") || contains(f, "by using") || contains(f, "cookie settings") ||
       contains(f, "cookie policy") || contains(f, "manage") ||
       // German: "Wir verwenden Cookies ... Einwilligung / zustimmen / akzeptieren / Datenschutz"
       contains(f, "wir verwenden") || contains(f, "wir nutzen") || contains(f, "diese website") ||
       contains(f, "einwilligung") || contains(f, "zustimm") || contains(f, "akzeptier") || contains(f, "datenschutz")))
    return "cookie";
  // Consent buttons left over from a banner: "Accept all", "Reject", "I agree", "Manage settings".
  if (words <= 4) {
    for (const char* p : {"accept", "reject", "i agree", "agree and", "manage settings", "manage cookies",
                          "cookie settings", "got it", "allow all", "decline all",
                          // German
                          "akzeptieren", "alle akzeptieren", "ablehnen", "alle ablehnen", "zustimmen",
                          "einverstanden", "cookie-einstellungen"})
      if (starts_with(f, p)) return "cookie";
  }
  // A one-line menu: three or more short items separated by | or bullets.
  {
    int items = 0, longest = 0, cur = 0;
    bool seps = false;
    for (std::size_t i = 0; i <= f.size(); ++i) {
      const bool sep = i == f.size() || f[i] == '|' ||
                       (f[i] == '\xC2' && i + 1 < f.size() && f[i + 1] == '\xB7') ||                           // ·
                       (f[i] == '\xE2' && i + 2 < f.size() && f[i + 1] == '\x80' && f[i + 2] == '\xA2');  // •
      if (sep) {
        if (i < f.size()) seps = true;
        if (cur) ++items;
        longest = std::max(longest, cur);
        cur = 0;
        continue;
      }
      if (f[i] != ' ' && (i == 0 || f[i - 1] == ' ' || f[i - 1] == '|')) ++cur;
    }
    if (seps && items >= 3 && longest <= 3 && !punct_end) return "navigation";
  }
  if (words > 16) return nullptr;
  // Phrases that mark web furniture wherever they stand in a short line...
  static constexpr const char* strong[] = {"main menu", "skip navigation", "main content", "main text area",
                                           "all rights reserved",
                                           // German
                                           "alle rechte vorbehalten", "zum inhalt springen", "zur navigation springen",
                                           "hauptnavigation"};
  for (const char* p : strong)
    if (contains(f, p)) return "navigation";
  // ...and phrases a sentence of news can contain ("dubbed the winner on social media."): only in
  // lines without sentence punctuation or very short ones.
  if (!punct_end || words <= 6) {
    static constexpr const char* weak[] = {
        "terms of use", "terms of service", "privacy policy", "on social media", "follow us", "sign up for",
        "newsletter", "download the app", "javascript", "your browser", "subscribe to",
        // German
        "datenschutzerklärung", "nutzungsbedingungen", "impressum", "folgen sie uns", "jetzt abonnieren",
        "app herunterladen", "ihr browser", "in sozialen netzwerken"};
    for (const char* p : weak)
      if (contains(f, p)) return "navigation";
  }
  if (words > 8 || (punct_end && !colon_end)) {
    if (!(words <= 8 && (starts_with(f, "copyright") || starts_with(f, "©")))) return nullptr;
  }
  static constexpr const char* starts[] = {
      "skip to", "jump to", "back to", "go to", "return to", "read more", "see more", "more from", "more on ",
      "also in ", "also on ", "related", "recommended", "most popular", "most read", "trending", "sign in", "log in",
      "login", "sign up", "register", "subscribe", "follow ", "advertisement", "advertising", "sponsored",
      "click here", "print", "comments", "view comments", "leave a comment", "next article", "previous article",
      "top stories", "latest news", "more stories", "you may also like", "copyright", "©", "home", "menu", "search",
      // German
      "zurück zu", "zur startseite", "startseite", "weiterlesen", "mehr lesen", "mehr zum thema", "mehr aus ",
      "mehr von ", "auch in ", "lesen sie auch", "das könnte sie auch interessieren", "auch interessant",
      "meistgelesen", "am meisten gelesen", "anmelden", "einloggen", "registrieren", "abonnieren", "folgen sie",
      "anzeige", "gesponsert", "hier klicken", "drucken", "kommentare", "kommentieren", "nächster artikel",
      "vorheriger artikel", "top-themen", "neueste nachrichten", "menü"};
  for (const char* p : starts)
    if (starts_with(f, p)) {
      const std::size_t n = std::strlen(p);
      // "home", "menu", "search", "print", "related", "register" only as a whole word
      if (f.size() == n || p[n - 1] == ' ' || !std::isalpha(static_cast<unsigned char>(f[n]))) return "navigation";
    }
  static constexpr const char* ends[] = {" on social media", " on twitter", " on facebook",
                                         " auf twitter", " auf facebook", " in sozialen netzwerken"};
  for (const char* p : ends)
    if (f.size() > std::strlen(p) && f.compare(f.size() - std::strlen(p), std::strlen(p), p) == 0) return "navigation";
  return nullptr;
}

bool is_capitalised_word(std::string_view w) {
  if (w.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC3;  // ASCII capital or a non-ASCII letter (É, Ö, ...)
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && ascii_space(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !ascii_space(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// A line that opens with a quotation of six words or more (to its closing mark, or to the line's end):
// somebody's words, which an outlet may print in several articles ("“We will not sign this deal,” Roos
// said.") and which are never its furniture, unlike a quoted name ("“The Harbour Hour” is on at six").
bool opens_with_quotation(std::string_view line) {
  static constexpr std::array<std::string_view, 6> opening{"\"", "\u201c", "\u201e", "\u00ab", "\u00bb", "\u2018"};
  static constexpr std::array<std::string_view, 6> closing{"\"", "\u201d", "\u201c", "\u00bb", "\u00ab", "\u2019"};
  const Span t = trim(line, 0, line.size());
  line = line.substr(t.start, t.size());
  for (std::size_t k = 0; k < opening.size(); ++k) {
    if (!starts_with(line, opening[k])) continue;
    const std::string_view inner = line.substr(opening[k].size());
    return split_words(inner.substr(0, inner.find(closing[k]))).size() >= 6;
  }
  return false;
}

// "HC - Harbour Courier": an abbreviation whose letters are the initials of the name after the dash.
std::string masthead_outlet(std::string_view line) {
  static const std::array<const char*, 5> dashes{" - ", " – ", " — ", " | ", ": "};
  for (const char* d : dashes) {
    const std::size_t p = line.find(d);
    if (p == std::string_view::npos || p == 0) continue;
    const std::string_view abbr = line.substr(0, p);
    const std::string_view name = trim(line, p + std::strlen(d), line.size()).size() ? line.substr(p + std::strlen(d)) : std::string_view{};
    if (abbr.size() > 8 || name.empty()) continue;
    std::string initials;
    for (auto w : split_words(name)) {
      const std::string lw = lower_ascii(w);
      if (lw == "the" || lw == "of" || lw == "and" || lw == "&") continue;
      if (!is_capitalised_word(w)) { initials.clear(); break; }
      initials.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(w[0]))));
    }
    if (initials.size() >= 2 && lower_ascii(abbr) == initials) return std::string(name);
  }
  return {};
}

// Outlet named by a navigation line: "Also in The Valley Ledger", "More from X", "X on social media" (not
// "Follow X on Twitter", an author's line),
// "© 2016 X", "Copyright 2016 X. All rights reserved."
std::string named_outlet(std::string_view line) {
  const std::string f = lower_ascii(line);
  auto clean_name = [](std::string_view n) -> std::string {
    Span s = trim(n, 0, n.size());
    n = n.substr(s.start, s.size());
    while (!n.empty() && (n.back() == '.' || n.back() == ',')) n.remove_suffix(1);
    const auto words = split_words(n);
    if (words.empty() || words.size() > 6) return {};
    for (auto w : words)
      if (!is_capitalised_word(w) && w != "of" && w != "the" && w != "and" && w != "&") return {};
    return std::string(n);
  };
  for (const char* p : {"also in ", "more from ", "also on ", "latest from "})
    if (starts_with(f, p)) return clean_name(line.substr(std::strlen(p)));
  // "© 2021 The Valley Ledger. All rights reserved." / "Copyright (c) 2019 X, LLC"
  {
    std::string_view rest = line;
    bool mark = false;
    for (;;) {
      const Span t = trim(rest, 0, rest.size());
      rest = rest.substr(t.start, t.size());
      if (starts_with(rest, "©")) { rest.remove_prefix(2); mark = true; continue; }
      if (starts_with(lower_ascii(rest.substr(0, 9)), "copyright")) { rest.remove_prefix(9); mark = true; continue; }
      if (starts_with(lower_ascii(rest.substr(0, 3)), "(c)")) { rest.remove_prefix(3); mark = true; continue; }
      if (mark && !rest.empty() && rest[0] >= '0' && rest[0] <= '9') {
        while (!rest.empty() && ((rest[0] >= '0' && rest[0] <= '9') || rest[0] == '-' || rest[0] == ',')) rest.remove_prefix(1);
        continue;
      }
      break;
    }
    if (mark) {
      const std::size_t stop = rest.find_first_of(".,;|");
      return clean_name(rest.substr(0, stop));
    }
  }
  for (const char* p : {" on social media", " on twitter", " on facebook"}) {
    const std::size_t n = std::strlen(p);
    if (f.size() > n && f.compare(f.size() - n, n, p) == 0) {
      // "Follow Ana on Twitter" closes an article with its author, not its outlet: none of the 225 such
      // lines of the article-bias corpus (37,554 articles) named the outlet (people, their handles, "us",
      // a section such as a blog or a show). Only "X on social media" names the outlet.
      const std::string_view name = line.substr(0, line.size() - n);
      if (starts_with(lower_ascii(name), "follow ")) return {};
      return clean_name(name);
    }
  }
  return {};
}

std::string url_domain(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#:"));
  if (starts_with(url, "www.")) url.remove_prefix(4);
  return url.find('.') == std::string_view::npos ? std::string{} : lower_ascii(url);
}

// ---------------------------------------------------------------------------------------------
// Byline, date and dateline

struct Byline {
  std::string author, dateline;
  int name_words = 0;   // words of the name as written (before the staff check)
  bool weak = false;    // introduced by a word that also starts headlines ("Von ..."): needs support
};

// "Courier Staff", "Staff Reporter", "Our Correspondent", "Newsroom": a byline that names no person.
bool staff_name(std::string_view who) {
  const auto words = split_words(who);
  if (words.empty()) return false;
  const std::string last = lower_ascii(words.back());
  for (const char* w : {"staff", "staffers", "reporter", "reporters", "correspondent", "correspondents", "desk",
                        "editors", "newsroom", "team", "bureau", "redaktion", "agencies", "wires"})
    if (last == w) return true;
  return false;
}

bool plausible_name(std::string_view s) {
  const auto words = split_words(s);
  if (words.empty() || words.size() > 10) return false;
  int caps = 0;
  for (auto w : words) {
    const std::string lw = lower_ascii(w);
    if (lw == "and" || lw == "&" || lw == "de" || lw == "van" || lw == "von" || lw == "der" || lw == "la" ||
        lw == "le" || lw == "da" || lw == "bin" || lw == "al" || lw == ",")
      continue;
    if (!is_capitalised_word(w)) return false;
    ++caps;
  }
  return caps >= 1;
}

bool parse_byline(std::string_view seg, Byline& out) {
  std::string_view s = seg;
  const std::string f = lower_ascii(s);
  std::size_t skip = 0;
  for (const char* p : {"by ", "written by ", "words by ", "author: ", "authors: ", "reporter: ", "reporting by ",
                        "posted by ", "published by ", "von "})
    if (starts_with(f, p)) { skip = std::strlen(p); break; }
  if (!skip) return false;
  out.weak = starts_with(f, "von ");  // German "Von Katrin Voss"; also the start of a name ("Von der Leyen ...")
  s.remove_prefix(skip);
  std::string_view who = s, where;
  // "in Lisbon" (a place after the names)
  const std::size_t in = s.rfind(" in ");
  if (in != std::string_view::npos) { who = s.substr(0, in); where = s.substr(in + 4); }
  // "Jane Doe, Reuters" -> affiliation after the comma is not part of the name
  std::string_view affiliation;
  const std::size_t comma = who.find(',');
  if (comma != std::string_view::npos) { affiliation = who.substr(comma + 1); who = who.substr(0, comma); }
  auto tr = [](std::string_view v) { Span t = trim(v, 0, v.size()); return v.substr(t.start, t.size()); };
  who = tr(who);
  where = tr(where);
  if (!plausible_name(who)) return false;
  if (!where.empty() && !plausible_name(where)) return false;
  out.name_words = static_cast<int>(split_words(who).size());
  if (out.weak && out.name_words > 4) return false;
  out.author = staff_name(who) ? std::string{} : std::string(who);
  out.dateline = std::string(where);
  return true;
}

// Splits a header line into segments on " | ", " · ", " • " (and " - " when that helps).
std::vector<std::string_view> segments(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::size_t len = 0;
    if (line.compare(i, 3, " | ") == 0) len = 3;
    else if (line.compare(i, 4, " · ") == 0) len = 4;
    else if (line.compare(i, 5, " • ") == 0) len = 5;
    if (len) {
      out.push_back(line.substr(start, i - start));
      start = i + len;
      i += len - 1;
    }
  }
  out.push_back(line.substr(start));
  return out;
}

struct HeaderInfo {
  bool is_meta = false;
  bool has_date = false, has_byline = false;
  ParsedDate date;
  Byline byline;
};

// Reads a line made of date / byline segments ("12 January 2021, 08:30 GMT | By Ana Ruiz in Lisbon").
HeaderInfo read_header_line(std::string_view line, const DateOptions& dopt) {
  HeaderInfo h;
  if (count_words(line) > 30) return h;
  int unknown_words = 0;
  for (std::string_view seg : segments(line)) {
    Span t = trim(seg, 0, seg.size());
    seg = seg.substr(t.start, t.size());
    if (seg.empty()) continue;
    if (!h.has_date) {
      if (auto d = parse_date(seg, dopt)) { h.date = *d; h.has_date = true; continue; }
    }
    Byline b;
    if (!h.has_byline && parse_byline(seg, b)) { h.byline = b; h.has_byline = true; continue; }
    // "Posted 19/03/2025 by Jane Doe", "Updated 3 March 2025, 10:00 by Jane Doe": a date, then the byline
    bool done = false;
    if (!h.has_date && !h.has_byline) {
      const std::string lf = lower_ascii(seg);
      const std::size_t p = lf.find(" by ");
      Byline b2;
      if (p != std::string::npos && p > 0 && parse_byline(seg.substr(p + 1), b2)) {
        if (auto dd = parse_date(seg.substr(0, p), dopt)) {
          h.byline = b2; h.has_byline = true; h.date = *dd; h.has_date = true;
          continue;
        }
      }
    }
    // "By Jane Doe - 24 Nov 2016", "Updated: 24 Nov 2016 — 3 min read"
    for (const char* d : {" - ", " – ", " — "}) {
      const std::size_t p = seg.find(d);
      if (p == std::string_view::npos) continue;
      const std::string_view a = seg.substr(0, p), c = seg.substr(p + std::strlen(d));
      Byline b2;
      if (!h.has_byline && parse_byline(a, b2)) {
        if (auto dd = parse_date(c, dopt); dd && !h.has_date) { h.byline = b2; h.has_byline = true; h.date = *dd; h.has_date = true; done = true; }
      } else if (auto dd = parse_date(a, dopt); dd && !h.has_date && parse_byline(c, b2) && !h.has_byline) {
        h.byline = b2; h.has_byline = true; h.date = *dd; h.has_date = true; done = true;
      }
      if (done) break;
    }
    if (done) continue;
    unknown_words += count_words(seg);
  }
  // A weak byline ("Von ...") of more than three words stands only with a date on the same line:
  // "Von der Leyen Warns Italy" is a headline.
  if (h.has_byline && h.byline.weak && !h.has_date && h.byline.name_words > 3) return HeaderInfo{};
  h.is_meta = (h.has_date || h.has_byline) && unknown_words <= 4;
  return h;
}

// Dateline at the start of a body paragraph: "WASHINGTON — ", "RIVERTON, Ohio (AP) -- ", "NEW HAVEN (Reuters) - ".
std::string body_dateline(std::string_view p) {
  std::size_t i = 0;
  int letters = 0;
  // upper-case place words
  while (i < p.size()) {
    const char c = p[i];
    if (c >= 'A' && c <= 'Z') { ++letters; ++i; continue; }
    if ((c == ' ' || c == '.' || c == '\'' || c == '-') && letters) {
      if (c == '-' && i + 1 < p.size() && (p[i + 1] == ' ' || p[i + 1] == '-')) break;
      ++i;
      continue;
    }
    break;
  }
  if (letters < 3) return {};
  std::size_t place_end = i;
  while (place_end > 0 && (p[place_end - 1] == ' ' || p[place_end - 1] == '-')) --place_end;
  std::string_view rest = p.substr(i);
  // optional ", State" / ", Nov. 23" and "(Agency)"
  if (!rest.empty() && rest[0] == ',') {
    const std::size_t stop = rest.find_first_of("(—–-");
    if (stop == std::string_view::npos || stop > 40) return {};
    rest = rest.substr(stop);
  }
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  if (!rest.empty() && rest[0] == '(') {
    const std::size_t close = rest.find(')');
    if (close == std::string_view::npos || close > 40) return {};
    rest.remove_prefix(close + 1);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  }
  if (starts_with(rest, "—") || starts_with(rest, "–") || starts_with(rest, "--") || starts_with(rest, "- ") ||
      starts_with(rest, "-- ")) {
    std::string place(p.substr(0, place_end));
    // a single capital word such as "I" or "A" is not a place
    if (place.size() < 3) return {};
    return place;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Analysis of one raw text

struct Analysis {
  std::vector<Line> lines;
  std::string title, outlet;
  std::map<std::string, std::string> meta;
  bool has_blank_lines = false;
};

bool body_like(const Line& l) { return (l.punct_end && l.words >= 6) || l.words >= 20; }

// Lines of site furniture found by the phrase rules (not page-edge guesses).
bool furniture(const Line& l) {
  return l.rule == "masthead" || l.rule == "tagline" || l.rule == "navigation" || l.rule == "share" ||
         l.rule == "cookie" || l.rule == "url";
}

// A name set like a masthead: 1-6 words, no sentence punctuation, no digits, every word capitalised
// (articles and particles excepted) or the whole line in capitals: "The Coastal Courier", "DAILY SENTINEL".
bool name_like(std::string_view s, const Line& l, int max_words) {
  if (l.words < 1 || l.words > max_words || l.punct_end) return false;
  for (char c : s)
    if ((c >= '0' && c <= '9') || c == ':' || c == ',' || c == '|') return false;
  for (auto w : split_words(s)) {
    const std::string lw = lower_ascii(w);
    if (lw == "the" || lw == "of" || lw == "and" || lw == "&" || lw == "de" || lw == "der" || lw == "die" ||
        lw == "das" || lw == "la" || lw == "le" || lw == "el")
      continue;
    if (!is_capitalised_word(w)) return false;
  }
  return true;
}

// A headline-like line that is rather a kicker or section label above the headline: a breadcrumb
// ("News › Region"), a line in capitals ("ANALYSIS", "LIVE UPDATES") or at most three words.
bool kicker_like(std::string_view s, int words) {
  if (words <= 3) return true;
  for (const char* sep : {"›", "»", " > ", " / ", " | ", " • "})
    if (contains(s, sep)) return true;
  bool lower = false, upper = false;
  for (char c : s) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return upper && !lower;
}
bool short_unpunctuated(const Line& l) { return l.words <= 12 && !l.punct_end; }

// The analysis of one raw text, a stage at a time: its lines, the phrase rules and the outlet, a masthead
// set as a name, the header (title, byline, dates), the boilerplate (link lists, page edges).
class Analyser {
 public:
  Analyser(std::string_view raw, const Document& doc, const CleanOptions& opt) : raw_(raw), doc_(doc), opt_(opt) {}

  Analysis run() {
    split_lines();
    n_ = a_.lines.size();
    const std::string masthead = mark_phrase_rules();
    choose_outlet(masthead);
    mark_outlet_lines();
    if (opt_.page && n_ >= 3) mark_name_masthead();
    std::size_t title_line = n_;
    if (opt_.page) title_line = mark_page_header();
    else if (!doc_.title.empty()) title_line = mark_given_title();
    if (opt_.page) mark_date_lines();
    if (opt_.boilerplate) mark_boilerplate(title_line);
    return std::move(a_);
  }

 private:
  std::string_view text(const Line& l) const { return raw_.substr(l.raw.start, l.raw.size()); }
  std::string_view text(std::size_t i) const { return text(a_.lines[i]); }
  Line& line(std::size_t i) { return a_.lines[i]; }

  // The non-blank lines, trimmed, with their block (blank-line separated), words and end.
  void split_lines() {
    std::size_t start = 0, number = 0, block = 0;
    bool prev_blank = true;
    while (start <= raw_.size()) {
      std::size_t nl = raw_.find('\n', start);
      if (nl == std::string_view::npos) nl = raw_.size();
      ++number;
      const Span t = trim(raw_, start, nl);
      if (t.size() == 0) {
        if (!prev_blank) ++block;
        prev_blank = true;
      } else {
        if (prev_blank && !a_.lines.empty()) a_.has_blank_lines = true;  // a blank line between two lines
        Line l;
        l.raw = t;
        l.number = number;
        l.block = block;
        const std::string_view s = raw_.substr(t.start, t.size());
        l.words = count_words(s);
        l.punct_end = ends_like_sentence(s);
        a_.lines.push_back(std::move(l));
        prev_blank = false;
      }
      if (nl == raw_.size()) break;
      start = nl + 1;
    }
  }

  // 1. Phrase rules (masthead, URL line, navigation, share bars, cookie banners) and the outlet a
  // furniture line names; returns the masthead's outlet (page mode), if any.
  std::string mark_phrase_rules() {
    std::string masthead;
    for (std::size_t i = 0; i < n_; ++i) {
      Line& l = line(i);
      const std::string_view s = text(l);
      if (opt_.page && i < 6 && masthead.empty() && l.words <= 10) {
        masthead = masthead_outlet(s);
        if (!masthead.empty()) {
          l.rule = "masthead";
          continue;
        }
      }
      // A line that is only a URL is the page's address (metadata), wherever it stands.
      if (l.words == 1 && (starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "www."))) {
        l.rule = "url";
        if (!a_.meta.count("url")) a_.meta["url"] = std::string(s);
        continue;
      }
      if (!opt_.boilerplate && !opt_.page) continue;
      // Only short lines (or cookie banners) can be furniture: skip folding ordinary paragraphs.
      if (l.words > 80) continue;
      if (l.words > 16 && s.find("ookie") == std::string_view::npos && s.find("OOKIE") == std::string_view::npos) continue;
      const std::string f = fold(s);
      const std::size_t last = s.find_last_not_of(" \t\r");
      const bool colon_end = last != std::string_view::npos && s[last] == ':';
      if (const char* r = navigation_rule(f, l.words, l.punct_end, colon_end)) l.rule = r;
      if (a_.outlet.empty() && masthead.empty() && !l.rule.empty()) {
        const std::string o = named_outlet(s);
        if (!o.empty()) a_.outlet = o;
      }
    }
    return masthead;
  }

  // The outlet: the masthead's, else one a furniture line named, else (page mode, last resort) the
  // domain of the page's URL ("https://www.example.com/x" -> "example.com").
  void choose_outlet(const std::string& masthead) {
    if (!masthead.empty()) a_.outlet = masthead;
    if (!a_.outlet.empty() || !opt_.page) return;
    auto it = a_.meta.find("url");
    const std::string* url = it != a_.meta.end() ? &it->second : nullptr;
    if (!url) {
      auto jt = doc_.meta.find("url");
      if (jt != doc_.meta.end()) url = &jt->second;
    }
    if (url) a_.outlet = url_domain(*url);
  }

  // A line that is just the outlet's name is its masthead.
  void mark_outlet_lines() {
    if (a_.outlet.empty() && doc_.outlet.empty()) return;
    const std::string o1 = fold(a_.outlet), o2 = fold(doc_.outlet);
    for (auto& l : a_.lines) {
      if (!l.rule.empty() || l.words > 8) continue;
      const std::string f = fold(text(l));
      if ((!o1.empty() && f == o1) || (!o2.empty() && f == o2)) l.rule = "masthead";
    }
  }

  bool header_meta(std::size_t i) const { return read_header_line(text(i), opt_.dates).is_meta; }
  bool headline_like(std::size_t i) const {
    const std::string_view s = text(i);
    const Line& l = a_.lines[i];
    return l.rule.empty() && l.words >= 2 && l.words <= 30 && s.back() != '.' && !header_meta(i);
  }

  // 1b. (page mode) A masthead set as a name at the top of the page: the first line that is not
  // furniture, name-like, and followed by the site's furniture (a menu), possibly with a tagline
  // between them ("The Coastal Courier" / "Your harbour. Your news." / "News | Local | ...").
  // Without furniture after it, a short name-like top line (at most 4 words) still is the masthead
  // when another headline-like line follows before the byline/date: a page does not open with its
  // headline followed by a second one.
  void mark_name_masthead() {
    for (const auto& l : a_.lines)
      if (l.rule == "masthead") return;
    std::size_t t = 0;
    while (t < n_ && t < 3 && furniture(line(t))) ++t;
    if (!(t + 2 < n_ && line(t).rule.empty() && name_like(text(t), line(t), 6) && !parse_date(text(t), opt_.dates)))
      return;
    bool is_masthead = false;
    std::size_t tagline = n_;
    const bool menu1 = furniture(line(t + 1)) && line(t + 1).rule != "url";
    if (menu1) {
      is_masthead = true;
    } else if (line(t + 1).rule.empty() && line(t + 1).words <= 10 && !header_meta(t + 1) && furniture(line(t + 2)) &&
               line(t + 2).rule != "url") {
      is_masthead = true;
      tagline = t + 1;
    } else if (line(t).words <= 4 && headline_like(t + 1) && !kicker_like(text(t + 1), line(t + 1).words) &&
               (header_meta(t + 2) || headline_like(t + 2))) {
      is_masthead = true;  // name line, headline, then the byline/date line or a subheadline
    }
    if (!is_masthead) return;
    line(t).rule = "masthead";
    if (tagline != n_) line(tagline).rule = "tagline";
    if (a_.outlet.empty()) a_.outlet = std::string(text(t));
  }

  // A header line's date, author and dateline as metadata (the first date found wins).
  void add_header_meta(const HeaderInfo& h) {
    if (h.has_date && !a_.meta.count("date_raw")) {
      a_.meta["date_raw"] = h.date.raw;
      if (!h.date.iso.empty()) a_.meta["date"] = h.date.iso;
    }
    if (h.has_byline) {
      if (!h.byline.author.empty()) a_.meta["author"] = h.byline.author;
      if (!h.byline.dateline.empty()) a_.meta["dateline"] = h.byline.dateline;
    }
  }

  // 2. (page mode) The header above the body: byline and date lines, and the headline candidates
  // above them, of which those after the masthead and navigation block count.
  std::vector<std::size_t> mark_header_lines() {
    std::size_t first_body = n_;
    for (std::size_t i = 0; i < n_; ++i)
      if (line(i).rule.empty() && body_like(line(i))) {
        first_body = i;
        break;
      }
    const std::size_t header_end = std::min(first_body, std::size_t{12});
    std::vector<std::size_t> candidates;
    bool seen_meta_line = false;
    std::size_t after_furniture = 0;  // candidates before this index sit above furniture
    for (std::size_t i = 0; i < header_end; ++i) {
      Line& l = line(i);
      if (!l.rule.empty()) {
        // the headline comes after the masthead and navigation block (a share bar or menu under the
        // headline, with no candidate after it, does not hide the headline above it)
        if (furniture(l) && !seen_meta_line) after_furniture = candidates.size();
        continue;
      }
      const std::string_view s = text(l);
      const HeaderInfo h = read_header_line(s, opt_.dates);
      if (h.is_meta) {
        add_header_meta(h);
        l.rule = h.has_byline ? "byline" : "date";
        if (!candidates.empty()) seen_meta_line = true;
        continue;
      }
      // Headline candidates above the byline/date line or the body.
      if (!seen_meta_line && l.words >= 2 && l.words <= 30) {
        const char last = s.back();
        if (last != '.' || (s.size() > 3 && s.substr(s.size() - 3) == "...")) candidates.push_back(i);
      }
    }
    // (when every candidate sits above furniture, a share bar or menu under the headline, all stay)
    if (after_furniture < candidates.size())
      candidates.erase(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(after_furniture));
    return candidates;
  }

  // The headline is the first candidate that is not a kicker or section label (those sit above it);
  // headline-like lines after it, before the byline/date, are subheadlines. When every candidate looks
  // like a label, the last one is the headline. Returns the headline's line (n_: none).
  std::size_t mark_page_header() {
    const std::vector<std::size_t> candidates = mark_header_lines();
    if (candidates.empty()) return n_;
    std::size_t k = 0;
    while (k < candidates.size() && kicker_like(text(candidates[k]), line(candidates[k]).words)) ++k;
    if (k == candidates.size()) k = candidates.size() - 1;
    const std::size_t title_line = candidates[k];
    line(title_line).rule = "title";
    a_.title = std::string(text(title_line));
    for (std::size_t j = k + 1; j < candidates.size(); ++j) {
      Line& c = line(candidates[j]);
      if (kicker_like(text(c), c.words)) continue;
      c.rule = "subtitle";
      if (!a_.meta.count("subtitle")) a_.meta["subtitle"] = std::string(text(c));
    }
    return title_line;
  }

  // (text mode) A first line equal to the given title, but for case and a final full stop.
  std::size_t mark_given_title() {
    for (std::size_t i = 0; i < std::min<std::size_t>(n_, 3); ++i) {
      if (!line(i).rule.empty()) continue;
      std::string f = fold(text(i)), g = fold(doc_.title);
      while (!f.empty() && (f.back() == '.' || f.back() == ' ')) f.pop_back();
      while (!g.empty() && (g.back() == '.' || g.back() == ' ')) g.pop_back();
      if (f != g) return n_;
      line(i).rule = "title";
      return i;
    }
    return n_;
  }

  // Whole-line dates anywhere else ("Published 24 Nov 2016") are metadata too.
  void mark_date_lines() {
    for (auto& l : a_.lines) {
      if (!l.rule.empty() || l.words > 12) continue;
      if (auto d = parse_date(text(l), opt_.dates)) {
        l.rule = "date";
        if (!a_.meta.count("date_raw")) {
          a_.meta["date_raw"] = d->raw;
          if (!d->iso.empty()) a_.meta["date"] = d->iso;
        }
      }
    }
  }

  // 3. Link lists: 3+ consecutive short lines without sentence punctuation. 4. Page edges: short
  // unpunctuated lines before the headline/first body line and after the last body line.
  void mark_boilerplate(std::size_t title_line) {
    std::vector<Line>& L = a_.lines;
    bool has_body = false;
    for (const auto& l : L) has_body = has_body || (l.rule.empty() && !short_unpunctuated(l));
    for (std::size_t i = 0; has_body && i < n_;) {
      std::size_t j = i;
      while (j < n_ && L[j].rule.empty() && L[j].words <= 6 && !L[j].punct_end) ++j;
      if (j - i >= 3)
        for (std::size_t k = i; k < j; ++k) L[k].rule = "link-list";
      i = j + 1;
    }
    std::size_t first_kept_body = n_;
    for (std::size_t i = 0; i < n_; ++i)
      if (L[i].rule.empty() && !short_unpunctuated(L[i])) {
        first_kept_body = i;
        break;
      }
    // A text made only of short lines has no body to tell furniture from: keep it whole.
    if (first_kept_body == n_) return;
    const std::size_t start_end = title_line != n_ ? std::max(title_line, first_kept_body) : first_kept_body;
    for (std::size_t i = 0; i < std::min(start_end, n_); ++i)
      if (L[i].rule.empty() && short_unpunctuated(L[i])) L[i].rule = "page-start";
    for (std::size_t i = n_; i-- > 0;) {
      if (!L[i].rule.empty()) continue;
      if (!short_unpunctuated(L[i])) break;
      L[i].rule = "page-end";
    }
  }

  std::string_view raw_;
  const Document& doc_;
  const CleanOptions& opt_;
  Analysis a_;
  std::size_t n_ = 0;
};

Analysis analyse(std::string_view raw, const Document& doc, const CleanOptions& opt) {
  return Analyser(raw, doc, opt).run();
}

// The user's override: lines of the kept rules go back into the text.
void apply_keep_rules(Analysis& a, const CleanOptions& opt) {
  if (opt.keep_rules.empty()) return;
  for (auto& l : a.lines)
    if (!l.rule.empty() && opt.keep_rules.count(l.rule)) l.rule.clear();
}

std::uint64_t line_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) { h ^= static_cast<unsigned char>(c); h *= 1099511628211ull; }
  return h;
}

// Builds the clean document from the raw text and the (final) analysis.
void assemble(Document& doc, std::string raw, Analysis& a) {
  std::string out;
  out.reserve(raw.size());
  std::size_t last_block = static_cast<std::size_t>(-1);
  std::vector<RemovedLine> removed;
  for (const Line& l : a.lines) {
    const std::string_view s = std::string_view(raw).substr(l.raw.start, l.raw.size());
    if (!l.rule.empty()) {
      removed.push_back(RemovedLine{std::string(s), l.rule, l.number, l.raw});
      continue;
    }
    if (!out.empty()) out += (!a.has_blank_lines || l.block != last_block) ? "\n\n" : "\n";
    out.append(s);
    last_block = l.block;
  }
  // Normalise CR inside kept lines (CRLF input): lines were split on LF and trimmed, so only stray
  // CRs within a line can remain; they become spaces so offsets stay simple.
  for (char& c : out)
    if (c == '\r') c = ' ';
  doc.text = std::move(out);
  doc.removed.insert(doc.removed.end(), std::make_move_iterator(removed.begin()), std::make_move_iterator(removed.end()));
  if (doc.title.empty()) doc.title = a.title;
  else if (!a.title.empty() && a.title != doc.title) doc.meta.emplace("title_detected", a.title);
  if (doc.outlet.empty()) doc.outlet = a.outlet;
  else if (!a.outlet.empty() && a.outlet != doc.outlet) doc.meta.emplace("outlet_detected", a.outlet);
  for (auto& [k, v] : a.meta) doc.meta.emplace(k, v);  // values the user gave win
  segment(doc);
  if (!doc.meta.count("dateline") && !doc.paragraphs.empty()) {
    const Span p = doc.paragraphs.front();
    std::string d = body_dateline(std::string_view(doc.text).substr(p.start, p.size()));
    if (!d.empty()) doc.meta["dateline"] = std::move(d);
  }
}

// The first all-numeric date "x<sep>y<sep>year" (sep / . -, year of 2 or 4 digits) in s: {x, y},
// or {0, 0} when there is none.
std::pair<int, int> numeric_day_month(std::string_view s) {
  auto digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1))) continue;
    std::size_t j = i;
    int x = 0;
    while (digit(j) && j - i < 3) x = x * 10 + (s[j++] - '0');
    if (j - i > 2 || digit(j) || j >= s.size()) continue;
    const char sep = s[j];
    if (sep != '/' && sep != '.' && sep != '-') continue;
    std::size_t k = j + 1;
    int y = 0;
    while (digit(k) && k - j - 1 < 3) y = y * 10 + (s[k++] - '0');
    if (k - j - 1 < 1 || k - j - 1 > 2 || k >= s.size() || s[k] != sep) continue;
    std::size_t m = k + 1;
    while (digit(m)) ++m;
    if (m - k - 1 != 2 && m - k - 1 != 4) continue;
    return {x, y};
  }
  return {0, 0};
}

// An outlet writes its numeric dates one way: when the outlet's other articles show only day-first
// (19/03/2025) or only month-first (03/19/2025) dates, its ambiguous ones (11/03/2025) are read the
// same way; metadata "date_order" says so. Nothing is resolved when the user chose day_first.
void resolve_numeric_dates_by_outlet(std::vector<Document>& docs, const CleanOptions& options) {
  if (options.dates.day_first.has_value()) return;
  std::unordered_map<std::string, int> order;  // bit 1: a day-first date seen, bit 2: month-first
  for (const Document& d : docs) {
    const auto raw = d.meta.find("date_raw");
    if (d.outlet.empty() || raw == d.meta.end()) continue;
    const auto [x, y] = numeric_day_month(raw->second);
    if (x > 12 && x <= 31 && y >= 1 && y <= 12) order[d.outlet] |= 1;
    else if (y > 12 && y <= 31 && x >= 1 && x <= 12) order[d.outlet] |= 2;
  }
  for (Document& d : docs) {
    const auto raw = d.meta.find("date_raw");
    if (d.outlet.empty() || raw == d.meta.end() || d.meta.count("date")) continue;
    const auto o = order.find(d.outlet);
    if (o == order.end() || (o->second != 1 && o->second != 2)) continue;
    DateOptions opt = options.dates;
    opt.day_first = o->second == 1;
    const auto p = parse_date(raw->second, opt);
    if (!p || p->iso.empty()) continue;
    d.meta["date"] = p->iso;
    d.meta["date_order"] = o->second == 1 ? "day-first (from the outlet's other dates)"
                                          : "month-first (from the outlet's other dates)";
  }
}

// The day a page was published: the date its analysis found, else the one it came with (a record's field).
std::optional<long> publication_day(const Analysis& a, const Document& d) {
  const auto found = a.meta.find("date");
  if (found != a.meta.end()) return iso_day(found->second);
  const auto given = d.meta.find("date");
  return given != d.meta.end() ? iso_day(given->second) : std::nullopt;
}

// The pages of one outlet that keep a line: how many, and the days they were published.
struct LineCarriers {
  std::int32_t documents = 0;
  std::int32_t first = 0, last = 0;  // the earliest and latest day among the dated ones (16 bytes in all:
                                     // an outlet map holds one per distinct line, 1.7 M on a large corpus)
  bool dated = false;        // one of them has a day
  bool undated = false;      // one of them has none

  void add(std::optional<long> day) {
    ++documents;
    if (!day) {
      undated = true;
    } else if (!dated) {
      first = last = static_cast<std::int32_t>(*day);
      dated = true;
    } else {
      first = std::min(first, static_cast<std::int32_t>(*day));
      last = std::max(last, static_cast<std::int32_t>(*day));
    }
  }

  // A paragraph of prose (12 words or more, ending like a sentence) that every page carrying it was
  // published within a week of the others is a developing story's text that the outlet reprints (the
  // background of an update: "The inquiry began in March after …"), not its furniture: footers, promos
  // and bylines come back across months. Pages without a date give no such evidence.
  bool story_text(const Line& line) const {
    constexpr int kProseWords = 12;
    constexpr std::int32_t kStoryDays = 7;
    return line.punct_end && line.words >= kProseWords && !undated && last - first <= kStoryDays;
  }
};

}  // namespace

bool is_metadata_rule(std::string_view rule) noexcept {
  return rule == "title" || rule == "subtitle" || rule == "byline" || rule == "date" || rule == "url";
}

void clean(Document& doc, const CleanOptions& options) {
  std::vector<Document> one;
  one.push_back(std::move(doc));
  clean(one, options, 1);
  doc = std::move(one.front());
}

void clean(std::vector<Document>& docs, const CleanOptions& options, int threads) {
  const unsigned workers = resolve_threads(threads);
  const std::size_t n = docs.size();
  // Phase 1: analyse every document; remember the outlet and the hashes of the lines it keeps.
  std::vector<std::string> outlets(n);
  std::vector<std::vector<std::uint64_t>> kept(n);
  std::vector<std::optional<long>> days(n);  // publication day, for lines that only a story's pages share
  const bool repeated =
      options.boilerplate && options.repeated_min_docs > 0 && n > 1 && !options.keep_rules.count("repeated");
  if (repeated) {
    detail::parallel_for(n, workers, 64, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t i = b; i < e; ++i) {
        Analysis a = analyse(docs[i].text, docs[i], options);
        apply_keep_rules(a, options);
        outlets[i] = docs[i].outlet.empty() ? a.outlet : docs[i].outlet;
        days[i] = publication_day(a, docs[i]);
        auto& h = kept[i];
        for (const Line& l : a.lines)
          if (l.rule.empty()) h.push_back(line_hash(std::string_view(docs[i].text).substr(l.raw.start, l.raw.size())));
        std::sort(h.begin(), h.end());
        h.erase(std::unique(h.begin(), h.end()), h.end());
      }
    });
  }
  // Phase 2: per outlet, the lines kept in enough of its documents.
  std::unordered_map<std::string, std::size_t> outlet_docs;
  std::unordered_map<std::string, std::unordered_map<std::uint64_t, LineCarriers>> counts;
  if (repeated) {
    for (std::size_t i = 0; i < n; ++i) {
      if (outlets[i].empty()) continue;  // pages of unknown outlets are not compared
      ++outlet_docs[outlets[i]];
      auto& c = counts[outlets[i]];
      for (auto h : kept[i]) c[h].add(days[i]);
    }
  }
  auto is_repeated = [&](const std::string& outlet, std::uint64_t h, const Line& line) {
    if (outlet.empty()) return false;
    const auto od = outlet_docs.find(outlet);
    if (od == outlet_docs.end() || od->second < 2) return false;
    const int need = static_cast<int>(std::min<std::size_t>(od->second, static_cast<std::size_t>(options.repeated_min_docs)));
    const auto& c = counts.at(outlet);
    const auto it = c.find(h);
    return it != c.end() && it->second.documents >= std::max(2, need) && !it->second.story_text(line);
  };
  // Phase 3: final analysis, "repeated" marks, assembly and segmentation.
  detail::parallel_for(n, workers, 32, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      Document& d = docs[i];
      std::string raw = std::move(d.text);
      Analysis a = analyse(raw, d, options);
      apply_keep_rules(a, options);
      if (repeated) {
        const std::string& o = outlets[i];
        for (Line& l : a.lines)
          if (l.rule.empty() && is_repeated(o, line_hash(std::string_view(raw).substr(l.raw.start, l.raw.size())), l) &&
              !opens_with_quotation(std::string_view(raw).substr(l.raw.start, l.raw.size())))
            l.rule = "repeated";
      }
      assemble(d, std::move(raw), a);
    }
  });
  resolve_numeric_dates_by_outlet(docs, options);
}

}  // namespace framelens
