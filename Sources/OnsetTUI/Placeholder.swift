import OnsetCore
