"""Where the graph's triples come from: the built-in ontology and data, the user's files, and
the datasets imported into the user's store.

What this room holds: :class:`Source` and the loading of one into a store (here), the
Mermaid mind-map reader (``mermaid``), the ESCO reader and importer (``esco``) and the
imported datasets (``datasets``). Readers turn what they read into N-Triples with the store's
one writer.

What it may import: the store, ``graph.names`` (to name the built-in roles ESCO links to)
and the cache's location and file helpers; never the facade, the careers, the exports or
the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from careergraph.errors import DataFileError
from careergraph.graph.store import Store
from careergraph.graph.store.formats import FORMATS, RdfFormat, format_for_path
from careergraph.namespaces import GRAPH
from careergraph.ontology import FOLDER


@dataclass(frozen=True)
class Source:
    """One file of triples: its name as shown to people, its base IRI and its format."""

    name: str
    base_iri: str
    rdf_format: RdfFormat
    path: Path
    fingerprint: str | None = None  # stands for the bytes where they never change (datasets)

    def read(self) -> bytes:
        """The file's bytes; a missing or unreadable file is a :class:`DataFileError`."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise DataFileError(str(self.path), "no such file") from None
        except IsADirectoryError:
            raise DataFileError(str(self.path), "is a directory, not a file") from None
        except OSError as error:
            raise DataFileError(str(self.path), error.strerror or str(error)) from None


def ontology_file(name: str) -> Path:
    """A file shipped in ``careergraph/ontology`` (``schema.ttl``, ``data/roles.ttl``...)."""
    return FOLDER / name


def builtin_sources() -> list[Source]:
    """The ontology (schema.ttl) and every data file of the built-in graph, in a stable order."""
    names = ["schema.ttl", *sorted(f"data/{p.name}" for p in (FOLDER / "data").glob("*.ttl"))]
    return [Source(name, GRAPH + name, FORMATS["ttl"], ontology_file(name)) for name in names]


def file_source(path: str | Path) -> Source:
    """A user's file; its format comes from its extension."""
    path = Path(path)
    rdf_format = format_for_path(path)
    return Source(str(path), path.resolve().as_uri(), rdf_format, path=path)


def load_source(store: Store, source: Source) -> int:
    """Load one source into the store; return the number of triples it added."""
    data, rdf_format = source.read(), source.rdf_format
    if rdf_format.name == "mmd":
        from careergraph.graph.sources.mermaid import mindmap_ntriples

        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise DataFileError(source.name, "not UTF-8 text") from None
        data, rdf_format = mindmap_ntriples(text, source.name, source.base_iri), FORMATS["nt"]
    return store.load(data, rdf_format, source.name, source.base_iri)
