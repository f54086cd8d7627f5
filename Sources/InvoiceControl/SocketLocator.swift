import Foundation
import Yams

/// Finds the daemon's socket the way the daemon decides it: `--socket`, else
/// `INVOICED_SOCKET`, else the config file's `socket` (or `data_dir` + `/invoiced.sock`),
/// else the first that exists of `./data/invoiced.sock` (a checkout's `make run`) and
/// `/run/invoiced/invoiced.sock` (the systemd service).
enum SocketLocator {
    static func locate(flag: String?, config: String?, environment: [String: String], workingDirectory: String) -> String {
        if let flag, !flag.isEmpty { return absolute(flag, workingDirectory) }
        if let env = environment["INVOICED_SOCKET"], !env.isEmpty { return absolute(env, workingDirectory) }
        let candidates = [config, environment["INVOICED_CONFIG"], "\(workingDirectory)/config/invoiced.yaml", "/etc/invoiced/invoiced.yaml"]
        for case let file? in candidates where FileManager.default.isReadableFile(atPath: file) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let yaml = (try? Yams.load(yaml: text)) as? [String: Any] else { continue }
            if let socket = yaml["socket"] as? String, !socket.isEmpty { return absolute(socket, workingDirectory) }
            let dataDir = environment["INVOICED_DATA_DIR"] ?? (yaml["data_dir"] as? String)
            if let dataDir, !dataDir.isEmpty { return absolute(dataDir, workingDirectory) + "/invoiced.sock" }
        }
        let local = "\(workingDirectory)/data/invoiced.sock"
        if FileManager.default.fileExists(atPath: local) { return local }
        return "/run/invoiced/invoiced.sock"
    }

    private static func absolute(_ path: String, _ folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: "\(folder)/\(path)").standardizedFileURL.path
    }
}
