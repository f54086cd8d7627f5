import Foundation
import TestSupport

/// A network namespace of the test's own, joined to this host by a veth pair: a process run
/// in it (`launcher`) reaches the host at `hostAddress` only, over a link the test can cut
/// (`cut`) as a pulled cable or a dead switch would, without a word to either end. Needs
/// root (CAP_NET_ADMIN and CAP_SYS_ADMIN), as the tests run. Removed when released.
final class NetworkNamespace {
    let name: String
    /// This host's end of the link.
    let hostAddress: String
    /// The namespace's end.
    let innerAddress: String
    private let hostLink: String

    init() throws {
        // Names of at most 15 characters; a /30 of its own in 10.200.0.0/13, so that runs of
        // other checkouts on this machine do not meet.
        let tag = String(UInt32.random(in: 0..<0xFFFFFF), radix: 16)
        name = "invoiced-\(tag)"
        hostLink = "ivh\(tag)"
        let block = UInt32.random(in: 0..<(1 << 17)) * 4
        let base = (10 << 24) | (200 << 16) + block
        func address(_ value: UInt32) -> String { "\(value >> 24).\((value >> 16) & 255).\((value >> 8) & 255).\(value & 255)" }
        hostAddress = address(base + 1)
        innerAddress = address(base + 2)
        try Self.ip(["netns", "add", name])
        do {
            try Self.ip(["link", "add", hostLink, "type", "veth", "peer", "name", "ivn\(tag)"])
            try Self.ip(["link", "set", "ivn\(tag)", "netns", name])
            try Self.ip(["addr", "add", "\(hostAddress)/30", "dev", hostLink])
            try Self.ip(["link", "set", hostLink, "up"])
            try Self.ip(["-n", name, "addr", "add", "\(innerAddress)/30", "dev", "ivn\(tag)"])
            try Self.ip(["-n", name, "link", "set", "ivn\(tag)", "up"])
            try Self.ip(["-n", name, "link", "set", "lo", "up"])
        } catch {
            try? Self.ip(["link", "del", hostLink])
            try? Self.ip(["netns", "del", name])
            throw error
        }
    }

    /// The namespace's end as a block, for a server's list of allowed clients.
    var clients: String { "\(innerAddress)/32" }

    /// The program and arguments that run a program inside.
    var launcher: [String] { ["/usr/sbin/ip", "netns", "exec", name] }

    /// Takes the link down: packets are lost both ways, and neither end is told.
    func cut() throws { try Self.ip(["link", "set", hostLink, "down"]) }

    /// Brings the link back.
    func restore() throws { try Self.ip(["link", "set", hostLink, "up"]) }

    deinit {
        try? Self.ip(["link", "del", hostLink])
        try? Self.ip(["netns", "del", name])
    }

    private static func ip(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("ip \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): "
                              + "\(String(decoding: message, as: UTF8.self)); the test needs root with CAP_NET_ADMIN")
        }
    }
}
