/// Slugs as the Admin API derives them from names.
enum Slug {
    /// Lower-case letters and digits, other runs of characters turned into single hyphens.
    static func derive(from name: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// `base`, or `base-2`, `base-3`… — the first that `isTaken` refuses.
    static func firstFree(_ base: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(base) { return base }
        var suffix = 2
        while isTaken("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }
}
