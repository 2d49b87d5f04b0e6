# %% [markdown]
# # Market actors: community vs compound (小区) governance, with and without supervision
#
# **Source.** 杨颿 (2015), 从“社区治理”到“小区治理”, 常州工学院学报(社会科学版) 2015(5):94–97: the
# government–society “cooperation–co-governance” model leaves the owners' assembly, owners' committee and
# property company out, so nobody supervises them; the paper proposes a government–society–market
# “cooperation–**supervision**–co-governance” big-community model. Which actors exist is stated; individual ties
# are partly illustrative (flagged).

# %%
import pandas as pd
import govnet

with_sup = govnet.datasets.market_inclusive(supervision=True)
without = govnet.datasets.market_inclusive(supervision=False)
with_sup.ties()[["source", "target", "relation", "evidence"]]

# %%
def reach(net):
    return pd.Series({
        "ties": net.num_ties(),
        "market actors reached by government/society (undirected, all layers)":
            govnet.harmonic_centrality(net, relation="all", undirected=True)[["owners_assembly", "owners_committee", "property_company"]].mean(),
        "property company in-degree": net.layer("all").in_degrees()[net.position("property_company")],
    })

pd.DataFrame({"with supervision": reach(with_sup), "without": reach(without)}).round(3)
