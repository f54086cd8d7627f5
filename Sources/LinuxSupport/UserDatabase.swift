import Glibc

/// Thin wrappers over the user and group databases (`getpwuid_r`, `getgrnam_r`) and the
/// process's groups.
public enum UserDatabase {
    /// The name of the process's effective user, or its number when it has no name.
    public static func effectiveUserName() -> String {
        let uid = geteuid()
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return String(uid)
        }
        return String(cString: name)
    }

    /// The id of group `name` (a name, or a number); nil when no such group exists.
    public static func groupID(named name: String) throws(SystemError) -> gid_t? {
        if let number = gid_t(name) { return number }
        var group = Glibc.group()
        var result: UnsafeMutablePointer<Glibc.group>?
        var size = 1024
        while true {
            var buffer = [CChar](repeating: 0, count: size)
            let code = getgrnam_r(name, &group, &buffer, buffer.count, &result)
            if code == ERANGE, size < 1 << 20 {
                size *= 4
                continue
            }
            if code == EINTR { continue }
            // "Not found" is a nil result with 0 (or, with some NSS modules, ENOENT/ESRCH).
            if result != nil { return group.gr_gid }
            if code == 0 || code == ENOENT || code == ESRCH || code == EBADF || code == EPERM { return nil }
            throw SystemError(errno: code, reason: "getgrnam_r(\(name))")
        }
    }

    /// Whether this process may give its files group `gid` without privileges: it is its
    /// effective group or one of its supplementary groups (or the process is root).
    public static func processCanUseGroup(_ gid: gid_t) -> Bool {
        if geteuid() == 0 || getegid() == gid { return true }
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        let filled = getgroups(count, &groups)
        return filled > 0 && groups.prefix(Int(filled)).contains(gid)
    }
}
