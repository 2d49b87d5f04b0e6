#pragma once
// Exponential random graph models: a network state with fast dyad toggling,
// change statistics of statnet's terms, the MPLE design and a seeded
// tie/no-tie (TNT) Metropolis-Hastings sampler with parallel chains.
//
// Conventions (statnet's, see python/govnet/ergm/terms.py for every formula):
// * undirected dyads are {i, j} with i < j; directed dyads are (i, j), i != j;
//   bipartite networks (n1 > 0) have mode-1 nodes [0, n1) and mode-2 nodes
//   [n1, n), dyads (i, j) with i < n1 <= j;
// * a change statistic is g(y with the dyad on) - g(y with it off) (the "add
//   delta"); toggling a present tie changes g by minus that.

#include <govnet/common.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace govnet::ergm {

enum class TermKind : int {
    Edges = 0,
    Mutual,
    NodeCov,
    NodeFactor,
    NodeMatch,
    NodeMatchDiff,
    NodeMix,
    AbsDiff,
    EdgeCov,
    KStar,
    IStar,
    OStar,
    Triangle,
    GwEsp,
    GwDsp,
    GwNsp,
    GwDegree,
    GwIDegree,
    GwODegree,
    Isolates,
    Transitive,
    CyclicalTies,
    TransitiveTies,
    B1Star,
    B2Star,
    GwB1Degree,
    GwB2Degree,
    B1Factor,
    B2Factor,
    NodeOCov,
    NodeICov,
    NodeOFactor,
    NodeIFactor,
    TTriple,
    CTriple,
    Count_
};

/// One term: its kind and parameters, prepared by the Python formula layer.
struct TermSpec {
    int kind = 0;              ///< a TermKind
    int nstats = 1;            ///< statistics this term adds
    int k = 0;                 ///< star order
    double decay = 0.0;        ///< gw* decay (alpha / theta_s)
    double power = 1.0;        ///< absdiff power
    int nlevels = 0;           ///< categories of `cat`
    std::vector<int> cat;      ///< per node category code in [0, nlevels) (factor terms)
    std::vector<int> map;      ///< category (or category pair) -> statistic index, -1 dropped
    std::vector<double> x;     ///< per node covariate (nodecov, absdiff)
    std::vector<double> mat;   ///< n x n dyadic covariate, row-major (edgecov)
};

/// The network an ERGM chain moves on.
class State {
public:
    State(int n, bool directed, int n1);
    int n() const { return n_; }
    bool directed() const { return directed_; }
    int n1() const { return n1_; }
    bool has(int i, int j) const { return adj_[static_cast<std::size_t>(i) * n_ + j] != 0; }
    const std::vector<int>& out(int i) const { return out_[i]; }
    /// In-neighbours (directed); the neighbours for undirected networks.
    const std::vector<int>& in(int i) const { return directed_ ? in_[i] : out_[i]; }
    int outdeg(int i) const { return static_cast<int>(out_[i].size()); }
    int indeg(int i) const { return static_cast<int>(in(i).size()); }
    std::int64_t edges() const { return edges_; }
    /// Adds or removes the tie (i, j) (for undirected, {i, j}).
    void toggle(int i, int j);
    /// |out(a) ∩ in(b)|: two-paths a -> k -> b (shared partners for undirected).
    int two_paths(int a, int b) const;
    /// Ties as (i, j) pairs, i < j for undirected.
    void edge_list(std::vector<int>& src, std::vector<int>& dst) const;

private:
    int n_;
    bool directed_;
    int n1_;
    std::int64_t edges_ = 0;
    std::vector<std::uint8_t> adj_;
    std::vector<std::vector<int>> out_, in_;
    // opos_[i*n + j]: index of j in out_[i]; ipos_[i*n + j]: index of i in in_[j]
    // (directed only): O(1) removal, the same swap-with-last order as a search would give
    std::vector<int> opos_, ipos_;
};

