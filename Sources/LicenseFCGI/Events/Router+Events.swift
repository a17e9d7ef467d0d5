import Domain

extension Router {
    /// The events endpoint on this thread's connection; built per request, as it holds nothing of its own.
    var events: EventsHandler { EventsHandler(database: rest.database, configuration: configuration) }

    /// `/api/events`, a trailing slash tolerated.
    static func isEventsPath(_ lowercasedPath: String) -> Bool {
        lowercasedPath == "/api/events" || lowercasedPath == "/api/events/"
    }
}
