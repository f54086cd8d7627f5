import Glibc
import LinuxSupport

/// Who may use the API socket: its mode (`socket_mode`) and group (`socket_group`), applied
/// right after binding. The group is resolved before anything starts, so that a group that
/// does not exist stops the daemon with a clear message instead of a half-started service.
struct SocketAccess: Sendable {
    let mode: mode_t
    let groupID: gid_t?

    /// Resolves `config.socketGroup`; throws when the group does not exist or this process
    /// cannot give files to it (not root, not a member).
    init(config: DaemonConfig) throws {
        mode = mode_t(config.socketMode)
        guard let name = config.socketGroup else {
            groupID = nil
            return
        }
        let gid: gid_t?
        do {
            gid = try UserDatabase.groupID(named: name)
        } catch {
            throw ConfigError("cannot look up socket_group '\(name)': \(error)")
        }
        guard let gid else {
            throw ConfigError("socket_group '\(name)' does not exist; create the group (the sysusers snippet in systemd/ does) or change socket_group")
        }
        guard UserDatabase.processCanUseGroup(gid) else {
            throw ConfigError("socket_group '\(name)': the daemon's user is not a member of the group, so it cannot give the socket to it; add it (SupplementaryGroups= in the unit) or change socket_group")
        }
        groupID = gid
    }

    /// Sets the socket's group, then its mode.
    func apply(to path: String) throws(SystemError) {
        if let groupID { try FileSystem.setGroup(path, groupID) }
        try FileSystem.setMode(path, mode)
    }
}
