"""The classes and links the career analyses read: one place for every module of the room
(the roles', the skills' and the needs' gathered from the taxonomy registry)."""

from careergraph.namespaces import CG, SKOS
from careergraph.taxonomies import OPTIONAL_WEIGHT, gathered, kinds_of_taxonomy

# What the taxonomy registry declares of each kind of taxonomy, gathered: its roles' and
# skills' classes, and the links by which roles need skills.
_KINDS = kinds_of_taxonomy()
ROLE_CLASSES = gathered(t.role[1] for t in _KINDS)
SKILL_CLASSES = gathered(t.skill_class for t in _KINDS)
TOOL_CLASS = CG + "Tool"
TRACK_CLASS = CG + "Track"
INTEGRATION_POINT = CG + "IntegrationPoint"
SENIORITY_CLASS = CG + "LongTermValueMultiplier"  # what a track's top expertise level asks
# What a profile item counts as.
ITEM_KINDS = ("skill", "tool", "other")

REQUIRES = gathered(t.essential for t in _KINDS)
OPTIONAL_SKILLS = gathered(t.optional for t in _KINDS)
# The statements the analyses follow.
LINKS = (
    *REQUIRES,
    *OPTIONAL_SKILLS,
    CG + "coreSkill",
    CG + "specialises",
    CG + "sharedBy",
    CG + "includes",
    CG + "usedFor",
    SKOS + "broader",
    SKOS + "inScheme",
    CG + "track",
    CG + "fromTrack",
    CG + "towards",
    SKOS + "exactMatch",
    SKOS + "closeMatch",
    SKOS + "broadMatch",
    SKOS + "relatedMatch",
    CG + "expertiseLevel",
    CG + "roiFactor",
)
# The links to another taxonomy's skills that similarity follows. A skill counts for the one
# it is linked to as much as the graph says the link is sure (cg:confidence: import esco and
# import roles state every link they make, graph/sources/alignment.py); these figures only
# where it says nothing (a user's own skos links): the same skill in full, a close one 0.8,
# a broader one it is a way of 0.7.
MATCHES = {SKOS + "exactMatch": 1.0, SKOS + "closeMatch": 0.8, SKOS + "broadMatch": 0.7}

OPTIONAL = OPTIONAL_WEIGHT  # what an optional skill counts for, against a needed one
