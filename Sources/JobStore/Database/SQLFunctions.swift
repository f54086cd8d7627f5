import GRDB

/// Swift functions SQL can call, added to every connection of the pool.
enum SQLFunctions {
    /// `invoiced_fold(text)`: `SearchText.fold`, so a column that has no folded copy (the
    /// buyer's name) can still be matched without case, diacritics or the `đ`/`d` difference.
    static let fold = DatabaseFunction("invoiced_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(SearchText.fold)
    }
}
