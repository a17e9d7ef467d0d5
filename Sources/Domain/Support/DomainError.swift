/// A refusal by the licensing rules, with a code the API layers map to their own wire words.
public struct DomainError: Error, Equatable, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidInput, notFound, conflict, internalFailure
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The caller's input breaks a rule (bad date, bad prefix, ...).
        public static let invalidInput = Code(.invalidInput)
        /// A referenced record does not exist.
        public static let notFound = Code(.notFound)
        /// The write collides with an existing record (a key taken ignoring case, a login in use).
        public static let conflict = Code(.conflict)
        /// Our own bug or an impossible database answer.
        public static let internalFailure = Code(.internalFailure)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
