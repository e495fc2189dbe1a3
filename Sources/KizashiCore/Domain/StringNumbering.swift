/// Numbers distinct strings densely in the order first seen (0, 1, 2, …): the compact account,
/// campaign and contact keys that roll-ups, touches and committees index arrays with, instead
/// of holding and hashing a string per row.
public struct StringNumbering: Sendable {
    /// The strings by number.
    public private(set) var strings: [String]
    private var numbers: [String: Int32]

    /// Starts from `strings`, numbered by position; a string listed twice keeps its first number.
    public init(_ strings: [String] = []) {
        self.strings = strings
        numbers = Dictionary(minimumCapacity: strings.count)
        for (i, s) in strings.enumerated() where numbers[s] == nil { numbers[s] = Int32(truncatingIfNeeded: i) }
    }

    public var count: Int { strings.count }

    /// The number of `s`, given now when it is new.
    public mutating func number(of s: String) -> Int32 { insert(s).number }

    /// The number of `s`, and whether it was given now.
    public mutating func insert(_ s: String) -> (number: Int32, isNew: Bool) {
        if let n = numbers[s] { return (n, false) }
        let n = Int32(truncatingIfNeeded: strings.count)
        numbers[s] = n
        strings.append(s)
        return (n, true)
    }
}
