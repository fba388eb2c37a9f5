// mds-audit: the offline audit of a capture journal. Needs only the database file (and, for a trust decision
// independent of the file, the journal's note verifier key).
import Foundation
import ServiceKit

let arguments = Array(CommandLine.arguments.dropFirst())
let code: ExitCode
switch arguments.first {
case "verify": code = AuditCommands.guarded { try AuditCommands.verify(Array(arguments.dropFirst())) }
case "replay": code = AuditCommands.guarded { try AuditCommands.replay(Array(arguments.dropFirst())) }
case "export": code = AuditCommands.guarded { try AuditCommands.export(Array(arguments.dropFirst())) }
case "prove": code = AuditCommands.guarded { try AuditCommands.prove(Array(arguments.dropFirst())) }
case "consistency": code = AuditCommands.guarded { try AuditCommands.consistency(Array(arguments.dropFirst())) }
case "tiles": code = AuditCommands.guarded { try AuditCommands.tiles(Array(arguments.dropFirst())) }
case "bench": code = AuditCommands.guarded { try BenchCommand.run(Array(arguments.dropFirst())) }
case "help", "--help", "-h": print(AuditCommands.usage); code = .success
default:
    FileHandle.standardError.write(Data("\(AuditCommands.usage)\n".utf8))
    code = .usage
}
exit(code.rawValue)
