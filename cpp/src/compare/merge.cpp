// compare() on a corpus in pieces, part 2: the pieces put together (compare_partial.hpp). Rows go back to
// corpus order (documents, quotes) or to compare()'s sentence order (story by story, a story placed by its
// first document); the omitted-sentence cap is applied again over all pieces and sentence ids renumbered;
// sums are added and the outlet-level views computed from them exactly as compare()'s parts do.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "compare/partial.hpp"
#include "compare/terms.hpp"
#include "framelens/error.hpp"
#include "framelens/similarity.hpp"
#include "framelens/threads.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens {
namespace {

using I = std::int64_t;
using Parts = std::vector<const PartialComparison*>;

Table empty_like(const Table& t) {
  Table out;
  for (const auto& c : t.columns()) out.add(c.name, c.type);
  return out;
}

const Table& table_of(const PartialComparison& p, const char* name) {
  const auto it = p.tables.find(name);
  if (it == p.tables.end()) throw FormatError(std::string("merge: a piece has no table '") + name + "'; was it written by compare_partial?");
  return it->second;
}

// The corpus's outlets by name: a piece's outlet column is looked up once per dictionary entry, not per row.
class OutletIndex {
 public:
  explicit OutletIndex(const std::vector<std::string>& outlets) {
    for (std::uint32_t g = 0; g < outlets.size(); ++g) index_.emplace(outlets[g], g);
  }
  /// The outlet of each entry of `column`'s dictionary.
  std::vector<std::uint32_t> of(const Column& column) const {
    std::vector<std::uint32_t> out;
    out.reserve(column.dictionary.size());
    for (const auto& name : column.dictionary) {
      const auto it = index_.find(name);
      if (it == index_.end()) throw FormatError("merge: a piece names the outlet '" + name + "', which is not the corpus's");
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::unordered_map<std::string_view, std::uint32_t> index_;
};

// Row `row` of piece `piece`'s table.
struct RowRef {
  std::size_t piece, row;
};

// Rows of the pieces' tables `name` appended to one table (`out`, with the columns of the pieces'). A
// string is interned once per piece and dictionary entry, not once per row: each piece's codes map to the
// merged dictionary's (the merge of the whole article-bias corpus spent half its time interning).
class RowCopier {
 public:
  RowCopier(const Parts& parts, const char* name) : out(empty_like(table_of(*parts[0], name))) {
    for (const auto* p : parts) {
      const Table& t = table_of(*p, name);
      if (t.columns().size() != out.columns().size())
        throw FormatError(std::string("merge: the pieces' tables '") + name + "' have different columns");
      for (std::size_t c = 0; c < out.columns().size(); ++c)
        if (t.columns()[c].name != out.columns()[c].name || t.columns()[c].type != out.columns()[c].type)
          throw FormatError(std::string("merge: the pieces' tables '") + name + "' have different columns");
      from_.push_back(&t);
      auto& codes = codes_.emplace_back(out.columns().size());
      for (std::size_t c = 0; c < codes.size(); ++c) codes[c].assign(t.columns()[c].dictionary.size(), kNone);
    }
    // Room for every row and string of the pieces (seal() gives back what stays unused).
    for (std::size_t c = 0; c < out.columns().size(); ++c) {
      std::size_t rows = 0, strings = 0;
      for (const Table* t : from_) {
        rows += t->rows();
        strings += t->columns()[c].dictionary.size();
      }
      out.columns()[c].reserve(rows);
      out.columns()[c].dictionary.reserve(strings);
    }
  }

  /// The rows `rows` appended to `out`, column by column.
  void append(const std::vector<RowRef>& rows) {
    auto& cols = out.columns();
    for (std::size_t c = 0; c < cols.size(); ++c) {
      Column& to = cols[c];
      switch (to.type) {
        case ColumnType::int64:
        case ColumnType::boolean:
          for (const auto& x : rows) to.ints.push_back(from_[x.piece]->columns()[c].ints[x.row]);
          break;
        case ColumnType::float64:
          for (const auto& x : rows) to.floats.push_back(from_[x.piece]->columns()[c].floats[x.row]);
          break;
        case ColumnType::string:
          for (const auto& x : rows) {
            const Column& from = from_[x.piece]->columns()[c];
            std::uint32_t& code = codes_[x.piece][c][from.codes[x.row]];
            if (code == kNone) {
              to.push(from.str(x.row));
              code = to.codes.back();
            } else {
              to.codes.push_back(code);
            }
          }
          break;
      }
    }
  }

  /// Row `row` of piece `k`'s table appended to `out`.
  void append(std::size_t k, std::size_t row) {
    auto& cols = out.columns();
    const auto& src = from_[k]->columns();
    for (std::size_t c = 0; c < cols.size(); ++c) {
      switch (cols[c].type) {
        case ColumnType::int64:
        case ColumnType::boolean: cols[c].ints.push_back(src[c].ints[row]); break;
        case ColumnType::float64: cols[c].floats.push_back(src[c].floats[row]); break;
        case ColumnType::string: {
          std::uint32_t& code = codes_[k][c][src[c].codes[row]];
          if (code == kNone) {
            cols[c].push(src[c].str(row));
            code = cols[c].codes.back();
          } else {
            cols[c].codes.push_back(code);
          }
          break;
        }
      }
    }
  }

  Table out;

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::vector<const Table*> from_;
  std::vector<std::vector<std::vector<std::uint32_t>>> codes_;  // piece, column, piece code: merged code
};

// The columns of `t` named in `names`, in that order (the others dropped).
Table select_columns(Table&& t, const std::vector<const char*>& names) {
  Table out;
  for (const char* name : names) out.columns().push_back(std::move(t.column(name)));
  return out;
}

const std::vector<double>& matrix_of(const PartialComparison& p, const char* name, std::size_t size) {
  const auto it = p.matrices.find(name);
  if (it == p.matrices.end() || it->second.size() != size)
    throw FormatError(std::string("merge: a piece's matrix '") + name + "' is missing or has the wrong size");
  return it->second;
}

// The rows of table `name` of every piece, stably ordered by the int column `key` (corpus position).
Table by_position(const Parts& parts, const char* name, const char* key) {
  std::vector<std::tuple<I, std::size_t, std::size_t>> rows;  // (key, piece, row)
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto& keys = table_of(*parts[k], name).ints(key);
    for (std::size_t r = 0; r < keys.size(); ++r) rows.emplace_back(keys[r], k, r);
  }
  std::sort(rows.begin(), rows.end());
  std::vector<RowRef> refs;
  refs.reserve(rows.size());
  for (const auto& [pos, k, r] : rows) refs.push_back({k, r});
  RowCopier copy(parts, name);
  copy.append(refs);
  return std::move(copy.out);
}

std::vector<double> summed(const Parts& parts, const char* name, std::size_t size) {
  std::vector<double> out(size, 0.0);
  for (const auto* p : parts) {
    const auto& m = matrix_of(*p, name, size);
    for (std::size_t i = 0; i < size; ++i) out[i] += m[i];
  }
  return out;
}

// An (outlet, term, value) table of every piece as one outlets x terms matrix, values summed.
SparseMatrix summed_sparse(const Parts& parts, const char* name, std::size_t G, std::size_t V) {
  std::vector<Eigen::Triplet<double>> trip;
  for (const auto* p : parts) {
    const Table& t = table_of(*p, name);
    const auto& o = t.ints("outlet");
    const auto& term = t.ints("term");
    const auto& v = t.floats("value");
    for (std::size_t r = 0; r < o.size(); ++r) {
      if (o[r] < 0 || static_cast<std::size_t>(o[r]) >= G || term[r] < 0 || static_cast<std::size_t>(term[r]) >= V)
        throw FormatError(std::string("merge: table '") + name + "' refers to an outlet or term outside the corpus's");
      trip.emplace_back(static_cast<int>(o[r]), static_cast<int>(term[r]), v[r]);
    }
  }
  SparseMatrix out(static_cast<Eigen::Index>(G), static_cast<Eigen::Index>(V));
  out.setFromTriplets(trip.begin(), trip.end());
  return out;
}

// A story must lie in one piece: its sentences are aligned there.
void check_stories(const Parts& parts) {
  std::unordered_map<std::string, std::size_t> piece_of;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const Column& story = table_of(*parts[k], "documents").column("story");
    for (std::size_t r = 0; r < story.size(); ++r) {
      const auto [it, fresh] = piece_of.emplace(std::string(story.str(r)), k);
      if (!fresh && it->second != k)
        throw InvalidArgument("merge: story '" + it->first +
                              "' has documents in two pieces; shuffle the documents by story before compare_partial");
    }
  }
}

// ---- sentences: compare()'s order, the omitted cap over all pieces, ids renumbered ------------------------

class SentenceMerge {
 public:
  SentenceMerge(const Parts& parts, const CompareOptions& opt, const std::vector<std::string>& outlets)
      : parts_(parts), opt_(opt), G_(outlets.size()), outlets_(outlets) {
    order_sentences();
  }

