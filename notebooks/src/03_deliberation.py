# %% [markdown]
# # Deliberation (协商): joint meetings, platforms, consensus with the core's agenda and veto
#
# **Source.** 陈家喜、林电锋 (Nanshan, source id `chen_lin`): major matters are decided by consensus (协商一致)
# through the 社区党建联席会议 and the 社区共驻共建联席会议, for which the source gives **one combined participant list**
# (15 groups, reproduced as one group in `net.meetings`, flagged `stated`; who attends which of the two
# meetings is not stated); five deliberation platforms (党内民主共治, 社区协商自治, 社区虚拟参与, 居民自助互助,
# 社情民意诉求); the core holds a right of proposal and a veto (建议权、否决权) on major matters including cadre
# personnel and awards (`net.meta["veto_scope"]`); deliberative governance needs plural subjects (多元性), open
# channels (畅通性) and consistent goals around a centre (一致性). Unequal participation, long decision cycles
# and information asymmetry are named by another text of the bundle (协商治理调研报告, `deliberation_report`).
#
# **Not in the source, so not in the data:** who attends the five platforms, how often meetings meet, and any
# opinions. The opinions, stubbornness and the veto threshold below are **illustrative** — they show the
# dynamics, they are not findings.

# %%
import pandas as pd
import govnet

net = govnet.datasets.nanshan()
net.meetings.groupby("meeting").size().rename("participants (stated)")

# %%
govnet.participation(net, by="tier")

# %% [markdown]
# ## The deliberation network
# Co-participation in the joint meetings: every pair of listed participants is tied (weight 1: one combined
# list), so the layer is a complete graph on 15 actors; the sub-district office (illustrative) and the
# sub-district Party working committee, which leads the core, take no part in it.

# %%
sub = govnet.deliberation_network(net)
sub

# %%
net.meta["veto_scope"]

# %% [markdown]
# ## DeGroot consensus with the core as agenda-setter
# The core proposes 1, everyone else starts at 0 (illustrative). Social power is each actor's share in the
# final opinion (the left Perron vector of the influence matrix).

# %%
dg = govnet.degroot(sub, 0.0, agenda={"party_committee": 1.0}, veto=net.meta["veto"])
dg

# %%
dg.social_power.sort_values(ascending=False).head()

# %% [markdown]
# ## Friedkin–Johnsen: a stubborn core and the veto
# With a stubborn core (susceptibility 0.1) holding a low opinion while the others start high, the majority ends
# above the threshold but the veto holder does not: the result reports that the veto decided.

# %%
fj = govnet.friedkin_johnsen(sub, 0.7, agenda={"party_committee": 0.2},
                             stubbornness={"party_committee": 0.9}, veto=net.meta["veto"])
fj

# %% [markdown]
# ## Non-convergence is detected, not looped on
# A two-actor chain where each copies the other (no self-weight) oscillates forever; govnet reports the period.

# %%
two = govnet.Network.from_frames(
    pd.DataFrame({"id": ["a", "b"], "tier": ["core", "plural"]}),
    pd.DataFrame({"source": ["a"], "target": ["b"], "relation": ["deliberation"]}))
govnet.degroot(two, {"a": 1.0, "b": 0.0}, self_weight=0.0)

# %% [markdown]
# ## The plurality–openness–consistency index (多元性、畅通性、一致性)
# Each component's formula is in `help(govnet.deliberation_index)`; the combination (a weighted mean) is a
# govnet choice, not a published scale.

# %%
idx = govnet.deliberation_index(net)
idx.to_frame()
