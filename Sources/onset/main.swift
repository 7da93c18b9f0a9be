import OnsetCore
print("onset \(OnsetCoreVersion.string)")