  void write(Comparison& c) {
    pick();
    number();
    write_sentences(c);
    write_unique_omitted(c);
  }

 private:
  const Table& t(std::size_t k, const char* name) const { return table_of(*parts_[k], name); }

  // Every candidate sentence of every piece, ranked story by story (a story by its first document's corpus
  // position), inside a story in the piece's order.
  void order_sentences() {
    std::vector<std::tuple<I, std::size_t, std::size_t>> all;
    rank_.resize(parts_.size());
    for (std::size_t k = 0; k < parts_.size(); ++k) {
      const auto& first = t(k, "sentences").ints("story_first");
      rank_[k].assign(first.size(), 0);
      for (std::size_t r = 0; r < first.size(); ++r) all.emplace_back(first[r], k, r);
    }
    std::sort(all.begin(), all.end());
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& [first, k, r] = all[i];
      rank_[k][r] = i;
      by_rank_.push_back({k, r});
    }
  }

  // Unique sentences, omitted ones (the widest reported first, capped), then the closest matches of both.
  void pick() {
    used_.resize(parts_.size());
    for (std::size_t k = 0; k < parts_.size(); ++k) used_[k].assign(rank_[k].size(), 0);
    unique_.assign(G_, {});
    omitted_.assign(G_, {});
    for (std::size_t k = 0; k < parts_.size(); ++k)
      for (auto [name, lists] : {std::pair{"unique", &unique_}, std::pair{"omitted", &omitted_}}) {
        const Column& outlet = t(k, name).column("outlet");
        const auto g = outlets_.of(outlet);
        for (std::size_t r = 0; r < outlet.codes.size(); ++r) (*lists)[g[outlet.codes[r]]].push_back({k, r});
      }
    // Column look-ups once, not inside the sorts.
    std::vector<const std::vector<I>*> unique_row(parts_.size()), omitted_row(parts_.size()), reporters(parts_.size());
    for (std::size_t k = 0; k < parts_.size(); ++k) {
      unique_row[k] = &t(k, "unique").ints("sentence");
      omitted_row[k] = &t(k, "omitted").ints("sentence");
      reporters[k] = &t(k, "omitted").ints("reporters");
      for (const auto* rows : {unique_row[k], omitted_row[k]})
        for (const I v : *rows)
          if (v < 0 || static_cast<std::size_t>(v) >= rank_[k].size()) throw FormatError("merge: a piece refers to a sentence it does not hold");
    }
    const auto rank = [&](const RowRef& x, const std::vector<const std::vector<I>*>& rows) {
      return rank_[x.piece][static_cast<std::size_t>((*rows[x.piece])[x.row])];
    };
    for (std::size_t g = 0; g < G_; ++g) {
      auto& u = unique_[g];
      std::sort(u.begin(), u.end(), [&](const auto& a, const auto& b) { return rank(a, unique_row) < rank(b, unique_row); });
      auto& o = omitted_[g];
      std::sort(o.begin(), o.end(), [&](const auto& a, const auto& b) {
        const I ra = (*reporters[a.piece])[a.row], rb = (*reporters[b.piece])[b.row];
        return ra != rb ? ra > rb : rank(a, omitted_row) < rank(b, omitted_row);
      });
      if (opt_.max_omitted && o.size() > opt_.max_omitted) o.resize(opt_.max_omitted);
      for (const auto& x : u) use(x.piece, (*unique_row[x.piece])[x.row]);
      for (const auto& x : o) use(x.piece, (*omitted_row[x.piece])[x.row]);
    }
    cited_ = used_;  // the sentences the evidence (the matches view) is for
    // Where each sentence's rows of the matches view start.
    match_start_.resize(parts_.size());
    for (std::size_t k = 0; k < parts_.size(); ++k) {
      const auto& s = t(k, "matches").ints("sentence");
      auto& start = match_start_[k];
      start.assign(rank_[k].size() + 1, 0);
      for (const auto v : s) {
        if (v < 0 || static_cast<std::size_t>(v) >= rank_[k].size()) throw FormatError("merge: a piece refers to a sentence it does not hold");
        start[static_cast<std::size_t>(v) + 1] += 1;
      }
      std::partial_sum(start.begin(), start.end(), start.begin());
    }
    // Every sentence matched by a kept unique or omitted one (match_targets: all matches, not only the
    // max_best closest the matches view keeps).
    for (std::size_t k = 0; k < parts_.size(); ++k) {
      std::vector<char> direct = used_[k];
      const Table& targets = t(k, "match_targets");
      const auto& from = targets.ints("sentence");
      const auto& to = targets.ints("target");
      for (std::size_t j = 0; j < from.size(); ++j) {
        if (from[j] < 0 || static_cast<std::size_t>(from[j]) >= direct.size()) throw FormatError("merge: a piece refers to a sentence it does not hold");
        if (direct[static_cast<std::size_t>(from[j])]) use(k, to[j]);
      }
    }
  }

