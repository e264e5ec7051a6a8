public enum CaracalApply { public static let version = "0.1.0" }
