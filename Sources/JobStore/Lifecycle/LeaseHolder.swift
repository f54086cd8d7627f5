import Glibc

/// The names of lease holders (`ocr_jobs.locked_by`): `<node>:<pid>/worker-<n>`. A node is
/// named by `node_name` (the host's name by default), the same across its restarts; its
/// process id makes each run a new holder, so a lease the previous run held is not taken
/// for its own, while the node still knows those leases as its own (the prefix `<node>:`).
public enum LeaseHolder {
    /// The host's name from gethostname(2): Foundation's `hostName` may ask DNS, which a host
    /// with a broken resolver answers only after seconds.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        return gethostname(&buffer, buffer.count - 1) == 0 ? String(cString: buffer) : "localhost"
    }()

    /// This process as a node named by the host.
    public static let thisNode: String = run(ofNode: hostName)

    /// This process as a run of the node `name`.
    public static func run(ofNode name: String) -> String { "\(name):\(getpid())" }

    /// Worker `index` of `node` (a run, as `run(ofNode:)` names it).
    public static func worker(_ index: Int, of node: String = thisNode) -> String { "\(node)/worker-\(index)" }
}
