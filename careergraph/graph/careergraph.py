"""CareerGraph: the library's front door. Everything the CLI does is a method here, most of
them one call into the room that does the work (the store, the careers, the views)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from careergraph.errors import (
    BadInputError,
    NoPathError,
    ParameterError,
    QueryError,
    QueryTimeoutError,
    WrongKindError,
)
from careergraph.graph.kinds import kind_named
from careergraph.graph.names import NameIndex
from careergraph.graph.results import Entity
from careergraph.graph.sources import Source, builtin_sources, file_source, load_source
from careergraph.graph.store import Store, open_store
from careergraph.graph.store.formats import RdfFormat, format_named
from careergraph.graph.store.terms import IRI, Term
from careergraph.namespaces import (
    CG,
    DCTERMS,
    ID_KINDS,
    ID_PREFIXES,
    PREFIXES,
    RDFS,
    compact,
)
from careergraph.taxonomies import declared, gathered, kinds_of_taxonomy, taxonomy

# The career analyses and SPARQL queries are imported by the methods that use them, so that
# a command pays only for what it runs.
if TYPE_CHECKING:
    import networkx as nx

    from careergraph.graph.cache.kept import Kept
    from careergraph.graph.careers.model import CareerModel
    from careergraph.graph.pages.report import CareerReport
    from careergraph.graph.resolution.ladder import Wanted
    from careergraph.graph.resolution.readings import Reading, Skipped
    from careergraph.graph.results.entity import EntityDetails
    from careergraph.graph.results.listing import EntityList
    from careergraph.graph.results.matching import MatchResult
    from careergraph.graph.results.overlap import Overlap, SimilarityMatrix
    from careergraph.graph.results.paths import PathResult
    from careergraph.graph.results.query import QueryResult
    from careergraph.graph.results.search import SearchResults
    from careergraph.graph.results.similar import SimilarRoles
    from careergraph.graph.results.stats import Stats
    from careergraph.graph.sources.roles import JobArchitecture
    from careergraph.graph.sparql import SparqlService
    from careergraph.graph.views import MindMapNode, View

LABEL = RDFS + "label"
OCCUPATIONS_DRAWN = 5_000  # the careers view of ESCO (3,035 occupations) opens as clusters
MAX_PATHS = 50  # the most paths one search gives (Yen's algorithm costs a search per step)
# The kinds each question takes, by preference where one name fits several of them; the
# kinds of role are the taxonomy registry's (careergraph's role, ESCO's occupation).
ROLE_KINDS = gathered(t.role[0] for t in kinds_of_taxonomy())
COMPARED_KINDS = (*ROLE_KINDS, "track", "skill-area", "skill", "esco-skill", "integration-point")
# Where a name fits entities of several kinds equally, the careers' kinds come first.
SHOWN_FIRST = (*ROLE_KINDS, "track", "skill-area", "skill", "tool", "esco-skill")
MATCHED_KINDS = ("skill", "tool", "skill-area", "esco-skill", "integration-point", "track")
SKILL_KINDS = ("skill", "tool", "skill-area", "esco-skill")  # what a job architecture's skill is
# What prose is read for: a track named in passing ("moving towards MLOps") is no skill.
PROSE_KINDS = MATCHED_KINDS[:-1]
MAX_NAMES = 500  # the most names match reads (a person's skills are dozens)
SUGGESTED = 20  # the skipped names match gives the closest candidates of
MAX_TEXT = 200_000  # the most characters of prose match reads (a CV is a few thousand)


class CareerGraph:
    """A career knowledge graph: the built-in one, the user's files, or both.

    >>> graph = CareerGraph.open()
    >>> [r.entity.label for r in graph.list("roles", track="MLOps", level="Senior Level").items]
    ['AI Infrastructure Lead', 'ML Platform Architect', 'MLOps Architect']
    """

    shape = "graph"  # what the renderers make of the whole graph: an RDF document

    def __init__(
        self,
        store: Store,
        sources: Sequence[tuple[Source, int]] = (),
        kept: Kept | None = None,
    ):
        self.store = store
        self.sources = list(sources)
        self.kept = kept  # what a built store keeps (names, career facts), if built
        self.notes: list[str] = []  # what people should know of an answer (a name's reading)
        # The source asked for (builtin, all, a dataset's name); None: the taxonomies of the
        # names a question asks about (see :meth:`scoped`).
        self.source: str | None = None
        self._alone: Callable[[], CareerGraph] | None = None  # opens it without datasets

    @classmethod
    def open(
        cls,
        data: Sequence[str | Path] = (),
        *,
        builtin: bool = True,
        engine: str = "oxigraph",
        persist: bool | str | Path = False,
        imported: bool | str | Path = False,
        source: str | None = None,
        progress: Callable[[str, bool], None] | None = None,
        lending_only: bool = False,
    ) -> CareerGraph:
        """Load the built-in graph (unless ``builtin`` is false) and the ``data`` files.

        With ``persist`` (True for the default location, or a folder) the oxigraph engine
        keeps the parsed graph in an on-disk store and reopens it on later calls (see
        :mod:`careergraph.graph.cache`); otherwise the graph is parsed into memory.

        With ``imported`` (True for the default store location, or a folder), the datasets
        imported there (``careergraph import``) are part of the graph too, unless
        ``source`` is ``builtin``. ``source`` says which taxonomies answers may hold:
        ``builtin`` (the graph as it is without any import), ``all``, or an imported
        dataset's name; None lets each question decide by the names it asks about (see
        :meth:`scoped`). Raises ParameterError for a source that is none of these.
        ``progress`` hears each stage of a build of the store (a stage, and whether it is
        the last word). With ``lending_only``, only the imported datasets whose skills a job
        architecture takes (ESCO's, not another job architecture's) are part of the graph:
        the graph :meth:`import_roles` reads skills on, whose store a re-import of a job
        architecture leaves in place.

        Raises DataFileError for a file that is missing or does not parse, naming the file
        and the line.
        """
        sources = builtin_sources() if builtin else []
        location = None if imported is True else imported
        datasets: list[Source] = []
        if imported and _has_datasets(location):
            from careergraph.graph.sources.datasets import Datasets

            datasets = Datasets(location).sources()
        check_source(source, [s.name.removeprefix("dataset:") for s in datasets])
        if lending_only:
            datasets = [s for s in datasets if declared(s.taxonomy or "builtin").lends_skills]
        sources += [] if source == "builtin" else datasets
        sources += [file_source(p) for p in data]
        if persist and engine == "oxigraph":
            from careergraph.graph.cache.stores import StoreCache

            cache = StoreCache(None if persist is True else persist, progress)
            graph = cls(*cache.open(sources))
            graph.notes.extend(cache.notes)
        else:
            store = open_store(engine)
            graph = cls(store, [(source, load_source(store, source)) for source in sources])
        graph.source = source
        if datasets and source is None:
            settings = {"builtin": builtin, "engine": engine, "persist": persist,
                        "progress": progress}  # fmt: skip
            graph._alone = lambda: cls.open(data, **settings, source="builtin")
        return graph

    @classmethod
    def connect(
        cls,
        url: str,
        *,
        timeout: float | None = 60.0,
        update_url: str | None = None,
        persist: bool | str | Path = False,
        announce: Callable[[str], None] | None = None,
        one_clock: bool = False,
    ) -> CareerGraph:
        """The graph held by a remote SPARQL 1.1 endpoint (queried, never loaded locally).

        With ``persist`` (True for the default store location, or a folder), the names and
        career facts that most commands need of the whole graph are read once per endpoint
        and triple count and kept in the store (``announce`` hears when that happens);
        otherwise every call reads them again. With ``one_clock``, ``timeout`` bounds all
        the queries of the graph's life together (a command's), not each one.

        >>> CareerGraph.connect("http://localhost:7878/query").engine
        'endpoint'
        """
        from careergraph.graph.store.endpoint import EndpointStore

        store = EndpointStore(url, timeout=timeout, update_url=update_url, one_clock=one_clock)
        if not persist:
            return cls(store)
        from careergraph.graph.cache.stores import StoreCache

        cache = StoreCache(None if persist is True else persist)
        return cls(store, kept=cache.endpoint_kept(store, announce))

    def reasoned(self, profile: str, timeout: float | None = None) -> CareerGraph:
        """A copy of this graph with what the ontology implies materialised (``rdfs`` or
        ``owlrl``): see :mod:`careergraph.graph.reasoning`. Raises QueryTimeoutError when
        that takes more than ``timeout`` seconds (None: no limit): on ESCO it takes minutes.
        """
        from careergraph.graph.reasoning import materialise
        from careergraph.graph.store.base import within

        if self.engine == "endpoint":
            raise QueryError(
                "reasoning works on the local graph; a remote endpoint does its own reasoning"
            )
        try:
            store = within(timeout, lambda: materialise(self.store, profile))
        except TimeoutError:
            raise QueryTimeoutError(
                f"materialising what {profile} implies was still running after {timeout:g} s"
                f" ({len(self.store):,} triples)"
            ) from None
        return CareerGraph(store, self.sources)

    @property
    def engine(self) -> str:
        """The name of the engine behind the store (``oxigraph`` or ``rdflib``)."""
        return self.store.engine

    @cached_property
    def names(self) -> NameIndex:
        """Labels, names and kinds of every entity, read once (or kept by a built store).
        Behind an endpoint whose names are not kept yet, they are asked for as a command
        needs them (:mod:`careergraph.graph.remote_names`)."""
        kept = self.kept.names() if self.kept is not None else None
        if kept is not None:
            return kept
        if self.engine == "endpoint":
            from careergraph.graph.remote_names import RemoteNames

            return RemoteNames(self.store)
        return NameIndex.build(self.store)

    def every_name(self) -> NameIndex:
        """The name index with every name in it (read whole where it was asked for piece
        by piece): for what goes over all of them, such as a view of the whole graph."""
        if not self.names.complete:
            if self.kept is not None:
                self.kept.ensure()
            self.__dict__["names"] = (self.kept.names() if self.kept else None) or (
                NameIndex.build(self.store)
            )
        return self.names

    def resolve(self, name: str, kind: str | None = None, *, rules: str = "all") -> Entity:
        """The entity called ``name``, read by the resolution ladder
        (:mod:`careergraph.graph.resolution.ladder`): an IRI, an id path, a label, a slug,
        an alias, a label without its qualifier, a short form or a name with a typo.

        ``kind`` (``role``, ``track``...) restricts the candidates; ``rules`` says how far
        down the ladder to go (``exact``, ``named`` or ``all``). A reading past the exact
        rules is said in ``notes``. Raises UnknownNameError with the closest candidates,
        AmbiguousNameError or WrongKindError.
        """
        if kind is not None:
            return self._resolve_one(name, (kind,), kind.replace("-", " "), rules)
        return self._resolve_one(name, SHOWN_FIRST, "entity", rules, others=True)

    def resolve_among(self, name: str, kinds: Sequence[str], what: str) -> Entity:
        """The entity called ``name`` among ``kinds`` (names of kinds, by preference: where a
        name fits several, the kind listed first wins), ``what`` saying them in words; a
        note says how it was read where a person should hear it (in ``notes``)."""
        return self._resolve_one(name, tuple(kinds), what)

    def read_name(
        self,
        name: str,
        kinds: Sequence[str] | None = None,
        what: str = "entity",
        rules: str = "all",
        across: bool = False,
        suggest: bool = True,
        ties: int = 1,
    ) -> Reading | Skipped:
        """How ``name`` reads among ``kinds`` (None: any): a :class:`Reading` (the
        entities, the rule, the confidence) or a :class:`Skipped` with the closest
        candidates. Entities a fuzzy rule finds equally are ranked by how many roles list
        them; ``rules`` says how far down the ladder to go (``exact``, ``named``, ``all``);
        with ``across``, a label is read in every taxonomy that has it; without ``suggest``,
        a name not read comes without the closest candidates; ``ties`` entities a fuzzy
        rule scores equally share the reading.

        >>> CareerGraph.open().read_name("k8s").note()
        "read 'k8s' as Kubernetes (alias)"
        """
        from careergraph.graph.resolution.ladder import read_name

        return read_name(
            self.names,
            name,
            self._wanted(kinds, what),
            prior=self._commonness,
            everything=self.every_name,
            rules=rules,
            across=across,
            suggest=suggest,
            ties=ties,
        )

    def _resolve_one(
        self,
        name: str,
        kinds: tuple[str, ...] | None,
        what: str,
        rules: str = "all",
        others: bool = False,
    ) -> Entity:
        from careergraph.graph.resolution.ladder import resolve_one

        wanted = self._wanted(kinds, what, others)
        entity, note = resolve_one(
            self.names,
            name,
            wanted,
            rules=rules,
            prior=self._commonness,
            everything=self.every_name,
        )
        if note:
            self.notes.append(note)
        return entity

    @staticmethod
    def _wanted(kinds: Sequence[str] | None, what: str, others: bool = False) -> Wanted:
        from careergraph.graph.resolution.ladder import Wanted

        chosen = tuple(kind_named(k) for k in kinds) if kinds is not None else None
        return Wanted(chosen, what, others)

    def _commonness(self, iri: str) -> float:
        """How many roles list an item (in their profile or as optional): which meaning of a
        short name is the more common one."""
        index = self.careers.index
        return len(index.holders.get(iri, ())) + len(index.listers.get(iri, ()))

    def scoped(
        self, entities: Sequence[Entity], default: str = "all"
    ) -> tuple[CareerGraph, frozenset[str] | None]:
        """The graph that answers a question about ``entities``, and the taxonomies its
        answer may hold (None: every one). With no source asked for, that is the
        taxonomies of ``entities`` (``default`` where there are none): a question about
        built-in entities alone is answered on the graph without imported datasets, so an
        import never changes its answer; a question about an ESCO occupation is answered
        with ESCO's; one that mixes them, with both.

        >>> graph = CareerGraph.open()
        >>> answering, within = graph.scoped([graph.resolve("MLOps Engineer")])
        >>> answering is graph, within
        (True, frozenset({'builtin'}))
        """
        source = self.source
        if source is None:
            asked = {taxonomy(entity.iri) for entity in entities}
            source = asked.pop() if len(asked) == 1 else "all" if asked else default
        return self._sourced(source)

    def _sourced(self, source: str) -> tuple[CareerGraph, frozenset[str] | None]:
        """The graph that answers for ``source`` and the taxonomies it may show (see
        :meth:`scoped`)."""
        if source == "builtin" and self._alone is not None:
            if "alone" not in self.__dict__:
                alone = self.__dict__["alone"] = self._alone()
                alone.notes = self.notes  # one list: what either notes is said
            return self.__dict__["alone"], None
        if source in ("all", "builtin"):
            return self, None if source == "all" else frozenset({source})
        return self, frozenset({self.dataset_taxonomies.get(source, source)})

    @property
    def dataset_taxonomies(self) -> dict[str, str]:
        """Each imported dataset's name, and the taxonomy its entities belong to (``esco``
        for an ESCO import whatever its name; a job architecture's own name)."""
        return {
            source.name.removeprefix("dataset:"): source.taxonomy
            for source, _ in self.sources
            if source.taxonomy
        }

    def import_roles(
        self, path: str | Path, name: str | None = None, location: str | Path | None = None
    ) -> JobArchitecture:
        """Import the job architecture at ``path`` (see :mod:`.sources.roles`) as the
        dataset ``name`` (the file's name by default) of the store ``location``: each skill
        read as this graph's built-in or ESCO skill of its name where the people's-words
        ladder reads it confidently, else a skill of its own. Raises DataFileError for a
        file that is not one (naming the line), BadInputError for a name that is taken by a
        source; the previous import of that name stays until this one is whole."""
        from careergraph.graph.resolution.readings import Reading
        from careergraph.graph.sources.datasets import Datasets
        from careergraph.graph.sources.roles import read_roles, slug

        name = name or slug(Path(path).stem)
        if name in RESERVED_SOURCES:
            raise BadInputError(f"{name!r} names a source already: choose another --name")
        graph, _ = self._sourced("all")

        def resolve(skill: str) -> tuple[str, str, float] | None:
            reading = graph.read_name(skill, SKILL_KINDS, "skill", suggest=False)
            if isinstance(reading, Reading) and declared(taxonomy(reading.entity.iri)).lends_skills:
                return reading.entity.iri, reading.rule, reading.confidence
            return None

        found = read_roles(path, name, resolve)
        Datasets(location).add(name, found.lines, str(path), kind="roles")
        return found

    def stats(self) -> Stats:
        """Triples, entities by class and triples by source (of :attr:`source`'s only, where
        it names a dataset)."""
        from careergraph.graph.browse import stats

        _, within = self.scoped([])
        dataset = self.source if within and within != {"builtin"} else None
        prefix = declared(next(iter(within))).prefix if dataset and within else None
        sources = [(source.name, added) for source, added in self.sources]
        vocabulary = self.vocabulary_labels
        return stats(self.store, vocabulary, self.engine, sources, prefix, dataset)

    def list(
        self,
        kind: str,
        track: str | None = None,
        level: str | None = None,
        limit: int | None = None,
    ) -> EntityList:
        """The entities of ``kind`` (``roles``, ``skills``...), optionally of one track and
        level, in label order (levels: by ladder and rank), the first ``limit`` of them if
        given."""
        from careergraph.graph.browse import entity_list

        bindings: dict[str, Term] = {}
        if track is not None:
            bindings["track"] = IRI(self.resolve(track, "track").iri)
        if level is not None:
            bindings["level"] = IRI(self.resolve(level, "level").iri)
        _, within = self.scoped([])
        return entity_list(self.store, self.names, kind, bindings, within, limit)

    def show(self, name: str) -> EntityDetails:
        """Everything about one entity: its types, properties (blank nodes expanded), the
        statements of others that point to it, and what the careers tell of it (see
        :mod:`careergraph.graph.careers.briefing`)."""
        from careergraph.graph.browse import details
        from careergraph.graph.careers.briefing import briefing

        entity = self.resolve(name)
        about = briefing(self.careers, entity.iri)
        return details(self.store, self.names, self.vocabulary_labels, entity, about)

    def search(self, text: str, kind: str | None = None, limit: int = 20) -> SearchResults:
        """Entities whose labels or alternative labels match ``text``, best first (none,
        where nothing matches).

        >>> CareerGraph.open().search("no such thing at all").hits
        ()
        """
        from careergraph.graph.results.search import SearchResults

        wanted = kind_named(kind) if kind else None
        _, within = self.scoped([])

        def fits(iri: str) -> bool:
            if within is not None and taxonomy(iri) not in within:
                return False
            return wanted is None or wanted.class_iri in self.names.classes_of(iri)

        return SearchResults(text, tuple(self.names.search(text, limit, fits)))

    @cached_property
    def sparql(self) -> SparqlService:
        """The SPARQL service over this graph (see :mod:`careergraph.graph.sparql`)."""
        from careergraph.graph.sparql import SparqlService

        return SparqlService(self.store, self.prefixes, self.resolve)

    def query(
        self,
        text: str,
        parameters: Mapping[str, str] | None = None,
        timeout: float | None = None,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a SPARQL query, its ``parameters`` bound by name (a name as the entity it
        names), read-only (see :meth:`.sparql.SparqlService.query`).

        >>> graph = CareerGraph.open()
        >>> graph.query("SELECT ?l WHERE { ?r cg:track ?t ; skos:prefLabel ?l } ORDER BY ?l",
        ...             {"t": "MLOps"}).table()[1][0]
        ('AI Infrastructure Lead',)
        """
        return self.sparql.query(text, parameters, timeout, allow_service)

    def named_query(
        self,
        name: str,
        parameters: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query of the catalogue (see :meth:`.sparql.SparqlService.named_query`)."""
        return self.sparql.named_query(name, parameters, timeout)

    def update(
        self,
        text: str,
        timeout: float | None = None,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        """Run a SPARQL Update on a remote endpoint; a local graph refuses it (see
        :meth:`.sparql.SparqlService.update`)."""
        self.sparql.update(text, timeout, parameters)

    # ---- careers: overlap, paths, matching ------------------------------------------

    @cached_property
    def careers(self) -> CareerModel:
        """The career model the analyses work on: the facts and what is worked out from them,
        read once or kept by a built store (see :mod:`careergraph.graph.careers.model`)."""
        from careergraph.graph.careers.facts import CareerFacts
        from careergraph.graph.careers.model import CareerModel

        names = self.every_name()  # the facts are read with every name at hand
        kept = self.kept.careers(names) if self.kept is not None else None
        return kept or CareerModel.of(CareerFacts.read(self.store, names))

    def overlap(self, names: Sequence[str], kind: str = "all") -> Overlap:
        """What two or more roles, tracks or skill areas share and what only one has, with
        their similarity (the weighted Jaccard of :mod:`careergraph.graph.careers.similarity`),
        comparing items of one ``kind``: ``all``, ``skills`` or ``tools``.

        >>> graph = CareerGraph.open()
        >>> sorted(i.entity.label for i in graph.overlap(["Linux Guru", "Python Guru"]).shared)[:3]
        ['Best Practices', 'CI/CD', 'Code Organization']
        """
        from careergraph.graph.careers.overlap import overlap

        what = "role, track or skill area"
        owners = [self.resolve_among(name, COMPARED_KINDS, what) for name in names]
        graph, _ = self.scoped(owners)
        return overlap(graph.careers, owners, kind)

    def similar(self, name: str, limit: int = 10) -> SimilarRoles:
        """The ``limit`` roles nearest to the role ``name`` (built-in or imported) of each
        taxonomy (built-in roles, ESCO occupations), each with its similarity (see
        :mod:`careergraph.graph.careers.similarity`), what both call for and what it calls for
        that this one does not.

        >>> graph = CareerGraph.open()
        >>> graph.similar("Linux Guru", limit=1).similar[0].role.label
        'Junior Linux Admin'
        """
        from careergraph.graph.careers.similarity import similar_roles

        if limit < 1:
            raise ParameterError("limit", "must be at least 1")
        role = self._role(name)
        graph, within = self.scoped([role])
        return similar_roles(graph.careers, role, limit, within)

    def similarity_matrix(self, owners: str = "roles", kind: str = "all") -> SimilarityMatrix:
        """The pairwise similarity of every role (``owners="roles"``) or track, comparing
        items of one ``kind``."""
        from careergraph.graph.careers.overlap import similarity_matrix

        wanted = kind_named(owners)
        if wanted.name not in ("role", "track"):
            raise ParameterError("owners", f"must be roles or tracks, not {wanted.plural}")
        graph, within = self.scoped([], default="builtin")  # ESCO's 3,035 make no table
        members = [listed.entity for listed in graph.list(wanted.plural).items]
        if within is not None:
            members = [member for member in members if taxonomy(member.iri) in within]
        return similarity_matrix(graph.careers, members, kind)

    def path(
        self,
        source: str,
        target: str,
        k: int = 1,
        via: Sequence[str] | None = None,
        max_steps: int | None = None,
        no_pay_cut: bool = False,
    ) -> PathResult:
        """The ``k`` cheapest ways from one role to another of at most ``max_steps`` steps
        (``paths.MOST_STEPS`` unless given), only moves where the known pay does not fall
        with ``no_pay_cut`` (see :mod:`careergraph.graph.careers.moves` for the relations
        and the cost). Raises NoPathError when there is none.

        >>> graph = CareerGraph.open()
        >>> best = graph.path("Junior DevOps Engineer", "DevOps Architect").paths[0]
        >>> [step.target.label for step in best.steps]
        ['DevOps Engineer', 'DevOps Architect']
        """
        from careergraph.graph.careers.moves import RELATIONS, CareerMoves
        from careergraph.graph.careers.paths import (
            MOST_STEPS,
            MOST_STEPS_ASKED,
            describe_paths,
            no_path_reason,
            shortest_cheapest,
        )
        from careergraph.graph.results.paths import PathResult

        if not 1 <= k <= MAX_PATHS:
            raise ParameterError("k", f"must be from 1 to {MAX_PATHS}")
        if max_steps is not None and not 1 <= max_steps <= MOST_STEPS_ASKED:
            raise ParameterError("max_steps", f"must be from 1 to {MOST_STEPS_ASKED}")
        start, end = self._role(source), self._role(target)
        if start.iri == end.iri:
            raise BadInputError(f"the start and the end are the same role ({start.label})")
        graph, within = self.scoped([start, end])
        model = graph.careers
        moves = CareerMoves(model, via or RELATIONS, no_pay_cut=no_pay_cut, within=within)
        most = max_steps or MOST_STEPS
        found = shortest_cheapest(moves, start.iri, end.iri, k, most)
        if not found:
            how = f" via {', '.join(via)}" if via else ""
            pay = " without a pay cut" if no_pay_cut else ""
            why = no_path_reason(moves, start.iri, end.iri, most)
            raise NoPathError(
                f"no path from {start.label} to {end.label}{how}{pay} in at most {most} "
                f"steps: {why}"
            )
        result = PathResult(start, end, describe_paths(model, moves, found))
        steps = [step for path in result.paths for step in path.steps]
        if no_pay_cut and all(step.pay_change == "unknown" for step in steps):
            self.notes.append(
                "no salary is known on these moves: the answer is the one with pay cuts allowed"
            )
        return result

    def match(
        self,
        skills: Sequence[str] = (),
        limit: int | None = None,
        *,
        text: str | None = None,
        tracks: Sequence[str] = (),
    ) -> MatchResult:
        """Roles ranked by how much of their needs the person's skills cover, with what is
        missing and what to learn first. The skills are ``skills`` (names as people type
        them: skills, skill areas, tools), those ``text`` names (a CV, a job ad) and all a
        track of ``tracks`` calls for. A name that is not read is skipped (``skipped`` in
        the result, with the closest candidates, and a note); a name read past the exact
        rules, or read as a track, gets a note. Raises BadInputError where nothing is read.
        """
        from careergraph.graph.careers.matching import match

        readings, skipped = self.read_skills(skills, text=text, tracks=tracks)
        if not readings:
            given = "the text" if text is not None and not skills else "the names given"
            why = "; ".join(s.note("skill or tool") for s in skipped[:3])
            raise BadInputError(f"no skill or tool found in {given}" + (f" ({why})" if why else ""))
        graph, within = self.scoped([reading.entity for reading in readings])
        if graph is not self:  # what the names read as in the graph without datasets
            readings = [r for r in (r.among(graph.names) for r in readings) if r is not None]
        return match(graph.careers, readings, limit, skipped, within)

    def report(
        self,
        skills: Sequence[str] = (),
        *,
        text: str | None = None,
        tracks: Sequence[str] = (),
        role: str | None = None,
        target: str | None = None,
        limit: int = 5,
        made: str | None = None,
    ) -> CareerReport:
        """A one-page career plan: the ``limit`` roles that fit the person's skills
        (``skills``, ``text`` and ``tracks`` as :meth:`match` reads them), the roles nearest
        to their ``role``, the cheapest path from it (or from the best fit) to ``target``,
        the certifications and time the source ties to the tracks on the way, and where each
        fact comes from; ``made`` is the day it says it was made (today unless given).
        Raises BadInputError where there are neither skills nor a role, UnknownNameError
        for a role or target that is not there.

        >>> plan = CareerGraph.open().report(["Bash", "Linux"], role="Junior Linux Admin",
        ...                                  target="MLOps Engineer")
        >>> [s.target.label for s in plan.path.paths[0].steps]
        ['Build Engineer', 'MLOps Engineer']
        """
        import datetime

        from careergraph.graph.pages.report import CareerReport

        if not (skills or text is not None or tracks or role):
            raise BadInputError(
                "a report needs your skills (SKILLs, --skills-file, --text) or your --role"
            )
        current = self._role(role) if role else None
        goal = self._role(target) if target else None
        fits = (
            self.match(skills, limit, text=text, tracks=tracks)
            if skills or text or tracks
            else None
        )
        nearest = self.similar(f"<{current.iri}>", limit) if current else None
        start = current or (fits.roles[0].role if fits and fits.roles else None)
        path, no_path = None, None
        if goal is not None and start is not None and start.iri != goal.iri:
            try:
                path = self.path(f"<{start.iri}>", f"<{goal.iri}>")
            except NoPathError as error:
                no_path = str(error)
        along = [e for e in (current, goal) if e is not None]
        if path is not None:  # the roles the plan leads through
            along = [path.source, *(step.target for step in path.paths[0].steps)]
        shown = along + [m.role for m in fits.roles] if fits else list(along)
        shown += [n.role for n in nearest.similar] if nearest else []
        certifications, time = self._investments(along)
        return CareerReport(
            current,
            goal,
            fits,
            nearest,
            path,
            no_path,
            certifications,
            time,
            self.provenance(shown),
            made or datetime.date.today().isoformat(),
        )

    def _investments(self, roles: Sequence[Entity]) -> tuple[tuple, tuple[str, ...]]:
        """The certifications (with prices) and the time the source ties to the tracks of
        ``roles``."""
        from careergraph.graph.pages.report import Certification
        from careergraph.graph.results.paths import span

        model = self.careers
        tracks = sorted({t for role in roles for t in model.tracks_of(role.iri)}, key=model.label)
        certifications, time = [], []
        for track in tracks:
            for listed in self.list("certifications", track=f"<{track}>").items:
                level = listed.level.label if listed.level else ""
                certifications.append(
                    Certification(listed.entity, model.label(track), listed.price or "", level)
                )
            for investment in model.investments.get(track, []):
                if investment.kind == "time" and investment.low is not None:
                    level = model.label(investment.level) if investment.level else "it"
                    amount = span(investment.low, investment.high, investment.unit)
                    time.append(
                        f"{model.label(track)}: the source gives {amount} to reach {level}."
                    )
        return tuple(certifications), tuple(time)

    def provenance(self, entities: Sequence[Entity]) -> tuple[str, ...]:
        """Where the facts about ``entities`` come from, a line each (once): the section of
        the source material and its lines, or the imported taxonomy.

        >>> graph = CareerGraph.open()
        >>> for part in graph.provenance([graph.resolve("MLOps Architect")])[0].split(", "):
        ...     print(part)
        MLOps Architect: Career Progression: MLOps Career Path
        lines 126-141 of DevOps vs MLOps: A Comprehensive Analysis
        """
        lines: dict[str, None] = {}
        for entity in entities:
            credit = declared(taxonomy(entity.iri)).credit
            if credit is not None:
                lines[f"{entity.label}: {credit}, {entity.iri}"] = None
                continue
            for _, predicate, section in self.store.triples(IRI(entity.iri)):
                if predicate.value == DCTERMS + "source":
                    lines[f"{entity.label}: {self._section(section)}"] = None
        return tuple(lines)

    def _section(self, section: Term) -> str:
        """A source section as words: its label, its lines and the document it is part of."""
        said: dict[str, str] = {}
        for _, predicate, value in self.store.triples(section):
            said.setdefault(predicate.value, value.value)
        words = said.get(LABEL, compact(section.value))
        first, last = said.get(CG + "firstLine"), said.get(CG + "lastLine")
        if first and last:
            words += f", lines {first}-{last}"
        parent = said.get(DCTERMS + "isPartOf")
        if parent:
            titles = [v.value for _, p, v in self.store.triples(IRI(parent)) if p.value == LABEL]
            if titles:
                words += f" of {titles[0]}"
        return words

    def _listed(self, names: Sequence[str]) -> list[str]:
        """The names, a list typed as one ("python, sql, k8s") cut at its commas and
        semicolons, unless it is a name itself ("data extraction, transformation and
        loading tools")."""
        from careergraph.graph.resolution.readings import Reading

        listed = []
        for name in names:
            parts = [p.strip() for p in re.split(r"[,;]", name)]
            whole = len(parts) > 1 and isinstance(
                self.read_name(name, MATCHED_KINDS, "skill or tool", rules="exact"), Reading
            )
            listed.extend([name] if len(parts) == 1 or whole else [p for p in parts if p])
        return listed

    def read_skills(
        self, names: Sequence[str] = (), *, text: str | None = None, tracks: Sequence[str] = ()
    ) -> tuple[list[Reading], list[Skipped]]:
        """How ``names``, ``text`` and ``tracks`` read as what a person has (see
        :meth:`match`): the readings, and the names skipped. Notes say how a name was read
        where a person should hear it. Raises BadInputError for a track that names no track,
        too many names, or a text that is too long.

        >>> readings, skipped = CareerGraph.open().read_skills(["k8s", "qwxz"])
        >>> [r.entity.label for r in readings], [s.reason for s in skipped]
        (['Kubernetes'], ['unknown'])
        """
        from careergraph.graph.resolution.ladder import TIES
        from careergraph.graph.resolution.prose import skills_in_text
        from careergraph.graph.resolution.readings import Reading, Skipped

        _few_enough(names)  # before any name is read: each costs a look-up
        names = _few_enough(self._listed(names))
        if text is not None and len(text) > MAX_TEXT:
            raise ParameterError(
                "text",
                f"is {len(text):,} characters long; careergraph reads at most {MAX_TEXT:,} "
                "(a CV is a few thousand)",
            )
        readings: list[Reading] = []
        skipped: list[Skipped] = []
        for name in names:
            suggest = len(skipped) < SUGGESTED  # suggestions cost a search of every name
            reading = self.read_name(
                name, MATCHED_KINDS, "skill or tool", across=True, suggest=suggest, ties=TIES
            )
            if isinstance(reading, Skipped):
                skipped.append(reading)
                self.notes.append(reading.note("skill or tool"))
                continue
            readings.append(reading)
            note = reading.note()
            if reading.entity.kind == "track":
                note = (note + "; " if note else "") + _track_note(reading)
            if note:
                self.notes.append(note)
        for name in tracks:
            entity = self.resolve(name, "track")
            readings.append(Reading(name, (entity,), (1.0,), "track", 1.0))
        if text is not None:
            wanted = self._wanted(PROSE_KINDS, "skill or tool")
            readings.extend(skills_in_text(self.names, text, wanted, self._commonness))
        return readings, skipped

    def career_network(self, via: Sequence[str] | None = None) -> nx.DiGraph:
        """The networkx projection of roles and career moves (a ``networkx.DiGraph``)."""
        from careergraph.graph.careers.moves import RELATIONS, career_network

        graph, within = self.scoped([])
        network = career_network(graph.careers, tuple(via or RELATIONS))
        if within is not None:
            network = network.subgraph(n for n in network if taxonomy(n) in within).copy()
        return network

    # ---- views: what export html and export mermaid draw ----------------------------------

    def view(
        self,
        name: str = "full",
        focus: str | None = None,
        depth: int = 1,
        max_nodes: int | None = None,
        source: str | None = None,
        group: str | None = None,
        provenance: bool = False,
    ) -> View:
        """A view of the graph (see :mod:`careergraph.graph.views`): ``name``, or the
        neighbourhood of ``focus``, with only the entities of ``source`` (or the graph's
        :attr:`source`: ``builtin``, ``all``, a dataset's name; by default the careers
        view draws the built-in graph, as before any import, and the others everything),
        cut to ``max_nodes`` (``View.note`` says what a cut left out, the built-in entities
        last; None: the default cut). ``group`` (an ISCO code) keeps the careers view of an
        imported taxonomy to the occupations under it; ``provenance`` draws where facts come
        from (the source sections) in a focus view."""
        from careergraph.graph.views import build_view, cut

        known = ("builtin", *dict.fromkeys(self.dataset_taxonomies.values()), "all")
        if source is not None and source not in (*known, *self.dataset_taxonomies):
            raise ParameterError("source", f"must be one of {', '.join(known)}")
        chosen = source or self.source or ("builtin" if name == "careers" and not focus else "all")
        if group is not None and not group.isdigit():
            raise ParameterError("group", f"{group!r} is not an ISCO code (digits, such as 25)")
        graph, within = self._sourced(chosen)
        shown = next(iter(within)) if within else None  # the one taxonomy kept, if one
        drawing = "builtin" if chosen == "builtin" else shown or "all"
        drawn = build_view(graph, name, focus, depth, drawing, group, provenance)
        big = name == "careers" and drawing != "builtin"  # opens as clusters
        default = OCCUPATIONS_DRAWN if big else None
        return cut(drawn, default if max_nodes is None else max_nodes, shown)

    def mind_map(self, focus: str | None = None) -> MindMapNode:
        """The tree of the graph's mind map (``focus`` picks one where there are several)."""
        from careergraph.graph.views import mind_map

        return mind_map(self, focus)

    def overlap_view(self, result: Overlap, max_nodes: int | None = None) -> View:
        """An overlap drawn: the items compared, the shared part highlighted."""
        from careergraph.graph.views import cut, overlap_view

        return cut(overlap_view(self, result), max_nodes)

    def serialize(self, rdf_format: str | RdfFormat) -> bytes:
        """The whole graph as ``ttl``, ``nt``, ``jsonld`` or ``rdfxml``."""
        chosen = format_named(rdf_format) if isinstance(rdf_format, str) else rdf_format
        if not chosen.writable:
            raise BadInputError(f"careergraph reads {chosen.name} but does not write it")
        return self.store.serialize(chosen, self.prefixes)

    # ---- helpers ------------------------------------------------------------------------

    def _role(self, name: str) -> Entity:
        """The role called ``name``; another kind of entity is an error."""
        entity = self.resolve_among(name, ROLE_KINDS, "role")
        if entity.iri not in self.careers.roles:
            raise WrongKindError(entity.label, entity.kind, "a role")
        return entity

    @cached_property
    def vocabulary_labels(self) -> dict[str, str]:
        """Labels of the vocabulary's classes and properties, by IRI."""
        from careergraph.graph.browse import vocabulary_labels

        return vocabulary_labels(self.store)

    @property
    def prefixes(self) -> dict[str, str]:
        """The standard prefixes plus one per kind of careergraph id (``role:``...)."""
        return {**PREFIXES, **ID_PREFIXES}


# No job architecture is called so: the sources, and the first part of an id path.
RESERVED_SOURCES = ("builtin", "all", "esco", *ID_KINDS)


def check_source(source: str | None, datasets: Sequence[str]) -> None:
    """Raise ParameterError unless ``source`` is None, ``builtin``, ``all`` or the name of
    one of the imported ``datasets``.

    >>> check_source("esco", ["esco"])
    >>> check_source("escoo", ["esco"])
    Traceback (most recent call last):
    ...
    careergraph.errors.ParameterError: source 'escoo' names no source: choose builtin, esco or all
    """
    if source is None or source in ("builtin", "all", *datasets):
        return
    known = ["builtin", *datasets]
    if source in ("esco", "roles"):
        raise ParameterError(
            "source",
            f"{source!r} names no imported dataset (careergraph import {source} PATH brings "
            f"it in); choose {', '.join(known)} or all",
        )
    raise ParameterError("source", f"{source!r} names no source: choose {', '.join(known)} or all")


def _few_enough(names: Sequence[str]) -> Sequence[str]:
    """The names, if there are at most ``MAX_NAMES`` of them (ParameterError otherwise)."""
    if len(names) > MAX_NAMES:
        raise ParameterError(
            "skills", f"holds {len(names):,} names; match reads at most {MAX_NAMES:,}"
        )
    return names


def _track_note(reading: Reading) -> str:
    """What a person should hear of a name read as a track: it counts as its skills."""
    return (
        f"{reading.given!r} names the track {reading.entity.label}, not a skill: it counts as "
        "every skill and tool the track calls for"
    )


def _has_datasets(location: str | Path | None) -> bool:
    """Whether anything was imported there (most calls: no, without loading datasets.py)."""
    from careergraph.graph.cache.location import datasets_folder

    return datasets_folder(location).is_dir()
