public enum OnsetCoreVersion { public static let string = "0.1.0" }
