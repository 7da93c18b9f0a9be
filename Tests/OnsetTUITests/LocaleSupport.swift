import Glibc

/// Runs `body` with this thread's LC_CTYPE set to `name` (uselocale is per thread, so parallel
/// tests do not disturb each other), then restores the previous locale.
func withLocale<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    guard let locale = newlocale(LC_CTYPE_MASK, name, nil) else {
        fatalError("locale \(name) is not installed")
    }
    let previous = uselocale(locale)
    defer {
        uselocale(previous)
        freelocale(locale)
    }
    return try body()
}

/// The two locales onset must work under: a UTF-8 one and the C locale.
let testLocales = ["C.UTF-8", "C"]
