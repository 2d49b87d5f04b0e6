# %% [markdown]
# # Shatou vs Nanshan: what changes when shareholding companies replace the service centre in the “3”
#
# **Sources.** Shatou: 深圳市委驻沙头街道指导服务组, 特区实践与理论 2020(2) — founded 1983, 13.59 km², 328,000
# residents, 12 communities, 14 residents' committees, 5 shareholding cooperative companies; its “1+3+N” has the
# Party organisation as core and the **work station, residents' committee and shareholding cooperative
# companies** as the “3”. Nanshan: 陈家喜、林电锋.
#
# Tie lists are not in either source: leadership from the core is stated in words; the other ties are
# illustrative and flagged.

# %%
import pandas as pd
import govnet

shatou = govnet.datasets.shatou()
nanshan = govnet.datasets.nanshan()
pd.Series(shatou.meta)[["founded", "area_km2", "residents", "communities", "residents_committees", "shareholding_companies"]]

# %%
def tiers(net):
    return net.actors.groupby("tier", observed=False)["kind"].apply(lambda k: ", ".join(k))

pd.DataFrame({"Nanshan": tiers(nanshan), "Shatou": tiers(shatou)})

# %%
def measures(net):
    return pd.Series({
        "actors": len(net),
        "degree centralization": govnet.centralization(net, "degree", relation="leadership"),
        "core betweenness (all layers, undirected)": govnet.betweenness_centrality(net, undirected=True)[net.tier_of("core")[0]],
        "density (all layers)": govnet.density(net),
    })

pd.DataFrame({"Nanshan": measures(nanshan), "Shatou": measures(shatou)}).round(3)