  void use(std::size_t k, I row) {
    if (row < 0 || static_cast<std::size_t>(row) >= used_[k].size()) throw FormatError("merge: a piece refers to a sentence it does not hold");
    used_[k][static_cast<std::size_t>(row)] = 1;
  }

  void number() {
    id_.resize(parts_.size());
    for (std::size_t k = 0; k < parts_.size(); ++k) id_[k].assign(rank_[k].size(), -1);
    I next = 0;
    for (const auto& x : by_rank_)
      if (used_[x.piece][x.row]) id_[x.piece][x.row] = next++;
  }

  // Sentence row `row` of piece `k` as its merged id.
  I merged_id(std::size_t k, I row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= id_[k].size()) throw FormatError("merge: a piece refers to a sentence it does not hold");
    return id_[k][static_cast<std::size_t>(row)];
  }

  void write_sentences(Comparison& c) {
    std::vector<RowRef> sentences, matches;
    std::vector<I> match_of;  // per match row: the merged id of its sentence
    for (const auto& x : by_rank_) {
      if (!used_[x.piece][x.row]) continue;
      sentences.push_back(x);
      if (!cited_[x.piece][x.row]) continue;  // a matched sentence: listed, its own matches are not
      for (auto j = match_start_[x.piece][x.row]; j < match_start_[x.piece][x.row + 1]; ++j) {
        matches.push_back({x.piece, j});
        match_of.push_back(id_[x.piece][x.row]);
      }
    }
    RowCopier st(parts_, "sentences"), mt(parts_, "matches");
    st.append(sentences);
    mt.append(matches);
    auto& ids = st.out.column("sentence").ints;
    for (std::size_t i = 0; i < sentences.size(); ++i) ids[i] = id_[sentences[i].piece][sentences[i].row];
    mt.out.column("sentence").ints = std::move(match_of);
    auto& match = mt.out.column("match").ints;
    for (std::size_t m = 0; m < matches.size(); ++m)
      if (match[m] >= 0) match[m] = merged_id(matches[m].piece, match[m]);
    c.tables["sentences"] = select_columns(std::move(st.out), {"sentence", "document", "outlet", "story", "start", "end", "text", "entities"});
    c.tables["matches"] = std::move(mt.out);
  }

  void write_unique_omitted(Comparison& c) {
    for (auto [name, lists] : {std::pair{"unique", &unique_}, std::pair{"omitted", &omitted_}}) {
      std::vector<RowRef> rows;
      for (const auto& list : *lists) rows.insert(rows.end(), list.begin(), list.end());
      RowCopier copy(parts_, name);
      copy.append(rows);
      auto& sentence = copy.out.column("sentence").ints;
      for (std::size_t i = 0; i < rows.size(); ++i) sentence[i] = merged_id(rows[i].piece, sentence[i]);
      c.tables[name] = std::move(copy.out);
    }
  }

  const Parts& parts_;
  const CompareOptions& opt_;
  std::size_t G_;
  OutletIndex outlets_;
  std::vector<std::vector<std::size_t>> rank_;
  std::vector<RowRef> by_rank_;
  std::vector<std::vector<char>> used_, cited_;
  std::vector<std::vector<I>> id_;
  std::vector<std::vector<std::size_t>> match_start_;
  std::vector<std::vector<RowRef>> unique_, omitted_;
};

