#include "framelens/io.hpp"

#include <glob.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>

#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/json.hpp"
#include "util/parallel.hpp"

namespace framelens::io {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string mb(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

void check_path(const std::string& path) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st))
    throw FileNotFound(path + ": no such file; check the path (relative paths start at " + fs::current_path().string() + ")", path);
  if (fs::is_directory(st))
    throw FormatError(path + ": is a directory; pass the files inside it, a glob such as '" + path +
                      "/*.txt', or framelens.read('" + path + "')");
}

// The one input stream of every reader: buffered over gzip or plain files (zlib reads uncompressed files
// transparently), with the size limits of ReadOptions checked while reading, so that no input - a gzip
// bomb, a file without line breaks - can make a reader hold more than max_document_bytes of one
// document or inflate more than max_input_bytes in all.
class Stream {
 public:
  Stream(const std::string& path, const ReadOptions& limits)
      : path_(path), max_document_(limits.max_document_bytes), max_input_(limits.max_input_bytes) {
    check_path(path);
    f_ = gzopen(path.c_str(), "rb");
    if (!f_) throw IoError(path + ": cannot open (" + std::strerror(errno) + ")", path);
    gzbuffer(f_, 1 << 17);
  }
  ~Stream() { if (f_) gzclose(f_); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // Next byte or -1 at the end.
  int get() {
    if (pos_ == len_ && !fill()) return -1;
    ++offset_;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  // Reads a line (without the '\n'; a trailing '\r' is kept for the caller to trim). False at the end.
  // A line longer than max_document_bytes is an error as soon as it gets that long.
  bool getline(std::string& line) {
    line.clear();
    ++lines_;
    bool any = false;
    for (;;) {
      if (pos_ == len_ && !fill()) return any;
      any = true;
      const char* start = buf_.get() + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      const std::size_t k = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : len_ - pos_;
      if (line.size() + k > max_document_)
        throw FormatError(path_ + ": line " + std::to_string(lines_) + " is longer than " + mb(max_document_) +
                          " (max_document_bytes, the limit for one record); check that the file has one record " +
                          "per line, or raise max_document_bytes");
      line.append(start, k);
      pos_ += k + (nl ? 1 : 0);
      offset_ += k + (nl ? 1 : 0);
      if (nl) return true;
    }
  }
  // Reads everything that is left into `out` (one document: at most max_document_bytes).
  void read_all(std::string& out) {
    for (;;) {
      if (pos_ == len_ && !fill()) return;
      if (out.size() + (len_ - pos_) > max_document_)
        throw FormatError(path_ + ": decompresses to more than " + mb(max_document_) +
                          " (max_document_bytes, the limit for one document); a file holding many articles should be " +
                          "JSON Lines or CSV (streamed record by record), or raise max_document_bytes");
      out.append(buf_.get() + pos_, len_ - pos_);
      offset_ += len_ - pos_;
      pos_ = len_;
    }
  }
  std::size_t offset() const { return offset_; }  // decompressed bytes consumed
  const std::string& path() const { return path_; }

 private:
  bool fill() {
    if (eof_) return false;
    const int n = gzread(f_, buf_.get(), static_cast<unsigned>(kBuffer));
    if (n < 0) {
      int code = 0;
      const char* msg = gzerror(f_, &code);
      throw FormatError(path_ + ": cannot decompress at byte " + std::to_string(offset_) + " (" + msg +
                        "); the gzip file is damaged or truncated - download or compress it again");
    }
    if (n == 0) {
      int code = 0;
      gzerror(f_, &code);
      if (code == Z_BUF_ERROR)
        throw FormatError(path_ + ": the gzip data ends early at byte " + std::to_string(offset_) +
                          " (unexpected end of file); the file is damaged or truncated - download or compress it again");
      eof_ = true;
      return false;
    }
    pos_ = 0;
    len_ = static_cast<std::size_t>(n);
    inflated_ += len_;
    if (inflated_ > max_input_)
      throw FormatError(path_ + ": decompresses to more than " + mb(max_input_) +
                        " (max_input_bytes, the limit for one input file); a gzip bomb or a wrong file? " +
                        "split the input, or raise max_input_bytes");
    return true;
  }
  std::string path_;
  std::size_t max_document_, max_input_;
  gzFile f_ = nullptr;
  // not zero-filled: a reader of many small pages would otherwise clear 1 MiB per file
  static constexpr std::size_t kBuffer = std::size_t{1} << 20;
  std::unique_ptr<char[]> buf_{new char[kBuffer]};
  std::size_t pos_ = 0, len_ = 0, offset_ = 0, inflated_ = 0, lines_ = 0;
  bool eof_ = false;
};

const char* kWhatToRead = "framelens reads UTF-8 text, JSON Lines, JSON or CSV files (optionally gzip-compressed)";

// Rejects NUL bytes (binary data) and UTF-16, naming the file and where.
void check_not_binary(std::string_view data, const std::string& path, std::size_t base_offset) {
  if (base_offset == 0 && data.size() >= 2 &&
      ((static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xFE) ||
       (static_cast<unsigned char>(data[0]) == 0xFE && static_cast<unsigned char>(data[1]) == 0xFF)))
    throw FormatError(path + ": is UTF-16 encoded (byte order mark at byte 0); " + kWhatToRead +
                      " - re-save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
  const void* nul = std::memchr(data.data(), 0, data.size());
  if (nul)
    throw FormatError(path + ": looks like a binary file (NUL byte at byte " +
                      std::to_string(base_offset + (static_cast<const char*>(nul) - data.data())) + "); " + kWhatToRead +
                      " - convert it to text first or leave it out");
}

// Validates (or repairs) one piece of text read from `path`; `base` is its byte offset in the file.
void check_utf8(std::string& text, const std::string& path, std::size_t base, std::size_t line, const ReadOptions& o,
                std::size_t& replaced) {
  const std::size_t bad = utf8::find_invalid(text);
  if (bad == std::string::npos) return;
  if (o.errors == OnInvalid::Replace) {
    replaced += utf8::replace_invalid(text);
    return;
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
  std::string where = path + ": invalid UTF-8 at byte " + std::to_string(base + bad);
  if (line) where += " (line " + std::to_string(line) + ")";
  throw EncodingError(where + ": byte " + hex + " does not start or continue a UTF-8 sequence; convert the file to UTF-8 " +
                          "(e.g. iconv -f latin1 -t UTF-8) or read it with errors='replace' to substitute U+FFFD",
                      path, base + bad);
}

bool all_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// --- JSON record -> Document ---------------------------------------------------------------------

const json* lookup(const json& obj, const std::string& path) {
  const json* cur = &obj;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    if (it == cur->end()) {
      // a key that itself contains dots ("main.event") wins over a path
      if (cur == &obj) {
        auto whole = obj.find(path);
        if (whole != obj.end()) return &*whole;
      }
      return nullptr;
    }
    cur = &*it;
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

bool scalar_string(const json& v, std::string& out) {
  if (v.is_string()) { out = v.get<std::string>(); return true; }
  if (v.is_boolean()) { out = v.get<bool>() ? "true" : "false"; return true; }
  if (v.is_number()) { out = v.dump(); return true; }
  if (v.is_array()) {
    out.clear();
    for (const auto& x : v) {
      std::string s;
      if (x.is_object() || x.is_array() || x.is_null() || !scalar_string(x, s)) return false;
      if (!out.empty()) out += "; ";
      out += s;
    }
    return true;
  }
  return false;
}

void to_document(json& obj, const Fields& f, Document& d, const std::string& where) {
  if (!obj.is_object()) throw FormatError(where + ": a record must be a JSON object, not " + std::string(obj.type_name()));
  json* t = const_cast<json*>(lookup(obj, f.text));
  if (!t) {
    std::string keys;
    for (auto it = obj.begin(); it != obj.end(); ++it) keys += (keys.empty() ? "" : ", ") + it.key();
    throw FormatError(where + ": no text field '" + f.text + "' (fields: " + keys + "); name the text field, e.g. text='" +
                      (obj.empty() ? std::string("content") : obj.begin().key()) + "'");
  }
  if (t->is_string()) d.text = std::move(t->get_ref<std::string&>());  // moved, never copied
  else if (t->is_null()) d.text.clear();
  else if (t->is_array()) {  // a list of paragraphs
    for (auto& p : *t) {
      std::string s;
      if (!scalar_string(p, s)) throw FormatError(where + ": text field '" + f.text + "' holds a list of non-text values");
      if (!d.text.empty()) d.text += "\n\n";
      d.text += s;
    }
  } else throw FormatError(where + ": text field '" + f.text + "' is " + t->type_name() + ", not text");
  auto field = [&](const std::string& name, std::string& out) {
    if (name.empty()) return;
    if (const json* v = lookup(obj, name)) scalar_string(*v, out);
  };
  field(f.id, d.id);
  field(f.outlet, d.outlet);
  field(f.title, d.title);
  std::string v;
  if (!f.date.empty() && (v.clear(), field(f.date, v), !v.empty())) d.meta["date"] = v;
  if (!f.url.empty() && (v.clear(), field(f.url, v), !v.empty())) d.meta["url"] = v;
  if (!f.author.empty() && (v.clear(), field(f.author, v), !v.empty())) d.meta["author"] = v;
  if (!f.keep_other) return;
  auto top = [](const std::string& name) { return name.substr(0, name.find('.')); };
  const std::string used[] = {top(f.text), top(f.id), top(f.outlet), top(f.title), top(f.date), top(f.url), top(f.author)};
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(std::begin(used), std::end(used), it.key()) != std::end(used) && !it->is_object()) continue;
    if (it->is_object()) {
      for (auto jt = it->begin(); jt != it->end(); ++jt) {
        const std::string key = it.key() + "." + jt.key();
        if (key == f.text || key == f.id || key == f.outlet || key == f.title || key == f.date || key == f.url || key == f.author) continue;
        std::string s;
        if (!jt->is_null() && scalar_string(*jt, s) && !s.empty()) d.meta.emplace(key, std::move(s));
      }
      continue;
    }
    std::string s;
    if (!it->is_null() && scalar_string(*it, s) && !s.empty()) d.meta.emplace(it.key(), std::move(s));
  }
}

// --- CSV -----------------------------------------------------------------------------------------

// Reads one CSV record; false at the end of the input. `line` counts physical lines.
bool csv_record(Stream& in, char delim, std::vector<std::string>& fields, std::size_t& line, std::size_t max_bytes) {
  fields.clear();
  int c = in.get();
  if (c == -1) return false;
  std::string cur;
  bool quoted = false, was_quoted = false;
  std::size_t size = 0;
  const std::size_t start_line = line;
  for (;; c = in.get()) {
    if (++size > max_bytes)
      throw FormatError(in.path() + ": the record starting on line " + std::to_string(start_line) +
                        " is larger than " + mb(max_bytes) + " - an unbalanced quote (\") probably runs to the end; " +
                        "check the quoting or raise max_document_bytes");
    if (c == -1) {
      if (quoted)
        throw FormatError(in.path() + ": a quoted field opened on line " + std::to_string(start_line) +
                          " is never closed (unbalanced '\"'); fix the quoting");
      fields.push_back(std::move(cur));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        int d = in.get();
        if (d == '"') { cur.push_back('"'); continue; }
        const std::size_t at = in.offset() - 1;
        // After the closing quote only the delimiter, the end of the line (LF or CRLF) or of the file may come.
        int end = d;
        if (d == '\r') {
          end = in.get();
          if (end != '\n' && end != -1) d = '\r';
        }
        if (end == -1 || end == '\n') {
          if (end == '\n') ++line;
          fields.push_back(std::move(cur));
          return true;
        }
        if (d == delim) { fields.push_back(std::move(cur)); cur.clear(); quoted = was_quoted = false; continue; }
        char shown[8];
        std::snprintf(shown, sizeof shown, d == '\r' ? "\\r" : (d >= 0x20 && d < 0x7F ? "%c" : "0x%02X"), d);
        throw FormatError(in.path() + ": line " + std::to_string(line) + ", byte " + std::to_string(at) +
                          ": '" + shown + "' after the closing quote of a quoted field (only the delimiter or the " +
                          "end of the line may follow); a quote inside a quoted field must be doubled (\"\"), fix the quoting");
      } else {
        if (c == '\n') ++line;
        cur.push_back(static_cast<char>(c));
        continue;
      }
    }
    if (c == '"' && cur.empty() && !was_quoted) { quoted = was_quoted = true; continue; }
    if (c == delim) { fields.push_back(std::move(cur)); cur.clear(); was_quoted = false; continue; }
    if (c == '\n') {
      ++line;
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      fields.push_back(std::move(cur));
      return true;
    }
    cur.push_back(static_cast<char>(c));
  }
}

}  // namespace

std::string read_text(const std::string& path, const ReadOptions& options, std::size_t* replaced) {
  check_path(path);
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size == 0)
    throw FormatError(path + ": is empty (0 bytes); there is no article to read - check the file or leave it out");
  if (!ec && size > options.max_document_bytes)
    throw FormatError(path + ": is " + mb(size) + ", more than the " + mb(options.max_document_bytes) +
                      " allowed for one article; a file holding many articles should be JSON Lines or CSV " +
                      "(streamed record by record), or raise max_document_bytes");
  Stream in(path, options);
  std::string text;
  if (!ec) text.reserve(static_cast<std::size_t>(size));
  in.read_all(text);
  check_not_binary(text, path, 0);
  utf8::strip_bom(text);
  if (all_space(text))
    throw FormatError(path + ": holds only white space; there is no article to read - check the file or leave it out");
  std::size_t n = 0;
  check_utf8(text, path, 0, 0, options, n);
  if (replaced) *replaced = n;
  return text;
}

