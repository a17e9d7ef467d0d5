/// The two ways a public action fails: the rules refused it, or the database could not answer.
public enum PublicStoreError: Error, Sendable {
    case refused(PublicRefusal)
    case database(PostgresError)
}