// ---- the same quote across outlets -------------------------------------------------------------------------

// Every piece's quote rows as rows of the merged quote table (by_position's order: corpus position, piece, row).
std::vector<std::vector<I>> merged_quote_rows(const Parts& parts) {
  std::vector<std::tuple<I, std::size_t, std::size_t>> rows;
  std::vector<std::vector<I>> out(parts.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto& docs = table_of(*parts[k], "quotes").ints("document");
    out[k].resize(docs.size());
    for (std::size_t r = 0; r < docs.size(); ++r) rows.emplace_back(docs[r], k, r);
  }
  std::sort(rows.begin(), rows.end());
  for (std::size_t i = 0; i < rows.size(); ++i) out[std::get<1>(rows[i])][std::get<2>(rows[i])] = static_cast<I>(i);
  return out;
}

// Rows of `from` appended to `to` with their group renumbered and quote row made the merged table's; the
// piece's "story_first" column is left out.
void append_renumbered(RowCopier& to, std::size_t k, std::size_t row, I group, const std::vector<I>& quote_row) {
  to.append(k, row);
  auto& g = to.out.column("group").ints.back();
  g = group;
  auto& q = to.out.column("quote").ints.back();
  if (q < 0 || static_cast<std::size_t>(q) >= quote_row.size()) throw FormatError("merge: a shared quote refers to a quote outside its piece");
  q = quote_row[static_cast<std::size_t>(q)];
}

// Groups in the order compare() numbers them: by story (its first document's corpus position), then the
// piece's own group order; members follow their group.
void merge_shared_quotes(Comparison& c, const Parts& parts) {
  const auto quote_row = merged_quote_rows(parts);
  std::vector<std::tuple<I, std::size_t, I>> order;  // (story_first, piece, group)
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const Table& t = table_of(*parts[k], "shared_quotes");
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (t.ints("group")[r] != static_cast<I>(r)) throw FormatError("merge: a piece's shared quote groups are out of order");
      order.emplace_back(t.ints("story_first")[r], k, static_cast<I>(r));
    }
  }
  std::sort(order.begin(), order.end());
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> members(parts.size());  // per piece and group: rows
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto& groups = table_of(*parts[k], "shared_quote_members").ints("group");
    members[k].assign(table_of(*parts[k], "shared_quotes").rows(), {0, 0});
    for (std::size_t r = 0; r < groups.size(); ++r) {
      const auto g = static_cast<std::size_t>(groups[r]);
      if (g >= members[k].size()) throw FormatError("merge: a shared quote member refers to a group outside its piece");
      if (members[k][g].second == 0) members[k][g].first = r;
      members[k][g].second = r + 1;
    }
  }
  RowCopier group_rows(parts, "shared_quotes"), member_rows(parts, "shared_quote_members");
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto [first, k, g] = order[i];
    append_renumbered(group_rows, k, static_cast<std::size_t>(g), static_cast<I>(i), quote_row[k]);
    const auto [b, e] = members[k][static_cast<std::size_t>(g)];
    for (std::size_t r = b; r < e; ++r) append_renumbered(member_rows, k, r, static_cast<I>(i), quote_row[k]);
  }
  Table groups = std::move(group_rows.out), rows = std::move(member_rows.out);
  for (Table* t : {&groups, &rows}) {
    auto& cols = t->columns();
    cols.erase(std::remove_if(cols.begin(), cols.end(), [](const Column& col) { return col.name == "story_first"; }), cols.end());
  }
  c.tables["shared_quotes"] = std::move(groups);
  c.tables["shared_quote_members"] = std::move(rows);
}

// ---- outlet-level views from the sums ----------------------------------------------------------------------

