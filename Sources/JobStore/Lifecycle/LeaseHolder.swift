import Foundation

/// The names of lease holders (`ocr_jobs.locked_by`): `<host>:<pid>/worker-<n>`. A process
/// is a node; its name is unique among the nodes of a store for as long as it lives, and a
/// restarted node is a new holder, so a lease its previous run held is not taken for its own.
public enum LeaseHolder {
    /// This process as a node.
    public static let thisNode = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    /// Worker `index` of `node`.
    public static func worker(_ index: Int, of node: String = thisNode) -> String { "\(node)/worker-\(index)" }
}
