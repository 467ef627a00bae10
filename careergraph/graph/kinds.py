"""The kinds of entity the CLI lists and shows: a name, its plural and its class.

Ordered from specific to general: an entity with several types takes the first kind that
matches, so a salary band is a ``salary-band`` and not a ``salary-range``.
"""

from dataclasses import dataclass

from careergraph.errors import BadInputError
from careergraph.namespaces import CG, ESCO, SKOS


@dataclass(frozen=True)
class Kind:
    """A kind of entity: ``name`` (singular), ``plural`` and the class IRI it stands for."""

    name: str
    plural: str
    class_iri: str


KINDS: tuple[Kind, ...] = tuple(
    Kind(name, plural, iri)
    for name, plural, iri in (
        ("track", "tracks", CG + "Track"),
        ("role", "roles", CG + "Role"),
        ("level", "levels", CG + "CareerLevel"),
        ("salary-band", "salary-bands", CG + "SalaryBand"),
        ("salary-range", "salary-ranges", CG + "SalaryRange"),
        ("skill-area", "skill-areas", CG + "SkillArea"),
        ("skill", "skills", CG + "Skill"),
        ("tool", "tools", CG + "Tool"),
        ("tool-category", "tool-categories", CG + "ToolCategory"),
        ("certification", "certifications", CG + "Certification"),
        ("time-investment", "time-investments", CG + "TimeInvestment"),
        ("focus-area", "focus-areas", CG + "FocusArea"),
        ("emerging-technology", "emerging-technologies", CG + "EmergingTechnology"),
        ("market-trend", "market-trends", CG + "MarketTrend"),
        ("trend", "trends", CG + "Trend"),
        ("practice", "practices", CG + "Practice"),
        ("sector", "sectors", CG + "IndustrySector"),
        ("sector-demand", "sector-demands", CG + "SectorDemand"),
        ("demand-level", "demand-levels", CG + "DemandLevel"),
        ("growth-area", "growth-areas", CG + "GrowthArea"),
        ("transition", "transitions", CG + "CareerTransition"),
        ("job-security-factor", "job-security-factors", CG + "JobSecurityFactor"),
        ("short-term-roi-booster", "short-term-roi-boosters", CG + "ShortTermRoiBooster"),
        (
            "long-term-value-multiplier",
            "long-term-value-multipliers",
            CG + "LongTermValueMultiplier",
        ),
        ("roi-factor", "roi-factors", CG + "RoiFactor"),
        ("pro", "pros", CG + "Pro"),
        ("con", "cons", CG + "Con"),
        ("strength", "strengths", CG + "Strength"),
        ("synergy", "synergies", CG + "Synergy"),
        ("key-difference", "key-differences", CG + "KeyDifference"),
        ("track-approach", "track-approaches", CG + "TrackApproach"),
        ("integration-point", "integration-points", CG + "IntegrationPoint"),
        ("mindmap", "mindmaps", CG + "MindMap"),
        ("mindmap-node", "mindmap-nodes", CG + "MindMapNode"),
        ("section", "sections", CG + "SourceSection"),
        ("source", "sources", CG + "SourceDocument"),
        ("occupation", "occupations", ESCO + "Occupation"),
        ("esco-skill", "esco-skills", ESCO + "Skill"),
        ("concept", "concepts", SKOS + "Concept"),
    )
)

_BY_NAME = {name: kind for kind in KINDS for name in (kind.name, kind.plural)}


def kind_named(name: str) -> Kind:
    """The kind called ``name``, singular or plural, any case (``roles``, ``Role``...)."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return _BY_NAME[key]
    except KeyError:
        raise BadInputError(
            f"unknown kind {name!r}; choose from {', '.join(k.plural for k in KINDS)}"
        ) from None


def kind_of(types: set[str]) -> str | None:
    """The name of the most specific kind among an entity's classes, or None."""
    for kind in KINDS:
        if kind.class_iri in types:
            return kind.name
    return None
