#include <govnet/centrality.hpp>
#include <govnet/inference.hpp>
#include <govnet/parallel.hpp>
#include <govnet/pvalues.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_set>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

namespace govnet {

namespace {

/// Runs task(i) for i in [0, total) through the guarded parallel_for
/// (parallel.hpp), on threads_for(ctl, work) threads (`work`: elementary steps
/// of all tasks). Each task writes only its own output slot, so the result does
/// not depend on scheduling or the thread count.
template <class Task>
void parallel_tasks(std::int64_t total, const RunControl& ctl, double work, Task&& task) {
    parallel_for(total, threads_for(ctl, work, total), ctl, std::forward<Task>(task));
}

std::vector<NodeId> random_permutation(NodeId n, Rng& rng) {
    std::vector<NodeId> p(static_cast<std::size_t>(n));
    std::iota(p.begin(), p.end(), 0);
    rng.shuffle(p);
    return p;
}

/// Fills r's p-values from its null distribution with the one routine (pvalues.hpp).
void fill_p_values(PermutationResult& r, double obs, PConvention conv) {
    const PValues p = permutation_p_values(r.null_distribution.data(), r.null_distribution.size(),
                                           1, obs, conv);
    r.p_greater = p.greater;
    r.p_less = p.less;
    r.p_two_sided = p.two_sided;
}

void check_matrix(const std::vector<double>& m, NodeId n, const char* what) {
    if (n < 0) throw InvalidArgument("number of actors must be non-negative");
    if (m.size() != static_cast<std::size_t>(n) * static_cast<std::size_t>(n))
        throw InvalidArgument(std::string(what) + " must be an n x n matrix (" +
                              std::to_string(static_cast<long long>(n) * n) + " values), got " +
                              std::to_string(m.size()));
    for (double v : m)
        if (!std::isfinite(v)) throw InvalidArgument(std::string(what) + " has a non-finite value");
}

inline bool use_cell(NodeId i, NodeId j, Cells cells) {
    return cells == Cells::Ordered ? i != j : i < j;
}

/// Cell values in a fixed order (row by row), and their (i, j).
struct CellIndex {
    std::vector<NodeId> row, col;
};

CellIndex cell_index(NodeId n, Cells cells) {
    CellIndex c;
    const double m = cells == Cells::Ordered ? double(n) * (n - 1) : double(n) * (n - 1) / 2;
    check_allocation("QAP cell index", m, 8.0);
    c.row.reserve(static_cast<std::size_t>(m));
    c.col.reserve(static_cast<std::size_t>(m));
    for (NodeId i = 0; i < n; ++i)
        for (NodeId j = 0; j < n; ++j)
            if (use_cell(i, j, cells)) {
                c.row.push_back(i);
                c.col.push_back(j);
            }
    return c;
}

}  // namespace

double graph_correlation(const std::vector<double>& x, const std::vector<double>& y, NodeId n,
                         Cells cells) {
    check_matrix(x, n, "x");
    check_matrix(y, n, "y");
    const auto nn = static_cast<std::size_t>(n);
    double m = 0, sx = 0, sy = 0;
    for (NodeId i = 0; i < n; ++i)
        for (NodeId j = 0; j < n; ++j)
            if (use_cell(i, j, cells)) {
                sx += x[i * nn + j];
                sy += y[i * nn + j];
                m += 1;
            }
    if (m < 2) return std::numeric_limits<double>::quiet_NaN();
    const double mx = sx / m, my = sy / m;
    double sxy = 0, sxx = 0, syy = 0;
    for (NodeId i = 0; i < n; ++i)
        for (NodeId j = 0; j < n; ++j)
            if (use_cell(i, j, cells)) {
                const double a = x[i * nn + j] - mx, b = y[i * nn + j] - my;
                sxy += a * b;
                sxx += a * a;
                syy += b * b;
            }
    if (sxx == 0 || syy == 0) return std::numeric_limits<double>::quiet_NaN();
    return sxy / std::sqrt(sxx * syy);
}

PermutationResult qap_test(const std::vector<double>& x, const std::vector<double>& y, NodeId n,
                           const QapOptions& opt, const RunControl& ctl) {
    if (opt.n_permutations < 0) throw InvalidArgument("n_permutations must be >= 0");
    PermutationResult res;
    res.statistic = graph_correlation(x, y, n, opt.cells);
    const auto nn = static_cast<std::size_t>(n);
    // r(pi) = (sum_{A_ij != 0} A_ij B[pi i][pi j] - m mean(A) mean(B)) / sqrt(ssA ssB):
    // the permutation-invariant parts are precomputed and A is the sparser matrix,
    // stored as CSR over its non-zero cells.
    auto nnz = [&](const std::vector<double>& a) {
        std::size_t k = 0;
        for (NodeId i = 0; i < n; ++i)
            for (NodeId j = 0; j < n; ++j) k += use_cell(i, j, opt.cells) && a[i * nn + j] != 0;
        return k;
    };
    const bool x_sparser = nnz(x) <= nnz(y);
    const auto& A = x_sparser ? x : y;
    const auto& B = x_sparser ? y : x;
    std::vector<std::int64_t> off(nn + 1, 0);
    std::vector<NodeId> col;
    std::vector<double> val;
    double m = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
    for (NodeId i = 0; i < n; ++i) {
        for (NodeId j = 0; j < n; ++j) {
            if (!use_cell(i, j, opt.cells)) continue;
            const double a = A[i * nn + j], b = B[i * nn + j];
            m += 1;
            sa += a;
            sb += b;
            if (a != 0) {
                col.push_back(j);
                val.push_back(a);
            }
        }
        off[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(col.size());
    }
    const double ma = m > 0 ? sa / m : 0, mb = m > 0 ? sb / m : 0;
    for (NodeId i = 0; i < n; ++i)
        for (NodeId j = 0; j < n; ++j)
            if (use_cell(i, j, opt.cells)) {
                saa += (A[i * nn + j] - ma) * (A[i * nn + j] - ma);
                sbb += (B[i * nn + j] - mb) * (B[i * nn + j] - mb);
            }
    const double denom = std::sqrt(saa * sbb), shift = m * ma * mb;
    // Binary or small-count B (most relations) is read as bytes: an n = 1000
    // matrix then takes 1 MB and stays in cache during the random reads.
    const bool small_ints = std::all_of(B.begin(), B.end(), [](double v) {
        return v >= 0 && v <= 255 && v == std::floor(v);
    });
    std::vector<std::uint8_t> B8;
    if (small_ints) B8.assign(B.begin(), B.end());
    auto stat_of = [&](const auto* b, const NodeId* p) {
        double acc = 0;
        for (NodeId i = 0; i < n; ++i) {
            const auto* brow = b + static_cast<std::size_t>(p[i]) * nn;
            double row = 0;
            for (std::int64_t k = off[i]; k < off[i + 1]; ++k) row += val[k] * brow[p[col[k]]];
            acc += row;
        }
        return (acc - shift) / denom;
    };
    auto stat = [&](const NodeId* p) {
        return small_ints ? stat_of(B8.data(), p) : stat_of(B.data(), p);
    };
    std::vector<NodeId> ident(nn);
    std::iota(ident.begin(), ident.end(), 0);
    const double obs_fast = denom > 0 ? stat(ident.data()) : std::nan("");
    check_allocation("QAP null distribution", static_cast<double>(opt.n_permutations), 8.0);
    res.null_distribution.assign(static_cast<std::size_t>(opt.n_permutations), obs_fast);
    if (denom > 0 && n > 1) {
        const double work = static_cast<double>(opt.n_permutations) *
                            (static_cast<double>(col.size()) + static_cast<double>(n));
        parallel_tasks(opt.n_permutations, ctl, work, [&](std::int64_t i) {
            Rng rng(opt.seed, static_cast<std::uint64_t>(i));
            const auto p = random_permutation(n, rng);
            res.null_distribution[static_cast<std::size_t>(i)] = stat(p.data());
        });
    }
    fill_p_values(res, obs_fast, opt.p_convention);
    return res;
}

namespace {

/// CSR of a sparse relation over n actors, rows and columns sorted, diagonal dropped.
struct CellCsr {
    std::vector<std::int64_t> off;
    std::vector<NodeId> col;
    std::vector<double> val;
};

CellCsr cell_csr(const SparseRelation& r, NodeId n, const char* what) {
    const std::size_t k = r.row.size();
    if (r.col.size() != k || r.val.size() != k)
        throw InvalidArgument(std::string(what) + ": rows, columns and values differ in length");
    std::vector<std::size_t> order;
    order.reserve(k);
    for (std::size_t e = 0; e < k; ++e) {
        const NodeId i = r.row[e], j = r.col[e];
        if (i < 0 || i >= n || j < 0 || j >= n)
            throw InvalidArgument(std::string(what) + ": cell index out of range");
        if (!std::isfinite(r.val[e]))
            throw InvalidArgument(std::string(what) + " has a non-finite value");
        if (i != j) order.push_back(e);
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return r.row[a] != r.row[b] ? r.row[a] < r.row[b] : r.col[a] < r.col[b];
    });
    CellCsr c;
    c.off.assign(static_cast<std::size_t>(n) + 1, 0);
    c.col.reserve(order.size());
    c.val.reserve(order.size());
    for (std::size_t t = 0; t < order.size(); ++t) {
        const std::size_t e = order[t];
        if (t > 0 && r.row[order[t - 1]] == r.row[e] && r.col[order[t - 1]] == r.col[e])
            throw InvalidArgument(std::string(what) + ": cell (" + std::to_string(r.row[e]) +
                                  ", " + std::to_string(r.col[e]) + ") is given twice");
        ++c.off[static_cast<std::size_t>(r.row[e]) + 1];
        c.col.push_back(r.col[e]);
        c.val.push_back(r.val[e]);
    }
    for (std::size_t i = 1; i < c.off.size(); ++i) c.off[i] += c.off[i - 1];
    return c;
}

}  // namespace

PermutationResult qap_test_sparse(const SparseRelation& x, const SparseRelation& y, NodeId n,
                                  const QapOptions& opt, const RunControl& ctl) {
    if (opt.n_permutations < 0) throw InvalidArgument("n_permutations must be >= 0");
    if (n < 0) throw InvalidArgument("number of actors must be non-negative");
    const CellCsr cx = cell_csr(x, n, "x"), cy = cell_csr(y, n, "y");
    const double m = opt.cells == Cells::Ordered ? double(n) * (n - 1) : double(n) * (n - 1) / 2;
    // Sums over the cells in use (zero cells add nothing), in row-major order as qap_test.
    auto cell_sums = [&](const CellCsr& c, double& sum, double& count) {
        sum = 0;
        count = 0;
        for (NodeId i = 0; i < n; ++i)
            for (std::int64_t k = c.off[static_cast<std::size_t>(i)];
                 k < c.off[static_cast<std::size_t>(i) + 1]; ++k)
                if (use_cell(i, c.col[static_cast<std::size_t>(k)], opt.cells)) {
                    sum += c.val[static_cast<std::size_t>(k)];
                    count += 1;
                }
    };
    double sx = 0, kx = 0, sy = 0, ky = 0;
    cell_sums(cx, sx, kx);
    cell_sums(cy, sy, ky);
    const bool x_sparser = kx <= ky;
    const CellCsr& A = x_sparser ? cx : cy;
    const CellCsr& B = x_sparser ? cy : cx;
    const double sa = x_sparser ? sx : sy, sb = x_sparser ? sy : sx;
    const double ka = x_sparser ? kx : ky, kb = x_sparser ? ky : kx;
    const double ma = m > 0 ? sa / m : 0, mb = m > 0 ? sb / m : 0;
    // Sum of squared deviations: stored cells, plus the (m - k) zero cells' mean^2.
    auto ss = [&](const CellCsr& c, double mean, double k) {
        double acc = 0;
        for (NodeId i = 0; i < n; ++i)
            for (std::int64_t e = c.off[static_cast<std::size_t>(i)];
                 e < c.off[static_cast<std::size_t>(i) + 1]; ++e)
                if (use_cell(i, c.col[static_cast<std::size_t>(e)], opt.cells)) {
                    const double d = c.val[static_cast<std::size_t>(e)] - mean;
                    acc += d * d;
                }
        return acc + (m - k) * mean * mean;
    };
    const double saa = ss(A, ma, ka), sbb = ss(B, mb, kb);
    const double denom = std::sqrt(saa * sbb), shift = m * ma * mb;
    // A's cells in use, as CSR rows.
    std::vector<std::int64_t> off(static_cast<std::size_t>(n) + 1, 0);
    std::vector<NodeId> col;
    std::vector<double> val;
    for (NodeId i = 0; i < n; ++i) {
        for (std::int64_t e = A.off[static_cast<std::size_t>(i)];
             e < A.off[static_cast<std::size_t>(i) + 1]; ++e) {
            const NodeId j = A.col[static_cast<std::size_t>(e)];
            if (!use_cell(i, j, opt.cells) || A.val[static_cast<std::size_t>(e)] == 0) continue;
            col.push_back(j);
            val.push_back(A.val[static_cast<std::size_t>(e)]);
        }
        off[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(col.size());
    }
    auto lookup = [&](NodeId i, NodeId j) {
        const NodeId* lo = B.col.data() + B.off[static_cast<std::size_t>(i)];
        const NodeId* hi = B.col.data() + B.off[static_cast<std::size_t>(i) + 1];
        const NodeId* it = std::lower_bound(lo, hi, j);
        return it != hi && *it == j ? B.val[static_cast<std::size_t>(it - B.col.data())] : 0.0;
    };
    auto stat = [&](const NodeId* p) {
        double acc = 0;
        for (NodeId i = 0; i < n; ++i) {
            double row = 0;
            const NodeId pi = p[i];
            for (std::int64_t k = off[static_cast<std::size_t>(i)];
                 k < off[static_cast<std::size_t>(i) + 1]; ++k)
                row += val[static_cast<std::size_t>(k)] *
                       lookup(pi, p[col[static_cast<std::size_t>(k)]]);
            acc += row;
        }
        return (acc - shift) / denom;
    };
    PermutationResult res;
    std::vector<NodeId> ident(static_cast<std::size_t>(n));
    std::iota(ident.begin(), ident.end(), 0);
    const bool defined = m >= 2 && denom > 0;
    const double obs = defined ? stat(ident.data()) : std::nan("");
    res.statistic = obs;
    check_allocation("QAP null distribution", static_cast<double>(opt.n_permutations), 8.0);
    res.null_distribution.assign(static_cast<std::size_t>(opt.n_permutations), obs);
    if (defined && n > 1) {
        const double work = static_cast<double>(opt.n_permutations) *
                            (static_cast<double>(col.size()) * 8 + static_cast<double>(n));
        parallel_tasks(opt.n_permutations, ctl, work, [&](std::int64_t i) {
            Rng rng(opt.seed, static_cast<std::uint64_t>(i));
            const auto p = random_permutation(n, rng);
            res.null_distribution[static_cast<std::size_t>(i)] = stat(p.data());
        });
    }
    fill_p_values(res, obs, opt.p_convention);
    return res;
}

// --------------------------------------------------------------------------
// Regression QAP

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

struct LinearFit {
    VectorXd beta, se;
    double rss = 0;
};

/// Least squares by Householder QR (as R's lm / sna's qr); se from sigma^2 (R'R)^-1.
LinearFit ols(const MatrixXd& X, const VectorXd& y) {
    LinearFit f;
    const Eigen::HouseholderQR<MatrixXd> qr(X);
    const auto q = X.cols();
    const MatrixXd R = qr.matrixQR().topRows(q).triangularView<Eigen::Upper>();
    for (Eigen::Index k = 0; k < q; ++k)
        if (!(std::abs(R(k, k)) > 1e-7 * std::max(1.0, std::abs(R(0, 0)))))
            throw InvalidArgument("the predictors are collinear (column " + std::to_string(k) +
                                  " is a combination of the others); drop one");
    f.beta = qr.solve(y);
    const VectorXd res = y - X * f.beta;
    f.rss = res.squaredNorm();
    const MatrixXd Rinv = R.triangularView<Eigen::Upper>().solve(MatrixXd::Identity(q, q));
    const double sigma2 = f.rss / static_cast<double>(X.rows() - q);
    f.se = ((Rinv * Rinv.transpose()).diagonal() * sigma2).cwiseSqrt();
    return f;
}

struct LogitFit {
    VectorXd beta, se;
    double deviance = 0;
    int iterations = 0;
};

double binomial_deviance(const VectorXd& y, const VectorXd& mu) {
    double d = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        const double yi = y[i], mi = mu[i];
        if (yi > 0) d += yi * std::log(yi / mi);
        if (yi < 1) d += (1 - yi) * std::log((1 - yi) / (1 - mi));
    }
    return 2 * d;
}

/// Logistic regression by IRLS exactly as R's glm.fit: started at
/// mu = (y + 0.5) / 2, stopped when |dev - dev_old| / (|dev| + 0.1) < tol, and
/// standard errors from the weights of the last weighted least-squares solve
/// (summary.glm's QR), so results equal glm's for the same tol.
LogitFit logit(const MatrixXd& X, const VectorXd& y, int max_iter, double tol) {
    const auto m = X.rows();
    VectorXd mu = (y.array() + 0.5) / 2.0;
    VectorXd eta = (mu.array() / (1 - mu.array())).log();
    LogitFit f;
    double dev_old = binomial_deviance(y, mu);
    Eigen::LDLT<MatrixXd> ldlt;
    for (int it = 1; it <= max_iter; ++it) {
        VectorXd w = mu.array() * (1 - mu.array());
        VectorXd z = eta.array() + (y - mu).array() / w.array();
        const MatrixXd XtW = X.transpose() * w.asDiagonal();
        ldlt.compute(XtW * X);
        f.beta = ldlt.solve(XtW * z);
        eta = X * f.beta;
        for (Eigen::Index i = 0; i < m; ++i) {
            const double e = std::clamp(eta[i], -700.0, 700.0);
            mu[i] = 1.0 / (1.0 + std::exp(-e));
            mu[i] = std::clamp(mu[i], 1e-300, 1 - 1e-16);
        }
        f.deviance = binomial_deviance(y, mu);
        f.iterations = it;
        // The information matrix of this solve's weights, as summary.glm uses.
        f.se = ldlt.solve(MatrixXd::Identity(X.cols(), X.cols())).diagonal().cwiseSqrt();
        if (std::abs(f.deviance - dev_old) / (std::abs(f.deviance) + 0.1) < tol) break;
        dev_old = f.deviance;
    }
    return f;
}

double column_stat(const LinearFit& f, Eigen::Index k, bool beta) {
    return beta ? f.beta[k] : f.beta[k] / f.se[k];
}
double column_stat(const LogitFit& f, Eigen::Index k, bool beta) {
    return beta ? f.beta[k] : f.beta[k] / f.se[k];
}

}  // namespace

