# %% [markdown]
# # People and time: the persons behind the one core, and the structure's phases
#
# **Stated facts** (陈家喜、林电锋, source id `chen_lin`): in the 2013 election Nanshan's communities had
# **597 committee members (班子成员) and 221 part-time members (兼职委员)**; the comprehensive Party committee
# takes Party members of owners' committees, property companies and social organisations into its leadership
# as part-time members (兼职委员), and some committees also take deputies (两代表一委员) and migrant builders'
# Party members; each committee has one full-time deputy secretary; the committee holds the right of proposal
# and the **veto** (建议权、否决权) over major matters. The reforms came in phases: 1990 街居制 (the residents'
# committee the main actor), 2005 议行分设 (a work station added for administrative affairs; "the residents'
# committee was marginalised", 居委会被边缘化), 2013 the "1+3+N" structure with the Party committee as core.
#
# **Illustrative**: the persons and posts of the one community below (the source gives district totals, not
# people); they follow the stated facts with the rounded averages (597 / 100 ≈ 6 committee members,
# 221 / 100 ≈ 2 part-time members) and the stated rule for who may be a part-time member. In the phases,
# the actors are stated; the ties are illustrative unless flagged (rules in each row's `note`).

# %%
import govnet
from govnet import people

facts = govnet.datasets.nanshan_people_facts()
facts[["fact", "value", "quote"]]

# %% [markdown]
# ## The persons and posts (illustrative)
#
# Roles are stored as keys with Chinese and English labels (`govnet.ROLES`); a user role is kept as typed.

# %%
net = govnet.datasets.nanshan_people()
posts = net.posts
posts["role_zh"] = posts["role"].map(govnet.model.people.role_label)
posts[["person", "actor", "role", "role_zh", "evidence"]]

# %% [markdown]
# ## How far the core reaches into each organisation
#
# Per organisation: the share of its posts held by Party members, and by the core's committee members
# (书记, 副书记, 委员, 兼职委员 of the Party committee). The part-time members carry the core into the
# owners' committee and the property company.

# %%
people.organisation_shares(net).query("posts > 0")

# %%
profile = people.person_profile(net)
profile[profile["organisations"] > 1]

# %% [markdown]
# ## Cross-appointment: computed from shared persons, beside the hand-typed layer
#
# `nanshan()` has a hand-typed `cross_appointment` layer (from the stated rule). The layer derived from the
# posts is added beside it under another name — govnet never merges the two silently — and compared.

# %%
derived = govnet.with_cross_appointment(net, relation="cross_appointment_posts")
people.compare_cross_appointment(derived, "cross_appointment")

# %%
govnet.degree_centrality(derived, relation="cross_appointment_posts").sort_values(ascending=False).head()

# %% [markdown]
# ## Two-mode centralities (Borgatti–Everett) of persons and organisations

# %%
tm = people.two_mode_centrality(net)
tm.persons.sort_values("betweenness", ascending=False).head(6)

# %%
tm.organisations.sort_values("degree", ascending=False).head(6)

# %% [markdown]
# ## Concurrent top posts (一肩挑 and similar), by a rule you can change
#
# The default rules (Party secretary also residents'-committee director, work-station head or company chair)
# find none in this illustrative community; a user rule finds the committee member heading the station.

# %%
rule = people.ConcurrentRule("member_heads_station", (({"tier": "core"}, ["委员"]),
                                                      ({"kind": "work_station"}, ["站长"])))
people.concurrent_posts(net), people.concurrent_posts(net, rules=[rule])

# %% [markdown]
# ## The phases as waves: was the residents' committee marginalised?
#
# Measured on the stated phase structures (ties illustrative, rules in `note`): the residents' committee's
# betweenness and degree fall as the work station (2005) and the Party committee's "1+3+N" (2013) arrive. The
# claim is not built in: none of its ties is removed; its *share* of the structure shrinks.

# %%
phases = govnet.datasets.nanshan_phases()
phases

# %%
long = phases.measures(["betweenness", "degree"], relation="all")
long[long["actor"] == "residents_committee"]

# %%
phases.change(relation=["guidance", "service"])

# %%
phases.actor_change(), phases.tier_shares()

# %%
import matplotlib.pyplot as plt

ax = govnet.plot.measure_over_time(long, "betweenness", actors=["residents_committee", "work_station"],
                                   net=phases.networks[-1], title="中介中心度: 居委会 vs 工作站")
plt.show()

# %% [markdown]
# ## At scale (synthetic)
#
# `govnet.synthetic.posts_network` makes a **synthetic** person network (here 20,000 persons in 1,000
# organisations; the benchmark uses 2 million in 100,000) for trying the derivations at scale.

# %%
big = govnet.synthetic.posts_network(20_000, 1_000, seed=1)
layer = govnet.with_cross_appointment(big)
layer, people.organisation_shares(big).groupby(big.actors["tier"].astype(str), observed=True)["core_share"].mean()
