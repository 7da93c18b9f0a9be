/// A value made on first use and kept (statements are compiled only when a writer inserts).
final class CompiledOnce<Value> {
    private var made: Value?
    private let make: () throws -> Value
    init(_ make: @escaping () throws -> Value) { self.make = make }
    func value() throws -> Value {
        if let made { return made }
        let v = try make()
        made = v
        return v
    }
}
