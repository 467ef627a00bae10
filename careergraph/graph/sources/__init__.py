"""Where the graph's triples come from: the built-in ontology and data, the user's files, and
the datasets imported into the user's store.

What this room holds: :class:`Source` and the loading of one into a store (here), the
Mermaid mind-map reader (``mermaid``), the ESCO reader and importer (``esco``), the
job-architecture reader (``roles``), the alignment room (``alignment``: how one taxonomy's
items are linked to another's, each link stated with its confidence) and the imported
datasets (``datasets``). Readers turn what they read into N-Triples with the store's one
writer.

What it may import: the store, ``graph.names`` (to name the built-in roles ESCO links to)
and the cache's location and file helpers; never the facade, the careers, the exports or
the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
    taxonomy: str | None = None  # the taxonomy of an imported dataset's entities
    data: bytes | None = field(default=None, compare=False, repr=False)  # read once, kept

    def read(self) -> bytes:
        """The file's bytes (those read once by :meth:`pinned`, if it was); see
        :func:`read_file`."""
        return self.data if self.data is not None else read_file(self.path)

    def pinned(self) -> Source:
        """The source with its bytes read now and kept, so that what is keyed by them is
        what is parsed even if the file changes in between; a source that stands for its
        bytes by a fingerprint is checked against it when it is parsed instead."""
        if self.fingerprint or self.data is not None:
            return self
        return replace(self, data=read_file(self.path))


MAX_FILE_MB = 2048  # the largest file read, unless $CAREERGRAPH_MAX_FILE_MB says more
MAX_FILE_VARIABLE = "CAREERGRAPH_MAX_FILE_MB"


def read_file(path: Path) -> bytes:
    """The bytes of a regular file. A missing or unreadable one, one that is not a regular
    file (a FIFO or a device, which may never end) and one larger than ``MAX_FILE_MB``
    megabytes (or ``$CAREERGRAPH_MAX_FILE_MB``) is a :class:`DataFileError`.

    >>> read_file(Path("/dev/zero"))
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: /dev/zero: not a regular file (a device)
    """
    import os
    import stat

    try:
        # Non-blocking, so that opening a FIFO does not wait for a writer.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DataFileError(str(path), "no such file") from None
    except OSError as error:
        raise DataFileError(str(path), error.strerror or str(error)) from None
    with os.fdopen(handle, "rb") as opened:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise DataFileError(str(path), "is a directory, not a file")
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else ""
            raise DataFileError(str(path), f"not a regular file ({kind or 'a device'})")
        limit = _max_file_mb()
        size = os.fstat(handle).st_size
        if size > limit * 2**20:
            raise DataFileError(
                str(path),
                f"{size / 2**20:,.0f} MB, more than the {limit:,} MB careergraph reads "
                f"(set ${MAX_FILE_VARIABLE} to read more)",
            )
        try:
            return opened.read()
        except OSError as error:
            raise DataFileError(str(path), error.strerror or str(error)) from None


def _digest(data: bytes) -> str:
    """The fingerprint of a dataset's bytes, as an import takes it."""
    from careergraph.graph.cache.files import blake2b_digest

    return blake2b_digest(data, digest_size=12).hexdigest()


def _max_file_mb() -> int:
    import os

    try:
        return max(1, int(os.environ.get(MAX_FILE_VARIABLE, MAX_FILE_MB)))
    except ValueError:
        return MAX_FILE_MB


def utf8_text(data: bytes, where: str) -> str:
    """``data`` as UTF-8 text (a byte-order mark dropped), or a DataFileError naming
    ``where``, the line and the byte where it is not.

    >>> utf8_text(b"\\xef\\xbb\\xbfrole", "f.csv")
    'role'
    >>> utf8_text(b"role\\nDat\\xe9", "f.csv")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: f.csv, line 2: not UTF-8 text (byte 0xe9)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = f"byte 0x{data[error.start]:02x}"
        raise DataFileError(where, f"not UTF-8 text ({byte})", line) from None


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
    try:
        where = path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 to 3.12 raise RuntimeError for a loop
        raise DataFileError(str(path), "a loop of symbolic links") from None
    return Source(str(path), where.as_uri(), rdf_format, path=path)


def load_source(store: Store, source: Source) -> int:
    """Load one source into the store; return the number of triples it added. A source with
    a fingerprint must still have the bytes it stands for (an imported dataset that another
    import replaced meanwhile does not): a :class:`DataFileError` otherwise."""
    data, rdf_format = source.read(), source.rdf_format
    if source.fingerprint and _digest(data) != source.fingerprint:
        raise DataFileError(
            source.name, "changed while it was read (imported again meanwhile?): run it again"
        )
    if rdf_format.name == "mmd":
        from careergraph.graph.sources.mermaid import mindmap_ntriples

        text = utf8_text(data, source.name)
        data, rdf_format = mindmap_ntriples(text, source.name, source.base_iri), FORMATS["nt"]
    return store.load(data, rdf_format, source.name, source.base_iri)
