#include <govnet/two_mode.hpp>

#include <algorithm>
#include <numeric>

namespace govnet {

TwoMode::TwoMode(NodeId rows, NodeId cols, const std::vector<NodeId>& row_ids,
                 const std::vector<NodeId>& col_ids, const std::vector<HolderRole>& roles)
    : rows_(rows), cols_(cols) {
    if (rows < 0 || cols < 0) throw InvalidArgument("negative dimension of a two-mode matrix");
    const std::size_t m = row_ids.size();
    if (col_ids.size() != m || (!roles.empty() && roles.size() != m))
        throw InvalidArgument("row, column and role arrays differ in length");
    check_allocation("two-mode incidence", static_cast<double>(m), 2.0 * (4 + 1 + 8));
    check_allocation("two-mode offsets", static_cast<double>(rows) + cols + 2, 8.0);
    for (std::size_t i = 0; i < m; ++i) {
        if (row_ids[i] < 0 || row_ids[i] >= rows)
            throw InvalidArgument("incidence " + std::to_string(i) + ": row " +
                                  std::to_string(row_ids[i]) + " out of range");
        if (col_ids[i] < 0 || col_ids[i] >= cols)
            throw InvalidArgument("incidence " + std::to_string(i) + ": column " +
                                  std::to_string(col_ids[i]) + " out of range");
    }
    // Order incidences by (row, col) through an index sort.
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return row_ids[a] != row_ids[b] ? row_ids[a] < row_ids[b] : col_ids[a] < col_ids[b];
    });
    row_offsets_.assign(static_cast<std::size_t>(rows) + 1, 0);
    col_offsets_.assign(static_cast<std::size_t>(cols) + 1, 0);
    row_cols_.resize(m);
    row_roles_.resize(m);
    for (std::size_t k = 0; k < m; ++k) {
        const std::size_t i = order[k];
        if (k > 0 && row_ids[order[k - 1]] == row_ids[i] && col_ids[order[k - 1]] == col_ids[i])
            throw InvalidArgument("incidence " + std::to_string(i) + ": row " +
                                  std::to_string(row_ids[i]) + " and column " +
                                  std::to_string(col_ids[i]) + " appear twice");
        row_cols_[k] = col_ids[i];
        row_roles_[k] = roles.empty() ? HolderRole::Lead : roles[i];
        ++row_offsets_[static_cast<std::size_t>(row_ids[i]) + 1];
        ++col_offsets_[static_cast<std::size_t>(col_ids[i]) + 1];
    }
    std::partial_sum(row_offsets_.begin(), row_offsets_.end(), row_offsets_.begin());
    std::partial_sum(col_offsets_.begin(), col_offsets_.end(), col_offsets_.begin());
    col_rows_.resize(m);
    col_roles_.resize(m);
    std::vector<EdgeIdx> pos(col_offsets_.begin(), col_offsets_.end() - 1);
    for (NodeId r = 0; r < rows; ++r)
        for (EdgeIdx k = row_offsets_[static_cast<std::size_t>(r)];
             k < row_offsets_[static_cast<std::size_t>(r) + 1]; ++k) {
            const auto c = static_cast<std::size_t>(row_cols_[static_cast<std::size_t>(k)]);
            const auto p = static_cast<std::size_t>(pos[c]++);
            col_rows_[p] = r;
            col_roles_[p] = row_roles_[static_cast<std::size_t>(k)];
        }
}

Span<const NodeId> TwoMode::row(NodeId r) const {
    const auto b = row_offsets_[static_cast<std::size_t>(r)];
    const auto e = row_offsets_[static_cast<std::size_t>(r) + 1];
    return {row_cols_.data() + b, static_cast<std::size_t>(e - b)};
}
Span<const HolderRole> TwoMode::row_roles(NodeId r) const {
    const auto b = row_offsets_[static_cast<std::size_t>(r)];
    const auto e = row_offsets_[static_cast<std::size_t>(r) + 1];
    return {row_roles_.data() + b, static_cast<std::size_t>(e - b)};
}
Span<const NodeId> TwoMode::col(NodeId c) const {
    const auto b = col_offsets_[static_cast<std::size_t>(c)];
    const auto e = col_offsets_[static_cast<std::size_t>(c) + 1];
    return {col_rows_.data() + b, static_cast<std::size_t>(e - b)};
}
Span<const HolderRole> TwoMode::col_roles(NodeId c) const {
    const auto b = col_offsets_[static_cast<std::size_t>(c)];
    const auto e = col_offsets_[static_cast<std::size_t>(c) + 1];
    return {col_roles_.data() + b, static_cast<std::size_t>(e - b)};
}

}  // namespace govnet