std::uint32_t outlet_index(I v, std::size_t G) {
  if (v < 0 || static_cast<std::size_t>(v) >= G) throw FormatError("merge: a piece refers to an outlet outside the corpus's");
  return static_cast<std::uint32_t>(v);
}

// The strings of the pieces' tables as ids of one dictionary (each piece's dictionary entry looked up once),
// and then each id's rank in the strings' order, so that rows are ordered by integers as a std::map of
// std::string keys orders them.
class StringIds {
 public:
  /// The id of each entry of `column`'s dictionary.
  std::vector<std::uint32_t> of(const Column& column) {
    std::vector<std::uint32_t> out;
    out.reserve(column.dictionary.size());
    for (const auto& s : column.dictionary) out.push_back(words_.insert(s));
    return out;
  }
  std::string_view str(std::uint32_t id) const noexcept { return words_.term(id); }
  /// Per id, its position among all the strings sorted (call once every string is in).
  std::vector<std::uint32_t> ranks() const {
    std::vector<std::uint32_t> order(words_.size()), rank(words_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return str(a) < str(b); });
    for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
    return rank;
  }

 private:
  Vocabulary words_{1024};
};

// Keys of three integers (outlet, then two more), with the row's value: sorted by key (stable: equal keys keep
// the pieces' order, so that summed floats add up in the order compare() adds them) and equal keys summed.
template <class V>
struct Keyed {
  std::array<std::uint32_t, 3> key;
  V value;
};

template <class V>
std::vector<Keyed<V>> sorted_sums(std::vector<Keyed<V>> rows, const std::vector<std::uint32_t>& rank1,
                                  const std::vector<std::uint32_t>& rank2) {
  const auto ranked = [&](const Keyed<V>& x) {
    return std::array<std::uint32_t, 3>{x.key[0], rank1.empty() ? x.key[1] : rank1[x.key[1]],
                                        rank2.empty() ? x.key[2] : rank2[x.key[2]]};
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Keyed<V>& a, const Keyed<V>& b) { return ranked(a) < ranked(b); });
  std::vector<Keyed<V>> out;
  for (const auto& x : rows) {
    if (!out.empty() && out.back().key == x.key) out.back().value += x.value;
    else out.push_back(x);
  }
  return out;
}

// Per outlet, the names unique to it and those it omits, each once, in name order.
void merge_entities(Comparison& c, const Parts& parts, const std::vector<std::string>& outlets) {
  const OutletIndex index(outlets);
  StringIds names;
  std::vector<Keyed<int>> rows;  // (outlet, 0 unique / 1 omitted, name)
  for (const auto* p : parts) {
    const Table& e = table_of(*p, "entities");
    const Column &outlet = e.column("outlet"), &status = e.column("status"), &entity = e.column("entity");
    const auto g = index.of(outlet);
    const auto name = names.of(entity);
    std::vector<std::uint32_t> omitted;
    for (const auto& x : status.dictionary) omitted.push_back(x == "unique" ? 0 : 1);
    for (std::size_t r = 0; r < e.rows(); ++r)
      rows.push_back({{g[outlet.codes[r]], omitted[status.codes[r]], name[entity.codes[r]]}, 0});
  }
  Table t = empty_like(table_of(*parts[0], "entities"));
  for (const auto& x : sorted_sums(std::move(rows), {}, names.ranks())) {
    t.column("outlet").push(std::string_view(outlets[x.key[0]]));
    t.column("entity").push(names.str(x.key[2]));
    t.column("status").push(std::string_view(x.key[1] == 0 ? "unique" : "omitted"));
  }
  c.tables["entities"] = std::move(t);
}

