"""The classes and links the career analyses read: one place for every module of the room."""

from careergraph.namespaces import CG, ESCO, SKOS

ROLE_CLASSES = (CG + "Role", ESCO + "Occupation")
SKILL_CLASSES = (CG + "Skill", ESCO + "Skill")
TOOL_CLASS = CG + "Tool"
TRACK_CLASS = CG + "Track"
INTEGRATION_POINT = CG + "IntegrationPoint"
SENIORITY_CLASS = CG + "LongTermValueMultiplier"  # what a track's top expertise level asks
# What a profile item counts as.
ITEM_KINDS = ("skill", "tool", "other")

REQUIRES = (CG + "requiresSkill", ESCO + "relatedEssentialSkill")
OPTIONAL_SKILLS = (CG + "optionalSkill", ESCO + "relatedOptionalSkill")
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

OPTIONAL = 0.5  # what an optional skill (ESCO's) counts for, against a needed one
