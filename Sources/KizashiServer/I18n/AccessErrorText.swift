import KizashiApp
import KizashiCore

extension L10n {
    /// An access refusal in the page's language (the API answers in English; see `ProblemDetails.access`).
    static func accessError(_ e: AccessError, _ lang: Language) -> String {
        switch e {
        case .invalidEmail(let email): t("access.error.invalidEmail", lang).replacingOccurrences(of: "%@", with: email)
        case .emailTaken(let email): t("access.error.emailTaken", lang).replacingOccurrences(of: "%@", with: email)
        case .passwordTooShort(let n): t("access.error.passwordTooShort", lang, n)
        case .passwordTooLong(let n): t("access.error.passwordTooLong", lang, n)
        case .passwordHasControlCharacters: t("access.error.passwordControl", lang)
        case .tokenNameMissing: t("access.error.tokenNameMissing", lang)
        case .tokenNameTooLong(let n): t("access.error.tokenNameTooLong", lang, n)
        case .invalidTokenLifetime: t("access.error.tokenLifetime", lang)
        case .userNotFound: t("access.error.userNotFound", lang)
        case .tokenNotFound: t("access.error.tokenNotFound", lang)
        case .lastActiveAdmin: t("access.error.lastActiveAdmin", lang)
        }
    }
}
