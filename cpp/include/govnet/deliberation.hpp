#pragma once
// Deliberation (协商): consensus dynamics on a row-stochastic influence matrix.
//
// W[i][j] is the weight actor i puts on actor j's opinion; each row sums to 1.
// DeGroot (1974): x(t+1) = W x(t). Friedkin & Johnsen (1990):
// x(t+1) = L W x(t) + (I - L) x(0), L = diag(susceptibility).
// The mat-vec kernels parallelise over rows; every row is summed by one thread
// in a fixed order, so results are bit-identical for any thread count.

#include <govnet/csr_graph.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

/// Allocates large arrays (>= 4 MiB) 2 MiB-aligned and asks Linux for
/// transparent huge pages before first touch, as numpy does for its arrays:
/// the mat-vec's random reads x[col[k]] and the streamed matrix then miss the
/// TLB far less often. Small arrays use plain operator new.
void* huge_page_allocate(std::size_t bytes);
void huge_page_deallocate(void* p, std::size_t bytes) noexcept;

template <class T>
struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: rebind
    T* allocate(std::size_t n) { return static_cast<T*>(huge_page_allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { huge_page_deallocate(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
    template <class U>
    bool operator!=(const HugePageAllocator<U>&) const noexcept { return false; }
};

template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

/// Row-stochastic sparse matrix in CSR form (rows = listeners).
struct InfluenceMatrix {
    NodeId n = 0;
    HugeVector<EdgeIdx> offsets{0};  ///< size n+1
    HugeVector<NodeId> cols;         ///< sorted within each row
    HugeVector<double> vals;         ///< > 0, each row sums to 1
    EdgeIdx nnz() const { return static_cast<EdgeIdx>(cols.size()); }
};

struct InfluenceOptions {
    /// Self-weight W[i][i] per actor (size n) or one value for all (size 1), in [0, 1].
    std::vector<double> self_weight{0.0};
    /// false: a tie u -> v means u influences v (row v gets u); true: v influences u.
    /// Undirected layers are symmetric either way.
    bool reverse = false;
};

/// Row-normalised tie weights: W[i][j] = (1 - s_i) w(j->i) / sum_k w(k->i) for
/// the actors i listens to, W[i][i] = s_i. An actor who listens to nobody keeps
/// its own opinion (W[i][i] = 1). Self-loops of the layer are ignored. O(n + m).
InfluenceMatrix influence_matrix(const CsrGraph& g, const InfluenceOptions& opt = {});

/// Validates user-supplied CSR arrays (ids in range, sorted distinct columns,
/// entries > 0 and rows summing to 1 within `tol`); throws InvalidArgument naming the row.
InfluenceMatrix make_influence_matrix(NodeId n, std::vector<EdgeIdx> offsets,
                                      std::vector<NodeId> cols, std::vector<double> vals,
                                      double tol = 1e-9);

/// y = W x, rows split over threads (deterministic).
void influence_matvec(const InfluenceMatrix& w, const std::vector<double>& x,
                      std::vector<double>& y, const RunControl& ctl = {});

/// Markov-chain structure of W (graph i -> j when W[i][j] > 0).
struct ChainStructure {
    std::vector<NodeId> component;        ///< strongly connected component per actor
    std::vector<std::uint8_t> closed;     ///< per component: no arc leaves it
    std::vector<std::int64_t> period;     ///< per closed component: gcd of its cycle lengths; 0 for
                                          ///< components that are not closed
    std::vector<std::int64_t> size;       ///< per component
    NodeId num_components = 0;
};

/// Tarjan's SCCs (iterative), closed classes, and the period of each closed class
/// as the gcd over its internal arcs u->v of level(u) + 1 - level(v), with BFS
/// levels from one root (Denardo 1977). O(n + nnz).
ChainStructure chain_structure(const InfluenceMatrix& w);

struct DegrootOptions {
    std::int64_t max_iter = 10000;
    double tol = 1e-9;
    /// true: stop when max_i |x_i(t+1) - x_i(t)| <= tol; false: stop at
    /// eps-consensus, max_i x_i - min_i x_i <= tol.
    bool stop_on_change = false;
    /// Store x(0) .. x(record) (at most record + 1 states) in the trajectory.
    std::int64_t record = 0;
};

struct DegrootResult {
    std::vector<double> opinions;       ///< x(iterations)
    std::int64_t iterations = 0;
    bool converged = false;             ///< the stop rule held within max_iter
    std::int64_t consensus_iteration = -1;  ///< first t with spread <= tol, or -1
    double spread = 0;                  ///< max - min of the final opinions
    double last_change = 0;             ///< max |x(t) - x(t-1)| at the last step
    std::vector<double> trajectory;     ///< row-major (states x n)
};

/// DeGroot iteration x(t+1) = W x(t). O(iterations * (n + nnz)).
DegrootResult degroot(const InfluenceMatrix& w, const std::vector<double>& x0,
                      const DegrootOptions& opt = {}, const RunControl& ctl = {});

/// Friedkin–Johnsen iteration x(t+1) = L W x(t) + (I - L) x(0), stopped when
/// max |x(t+1) - x(t)| <= tol. `susceptibility` has size n, values in [0, 1].
DegrootResult friedkin_johnsen(const InfluenceMatrix& w, const std::vector<double>& x0,
                               const std::vector<double>& susceptibility,
                               const DegrootOptions& opt = {}, const RunControl& ctl = {});

struct PowerResult {
    std::vector<double> vector;
    std::int64_t iterations = 0;
    bool converged = false;
    double last_change = 0;  ///< max |change| at the last step
};

/// Left Perron vector pi = pi W, sum 1, by power iteration from the uniform
/// vector (stopped when max_i |change| <= tol). With one aperiodic closed class
/// it is that class's stationary distribution (zero on transient actors): each
/// actor's share in the DeGroot consensus, consensus = pi . x(0).
PowerResult left_perron(const InfluenceMatrix& w, const DegrootOptions& opt = {},
                        const RunControl& ctl = {});

}  // namespace govnet