std::vector<std::string> expand(const std::string& p) {
  std::vector<std::string> out;
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
    if (out.empty()) throw FileNotFound(p + ": the directory holds no files", p);
    return out;
  }
  if (fs::exists(p, ec)) return {p};
  if (p.find_first_of("*?[") != std::string::npos) {
    glob_t g{};
    const int rc = ::glob(p.c_str(), 0, nullptr, &g);
    if (rc == 0)
      for (std::size_t i = 0; i < g.gl_pathc; ++i)
        if (!fs::is_directory(g.gl_pathv[i], ec)) out.emplace_back(g.gl_pathv[i]);
    globfree(&g);
    std::sort(out.begin(), out.end());
    if (out.empty()) throw FileNotFound(p + ": no file matches this pattern", p);
    return out;
  }
  throw FileNotFound(p + ": no such file or directory; check the path (relative paths start at " +
                         fs::current_path().string() + ")",
                     p);
}

std::vector<Document> read_text_files(const std::vector<std::string>& paths, const std::string& outlet,
                                      const ReadOptions& options, ReadReport* report, int threads) {
  return read_text_files(paths, std::vector<std::string>(paths.size(), outlet), options, report, threads);
}

std::vector<Document> read_text_files(const std::vector<std::string>& paths, const std::vector<std::string>& outlets,
                                      const ReadOptions& options, ReadReport* report, int threads) {
  if (outlets.size() != paths.size())
    throw InvalidArgument("read_text_files: " + std::to_string(outlets.size()) + " outlets for " +
                          std::to_string(paths.size()) + " files; give one per file (an empty one: detect it)");
  std::vector<Document> docs(paths.size());
  std::vector<std::size_t> replaced(paths.size(), 0);
  detail::parallel_for(paths.size(), resolve_threads(threads), 4, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      Document& d = docs[i];
      d.text = read_text(paths[i], options, &replaced[i]);
      fs::path p(paths[i]);
      while (p.has_extension()) {
        const auto ext = p.extension().string();
        if (ext != ".gz" && ext != ".txt" && ext != ".text") break;
        p = p.stem();
      }
      d.id = p.filename().string();
      d.outlet = outlets[i];
      d.meta["file"] = paths[i];
      if (replaced[i]) d.meta["replaced"] = std::to_string(replaced[i]);
    }
  });
  if (report) {
    report->documents += docs.size();
    for (std::size_t i = 0; i < paths.size(); ++i)
      if (replaced[i]) { report->replaced += replaced[i]; report->replaced_by_file[paths[i]] += replaced[i]; }
  }
  return docs;
}