MrqapResult mrqap(const std::vector<double>& y, const std::vector<std::vector<double>>& xs,
                  NodeId n, const MrqapOptions& opt, const RunControl& ctl) {
    check_matrix(y, n, "y");
    for (std::size_t k = 0; k < xs.size(); ++k)
        check_matrix(xs[k], n, ("x[" + std::to_string(k) + "]").c_str());
    if (opt.n_permutations < 0) throw InvalidArgument("n_permutations must be >= 0");
    const auto nn = static_cast<std::size_t>(n);
    const CellIndex cells = cell_index(n, opt.cells);
    const auto m = static_cast<Eigen::Index>(cells.row.size());
    const Eigen::Index q = static_cast<Eigen::Index>(xs.size()) + (opt.intercept ? 1 : 0);
    if (q == 0) throw InvalidArgument("no predictors and no intercept");
    if (m <= q) throw InvalidArgument("too few cells (" + std::to_string(m) + ") for " +
                                      std::to_string(q) + " coefficients");
    check_allocation("MRQAP design matrix", double(m) * double(q + 1), 8.0);
    auto cell_vector = [&](const std::vector<double>& a) {
        VectorXd v(m);
        for (Eigen::Index c = 0; c < m; ++c) v[c] = a[cells.row[c] * nn + cells.col[c]];
        return v;
    };
    const VectorXd yv = cell_vector(y);
    MatrixXd X(m, q);
    Eigen::Index col0 = 0;
    if (opt.intercept) X.col(col0++).setOnes();
    for (const auto& x : xs) X.col(col0++) = cell_vector(x);
    if (opt.logistic)
        for (Eigen::Index c = 0; c < m; ++c)
            if (yv[c] != 0 && yv[c] != 1)
                throw InvalidArgument("logistic MRQAP needs a binary y (0/1), found " +
                                      std::to_string(yv[c]));

    MrqapResult r;
    r.n_obs = m;
    r.df_residual = m - q;
    VectorXd obs_stat(q);
    if (opt.logistic) {
        const LogitFit f = logit(X, yv, opt.max_iter, opt.tol);
        r.coefficients.assign(f.beta.data(), f.beta.data() + q);
        r.std_errors.assign(f.se.data(), f.se.data() + q);
        for (Eigen::Index k = 0; k < q; ++k) obs_stat[k] = column_stat(f, k, opt.beta_statistic);
        r.deviance = f.deviance;
        r.iterations = f.iterations;
        const double p = yv.mean();
        r.null_deviance = binomial_deviance(yv, VectorXd::Constant(m, p));
        if (!opt.intercept) r.null_deviance = binomial_deviance(yv, VectorXd::Constant(m, 0.5));
    } else {
        const LinearFit f = ols(X, yv);
        r.coefficients.assign(f.beta.data(), f.beta.data() + q);
        r.std_errors.assign(f.se.data(), f.se.data() + q);
        for (Eigen::Index k = 0; k < q; ++k) obs_stat[k] = column_stat(f, k, opt.beta_statistic);
        const double tss = opt.intercept ? (yv.array() - yv.mean()).square().sum()
                                         : yv.squaredNorm();
        r.r_squared = 1 - f.rss / tss;
        const double dfi = opt.intercept ? 1.0 : 0.0;
        r.adj_r_squared = 1 - (1 - r.r_squared) * (double(m) - dfi) / double(m - q);
        r.sigma = std::sqrt(f.rss / double(m - q));
    }
    r.statistics.assign(obs_stat.data(), obs_stat.data() + q);

    const std::int64_t R = opt.n_permutations;
    check_allocation("MRQAP null distribution", double(R) * double(q), 8.0);
    r.null_distribution.assign(static_cast<std::size_t>(R * q), 0.0);
    // sna: with the intercept as the only column, "qapspp" falls back to "qapy".
    const bool dsp = opt.method == MrqapMethod::Dsp && q > 1;
    auto gather = [&](const double* mat, const std::vector<NodeId>& p, VectorXd& out) {
        for (Eigen::Index c = 0; c < m; ++c)
            out[c] = mat[static_cast<std::size_t>(p[cells.row[c]]) * nn + p[cells.col[c]]];
    };

    if (!dsp) {
        // Y-permutation: y's rows and columns permuted, every coefficient refitted.
        MatrixXd H;  // (X'X)^-1 X', for the linear case
        VectorXd xtx_inv_diag;
        if (!opt.logistic) {
            const MatrixXd XtXinv = (X.transpose() * X).inverse();
            H = XtXinv * X.transpose();
            xtx_inv_diag = XtXinv.diagonal();
        }
        const double yy = yv.squaredNorm();
        const double work = static_cast<double>(R) * static_cast<double>(m) *
                            static_cast<double>(q) * (opt.logistic ? 10.0 * q : 1.0);
        parallel_tasks(R, ctl, work, [&](std::int64_t i) {
            Rng rng(opt.seed, static_cast<std::uint64_t>(i));
            const auto p = random_permutation(n, rng);
            VectorXd yp(m);
            gather(y.data(), p, yp);
            double* out = r.null_distribution.data() + i * q;
            if (opt.logistic) {
                const LogitFit f = logit(X, yp, opt.max_iter, opt.tol);
                for (Eigen::Index k = 0; k < q; ++k) out[k] = column_stat(f, k, opt.beta_statistic);
            } else {
                const VectorXd beta = H * yp;
                const double rss = std::max(0.0, yy - beta.dot(X.transpose() * yp));
                const double s2 = rss / double(m - q);
                for (Eigen::Index k = 0; k < q; ++k)
                    out[k] = opt.beta_statistic ? beta[k]
                                                : beta[k] / std::sqrt(s2 * xtx_inv_diag[k]);
            }
        });
    } else {
        // Double semi-partialling: for predictor k, its residual e_k on the other
        // columns is permuted and y is regressed on [others, e_k(pi)] (sna "qapspp").
        for (Eigen::Index k = 0; k < q; ++k) {
            MatrixXd Z(m, q - 1);
            for (Eigen::Index c = 0, t = 0; c < q; ++c)
                if (c != k) Z.col(t++) = X.col(c);
            const Eigen::HouseholderQR<MatrixXd> zqr(Z);
            const VectorXd e = X.col(k) - Z * zqr.solve(VectorXd(X.col(k)));
            std::vector<double> E(nn * nn, 0.0);
            for (Eigen::Index c = 0; c < m; ++c) {
                E[cells.row[c] * nn + cells.col[c]] = e[c];
                if (opt.cells == Cells::Unordered) E[cells.col[c] * nn + cells.row[c]] = e[c];
            }
            // Linear: Frisch–Waugh with precomputed Z'Z, b = (Z'Z)^-1 Z'y and RSS(y ~ Z),
            // so one permutation costs q dot products over the cells.
            const MatrixXd ZtZinv = (Z.transpose() * Z).inverse();
            const VectorXd b = ZtZinv * (Z.transpose() * yv);
            const double rss0 = (yv - Z * b).squaredNorm();
            const double ee = e.squaredNorm();
            const double work = static_cast<double>(R) * static_cast<double>(m) *
                                (opt.logistic ? 10.0 * q * q : 2.0);
            parallel_tasks(R, ctl, work, [&](std::int64_t i) {
                // Task index i + k*R keeps predictors' permutations independent.
                Rng rng(opt.seed, static_cast<std::uint64_t>(k * R + i));
                const auto p = random_permutation(n, rng);
                VectorXd v(m);
                gather(E.data(), p, v);
                double stat;
                if (opt.logistic) {
                    MatrixXd Xp(m, q);
                    Xp.leftCols(q - 1) = Z;
                    Xp.col(q - 1) = v;
                    const LogitFit f = logit(Xp, yv, opt.max_iter, opt.tol);
                    stat = column_stat(f, q - 1, opt.beta_statistic);
                } else {
                    const VectorXd a = Z.transpose() * v;
                    const double rr = ee - a.dot(ZtZinv * a);
                    const double ry = v.dot(yv) - a.dot(b);
                    const double beta = ry / rr;
                    const double rss = std::max(0.0, rss0 - ry * ry / rr);
                    stat = opt.beta_statistic ? beta
                                              : beta / std::sqrt(rss / double(m - q) / rr);
                }
                r.null_distribution[static_cast<std::size_t>(i * q + k)] = stat;
            });
        }
    }
    r.p_greater.assign(q, 0);
    r.p_less.assign(q, 0);
    r.p_abs.assign(q, 0);
    for (Eigen::Index k = 0; k < q; ++k) {
        const PValues p = permutation_p_values(r.null_distribution.data() + k,
                                               static_cast<std::size_t>(R),
                                               static_cast<std::size_t>(q), obs_stat[k],
                                               opt.p_convention);
        r.p_greater[k] = p.greater;
        r.p_less[k] = p.less;
        r.p_abs[k] = p.two_sided;
    }
    return r;
}

