// compare() on a corpus in pieces, part 2: the pieces put together (compare_partial.hpp). Rows go back to
// corpus order (documents, quotes) or to compare()'s sentence order (story by story, a story placed by its
// first document); the omitted-sentence cap is applied again over all pieces and sentence ids renumbered.
// The sums are added in merge_sums.cpp.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "compare/merge.hpp"
#include "compare/terms.hpp"
#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens {
namespace detail {

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

const std::vector<double>& matrix_of(const PartialComparison& p, const char* name, std::size_t size) {
  const auto it = p.matrices.find(name);
  if (it == p.matrices.end() || it->second.size() != size)
    throw FormatError(std::string("merge: a piece's matrix '") + name + "' is missing or has the wrong size");
  return it->second;
}

// The pieces that hold tables (a piece with no document has none), checked against the globals.
MergeParts with_tables(const std::vector<const PartialComparison*>& pieces, const CompareGlobals& g) {
  MergeParts parts;
  for (const auto* p : pieces) {
    if (p->outlets != g.outlets) throw InvalidArgument("merge: a piece was computed with another outlet list than these globals");
    if (!p->tables.empty()) parts.push_back(p);
  }
  return parts;
}

MergeParts nonempty(const std::vector<const PartialComparison*>& pieces, const CompareGlobals& g) {
  MergeParts parts = with_tables(pieces, g);
  if (parts.empty()) throw InvalidArgument("compare: the corpus is empty; add documents from at least two outlets");
  return parts;
}

Comparison described(const CompareOptions& opt, const CompareGlobals& g) {
  Comparison c;
  detail::describe(c, opt, opt.frames ? *opt.frames : FrameLexicon::generic());
  c.outlets = g.outlets;
  return c;
}

}  // namespace detail

namespace {

using I = std::int64_t;
using Parts = detail::MergeParts;
using detail::empty_like;
using detail::OutletIndex;
using detail::table_of;
using detail::described;
using detail::nonempty;

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

}  // namespace

Comparison merge(const std::vector<PartialComparison>& pieces, const CompareOptions& opt, const CompareGlobals& g) {
  Parts all;
  for (const auto& p : pieces) all.push_back(&p);
  return merge(all, opt, g);
}

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
