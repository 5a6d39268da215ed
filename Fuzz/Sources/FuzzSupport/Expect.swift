/// Stops the fuzzer with `message` when `condition` is false: a finding. Unlike `precondition`,
/// the message is printed in optimised builds too.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
