#include <govnet/csr_graph.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace govnet {
namespace {

std::string tie_message(std::size_t row, const std::string& what) {
    std::ostringstream os;
    os << "tie " << row << ": " << what;
    return os.str();
}

// Counting sort of (key, value, weight) triples by key; stable.
void bucket(NodeId n, const std::vector<NodeId>& keys, const std::vector<NodeId>& vals,
            const std::vector<double>& ws, std::vector<EdgeIdx>& offsets,
            std::vector<NodeId>& out_vals, std::vector<double>& out_ws) {
    offsets.assign(static_cast<std::size_t>(n) + 1, 0);
    for (NodeId k : keys) ++offsets[static_cast<std::size_t>(k) + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    std::vector<EdgeIdx> pos(offsets.begin(), offsets.end() - 1);
    out_vals.resize(keys.size());
    out_ws.resize(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const EdgeIdx p = pos[static_cast<std::size_t>(keys[i])]++;
        out_vals[static_cast<std::size_t>(p)] = vals[i];
        out_ws[static_cast<std::size_t>(p)] = ws[i];
    }
}

}  // namespace

EdgeIdx CsrGraph::num_edges() const {
    const auto stored = static_cast<EdgeIdx>(out_targets_.size());
    return directed_ ? stored : (stored + stored_self_loops_) / 2;
}

EdgeList CsrGraph::edges() const {
    EdgeList el;
    el.sources.reserve(static_cast<std::size_t>(num_edges()));
    el.targets.reserve(static_cast<std::size_t>(num_edges()));
    el.weights.reserve(static_cast<std::size_t>(num_edges()));
    for (NodeId u = 0; u < n_; ++u) {
        auto nb = out_neighbors(u);
        auto ws = out_weights(u);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            if (!directed_ && nb[i] < u) continue;
            el.sources.push_back(u);
            el.targets.push_back(nb[i]);
            el.weights.push_back(ws[i]);
        }
    }
    return el;
}

double CsrGraph::weight(NodeId u, NodeId v) const {
    if (u < 0 || u >= n_ || v < 0 || v >= n_) return 0.0;
    auto nb = out_neighbors(u);
    auto it = std::lower_bound(nb.begin(), nb.end(), v);
    if (it == nb.end() || *it != v) return 0.0;
    return out_weights(u)[static_cast<std::size_t>(it - nb.begin())];
}

CsrGraph CsrGraph::to_undirected(bool take_max) const {
    if (!directed_) return *this;
    BuildOptions opt;
    opt.directed = false;
    opt.duplicates = take_max ? DuplicatePolicy::Max : DuplicatePolicy::Sum;
    opt.self_loops = SelfLoopPolicy::Keep;
    return build_graph(n_, edges(), opt);
}

std::size_t CsrGraph::memory_bytes() const {
    return out_offsets_.capacity() * sizeof(EdgeIdx) + out_targets_.capacity() * sizeof(NodeId) +
           out_weights_.capacity() * sizeof(double) + in_offsets_.capacity() * sizeof(EdgeIdx) +
           in_sources_.capacity() * sizeof(NodeId) + in_weights_.capacity() * sizeof(double);
}

