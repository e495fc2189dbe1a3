import KizashiApp

/// The server's routes make secrets (webhook secrets, site keys, import ids) with the same
/// generator as the access service.
typealias Secrets = KizashiApp.Secrets
