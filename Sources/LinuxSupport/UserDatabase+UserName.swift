import Glibc

extension UserDatabase {
    /// The login name of user `uid`; nil when the user database has no such user.
    public static func userName(of uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var size = 4096
        while true {
            var buffer = [CChar](repeating: 0, count: size)
            let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
            // A long entry (many groups, a long GECOS) needs a larger buffer.
            if status == ERANGE && size < 1 << 20 { size *= 4; continue }
            guard status == 0, result != nil, let name = entry.pw_name else { return nil }
            return String(cString: name)
        }
    }
}
