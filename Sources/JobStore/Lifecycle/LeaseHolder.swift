import Glibc

/// The names of lease holders (`ocr_jobs.locked_by`): `<host>:<pid>/worker-<n>`. A process
/// is a node; its name is unique among the nodes of a store for as long as it lives, and a
/// restarted node is a new holder, so a lease its previous run held is not taken for its own.
public enum LeaseHolder {
    /// This process as a node. The host's name from gethostname(2): Foundation's `hostName`
    /// may ask DNS, which a host with a broken resolver answers only after seconds.
    public static let thisNode: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count - 1) == 0 ? String(cString: buffer) : "localhost"
        return "\(host):\(getpid())"
    }()

    /// Worker `index` of `node`.
    public static func worker(_ index: Int, of node: String = thisNode) -> String { "\(node)/worker-\(index)" }
}