// Similarity of the corpus-wide centroids, per-story similarity from its sums, distinctive terms and types.
void merge_terms(Comparison& c, const Parts& parts, const CompareOptions& opt, const CompareGlobals& g,
                 std::vector<std::size_t>& types) {
  const std::size_t G = g.outlets.size(), V = g.vocabulary.terms.size();
  auto& sim = c.matrices["similarity"];
  sim.assign(G * G, 0.0);
  if (V > 0) {
    const SparseMatrix centroids = summed_sparse(parts, "centroids", G, V);
    const DenseMatrix s = similarity(view(centroids), SimilarityMethod::cosine, opt.threads);
    for (std::size_t a = 0; a < G; ++a)
      for (std::size_t b = 0; b < G; ++b) sim[a * G + b] = s(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
  }
  const auto acc = summed(parts, "story_similarity_sum", G * G), cnt = summed(parts, "story_similarity_count", G * G);
  auto& story = c.matrices["story_similarity"];
  story.assign(G * G, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < G * G; ++k)
    if (cnt[k] > 0) story[k] = acc[k] / cnt[k];
  // distinctive_terms() over one row per outlet: its grouping leaves the rows as they are.
  const Corpus none;
  detail::CompareContext ctx(none, opt);
  ctx.threads = resolve_threads(opt.threads);
  ctx.outlets = g.outlets;
  ctx.outlet_of.resize(G);
  std::iota(ctx.outlet_of.begin(), ctx.outlet_of.end(), 0u);
  DocumentTermMatrix counts;
  counts.terms = g.vocabulary.terms;
  counts.matrix = summed_sparse(parts, "term_counts", G, V);
  detail::add_terms(c, ctx, detail::distinctive_terms(ctx, counts, types));
}

struct OutletSums {
  std::vector<I> documents, tokens, sentences, unique, omitted, quotes;
  std::vector<double> attributed, named, anonymous, direct, indirect, quoted_words, frame_tokens;
  std::vector<std::set<std::string>> speakers;
};

OutletSums outlet_sums(const Parts& parts, std::size_t G) {
  OutletSums s;
  for (auto* v : {&s.documents, &s.tokens, &s.sentences, &s.unique, &s.omitted, &s.quotes}) v->assign(G, 0);
  for (auto* v : {&s.attributed, &s.named, &s.anonymous, &s.direct, &s.indirect, &s.quoted_words, &s.frame_tokens}) v->assign(G, 0.0);
  s.speakers.resize(G);
  const std::vector<std::pair<const char*, std::vector<I>*>> ints = {
      {"documents", &s.documents}, {"tokens", &s.tokens}, {"sentences", &s.sentences},
      {"unique", &s.unique}, {"omitted", &s.omitted}, {"quotes", &s.quotes}};
  const std::vector<std::pair<const char*, std::vector<double>*>> floats = {
      {"attributed", &s.attributed}, {"named", &s.named}, {"anonymous", &s.anonymous}, {"direct", &s.direct},
      {"indirect", &s.indirect}, {"quoted_words", &s.quoted_words}, {"frame_tokens", &s.frame_tokens}};
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "outlet_sums");
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const auto g = outlet_index(t.ints("outlet")[r], G);
      for (const auto& [name, v] : ints) (*v)[g] += t.ints(name)[r];
      for (const auto& [name, v] : floats) (*v)[g] += t.floats(name)[r];
    }
    const Table& sp = table_of(*p, "named_speakers");
    for (std::size_t r = 0; r < sp.rows(); ++r) s.speakers[outlet_index(sp.ints("outlet")[r], G)].insert(std::string(sp.column("speaker").str(r)));
  }
  return s;
}

void write_outlets(Comparison& c, const std::vector<std::string>& outlets, const OutletSums& s,
                   const std::vector<std::size_t>& types) {
  Table t;
  t.add("outlet", ColumnType::string);
  for (const char* n : {"documents", "tokens", "sentences", "types", "unique", "omitted", "quotes", "speakers"}) t.add(n, ColumnType::int64);
  for (const char* n : {"quotes_per_article", "speakers_per_article", "named_share", "anonymous_share", "direct_share",
                        "indirect_share", "quoted_word_share"})
    t.add(n, ColumnType::float64);
  for (std::size_t g = 0; g < outlets.size(); ++g) {
    const double n = static_cast<double>(std::max<I>(1, s.documents[g]));
    const double att = s.attributed[g];
    const auto share = [&](double x) { return att > 0 ? x / att : 0.0; };
    t.column("outlet").push(std::string_view(outlets[g]));
    t.column("documents").push(s.documents[g]);
    t.column("tokens").push(s.tokens[g]);
    t.column("sentences").push(s.sentences[g]);
    t.column("types").push(static_cast<I>(types[g]));
    t.column("unique").push(s.unique[g]);
    t.column("omitted").push(s.omitted[g]);
    t.column("quotes").push(s.quotes[g]);
    t.column("speakers").push(static_cast<I>(s.speakers[g].size()));
    t.column("quotes_per_article").push(static_cast<double>(s.quotes[g]) / n);
    t.column("speakers_per_article").push(static_cast<double>(s.speakers[g].size()) / n);
    t.column("named_share").push(share(s.named[g]));
    t.column("anonymous_share").push(share(s.anonymous[g]));
    t.column("direct_share").push(share(s.direct[g]));
    t.column("indirect_share").push(share(s.indirect[g]));
    t.column("quoted_word_share").push(s.tokens[g] ? s.quoted_words[g] / static_cast<double>(s.tokens[g]) : 0.0);
  }
  c.tables["outlets"] = std::move(t);
}

void merge_sourcing(Comparison& c, const Parts& parts, const std::vector<std::string>& outlets, const OutletSums& s) {
  const OutletIndex index(outlets);
  const std::size_t G = outlets.size();
  StringIds strings;  // fields, values and speakers
  std::vector<Keyed<I>> counts;  // (outlet, field, value)
  std::vector<Keyed<int>> exclusive;  // (outlet, 0, speaker)
  for (const auto* p : parts) {
    const Table& q = table_of(*p, "quote_counts");
    const Column &outlet = q.column("outlet"), &field = q.column("field"), &value = q.column("value");
    const auto& count = q.ints("count");
    const auto g = index.of(outlet);
    const auto f = strings.of(field), v = strings.of(value);
    for (std::size_t r = 0; r < q.rows(); ++r)
      counts.push_back({{g[outlet.codes[r]], f[field.codes[r]], v[value.codes[r]]}, count[r]});
    const Table& e = table_of(*p, "exclusive_speakers");
    const Column &e_outlet = e.column("outlet"), &speaker = e.column("speaker");
    const auto eg = index.of(e_outlet);
    const auto sp = strings.of(speaker);
    for (std::size_t r = 0; r < e.rows(); ++r) exclusive.push_back({{eg[e_outlet.codes[r]], 0, sp[speaker.codes[r]]}, 0});
  }
  const auto rank = strings.ranks();
  Table qc = empty_like(table_of(*parts[0], "quote_counts"));
  for (const auto& x : sorted_sums(std::move(counts), rank, rank)) {
    qc.column("outlet").push(std::string_view(outlets[x.key[0]]));
    qc.column("field").push(strings.str(x.key[1]));
    qc.column("value").push(strings.str(x.key[2]));
    qc.column("count").push(x.value);
  }
  c.tables["quote_counts"] = std::move(qc);
  Table ex = empty_like(table_of(*parts[0], "exclusive_speakers"));
  for (const auto& x : sorted_sums(std::move(exclusive), {}, rank)) {
    ex.column("outlet").push(std::string_view(outlets[x.key[0]]));
    ex.column("speaker").push(strings.str(x.key[2]));
  }
  c.tables["exclusive_speakers"] = std::move(ex);
  // Distinct named speakers quoted by both outlets: per speaker the outlets that quote it, each pair counted
  // once (not every speaker of one outlet looked up in every other's: G^2 set searches took seconds).
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> quoted_by;
  for (std::uint32_t a = 0; a < G; ++a)
    for (const auto& sp : s.speakers[a]) quoted_by[sp].push_back(a);
  auto& overlap = c.matrices["speaker_overlap"];
  overlap.assign(G * G, 0.0);
  for (const auto& [sp, list] : quoted_by)
    for (const auto a : list)
      for (const auto b : list) overlap[a * G + b] += 1.0;
}