CsrGraph build_graph(NodeId n, const EdgeList& edges, const BuildOptions& opt) {
    if (n < 0) throw InvalidArgument("number of nodes must be >= 0, got " + std::to_string(n));
    const std::size_t m = edges.sources.size();
    if (edges.targets.size() != m)
        throw InvalidArgument("sources and targets differ in length (" + std::to_string(m) +
                              " vs " + std::to_string(edges.targets.size()) + ")");
    if (!edges.weights.empty() && edges.weights.size() != m)
        throw InvalidArgument("weights must be empty or as long as the ties (" +
                              std::to_string(edges.weights.size()) + " vs " + std::to_string(m) +
                              ")");
    // Each tie is stored up to twice, with an id and a weight, plus work arrays.
    check_allocation("graph construction", static_cast<double>(m), 4.0 * (4 + 8));
    // Offsets (out, in and a work copy) per node, even when there are no ties.
    check_allocation("graph node offsets", static_cast<double>(n) + 1, 3.0 * 8);

    std::vector<NodeId> us, vs;
    std::vector<double> ws;
    us.reserve(m);
    vs.reserve(m);
    ws.reserve(m);
    EdgeIdx loops = 0;
    for (std::size_t i = 0; i < m; ++i) {
        NodeId u = edges.sources[i], v = edges.targets[i];
        const double w = edges.weights.empty() ? 1.0 : edges.weights[i];
        if (u < 0 || u >= n)
            throw InvalidArgument(tie_message(i, "source " + std::to_string(u) +
                                                     " is not a node id in [0, " +
                                                     std::to_string(n) + ")"));
        if (v < 0 || v >= n)
            throw InvalidArgument(tie_message(i, "target " + std::to_string(v) +
                                                     " is not a node id in [0, " +
                                                     std::to_string(n) + ")"));
        if (!std::isfinite(w)) throw InvalidArgument(tie_message(i, "weight is not finite"));
        if (w < 0) throw InvalidArgument(tie_message(i, "weight is negative"));
        if (u == v) {
            if (opt.self_loops == SelfLoopPolicy::Drop) continue;
            if (opt.self_loops == SelfLoopPolicy::Raise)
                throw InvalidArgument(tie_message(i, "self-loop on node " + std::to_string(u)));
        }
        if (!opt.directed && u > v) std::swap(u, v);
        us.push_back(u);
        vs.push_back(v);
        ws.push_back(w);
    }

    // Rows by source, then each row sorted by target and duplicates merged.
    std::vector<EdgeIdx> off;
    std::vector<NodeId> tgt;
    std::vector<double> wt;
    bucket(n, us, vs, ws, off, tgt, wt);
    us.clear();
    us.shrink_to_fit();
    vs.clear();
    vs.shrink_to_fit();
    ws.clear();
    ws.shrink_to_fit();

    std::vector<NodeId> uniq_u, uniq_v;
    std::vector<double> uniq_w;
    uniq_u.reserve(tgt.size());
    uniq_v.reserve(tgt.size());
    uniq_w.reserve(tgt.size());
    std::vector<std::pair<NodeId, double>> row;
    for (NodeId u = 0; u < n; ++u) {
        const auto b = static_cast<std::size_t>(off[static_cast<std::size_t>(u)]);
        const auto e = static_cast<std::size_t>(off[static_cast<std::size_t>(u) + 1]);
        row.clear();
        for (std::size_t k = b; k < e; ++k) row.emplace_back(tgt[k], wt[k]);
        // Stable so that "keep max" and "sum" do not depend on sort internals.
        std::stable_sort(row.begin(), row.end(),
                         [](const auto& a, const auto& c) { return a.first < c.first; });
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (!uniq_u.empty() && uniq_u.back() == u && uniq_v.back() == row[k].first) {
                switch (opt.duplicates) {
                    case DuplicatePolicy::Sum:
                        uniq_w.back() += row[k].second;
                        // Finite weights can overflow when summed; keep weights finite.
                        if (!std::isfinite(uniq_w.back()))
                            throw InvalidArgument("duplicate ties " + std::to_string(u) +
                                                  (opt.directed ? " -> " : " -- ") +
                                                  std::to_string(row[k].first) +
                                                  ": summed weight is not finite");
                        break;
                    case DuplicatePolicy::Max:
                        uniq_w.back() = std::max(uniq_w.back(), row[k].second);
                        break;
                    case DuplicatePolicy::Raise:
                        throw InvalidArgument("duplicate tie " + std::to_string(u) +
                                              (opt.directed ? " -> " : " -- ") +
                                              std::to_string(row[k].first));
                }
                continue;
            }
            uniq_u.push_back(u);
            uniq_v.push_back(row[k].first);
            uniq_w.push_back(row[k].second);
        }
    }
    for (std::size_t k = 0; k < uniq_u.size(); ++k)
        if (uniq_u[k] == uniq_v[k]) ++loops;

    CsrGraph g;
    g.n_ = n;
    g.directed_ = opt.directed;
    g.stored_self_loops_ = loops;
    g.weighted_ = std::any_of(uniq_w.begin(), uniq_w.end(), [](double w) { return w != 1.0; });
    if (opt.directed) {
        g.out_offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
        for (NodeId u : uniq_u) ++g.out_offsets_[static_cast<std::size_t>(u) + 1];
        std::partial_sum(g.out_offsets_.begin(), g.out_offsets_.end(), g.out_offsets_.begin());
        g.out_targets_ = uniq_v;
        g.out_weights_ = uniq_w;
        // Transpose; iterating sources in order keeps each in-list sorted.
        bucket(n, uniq_v, uniq_u, uniq_w, g.in_offsets_, g.in_sources_, g.in_weights_);
    } else {
        // Row x gets its lower neighbours (ties (y, x), y < x) first, then the
        // upper ones (ties (x, z), z >= x): both passes are in ascending order.
        std::vector<NodeId> keys, vals;
        std::vector<double> wv;
        const std::size_t stored = uniq_u.size() * 2 - static_cast<std::size_t>(loops);
        keys.reserve(stored);
        vals.reserve(stored);
        wv.reserve(stored);
        for (std::size_t k = 0; k < uniq_u.size(); ++k)
            if (uniq_u[k] != uniq_v[k]) {
                keys.push_back(uniq_v[k]);
                vals.push_back(uniq_u[k]);
                wv.push_back(uniq_w[k]);
            }
        for (std::size_t k = 0; k < uniq_u.size(); ++k) {
            keys.push_back(uniq_u[k]);
            vals.push_back(uniq_v[k]);
            wv.push_back(uniq_w[k]);
        }
        bucket(n, keys, vals, wv, g.out_offsets_, g.out_targets_, g.out_weights_);
    }
    return g;
}

CsrGraph aggregate(const std::vector<const CsrGraph*>& layers, AggregateMode mode) {
    if (layers.empty()) throw InvalidArgument("aggregate needs at least one layer");
    const NodeId n = layers.front()->num_nodes();
    bool directed = false;
    for (const CsrGraph* g : layers) {
        if (g->num_nodes() != n) throw InvalidArgument("layers differ in number of nodes");
        directed = directed || g->directed();
    }
    EdgeList all;
    for (const CsrGraph* g : layers) {
        EdgeList el = g->edges();
        for (std::size_t k = 0; k < el.sources.size(); ++k) {
            const double w = mode == AggregateMode::AnyTie ? 1.0 : el.weights[k];
            all.sources.push_back(el.sources[k]);
            all.targets.push_back(el.targets[k]);
            all.weights.push_back(w);
            if (directed && !g->directed() && el.sources[k] != el.targets[k]) {
                all.sources.push_back(el.targets[k]);
                all.targets.push_back(el.sources[k]);
                all.weights.push_back(w);
            }
        }
    }
    BuildOptions opt;
    opt.directed = directed;
    opt.duplicates = mode == AggregateMode::AnyTie ? DuplicatePolicy::Max : DuplicatePolicy::Sum;
    opt.self_loops = SelfLoopPolicy::Keep;
    return build_graph(n, all, opt);
}

}  // namespace govnet
