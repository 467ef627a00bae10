"""The classes and links the career analyses read: one place for every module of the room."""

from careergraph.namespaces import CG, ESCO, SKOS

ROLE_CLASSES = (CG + "Role", ESCO + "Occupation")
SKILL_CLASSES = (CG + "Skill", ESCO + "Skill")
TOOL_CLASS = CG + "Tool"
TRACK_CLASS = CG + "Track"
INTEGRATION_POINT = CG + "IntegrationPoint"
# What a profile item counts as.
ITEM_KINDS = ("skill", "tool", "other")

REQUIRES = (CG + "requiresSkill", ESCO + "relatedEssentialSkill")
# The statements the analyses follow.
LINKS = (
    *REQUIRES,
    ESCO + "relatedOptionalSkill",
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
)
# How much a skill counts for the other taxonomy's skill it is linked to (import esco).
MATCHES = {SKOS + "exactMatch": 1.0, SKOS + "closeMatch": 0.5}

OPTIONAL = 0.5  # what an optional skill (ESCO's) counts for, against a needed one
