/// Remembers the lexicon's answers during one import: a quarter repeats the same few thousand
/// drug names and terms hundreds of thousands of times, and each lookup folds strings. The cache
/// is emptied when it grows past `limit` entries, so memory stays bounded.
final class LexiconCache {
    let lexicon: Lexicon
    private var generics: [GenericKey: String?] = [:]
    private var singleGenerics: [SingleGenericKey: String?] = [:]
    private var preferreds: [String: String] = [:]
    private let limit: Int

    init(_ lexicon: Lexicon, limit: Int = 100_000) {
        self.lexicon = lexicon
        self.limit = limit
    }

    /// `ImportMapping.generic` memoised.
    func generic(ingredients: [String?], name: String) -> String? {
        let key = GenericKey(ingredients: ingredients, name: name)
        if let hit = generics[key] { return hit }
        let g = ImportMapping.generic(ingredients: ingredients, name: name, lexicon: lexicon)
        if generics.count >= limit { generics.removeAll(keepingCapacity: true) }
        generics[key] = g
        return g
    }

    /// `generic(ingredients: [ingredient], name:)` without making an array for each lookup (a
    /// FAERS DRUG row names at most one active ingredient).
    func generic(ingredient: String?, name: String) -> String? {
        let key = SingleGenericKey(ingredient: ingredient, name: name)
        if let hit = singleGenerics[key] { return hit }
        let g = ImportMapping.generic(ingredients: [ingredient], name: name, lexicon: lexicon)
        if singleGenerics.count >= limit { singleGenerics.removeAll(keepingCapacity: true) }
        singleGenerics[key] = g
        return g
    }

    private struct SingleGenericKey: Hashable {
        let ingredient: String?
        let name: String
    }

    /// Hashed field by field: joining the parts into one string cost an allocation per drug row.
    private struct GenericKey: Hashable {
        let ingredients: [String?]
        let name: String
    }

    /// `ImportMapping.preferred` memoised.
    func preferred(_ term: String) -> String {
        if let hit = preferreds[term] { return hit }
        let p = ImportMapping.preferred(term, lexicon: lexicon)
        if preferreds.count >= limit { preferreds.removeAll(keepingCapacity: true) }
        preferreds[term] = p
        return p
    }
}