// --------------------------------------------------------------------------
// Null graphs and node-level permutation tests

namespace {

inline std::uint64_t pair_key(NodeId u, NodeId v) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(u)) << 32) |
           static_cast<std::uint32_t>(v);
}

struct Arcs {
    std::vector<NodeId> src, dst;
};

/// Each tie once (u < v when undirected), self-loops dropped.
Arcs simple_ties(const CsrGraph& g) {
    Arcs a;
    const EdgeList el = g.edges();
    for (std::size_t e = 0; e < el.sources.size(); ++e) {
        if (el.sources[e] == el.targets[e]) continue;
        a.src.push_back(el.sources[e]);
        a.dst.push_back(el.targets[e]);
    }
    return a;
}

CsrGraph build_simple(NodeId n, Arcs&& a, bool directed) {
    EdgeList el;
    el.sources = std::move(a.src);
    el.targets = std::move(a.dst);
    BuildOptions bo;
    bo.directed = directed;
    bo.duplicates = DuplicatePolicy::Raise;
    bo.self_loops = SelfLoopPolicy::Raise;
    return build_graph(n, el, bo);
}

}  // namespace

CsrGraph null_graph(const CsrGraph& g, NullModel model, std::uint64_t seed, std::uint64_t index,
                    double swaps_per_edge) {
    const NodeId n = g.num_nodes();
    const bool directed = g.directed();
    Rng rng(seed, index);
    Arcs a = simple_ties(g);
    const std::size_t m = a.src.size();
    if (model == NullModel::Label) {
        const auto p = random_permutation(n, rng);
        for (std::size_t e = 0; e < m; ++e) {
            a.src[e] = p[a.src[e]];
            a.dst[e] = p[a.dst[e]];
        }
        return build_simple(n, std::move(a), directed);
    }
    if (model == NullModel::Gnm) {
        // Floyd's sampling of m distinct pair indices out of N possible pairs.
        const std::uint64_t N =
            directed ? std::uint64_t(n) * (n - 1) : std::uint64_t(n) * (n - 1) / 2;
        std::unordered_set<std::uint64_t> chosen;
        chosen.reserve(2 * m);
        Arcs out;
        for (std::uint64_t j = N - m; j < N; ++j) {
            std::uint64_t t = rng.below(j + 1);
            if (!chosen.insert(t).second) {
                t = j;
                chosen.insert(t);
            }
            NodeId u, v;
            if (directed) {
                u = static_cast<NodeId>(t / (n - 1));
                v = static_cast<NodeId>(t % (n - 1));
                if (v >= u) ++v;
            } else {
                // row u holds pairs (u, u+1..n-1)
                std::uint64_t rem = t;
                u = 0;
                while (rem >= std::uint64_t(n - 1 - u)) rem -= std::uint64_t(n - 1 - u), ++u;
                v = static_cast<NodeId>(u + 1 + rem);
            }
            out.src.push_back(u);
            out.dst.push_back(v);
        }
        return build_simple(n, std::move(out), directed);
    }
    // Degree-preserving swaps: (a,b),(c,d) -> (a,d),(c,b); undirected ties are
    // also tried in the orientation (b,a), so every simple graph with the degree
    // sequence is reachable as on networkx's double_edge_swap.
    std::unordered_set<std::uint64_t> present;
    present.reserve(4 * m);
    auto key = [&](NodeId u, NodeId v) {
        return directed || u < v ? pair_key(u, v) : pair_key(v, u);
    };
    for (std::size_t e = 0; e < m; ++e) present.insert(key(a.src[e], a.dst[e]));
    const auto attempts = static_cast<std::int64_t>(swaps_per_edge * double(m));
    if (m >= 2) {
        for (std::int64_t t = 0; t < attempts; ++t) {
            const auto e1 = static_cast<std::size_t>(rng.below(m));
            const auto e2 = static_cast<std::size_t>(rng.below(m));
            if (e1 == e2) continue;
            NodeId u1 = a.src[e1], v1 = a.dst[e1], u2 = a.src[e2], v2 = a.dst[e2];
            if (!directed && rng.below(2)) std::swap(u2, v2);
            // new ties u1 -> v2, u2 -> v1
            if (u1 == v2 || u2 == v1) continue;
            const auto k1 = key(u1, v2), k2 = key(u2, v1);
            if (k1 == k2 || present.count(k1) || present.count(k2)) continue;
            present.erase(key(a.src[e1], a.dst[e1]));
            present.erase(key(a.src[e2], a.dst[e2]));
            present.insert(k1);
            present.insert(k2);
            a.src[e1] = u1;
            a.dst[e1] = v2;
            a.src[e2] = u2;
            a.dst[e2] = v1;
        }
    }
    return build_simple(n, std::move(a), directed);
}

