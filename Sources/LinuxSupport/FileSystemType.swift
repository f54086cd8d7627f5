import CLinux
import Glibc

/// The file system a path lives on, from `statfs(2)`'s magic number: enough to tell a
/// network mount, where inotify does not see other machines' writes.
public enum FileSystemType: Sendable, Equatable {
    case local(String)
    case network(String)

    /// Magic numbers from linux/magic.h and the file systems' sources.
    private static let network: [Int: String] = [
        0x6969: "NFS", 0xFF53_4D42: "CIFS", 0xFE53_4D42: "SMB2", 0x517B: "SMB", 0x6573_5546: "FUSE",
        0x0102_1997: "9P", 0x5346_414F: "AFS", 0x0027_E0EB: "CGROUP", 0x0BD0_0BD0: "LUSTRE", 0x4750_4653: "GPFS",
        0x0013_0C0C: "CEPH", 0x00C3_6400: "CEPH",
    ]
    private static let local: [Int: String] = [
        0xEF53: "ext4", 0x5846_5342: "xfs", 0x9123_683E: "btrfs", 0x0102_1994: "tmpfs", 0x794C_7630: "overlay",
        0x2FC1_2FC1: "zfs", 0x4D44: "vfat",
    ]

    /// The type of the file system holding `path`.
    public static func of(_ path: String) throws(SystemError) -> FileSystemType {
        var info = statfs()
        try SystemCall.retrying("statfs(\(path))") { statfs(path, &info) }
        let magic = Int(UInt32(truncatingIfNeeded: info.f_type))
        // CGROUP is not a network file system; it is listed only so it is not called local.
        if let name = network[magic], name != "CGROUP" { return .network(name) }
        return .local(local[magic] ?? "0x" + String(magic, radix: 16, uppercase: true))
    }

    /// Whether inotify misses writes made by other machines on this file system.
    public var isNetwork: Bool {
        if case .network = self { return true }
        return false
    }
}