void merge_actors(Comparison& c, const Parts& parts, const CompareOptions& opt, std::size_t G, const std::vector<std::string>& outlets) {
  detail::ActorTallies acc(G);
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "actor_sums");
    const auto &outlet = t.ints("outlet"), &mentions = t.ints("mentions"), &documents = t.ints("documents");
    const auto& first_sum = t.floats("first_sum");
    const Column& actor = t.column("actor");
    for (std::size_t r = 0; r < t.rows(); ++r) {
      auto& a = acc[outlet_index(outlet[r], G)][actor.str(r)];
      a.mentions += static_cast<std::size_t>(mentions[r]);
      a.documents += static_cast<std::size_t>(documents[r]);
      a.first_sum += first_sum[r];
    }
  }
  const auto salience = detail::top_actors(acc, opt.top_actors);
  // Labels: every piece lists every (outlet, actor, label) in the same order.
  const Table& first = table_of(*parts[0], "label_counts");
  std::vector<I> counts(first.rows(), 0);
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "label_counts");
    if (t.rows() != counts.size()) throw FormatError("merge: the pieces were computed with different actor labels");
    const auto& count = t.ints("count");
    for (std::size_t r = 0; r < counts.size(); ++r) counts[r] += count[r];
  }
  const Column &actor = first.column("actor"), &label = first.column("label");
  const auto& outlet = first.ints("outlet");
  std::vector<I> total(actor.dictionary.size(), 0);  // per actor (a code of the first piece's column)
  for (std::size_t r = 0; r < counts.size(); ++r) total[actor.codes[r]] += counts[r];
  const bool drop_unnamed = opt.actors.empty() && opt.default_actors;
  std::vector<detail::LabelCount> labels;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    if (drop_unnamed && total[actor.codes[r]] == 0) continue;
    labels.push_back({outlet_index(outlet[r], G), std::string(actor.str(r)), std::string(label.str(r)),
                      static_cast<std::size_t>(counts[r])});
  }
  const Corpus none;
  detail::CompareContext ctx(none, opt);
  ctx.outlets = outlets;
  detail::add_actors(c, ctx, salience, labels);
}

void merge_frames(Comparison& c, const Parts& parts, const CompareOptions& opt, const OutletSums& s) {
  const std::size_t G = s.documents.size(), Fn = c.frame_names.size();
  const auto weight = summed(parts, "frame_weight", G * Fn), value = summed(parts, "frame_value", G * Fn);
  auto& m = c.matrices["frames"];
  m.assign(G * Fn, 0.0);
  const FrameLexicon& lexicon = opt.frames ? *opt.frames : FrameLexicon::generic();
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t f = 0; f < Fn; ++f) {
      if (lexicon.scale() == FrameScale::logistic)  // an outlet's score: the mean probability of its documents
        m[g * Fn + f] = s.documents[g] > 0 ? value[g * Fn + f] / static_cast<double>(s.documents[g]) : 0.0;
      else
        m[g * Fn + f] = s.frame_tokens[g] > 0 ? 1000.0 * weight[g * Fn + f] / s.frame_tokens[g] : 0.0;
    }
  const OutletIndex index(c.outlets);
  std::unordered_map<std::string_view, std::uint32_t> frame_pos;
  for (std::uint32_t f = 0; f < Fn; ++f) frame_pos.emplace(c.frame_names[f], f);
  StringIds patterns;
  std::vector<Keyed<double>> hits;  // (outlet, frame, pattern)
  for (const auto* p : parts) {
    const Table& t = table_of(*p, "frame_terms");
    const Column &outlet = t.column("outlet"), &frame = t.column("frame"), &pattern = t.column("pattern");
    const auto& weight = t.floats("weight");
    const auto g = index.of(outlet);
    const auto pat = patterns.of(pattern);
    std::vector<std::uint32_t> fr;
    for (const auto& name : frame.dictionary) {
      const auto it = frame_pos.find(name);
      if (it == frame_pos.end()) throw FormatError("merge: a piece scores the frame '" + name + "', which the lexicon lacks");
      fr.push_back(it->second);
    }
    for (std::size_t r = 0; r < t.rows(); ++r)
      hits.push_back({{g[outlet.codes[r]], fr[frame.codes[r]], pat[pattern.codes[r]]}, weight[r]});
  }
  Table ft = empty_like(table_of(*parts[0], "frame_terms"));
  for (const auto& x : sorted_sums(std::move(hits), {}, patterns.ranks())) {
    ft.column("outlet").push(std::string_view(c.outlets[x.key[0]]));
    ft.column("frame").push(std::string_view(c.frame_names[x.key[1]]));
    ft.column("pattern").push(patterns.str(x.key[2]));
    ft.column("weight").push(x.value);
  }
  c.tables["frame_terms"] = std::move(ft);
}

}  // namespace