namespace {

std::vector<double> node_statistic(const CsrGraph& g, NodeStatistic s) {
    const NodeId n = g.num_nodes();
    if (s == NodeStatistic::Betweenness) {
        RunControl one;
        one.threads = 1;
        return betweenness(g, BetweennessOptions{}, one);
    }
    std::vector<double> d(static_cast<std::size_t>(n));
    const double scale = n > 1 ? 1.0 / (n - 1) : 1.0;
    for (NodeId v = 0; v < n; ++v)
        d[v] = (double(g.out_degree(v)) + (g.directed() ? double(g.in_degree(v)) : 0.0)) * scale;
    return d;
}

double mean_of(const std::vector<double>& c, const NodeId* t, std::size_t k) {
    double s = 0;
    for (std::size_t i = 0; i < k; ++i) s += c[t[i]];
    return s / double(k);
}

}  // namespace

PermutationResult node_permutation_test(const CsrGraph& g, const std::vector<NodeId>& targets,
                                        const NodePermutationOptions& opt, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    if (targets.empty()) throw InvalidArgument("no target actors for the permutation test");
    for (NodeId t : targets)
        if (t < 0 || t >= n) throw InvalidArgument("target actor position out of range");
    if (opt.n_permutations < 0) throw InvalidArgument("n_permutations must be >= 0");
    PermutationResult r;
    const auto obs = node_statistic(g, opt.statistic);
    r.statistic = mean_of(obs, targets.data(), targets.size());
    r.null_distribution.assign(static_cast<std::size_t>(opt.n_permutations), 0.0);
    const std::size_t k = targets.size();
    const double graph = static_cast<double>(n) + static_cast<double>(g.num_edges());
    const double per = opt.model == NullModel::Label ? static_cast<double>(n)
                       : opt.statistic == NodeStatistic::Betweenness
                           ? graph * static_cast<double>(n) + opt.swaps_per_edge * graph
                           : opt.swaps_per_edge * graph;
    parallel_tasks(opt.n_permutations, ctl, static_cast<double>(opt.n_permutations) * per,
                   [&](std::int64_t i) {
        double v;
        if (opt.model == NullModel::Label) {
            // The statistic of the relabelled graph: the same scores, a random target set.
            Rng rng(opt.seed, static_cast<std::uint64_t>(i));
            const auto p = random_permutation(n, rng);
            v = mean_of(obs, p.data(), k);
        } else {
            const CsrGraph h = null_graph(g, opt.model, opt.seed, static_cast<std::uint64_t>(i),
                                          opt.swaps_per_edge);
            v = mean_of(node_statistic(h, opt.statistic), targets.data(), k);
        }
        r.null_distribution[static_cast<std::size_t>(i)] = v;
    });
    fill_p_values(r, r.statistic, opt.p_convention);
    return r;
}

