import Synchronization

/// Facts several rules derive from one model (its stage references, its account creations, the
/// package commands of its RUNs …), computed the first time a rule asks and shared with every
/// rule after it, so that adding a rule never adds a pass over the file for a fact that exists.
///
/// A fact is named by a key type (`enum StageReferencesFact: ModelFactKey`); its value is
/// whatever the key's computation returns. The model is immutable, so a value never goes stale.
public final class ModelFacts: Sendable {
    /// Each value in a box of its own type: the key's type decides the box's, so a lookup casts
    /// without asking the runtime (rules ask for facts dozens of times a file).
    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let values = Mutex<[ObjectIdentifier: any AnyObject & Sendable]>([:])

    public init() {}

    /// The fact `key` names, computing it with `compute` the first time. Computed outside the
    /// lock, so a fact may be built from other facts; two threads racing on the first request
    /// compute the same value and one of them is kept.
    public func value<Key: ModelFactKey>(_ key: Key.Type, _ compute: () -> Key.Value) -> Key.Value {
        let identifier = ObjectIdentifier(key)
        if let known = values.withLock({ $0[identifier] }) { return unsafeDowncast(known, to: Box<Key.Value>.self).value }
        let computed = Box(compute())
        let kept = values.withLock { storage -> any AnyObject & Sendable in
            if let known = storage[identifier] { return known }
            storage[identifier] = computed
            return computed
        }
        return unsafeDowncast(kept, to: Box<Key.Value>.self).value
    }
}

/// Names one shared fact of a model and the type of its value.
public protocol ModelFactKey {
    associatedtype Value: Sendable
}