void read_jsonl(const std::string& path, const Fields& fields, const ReadOptions& options,
                const std::function<void(Document&&)>& sink, ReadReport* report, int threads) {
  Stream in(path, options);
  const unsigned workers = resolve_threads(threads);
  // Lines are read in order into batches of at most ~16 MB; each batch is parsed on the other threads
  // while the next one is read and decompressed (with one thread, strictly one after the other), and handed
  // to the sink in order from this thread. Each line's text is moved into its Document, never copied.
  struct Pending { std::string line; std::size_t number, base; Document doc; };
  std::vector<Pending> reading, parsing;
  std::vector<std::size_t> rep;  // replaced bytes per record of `parsing`
  std::size_t number = 0, records = 0, replaced = 0;
  const std::string name = fs::path(path).filename().string();
  // While this thread reads, the parse has the other threads: `workers` busy threads in all (more would
  // only compete, and each extra thread's malloc arena holds on to freed text).
  const unsigned parse_threads = workers > 1 ? workers - 1 : 1;
  auto parse = [&] {
    detail::parallel_for(parsing.size(), parse_threads, 16, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t i = b; i < e; ++i) {
        Pending& p = parsing[i];
        check_not_binary(p.line, path, p.base);
        if (p.number == 1) utf8::strip_bom(p.line);
        check_utf8(p.line, path, p.base, p.number, options, rep[i]);
        json obj = util::parse_json(p.line, {path + ": line " + std::to_string(p.number), p.base,
                                             "JSON Lines needs one complete JSON object per line"});
        std::string().swap(p.line);
        to_document(obj, fields, p.doc, path + ": line " + std::to_string(p.number));
        if (p.doc.id.empty()) p.doc.id = name + ":" + std::to_string(p.number);
      }
    });
  };
  std::future<void> job;  // parses `parsing` while `reading` fills
  auto deliver = [&] {    // waits for the parse (rethrowing its error) and hands the batch over
    if (job.valid()) job.get();
    for (std::size_t i = 0; i < parsing.size(); ++i) {
      replaced += rep[i];
      ++records;
      sink(std::move(parsing[i].doc));
    }
    parsing.clear();
  };
  auto hand_over = [&] {
    deliver();
    parsing.swap(reading);
    rep.assign(parsing.size(), 0);
    if (workers > 1) job = std::async(std::launch::async, parse);
    else parse();
  };
  try {
    std::size_t batch_bytes = 0;
    std::string line;
    while (true) {
      const std::size_t base = in.offset();
      if (!in.getline(line)) break;
      ++number;
      if (all_space(line)) continue;
      batch_bytes += line.size();
      reading.push_back(Pending{std::move(line), number, base, Document{}});
      line = std::string();
      if (batch_bytes > (std::size_t{16} << 20) || reading.size() >= 4096) {
        hand_over();
        batch_bytes = 0;
      }
    }
    hand_over();
    deliver();
  } catch (...) {
    // An error in an earlier batch (still being parsed) comes first: wait for it, and let it win.
    if (job.valid()) job.get();
    throw;
  }
  if (records == 0)
    throw FormatError(path + ": holds no JSON records (empty file); check the file or leave it out");
  if (report) {
    report->documents += records;
    report->replaced += replaced;
    if (replaced) report->replaced_by_file[path] += replaced;
  }
}