EiCounts ei_counts(const CsrGraph& g, const std::vector<std::int32_t>& groups, int n_groups) {
    const NodeId n = g.num_nodes();
    if (groups.size() != static_cast<std::size_t>(n))
        throw InvalidArgument("groups must have one entry per actor");
    for (auto c : groups)
        if (c < 0 || c >= n_groups) throw InvalidArgument("group code out of range");
    EiCounts r;
    r.group_external.assign(static_cast<std::size_t>(n_groups), 0.0);
    r.group_internal.assign(static_cast<std::size_t>(n_groups), 0.0);
    for (NodeId u = 0; u < n; ++u)
        for (NodeId v : g.out_neighbors(u)) {
            if (u == v || (!g.directed() && v < u)) continue;
            const auto gu = groups[u], gv = groups[v];
            if (gu == gv) {
                r.internal += 1;
                r.group_internal[gu] += 1;
            } else {
                r.external += 1;
                r.group_external[gu] += 1;
                r.group_external[gv] += 1;
            }
        }
    return r;
}

namespace {
double ei_value(double e, double i) {
    return e + i > 0 ? (e - i) / (e + i) : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

std::vector<PermutationResult> ei_test(const CsrGraph& g, const std::vector<std::int32_t>& groups,
                                       int n_groups, std::int64_t n_permutations,
                                       std::uint64_t seed, const RunControl& ctl,
                                       PConvention conv) {
    if (n_permutations < 0) throw InvalidArgument("n_permutations must be >= 0");
    const auto G = static_cast<std::size_t>(n_groups);
    const EiCounts obs = ei_counts(g, groups, n_groups);
    std::vector<PermutationResult> out(G + 1);
    out[0].statistic = ei_value(obs.external, obs.internal);
    for (std::size_t k = 0; k < G; ++k)
        out[k + 1].statistic = ei_value(obs.group_external[k], obs.group_internal[k]);
    std::vector<double> null(static_cast<std::size_t>(n_permutations) * (G + 1));
    const double work = static_cast<double>(n_permutations) *
                        (static_cast<double>(g.num_nodes()) + static_cast<double>(g.num_edges()));
    parallel_tasks(n_permutations, ctl, work, [&](std::int64_t i) {
        Rng rng(seed, static_cast<std::uint64_t>(i));
        std::vector<std::int32_t> perm(groups);
        rng.shuffle(perm);
        const EiCounts c = ei_counts(g, perm, n_groups);
        double* row = null.data() + static_cast<std::size_t>(i) * (G + 1);
        row[0] = ei_value(c.external, c.internal);
        for (std::size_t k = 0; k < G; ++k)
            row[k + 1] = ei_value(c.group_external[k], c.group_internal[k]);
    });
    for (std::size_t k = 0; k <= G; ++k) {
        auto& r = out[k];
        r.null_distribution.resize(static_cast<std::size_t>(n_permutations));
        for (std::int64_t i = 0; i < n_permutations; ++i)
            r.null_distribution[i] = null[static_cast<std::size_t>(i) * (G + 1) + k];
        fill_p_values(r, r.statistic, conv);
    }
    return out;
}

}  // namespace govnet
