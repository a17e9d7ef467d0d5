/// Who asked, as the check log records it: the address nginx saw and the user agent, never a credential.
public struct PublicClient: Sendable, Equatable {
    public var ip: IPAddress?
    public var userAgent: String

    public init(ip: IPAddress?, userAgent: String) {
        self.ip = ip
        self.userAgent = userAgent.withoutNUL.prefix(scalars: CheckRequest.maximumUserAgentLength)
    }
}