void read_csv(const std::string& path, const Fields& fields, const ReadOptions& options,
              const std::function<void(Document&&)>& sink, char delimiter, ReadReport* report) {
  Stream in(path, options);
  std::vector<std::string> header, row;
  std::size_t line = 1, replaced = 0, records = 0;
  if (!csv_record(in, delimiter, header, line, options.max_document_bytes) || (header.size() == 1 && header[0].empty()))
    throw FormatError(path + ": is empty; a CSV file needs a header row naming its columns (text, outlet, title, ...)");
  for (auto& h : header) {
    check_not_binary(h, path, 0);
    check_utf8(h, path, 0, 1, options, replaced);
  }
  if (!header.empty()) utf8::strip_bom(header[0]);
  auto col = [&](const std::string& name) -> long {
    if (name.empty()) return -1;
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<long>(it - header.begin());
  };
  const long ct = col(fields.text);
  if (ct < 0) {
    std::string names;
    for (const auto& h : header) names += (names.empty() ? "" : ", ") + h;
    throw FormatError(path + ": no text column '" + fields.text + "' in the header (columns: " + names +
                      "); name the text column, e.g. text='" + (header.empty() ? std::string("body") : header[0]) + "'");
  }
  const long ci = col(fields.id), co = col(fields.outlet), cti = col(fields.title), cd = col(fields.date),
             cu = col(fields.url), ca = col(fields.author);
  for (;;) {
    const std::size_t start_line = line;
    const std::size_t base = in.offset();
    if (!csv_record(in, delimiter, row, line, options.max_document_bytes)) break;
    if (row.size() == 1 && row[0].empty()) continue;  // blank line
    if (row.size() != header.size())
      throw FormatError(path + ": record on line " + std::to_string(start_line) + " has " + std::to_string(row.size()) +
                        " fields, the header has " + std::to_string(header.size()) +
                        "; check the delimiter and quoting (a field holding the delimiter or a newline must be quoted)");
    for (auto& v : row) {
      check_not_binary(v, path, base);
      check_utf8(v, path, base, start_line, options, replaced);
    }
    Document d;
    d.text = std::move(row[static_cast<std::size_t>(ct)]);
    if (ci >= 0) d.id = row[ci];
    if (co >= 0) d.outlet = row[co];
    if (cti >= 0) d.title = row[cti];
    if (cd >= 0 && !row[cd].empty()) d.meta["date"] = row[cd];
    if (cu >= 0 && !row[cu].empty()) d.meta["url"] = row[cu];
    if (ca >= 0 && !row[ca].empty()) d.meta["author"] = row[ca];
    if (fields.keep_other)
      for (std::size_t k = 0; k < header.size(); ++k) {
        const long kk = static_cast<long>(k);
        if (kk == ct || kk == ci || kk == co || kk == cti || kk == cd || kk == cu || kk == ca || row[k].empty()) continue;
        d.meta.emplace(header[k], row[k]);
      }
    if (d.id.empty()) d.id = fs::path(path).filename().string() + ":" + std::to_string(start_line);
    ++records;
    sink(std::move(d));
  }
  if (report) {
    report->documents += records;
    report->replaced += replaced;
    if (replaced) report->replaced_by_file[path] += replaced;
  }
}