/// A model: its terms and the total number of statistics.
class Model {
public:
    Model(int n, bool directed, int n1, std::vector<TermSpec> terms);
    int nstats() const { return nstats_; }
    int n() const { return n_; }
    bool directed() const { return directed_; }
    int n1() const { return n1_; }
    /// Adds to out[0..nstats) g(y + ij) - g(y) for an absent dyad (i, j).
    void add_delta(const State& s, int i, int j, double* out) const;
    /// Writes to out the change of toggling (i, j): toggles (and restores) s.
    void toggle_change(State& s, int i, int j, double* out) const;
    /// Statistics of the empty network.
    std::vector<double> empty_stats() const;
    /// Statistics of a network given as a tie list.
    std::vector<double> statistics(const std::vector<int>& src, const std::vector<int>& dst) const;
    State make_state(const std::vector<int>& src, const std::vector<int>& dst) const;
    /// Whether add_delta(s, i, j) reads nothing of s that the dyad (i, j) itself changes
    /// (dyadic terms, mutual): a present tie's change is then known without removing it.
    bool delta_ignores_dyad() const { return delta_ignores_dyad_; }
    /// Number of dyads.
    std::int64_t ndyads() const;
    void check_dyad(int i, int j) const;

private:
    int n_;
    bool directed_;
    int n1_;
    int nstats_ = 0;
    bool delta_ignores_dyad_ = true;
    std::vector<TermSpec> terms_;
    std::vector<int> offset_;
    std::vector<std::vector<double>> rpow_;  ///< per term: (1 - exp(-decay))^k, k = 0..n
};

/// Change statistics for MPLE: one row per dyad not listed in `missing`.
struct MpleData {
    std::vector<double> x;  ///< rows x nstats, row-major: add deltas
    std::vector<std::uint8_t> y;
    std::vector<int> i, j;
    std::int64_t rows = 0;
};
MpleData mple_data(const Model& m, const std::vector<int>& src, const std::vector<int>& dst,
                   const std::vector<int>& miss_src, const std::vector<int>& miss_dst,
                   const RunControl& ctl);

/// Signed toggle changes for every dyad (tests and diagnostics): rows in
/// dyad order (i outer, j inner), with the dyads in i, j.
MpleData toggle_changes(const Model& m, const std::vector<int>& src, const std::vector<int>& dst);

struct SampleOptions {
    std::int64_t burnin = 16384;
    std::int64_t interval = 1024;
    std::int64_t samplesize = 1024;  ///< over all chains
    int chains = 1;
    std::uint64_t seed = 0;
    bool keep_networks = false;
    /// Dyads the chain may toggle; empty: every dyad.
    std::vector<int> free_src, free_dst;
    /// Per chain start networks (empty: every chain starts at src/dst) and, chains x
    /// nstats, g(start_c) - g(src/dst), so that rows stay relative to src/dst: a chain
    /// continued from an earlier sample's final network and final_stats.
    std::vector<std::vector<int>> start_src, start_dst;
    std::vector<double> start_offset;
};

struct SampleResult {
    std::vector<double> stats;  ///< samplesize x nstats: g(y_k) - g(y_start), row-major
    std::int64_t rows = 0;
    std::vector<std::vector<int>> net_src, net_dst;  ///< if keep_networks
    std::vector<double> edges;  ///< ties of each sampled network
    double acceptance = 0.0;
    std::vector<double> final_stats;  ///< per chain: g(y_last) - g(y_start)
    std::vector<std::vector<int>> final_src, final_dst;  ///< per chain: y_last's ties
};

/// Metropolis-Hastings with the TNT proposal (statnet's default `sparse`): per
/// chain c, Rng(seed, c); chain c records its share of samplesize (the first
/// samplesize % chains chains one more), so results never depend on threads.
SampleResult sample(const Model& m, const std::vector<int>& src, const std::vector<int>& dst,
                    const std::vector<double>& theta, const SampleOptions& opt,
                    const RunControl& ctl);

}  // namespace govnet::ergm
