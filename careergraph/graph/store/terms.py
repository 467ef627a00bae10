"""Engine-neutral RDF terms, so that domain code never sees rdflib or pyoxigraph objects."""

from dataclasses import dataclass

from careergraph.namespaces import XSD

_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}


@dataclass(frozen=True, slots=True)
class IRI:
    """An IRI (a named node)."""

    value: str

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class BlankNode:
    """A blank node; its id is only meaningful within one store."""

    value: str

    def __str__(self) -> str:
        return f"_:{self.value}"


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal with its lexical form, datatype IRI and language tag."""

    value: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        return self.value

    def to_python(self) -> str | int | float | bool:
        """The literal as a Python value: numbers and booleans converted, else the text.

        >>> Literal("42", XSD + "integer").to_python()
        42
        """
        try:
            if self.datatype in _INTEGER_TYPES:
                return int(self.value)
            if self.datatype in _FLOAT_TYPES:
                number = float(self.value)
                return int(number) if number.is_integer() else number
        except ValueError:
            return self.value
        if self.datatype == XSD + "boolean":
            return self.value.strip() in ("true", "1")
        return self.value


Term = IRI | BlankNode | Literal