Comparison merge(const std::vector<PartialComparison>& pieces, const CompareOptions& opt, const CompareGlobals& g) {
  Parts all;
  for (const auto& p : pieces) all.push_back(&p);
  return merge(all, opt, g);
}

namespace {

// The pieces that hold tables (a piece with no document has none), checked against the globals.
Parts nonempty(const std::vector<const PartialComparison*>& pieces, const CompareGlobals& g) {
  Parts parts;
  for (const auto* p : pieces) {
    if (p->outlets != g.outlets) throw InvalidArgument("merge: a piece was computed with another outlet list than these globals");
    if (!p->tables.empty()) parts.push_back(p);
  }
  if (parts.empty()) throw InvalidArgument("compare: the corpus is empty; add documents from at least two outlets");
  return parts;
}

Comparison described(const CompareOptions& opt, const CompareGlobals& g) {
  Comparison c;
  detail::describe(c, opt, opt.frames ? *opt.frames : FrameLexicon::generic());
  c.outlets = g.outlets;
  return c;
}

}  // namespace

const std::vector<std::string>& partial_row_tables() {
  static const std::vector<std::string> names = {"documents", "quotes", "sentences", "matches", "unique", "omitted",
                                                 "match_targets", "shared_quotes", "shared_quote_members", "first_quoted"};
  return names;
}

std::pair<PartialComparison, PartialComparison> split_partial(PartialComparison&& p) {
  std::pair<PartialComparison, PartialComparison> out;
  auto& [rows, sums] = out;
  rows.outlets = p.outlets;
  sums.outlets = std::move(p.outlets);
  const auto& names = partial_row_tables();
  for (auto& [name, t] : p.tables)
    (std::find(names.begin(), names.end(), name) != names.end() ? rows : sums).tables[name] = std::move(t);
  sums.matrices = std::move(p.matrices);
  return out;
}

Comparison merge_rows(const std::vector<const PartialComparison*>& pieces, const CompareOptions& opt, const CompareGlobals& g) {
  const Parts parts = nonempty(pieces, g);
  check_stories(parts);
  Comparison c = described(opt, g);
  c.tables["documents"] = by_position(parts, "documents", "document");
  c.tables["quotes"] = by_position(parts, "quotes", "document");
  SentenceMerge(parts, opt, g.outlets).write(c);
  merge_shared_quotes(c, parts);
  c.tables["first_quoted"] = by_position(parts, "first_quoted", "document");
  for (auto& [name, t] : c.tables) t.seal();
  return c;
}

Comparison merge_sums(const std::vector<const PartialComparison*>& pieces, const CompareOptions& opt, const CompareGlobals& g) {
  const Parts parts = nonempty(pieces, g);
  const std::size_t G = g.outlets.size();
  Comparison c = described(opt, g);
  merge_entities(c, parts, g.outlets);
  c.matrices["coverage"] = summed(parts, "coverage", G * G);
  std::vector<std::size_t> types;
  merge_terms(c, parts, opt, g, types);
  const OutletSums sums = outlet_sums(parts, G);
  merge_sourcing(c, parts, g.outlets, sums);
  merge_actors(c, parts, opt, G, g.outlets);
  merge_frames(c, parts, opt, sums);
  write_outlets(c, g.outlets, sums, types);
  for (auto& [name, t] : c.tables) t.seal();
  return c;
}

void join(Comparison& rows, Comparison&& sums) {
  if (rows.outlets != sums.outlets || rows.frame_names != sums.frame_names)
    throw InvalidArgument("join: the two halves were merged with different outlets or frames");
  for (const auto& [name, t] : sums.tables)
    if (rows.tables.count(name)) throw InvalidArgument("join: both halves hold the table '" + name + "'");
  for (const auto& [name, m] : sums.matrices)
    if (rows.matrices.count(name)) throw InvalidArgument("join: both halves hold the matrix '" + name + "'");
  for (auto& [name, t] : sums.tables) rows.tables.emplace(name, std::move(t));
  for (auto& [name, m] : sums.matrices) rows.matrices.emplace(name, std::move(m));
}

Comparison merge(const std::vector<const PartialComparison*>& pieces, const CompareOptions& opt, const CompareGlobals& g) {
  Comparison c = merge_rows(pieces, opt, g);
  join(c, merge_sums(pieces, opt, g));
  return c;
}

}  // namespace framelens
