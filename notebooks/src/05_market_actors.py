# %% [markdown]
# # Market actors: community vs compound (小区) governance, with and without supervision
#
# **Source.** 杨颿 (2015), 从“社区治理”到“小区治理”--反思当下社区治理的“合作-共治”模式之一, 常州工学院学报(社会科学版)
# 2015(000)005, P94-97 (source id `yang_fan_2015`). The author found the higher-level government, the sub-district,
# social workers, volunteers and non-profit organisations all taking part in the community's daily work, while
# the market actors of the housing compound — owners' assembly, owners' committee, property company — are left
# out of the government–society “cooperation–co-governance” model, so that they **lack supervision** (监督的缺失);
# the paper proposes a government–society–market “cooperation–**supervision**–co-governance” big community.
#
# **What rests on what.** The actors are stated. The article names **no tie**: it says the market actors lack
# supervision, not who should supervise them, and names no pair that deliberates. Every tie below — the
# sub-district's deliberation with society, its supervision of the market actors, the owners' committee's
# supervision of the property company — is **illustrative**, with its rule in `note`.

# %%
import pandas as pd
import govnet

with_sup = govnet.datasets.market_inclusive(supervision=True)
without = govnet.datasets.market_inclusive(supervision=False)
with_sup.ties()[["source", "target", "relation", "evidence", "note"]]

# %%
def reach(net):
    return pd.Series({
        "ties": net.num_ties(),
        "market actors reached by government/society (undirected, all layers)":
            govnet.harmonic_centrality(net, relation="all", undirected=True)[["owners_assembly", "owners_committee", "property_company"]].mean(),
        "property company in-degree": net.layer("all").in_degrees()[net.position("property_company")],
    })

pd.DataFrame({"with supervision": reach(with_sup), "without": reach(without)}).round(3)

# %% [markdown]
# **Caveat.** The gain from supervision above is a property of the illustrative rule (the sub-district
# supervises each market actor), not a finding of the article. The stated data alone hold the eight actors and
# no tie at all, so every measure of reach is zero with or without supervision:

# %%
stated = with_sup.ties().query("evidence == 'stated'")
print("stated ties:", len(stated))
only = govnet.Network.from_frames(with_sup.actors.reset_index(), stated)
govnet.harmonic_centrality(only, undirected=True)[["owners_assembly", "owners_committee", "property_company"]]
