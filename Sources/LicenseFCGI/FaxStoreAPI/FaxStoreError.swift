/// Client mistakes on the FaxStore paths (faxstore.md §5); `FaxStoreResponses` turns them into wire bodies.
enum FaxStoreError: Error, Equatable {
    case invalidJSON
    case bodyNotAnObject
    case badProductList
    case productIDNotInteger
    case bodyTooLarge
    case methodNotAllowed
    case unknownEndpoint
}
