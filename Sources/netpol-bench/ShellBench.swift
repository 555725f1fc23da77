import Foundation
import NetpolSynthetic

/// Times the shell as a user meets it: the built `netpol shell` on a generated cluster and its
/// policies, start-up (load and first command read) and each step of a scripted session.
/// Each command is followed by an unknown command whose error line on standard error marks the
/// end of its output; standard output goes to a file that is checked afterwards.
struct ShellBench {
  /// What one run measured.
  struct Figures {
    /// Seconds from launch to the first command's answer.
    var startup: Double
    /// Seconds per step, in script order.
    var steps: [(command: String, seconds: Double)]
    /// Whether every step printed a change preview and no unexpected error.
    var problems: [String]
  }

  /// The scripted session: recipes, a drafted policy with rules, a pod label, a removal, undo
  /// and redo, and switches of dataplane.
  static func script(for cluster: GeneratedCluster) -> [String] {
    let namespaces = cluster.applicationNamespaces
    let first = namespaces.first ?? "default"
    let second = namespaces.dropFirst().first ?? first
    let pod = cluster.firstPods[first] ?? "\(first)/missing"
    return [
      "recipe default-deny-ingress -n \(first) --name bench-deny",
      "recipe allow-dns -n \(first) --name bench-dns",
      "policy bench-api -n \(first)",
      "allow ingress from pods tier=frontend port 8080",
      "select tier=backend",
      "allow egress to pods k8s-app=kube-dns in ns kube-system port 53/UDP 53/TCP",
      "label \(pod) bench=yes",
      "recipe default-deny-ingress -n \(second) --name bench-deny-2",
      "rm \(first)/bench-deny",
      "undo",
      "redo",
      "use cilium",
      "use kubernetes",
    ]
  }

  /// Runs the script on `cluster` with the binary at `netpol`; `nil` when it could not start.
  static func run(netpol: URL, cluster: GeneratedCluster, folder: URL) -> Figures? {
    let clusterFile = folder.appendingPathComponent("cluster.yaml")
    let policyFile = folder.appendingPathComponent("policies.yaml")
    let outputFile = folder.appendingPathComponent("shell-output.txt")
    do {
      try Data(cluster.clusterYAML.utf8).write(to: clusterFile)
      try Data(cluster.policiesYAML.utf8).write(to: policyFile)
      try Data().write(to: outputFile)
    } catch {
      print("shell: cannot write the generated cluster in \(folder.path): \(error)")
      return nil
    }
    let process = Process()
    process.executableURL = netpol
    process.arguments = [
      "shell", "--keep-going", "--cluster", clusterFile.path, "-f", policyFile.path,
    ]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    guard let output = try? FileHandle(forWritingTo: outputFile) else { return nil }
    process.standardOutput = output
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      try process.run()
    } catch {
      print("shell: cannot start \(netpol.path): \(error)")
      return nil
    }
    var reader = LineReader(fd: errors.fileHandleForReading.fileDescriptor)
    var problems: [String] = []
    var line = 0
    /// Sends `command` and the marker; returns the seconds until the marker's error arrives.
    func send(_ command: String?) -> Double? {
      let begin = DispatchTime.now().uptimeNanoseconds
      var text = ""
      if let command {
        text += command + "\n"
        line += 1
      }
      line += 1
      text += "bench-marker\n"
      do {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
      } catch {
        return nil
      }
      while let received = reader.next() {
        if received.hasPrefix("-:\(line):") { return Self.seconds(since: begin) }
        if !received.contains("bench-marker") { problems.append(received) }
      }
      return nil
    }
    guard send(nil) != nil else {
      print("shell: netpol shell did not answer; its errors: \(problems.prefix(3))")
      return nil
    }
    let startup = Self.seconds(since: start)
    var steps: [(String, Double)] = []
    for command in script(for: cluster) {
      guard let seconds = send(command) else {
        problems.append("no answer to `\(command)`")
        break
      }
      steps.append((command, seconds))
    }
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    let printed = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    let previews = printed.components(separatedBy: "\n").filter {
      $0.contains("now denied") || $0.contains("now allowed") || $0 == "no flow changed"
    }
    if previews.isEmpty { problems.append("no step printed a change preview") }
    return Figures(startup: startup, steps: steps, problems: problems)
  }

  static func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
}

/// Lines read from a file descriptor with read(2).
struct LineReader {
  let fd: Int32
  var buffer: [UInt8] = []

  /// The next line without its newline, or `nil` at the end of input.
  mutating func next() -> String? {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = read(fd, &chunk, chunk.count)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        guard !buffer.isEmpty else { return nil }
        defer { buffer.removeAll() }
        return String(decoding: buffer, as: UTF8.self)
      }
      buffer += chunk[..<count]
    }
  }
}
