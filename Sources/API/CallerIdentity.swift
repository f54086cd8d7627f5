import Glibc
import HTTPTypes
import LinuxSupport

/// Whose name a request on the Unix socket may use as `user_id` (chat history, "vừa upload"):
/// the caller's own login, taken from the socket's peer credentials, whatever it claims. Root
/// and the daemon's own user may name anyone: they could read the database anyway, and a
/// front end running as the daemon's user speaks for its own users. Over TCP there are no
/// credentials and the claim stands (the TCP listener is loopback-only or token-protected).
struct CallerIdentity: Sendable {
    /// The daemon's user id.
    var daemonUID: UInt32 = getuid()
    /// Login names by user id.
    var userName: @Sendable (UInt32) -> String? = { UserDatabase.userName(of: $0) }

    /// The `user_id` to use for a request that `claimed` one (or none) from `peer`; throws 403
    /// when the caller names someone else.
    func userId(claimed: String?, peer: PeerCredentials?) throws -> String? {
        guard let peer, peer.uid != 0, peer.uid != daemonUID else { return claimed }
        let own = userName(peer.uid) ?? String(peer.uid)
        if let claimed, claimed != own {
            throw APIError(.forbidden, "user_id '\(claimed)' is not yours: on this socket your user_id is your login name, '\(own)'")
        }
        return own
    }
}
