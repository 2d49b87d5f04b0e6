# %% [markdown]
# # Deliberation (协商): joint meetings, platforms, consensus with the core's agenda and veto
#
# **Source.** 陈家喜、林电锋 (Nanshan): major matters are decided by consensus (协商一致) in the 社区党建联席会议 and
# the 社区共驻共建联席会议, whose participants are listed (reproduced as `net.meetings`, flagged `stated`);
# five deliberation platforms (党内民主共治, 社区协商自治, 社区虚拟参与, 居民自助互助, 社情民意诉求); the core holds a
# right of proposal and a veto; deliberative governance needs plural subjects (多元性), open channels (畅通性) and
# consistent goals around a centre (一致性), and suffers from unequal participation, long decision cycles and
# information asymmetry (协商治理调研报告).
#
# **Illustrative:** opinions, weights, stubbornness and the veto threshold below are invented to show the
# dynamics; the source gives none of them.

# %%
import pandas as pd
import govnet

net = govnet.datasets.nanshan()
net.meetings.groupby("meeting").size()

# %% [markdown]
# ## Consensus under DeGroot and Friedkin–Johnsen dynamics

# %%
import numpy as np
initial = pd.Series(0.2, index=net.actor_ids)
initial["party_committee"] = 0.9   # the core sets the agenda (illustrative)
dg = govnet.degroot(net, initial, relation="deliberation", self_weight=0.5)
dg

# %%
fj = govnet.friedkin_johnsen(net, initial, relation="deliberation", stubbornness=0.3)
fj

# %% [markdown]
# ## The plurality–openness–consistency index

# %%
govnet.deliberation_index(net)
