# %% [markdown]
# # Shatou vs Nanshan: what changes when shareholding companies replace the service centre in the “3”
#
# **Sources.** Shatou: 深圳市委驻沙头街道指导服务组《推进社区治理现代化的实践与思考》, 特区实践与理论 2020年第2期
# (source id `shatou_2020`) — founded 1983, about 13.59 km², 328,000 permanent residents, 12 communities, 14
# residents' committees, 5 shareholding cooperative companies; its “1+3+N” has the Party organisation (党组织) as
# core and the **work station, residents' committee and shareholding cooperative companies** as the “3”.
# Nanshan: 陈家喜、林电锋 (`chen_lin`).
#
# **What rests on what.** Neither source gives a tie list. Nanshan's leadership ties are stated in words (the
# committee is the leading core, 领导核心, of every community organisation); Shatou's source only calls the
# Party organisation the core (以党组织为核心), so **every Shatou tie is illustrative**, with its rule in
# `note`. The comparison below therefore compares a stated design with an illustrative reading of one.

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

# %% [markdown]
# Measures on the structural layers of each network (every layer except Nanshan's joint-meeting
# co-attendance, which is a complete graph and has no counterpart in the Shatou source), on the undirected
# view. With so few actors these numbers describe the two *stated designs*, not governance in practice.

# %%
def measures(net):
    rel = [r for r in net.relations if r != "deliberation"]
    core = net.tier_of("core")[0]
    return pd.Series({
        "actors": len(net),
        "degree centralization": govnet.centralization(net, "degree", relation=rel, undirected=True),
        "betweenness centralization": govnet.centralization(net, "betweenness", relation=rel, undirected=True),
        "core betweenness": govnet.betweenness_centrality(net, relation=rel, undirected=True)[core],
        "support tier's mean betweenness": govnet.betweenness_centrality(net, relation=rel, undirected=True)[net.tier_of("support")].mean(),
        "density": govnet.density(net, relation=rel, undirected=True),
    })

pd.DataFrame({"Nanshan": measures(nanshan), "Shatou": measures(shatou)}).round(3)

# %% [markdown]
# **Caveat.** On the stated ties alone Shatou has no tie at all (its measures are all zero), so the Shatou
# column above rests entirely on the illustrative rule that the core leads each other element. Stated ties per
# network:

# %%
pd.DataFrame({name: net.ties().groupby("evidence").size()
              for name, net in (("Nanshan", nanshan), ("Shatou", shatou))}).fillna(0).astype(int)
