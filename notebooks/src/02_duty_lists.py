# %% [markdown]
# # Duty lists (职责清单): shared duties, gaps and ambiguity
#
# **Source.** 陈家喜、林电锋 (Nanshan, source id `chen_lin`): “南山区还梳理出社区综合党委、社区居委会、社区工作站、
# 社区服务中心等9大治理主体、75大项277小项” of positive duty lists (正面“职责清单”; the seed has a page header
# between 小项 and 的). The published counts per subject are reproduced exactly below, each row with its quote.
#
# The source does **not** list the items. `govnet.datasets.nanshan_duties()` makes illustrative items with the
# published counts exact (rule in its docstring: 26 list entries shared between two subjects, e.g. 6 between
# the work station and the residents' committee). Everything computed on items is therefore illustrative.

# %%
import pandas as pd
import govnet

counts = govnet.datasets.nanshan_duty_counts()
counts.assign(share=(counts["share"] * 100).round(1))

# %%
print("subjects:", len(counts), " major items:", counts.attrs["major_items"], " sub-items:", counts["sub_items"].sum())

# %% [markdown]
# How concentrated are the published lists? (computed by govnet from the published counts: the service
# centre alone carries 157 of 277 items.)

# %%
govnet.duty_concentration(counts.set_index("actor")["sub_items"])

# %% [markdown]
# ## Illustrative items: who shares which duties

# %%
net = govnet.datasets.nanshan()
duties = net.duties
duties.head()

# %%
summary = govnet.duty_summary(net)
summary.loc[["(all)"]].T

# %%
holders = govnet.duty_holders(net)
holders[holders["multi_lead"]].head()

# %%
overlap = govnet.duty_overlap(net)
overlap.sort_values("p_value")

# %% [markdown]
# ## Is the overlap more than chance? A null model with fixed margins
# Every actor keeps its number of duties and every duty its number of holders (curveball sampler).

# %%
null = govnet.duty_null_model(net, n_permutations=500, seed=7)
null

# %% [markdown]
# **Reading.** With illustrative items the numbers only show the method: which pairs share more duties than
# the margins alone would produce, and how ambiguous the lists are. With a community's real item-level lists
# the same calls answer the source's question of unclear responsibility (职责不清).
