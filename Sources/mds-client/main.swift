// mds-client: find MOSIP device services on 127.0.0.1 the way MOSIP's registration client does, print their
// devices, and verify every signature against the development PKI (or any trust bundle).
import Foundation
import ServiceKit

let arguments = Array(CommandLine.arguments.dropFirst())
let code: ExitCode
switch arguments.first {
case "discover": code = ClientCommands.discover(Array(arguments.dropFirst()))
case "info": code = ClientCommands.info(Array(arguments.dropFirst()))
case "capture": code = ClientCommands.guarded { try CaptureCommands.capture(Array(arguments.dropFirst())) }
case "rcapture": code = ClientCommands.guarded { try CaptureCommands.rcapture(Array(arguments.dropFirst())) }
case "verify": code = ClientCommands.guarded { try CaptureCommands.verify(Array(arguments.dropFirst())) }
case "decrypt": code = ClientCommands.guarded { try CaptureCommands.decrypt(Array(arguments.dropFirst())) }
case "bench": code = ClientCommands.guarded { try BenchCommand.run(Array(arguments.dropFirst())) }
case "help", "--help", "-h", nil: print(ClientCommands.usage); code = arguments.isEmpty ? .usage : .success
case let other?:
    FileHandle.standardError.write(Data("mds-client: unknown command '\(other)'\n\(ClientCommands.usage)\n".utf8))
    code = .usage
}
exit(code.rawValue)
