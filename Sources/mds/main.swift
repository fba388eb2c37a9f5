// mds: the MOSIP Device Service. `mds run` supervises the stages; `mds <stage>` is how the supervisor (or a
// compose service, or a systemd unit) starts one stage as its own process.
import Foundation
import ServiceKit

let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "run"
let rest = Array(arguments.dropFirst())

let code: ExitCode
switch command {
case "run": code = Commands.supervise(rest)
case "journal", "signer", "sensor", "quality", "encoder", "gateway": code = Commands.stage(command, rest)
case "config": code = Commands.printConfiguration(rest)
case "ping": code = Commands.ping(rest)
case "version", "--version": print("mds \(Commands.version) (MDS spec 0.9.5)"); code = .success
case "help", "--help", "-h": print(Commands.usage); code = .success
default:
    FileHandle.standardError.write(Data("mds: unknown command '\(command)'\n\n\(Commands.usage)\n".utf8))
    code = .usage
}
exit(code.rawValue)
