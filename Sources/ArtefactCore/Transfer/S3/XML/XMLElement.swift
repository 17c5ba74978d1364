/// One element of an XML document as `XMLReader` reads it: its local name (any namespace
/// prefix dropped, as S3's documents use one default namespace), its child elements in
/// order, and its own text (character data and CDATA, entities resolved). Attributes are
/// read past but not kept: no S3 response that artefact reads carries meaning in one.
struct XMLElement: Sendable, Equatable {
    let name: String
    var children: [XMLElement] = []
    var text = ""

    /// The first child named `name`.
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`, in order.
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    func text(of name: String) -> String? { child(name)?.text }
}
