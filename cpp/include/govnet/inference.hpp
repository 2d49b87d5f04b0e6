#pragma once
// Permutation inference on networks: QAP correlation, regression QAP (MRQAP),
// node-statistic permutation tests with label / rewiring / G(n,m) nulls, and the
// E-I index. Matrices are dense, row-major n x n; the diagonal is never used.
//
// Determinism: permutation i draws from Rng(seed, i) and writes slot i of the
// null distribution, so every result is bit-identical for any thread count.

#include <govnet/csr_graph.hpp>
#include <govnet/pvalues.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

/// Which off-diagonal cells a QAP statistic uses: all ordered pairs (i != j),
/// or the unordered pairs i < j (symmetric data, sna's mode = "graph").
enum class Cells : std::uint8_t { Ordered, Unordered };

/// Pearson correlation of two n x n matrices over the chosen off-diagonal cells
/// (sna::gcor). NaN if either is constant over those cells. O(n^2).
double graph_correlation(const std::vector<double>& x, const std::vector<double>& y, NodeId n,
                         Cells cells);

struct QapOptions {
    Cells cells = Cells::Ordered;
    std::int64_t n_permutations = 1000;
    std::uint64_t seed = 0;
    PConvention p_convention = PConvention::PlusOne;
};

/// A statistic, its permutation null and Monte Carlo p-values (pvalues.hpp: by
/// default (1 + #{null as extreme}) / (1 + R), never 0; PConvention::Sna gives
/// sna's #{...} / R). NaN draws are left out.
struct PermutationResult {
    double statistic = 0.0;
    std::vector<double> null_distribution;
    double p_greater = 0.0;    ///< (1 + #{null >= observed}) / (1 + R); sna: mean(null >= observed)
    double p_less = 0.0;       ///< (1 + #{null <= observed}) / (1 + R); sna: mean(null <= observed)
    double p_two_sided = 0.0;  ///< min(1, 2 min(p_greater, p_less)); sna: mean(|null| >= |observed|)
};

/// QAP test of graph correlation: y's rows and columns permuted together.
/// One permutation costs O(nnz) over the sparser matrix (centred sums
/// precomputed), so binary networks are fast. p-values: pvalues.hpp.
PermutationResult qap_test(const std::vector<double>& x, const std::vector<double>& y, NodeId n,
                           const QapOptions& opt = {}, const RunControl& ctl = {});

/// A relation given by its non-zero off-diagonal cells (i, j, value); symmetric
/// data list both (i, j) and (j, i). Diagonal cells are ignored; a repeated cell
/// is an error.
struct SparseRelation {
    std::vector<NodeId> row, col;
    std::vector<double> val;
};

/// qap_test on sparse relations, without an n x n matrix: the same statistic
/// (to rounding), the same permutations (Rng(seed, i)) and p-values. One
/// permutation costs O(nnz(A) log deg(B)), A the sparser relation.
PermutationResult qap_test_sparse(const SparseRelation& x, const SparseRelation& y, NodeId n,
                                  const QapOptions& opt = {}, const RunControl& ctl = {});

enum class MrqapMethod : std::uint8_t { Dsp, Y };

struct MrqapOptions {
    Cells cells = Cells::Ordered;
    MrqapMethod method = MrqapMethod::Dsp;
    bool logistic = false;        ///< netlogit instead of netlm
    bool intercept = true;
    bool beta_statistic = false;  ///< test the coefficient instead of its t / z value
    std::int64_t n_permutations = 1000;
    std::uint64_t seed = 0;
    PConvention p_convention = PConvention::PlusOne;
    int max_iter = 100;           ///< IRLS iterations (logistic)
    /// IRLS stops when |dev - dev_old| / (|dev| + 0.1) < tol: R glm's rule and
    /// default (1e-8), so netlogit's coefficients and standard errors match.
    double tol = 1e-8;
};

struct MrqapResult {
    std::vector<double> coefficients, std_errors, statistics;  ///< one per column (intercept first)
    std::vector<double> p_greater, p_less, p_abs;
    std::vector<double> null_distribution;  ///< n_permutations x columns, row-major
    double r_squared = 0.0, adj_r_squared = 0.0, sigma = 0.0;  ///< linear
    double deviance = 0.0, null_deviance = 0.0;                   ///< logistic
    std::int64_t n_obs = 0;
    std::int64_t df_residual = 0;
    int iterations = 0;
};

/// Regression QAP (sna::netlm / netlogit). Linear: QR least squares, standard
/// errors from sigma^2 (X'X)^-1. Logistic: IRLS (glm's deviance). Nulls:
/// Dsp: Dekker, Krackhardt & Snijders (2007) double semi-partialling, as sna's
/// "qapspp" (each predictor's residual on the others is permuted); Y: y permuted.
MrqapResult mrqap(const std::vector<double>& y, const std::vector<std::vector<double>>& xs,
                  NodeId n, const MrqapOptions& opt = {}, const RunControl& ctl = {});

enum class NullModel : std::uint8_t { Label, Rewire, Gnm };

/// A random graph of the null model, from Rng(seed, index). Rewire: degree-
/// preserving edge swaps (`swaps_per_edge` x m attempted swaps, rejected if they
/// would create a self-loop or multi-edge; direction kept on digraphs). Gnm:
/// uniform with the same number of ties. Label: the nodes relabelled by a
/// uniform permutation. The result is unweighted, without self-loops.
CsrGraph null_graph(const CsrGraph& g, NullModel model, std::uint64_t seed, std::uint64_t index,
                    double swaps_per_edge = 10.0);

enum class NodeStatistic : std::uint8_t { Degree, Betweenness };

struct NodePermutationOptions {
    NodeStatistic statistic = NodeStatistic::Degree;
    NullModel model = NullModel::Label;
    std::int64_t n_permutations = 1000;
    std::uint64_t seed = 0;
    double swaps_per_edge = 10.0;
    PConvention p_convention = PConvention::PlusOne;
};

/// Is the mean centrality (networkx's normalised degree or betweenness) of the
/// `targets` larger than under the null? Label: a random set of the same size;
/// Rewire / Gnm: the same targets in null graphs.
PermutationResult node_permutation_test(const CsrGraph& g, const std::vector<NodeId>& targets,
                                        const NodePermutationOptions& opt = {},
                                        const RunControl& ctl = {});

/// External and internal tie counts: global and per group (a tie counts for a
/// group when at least one end belongs to it). Weights ignored; each tie once.
struct EiCounts {
    double external = 0.0, internal = 0.0;
    std::vector<double> group_external, group_internal;
};
EiCounts ei_counts(const CsrGraph& g, const std::vector<std::int32_t>& groups, int n_groups);

/// E-I index (E - I)/(E + I) with a label-permutation null: result slot 0 is
/// global, slot 1 + k group k; null_distribution is n_permutations x (1 + groups).
std::vector<PermutationResult> ei_test(const CsrGraph& g, const std::vector<std::int32_t>& groups,
                                       int n_groups, std::int64_t n_permutations,
                                       std::uint64_t seed, const RunControl& ctl = {},
                                       PConvention conv = PConvention::PlusOne);

}  // namespace govnet
