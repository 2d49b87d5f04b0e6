#pragma once
// Node centralities. Conventions follow networkx unless an option says otherwise.

#include <govnet/csr_graph.hpp>
#include <govnet/paths.hpp>

#include <vector>

namespace govnet {

struct BetweennessOptions {
    bool normalized = true;  ///< networkx: x 2/((n-1)(n-2)) undirected, 1/((n-1)(n-2)) directed
    bool endpoints = false;
    bool weighted = false;   ///< weights read as distances (Dijkstra)
    std::int64_t k = 0;      ///< > 0: use k sampled sources (scaled by n/k)
    std::uint64_t seed = 0;
    /// Unweighted: always use the scaled (mantissa, exponent) counts instead of the
    /// plain-double fast path (for tests: both give the same bits).
    bool scaled_counts = false;
    /// Run every node as a source (no degree-1 folding; for tests: same values to rounding).
    bool no_folding = false;
};

/// Brandes (2001) betweenness. O(nm) unweighted, O(nm + n^2 log n) weighted.
/// Deterministic for any thread count: sources are split into fixed blocks
/// reduced in block order. Path counts are kept as mantissa * 2^exponent, so they
/// never overflow (a chain of k diamonds has 2^k shortest paths); while every count
/// is below 2^512 the arithmetic is plain double arithmetic.
///
/// Weighted (weights read as lengths, >= 0, compared exactly): a shortest s-t path
/// is a path of minimum total length and, among those, with the fewest ties of
/// length 0. Each such path is counted once. With positive weights this is the usual
/// definition (networkx, igraph). With zero-length ties it makes the shortest paths
/// simple and finite in number: a path that detours through a zero-length tie (to a
/// "zero-distance twin") is not shortest when a path of the same length without the
/// detour exists, while a zero-length tie that is needed to reach t (s -0- v -1- t)
/// makes v an intermediate on that path. (Counting *every* simple path of minimum
/// length is #P-hard once zero-length ties form cycles, as each undirected one does.)
std::vector<double> betweenness(const CsrGraph& g, const BetweennessOptions& opt = {},
                                const RunControl& ctl = {});

struct ApproxBetweennessOptions {
    double epsilon = 0.01;  ///< additive error bound on the normalised values
    double delta = 0.1;     ///< the bound fails with probability at most delta
    std::uint64_t seed = 0;
};

struct ApproxBetweenness {
    std::vector<double> values;     ///< estimates of sum_{s!=t} sigma_st(v)/sigma_st / (n(n-1))
    std::int64_t samples = 0;       ///< r, the number of sampled pairs
    std::int64_t diameter_bound = 0;  ///< upper bound on the vertex diameter used for r
};

/// Riondato & Kornaropoulos (2016) sampled betweenness, unweighted: r =
/// ceil((0.5 / eps^2) (floor(log2(VD - 2)) + 1 + ln(1 / delta))) pairs (s, t), s != t,
/// uniform; for each, one shortest s-t path drawn uniformly (BFS path counts,
/// predecessors drawn by sigma) adds 1/r to its inner nodes. With probability at
/// least 1 - delta every estimate is within eps of the betweenness normalised by
/// n(n-1) ordered pairs. VD (the vertex diameter, nodes on a longest shortest path)
/// is bounded by 2 * eccentricity + 1 of one node per component (undirected) or by
/// the largest weak component's size (directed). Deterministic for any thread count
/// (fixed sample blocks, integer hit counts).
ApproxBetweenness betweenness_approx(const CsrGraph& g, const ApproxBetweennessOptions& opt,
                                     const RunControl& ctl = {});

struct ClosenessOptions {
    bool weighted = false;    ///< weights read as distances
    bool incoming = true;     ///< networkx: distances to v on a digraph; false: from v
    bool wf_improved = true;  ///< networkx: scale r/S by r/(n-1) (Wasserman & Faust)
};

/// Closeness r/S (r nodes reachable, S the sum of their distances), times r/(n-1)
/// with wf_improved; 0 when r = 0 (networkx). O(nm) unweighted.
std::vector<double> closeness(const CsrGraph& g, const ClosenessOptions& opt = {},
                              const RunControl& ctl = {});

/// Harmonic centrality: sum of 1/d over the other nodes (networkx: incoming
/// distances on a digraph), unnormalised. O(nm) unweighted.
std::vector<double> harmonic(const CsrGraph& g, const DistanceOptions& opt = {},
                             const RunControl& ctl = {});

/// Stopping rule shared by the power iterations.
struct IterationOptions {
    int max_iter = 100;
    double tol = 1e-6;
    bool weighted = false;  ///< weights read as tie strengths
};

/// networkx's eigenvector_centrality: power iteration on (A + I)^T (in-edges, left
/// eigenvector), unit L2 norm; stops when sum |x_new - x| < n * tol (networkx's rule).
/// Throws NotConverged after max_iter iterations. O(m) per iteration.
std::vector<double> eigenvector(const CsrGraph& g, const IterationOptions& opt = {},
                                const RunControl& ctl = {});

/// The same vector by the Lanczos method (Spectra, implicitly restarted), for an
/// undirected graph: the eigenvector of the largest eigenvalue of A (weights scaled as
/// in eigenvector()), from networkx's uniform start, sign made positive, unit L2 norm;
/// tol bounds the residual relative to the eigenvalue (at most 1e-10). Converges
/// where power iteration crawls (hub-dominated graphs: a small spectral gap).
/// Throws NotConverged if Lanczos fails or the vector has entries of both signs.
std::vector<double> eigenvector_krylov(const CsrGraph& g, bool weighted, double tol = 1e-10,
                                       const RunControl& ctl = {});
/// Whether this build has the Krylov solver (Spectra's headers were found).
bool eigenvector_krylov_available();

struct KatzOptions {
    double alpha = 0.1;
    std::vector<double> beta;  ///< size 1 (same for every node) or n; empty = 1
    bool normalized = true;    ///< unit L2 norm (networkx)
    IterationOptions iter{1000, 1e-6, false};
};

/// networkx's katz_centrality: x = alpha A^T x + beta (in-edges), stopping when
/// sum |x_new - x| < n * tol (networkx's rule). O(m) per iteration.
std::vector<double> katz(const CsrGraph& g, const KatzOptions& opt = {},
                         const RunControl& ctl = {});

struct PagerankOptions {
    double alpha = 0.85;
    std::vector<double> personalization;  ///< size n, sums to 1; empty = uniform
    std::vector<double> dangling;         ///< size n, sums to 1; empty = personalization
    IterationOptions iter{100, 1e-6, true};
};

/// PageRank with networkx's teleport and dangling-node conventions, weights as
/// strengths (out-strength normalised). Stops when sum |x_new - x| < tol: unlike
/// networkx the tolerance is NOT multiplied by n (networkx then stops after one
/// iteration at n = 10^6). O(m) per iteration.
std::vector<double> pagerank(const CsrGraph& g, const PagerankOptions& opt = {},
                             const RunControl& ctl = {});

struct HitsResult {
    std::vector<double> hubs;
    std::vector<double> authorities;
};

/// HITS (Kleinberg 1999) by power iteration on A A^T; hubs and authorities each
/// sum to 1 (networkx). Stops when the sum-normalised hub vector changes by less
/// than tol in L1. O(m) per iteration.
HitsResult hits(const CsrGraph& g, const IterationOptions& opt = {1000, 1e-8, true},
                const RunControl& ctl = {});

}  // namespace govnet