void read_json(const std::string& path, const Fields& fields, const ReadOptions& options,
               const std::function<void(Document&&)>& sink, ReadReport* report) {
  std::size_t replaced = 0;
  std::string text = read_text(path, options, &replaced);
  json root = util::parse_json(text, {path, 0, "check the file; for one record per line use the JSON Lines reader (.jsonl)"});
  text.clear();
  text.shrink_to_fit();
  const std::string stem = fs::path(path).stem().string();
  std::size_t records = 0;
  auto one = [&](json& obj, const std::string& where, const std::string& default_id) {
    Document d;
    if (obj.is_object() && obj.contains("body-paragraphs")) {
      // BASIL layout: paragraphs are lists of sentences; "source" names the outlet.
      Fields f = fields;
      f.text = "body-paragraphs";
      if (!obj.contains(fields.outlet) && obj.contains("source")) f.outlet = "source";
      if (!obj.contains(fields.id) && obj.contains("uuid")) f.id = "";
      json& paras = obj["body-paragraphs"];
      std::string body;
      if (!paras.is_array()) throw FormatError(where + ": 'body-paragraphs' is not a list");
      for (auto& p : paras) {
        std::string para;
        if (p.is_string()) para = p.get<std::string>();
        else if (p.is_array())
          for (auto& s : p) {
            if (!s.is_string()) throw FormatError(where + ": 'body-paragraphs' holds a non-text sentence");
            if (!para.empty()) para.push_back(' ');
            para += s.get<std::string>();
          }
        if (!para.empty()) { if (!body.empty()) body += "\n\n"; body += para; }
      }
      paras = std::move(body);
      to_document(obj, f, d, where);
    } else {
      to_document(obj, fields, d, where);
    }
    if (d.id.empty()) d.id = default_id;
    ++records;
    sink(std::move(d));
  };
  if (root.is_array()) {
    for (std::size_t i = 0; i < root.size(); ++i)
      one(root[i], path + ": record " + std::to_string(i), stem + ":" + std::to_string(i));
  } else {
    one(root, path, stem);
  }
  if (report) {
    report->documents += records;
    report->replaced += replaced;
    if (replaced) report->replaced_by_file[path] += replaced;
  }
}

