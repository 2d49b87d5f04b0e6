#pragma once
// Two-mode (actor x duty) incidence, CSR in both directions.

#include <govnet/common.hpp>

#include <vector>

namespace govnet {

enum class HolderRole : std::uint8_t { Lead = 0, Assist = 1 };

class TwoMode {
public:
    TwoMode() : row_offsets_(1, 0), col_offsets_(1, 0) {}
    /// Builds from (row, col, role) triples. A repeated (row, col) pair raises
    /// InvalidArgument naming the pair; ids must be in range.
    TwoMode(NodeId rows, NodeId cols, const std::vector<NodeId>& row_ids,
            const std::vector<NodeId>& col_ids, const std::vector<HolderRole>& roles);

    NodeId num_rows() const { return rows_; }
    NodeId num_cols() const { return cols_; }
    EdgeIdx num_incidences() const { return static_cast<EdgeIdx>(row_cols_.size()); }
    Span<const NodeId> row(NodeId r) const;       ///< duties of actor r, ascending
    Span<const HolderRole> row_roles(NodeId r) const;
    Span<const NodeId> col(NodeId c) const;       ///< holders of duty c, ascending
    Span<const HolderRole> col_roles(NodeId c) const;
    const std::vector<EdgeIdx>& row_offsets() const { return row_offsets_; }
    const std::vector<NodeId>& row_cols() const { return row_cols_; }
    const std::vector<EdgeIdx>& col_offsets() const { return col_offsets_; }
    const std::vector<NodeId>& col_rows() const { return col_rows_; }

private:
    NodeId rows_ = 0, cols_ = 0;
    std::vector<EdgeIdx> row_offsets_;
    std::vector<NodeId> row_cols_;
    std::vector<HolderRole> row_roles_;
    std::vector<EdgeIdx> col_offsets_;
    std::vector<NodeId> col_rows_;
    std::vector<HolderRole> col_roles_;
};

}  // namespace govnet