std::vector<std::string> record_fields(const std::string& path, const std::string& format, const ReadOptions& options) {
  std::vector<std::string> keys;
  std::size_t replaced = 0;
  if (format == "csv" || format == "tsv") {
    Stream in(path, options);
    std::size_t line = 1;
    if (csv_record(in, format == "tsv" ? '\t' : ',', keys, line, options.max_document_bytes)) {
      for (auto& k : keys) check_utf8(k, path, 0, 1, options, replaced);
      if (!keys.empty()) utf8::strip_bom(keys[0]);
    }
    return keys;
  }
  json first;
  if (format == "jsonl") {
    Stream in(path, options);
    std::string line;
    std::size_t number = 0, base = 0;
    while ((base = in.offset(), in.getline(line))) {
      ++number;
      if (all_space(line)) continue;
      check_not_binary(line, path, base);
      if (number == 1) utf8::strip_bom(line);
      check_utf8(line, path, base, number, options, replaced);
      first = util::parse_json(line, {path + ": line " + std::to_string(number), base,
                                      "JSON Lines needs one complete JSON object per line"});
      break;
    }
  } else if (format == "json") {
    json root = util::parse_json(read_text(path, options, &replaced),
                                 {path, 0, "check the file; for one record per line use the JSON Lines reader (.jsonl)"});
    first = root.is_array() ? (root.empty() ? json() : std::move(root[0])) : std::move(root);
  } else {
    throw InvalidArgument("format must be jsonl, json, csv or tsv, not '" + format + "'");
  }
  if (!first.is_object()) return keys;
  for (auto it = first.begin(); it != first.end(); ++it) keys.push_back(it.key());
  for (auto it = first.begin(); it != first.end(); ++it)
    if (it->is_object())
      for (auto jt = it->begin(); jt != it->end(); ++jt) keys.push_back(it.key() + "." + jt.key());
  return keys;
}

void normalise_date(Document& doc, const DateOptions& options) {
  auto it = doc.meta.find("date");
  if (it == doc.meta.end()) return;
  std::string raw = it->second;
  auto p = parse_date(raw, options);
  doc.meta["date_raw"] = raw;
  if (p && !p->iso.empty()) it->second = p->iso;
  else doc.meta.erase(it);
}

}  // namespace framelens::io
