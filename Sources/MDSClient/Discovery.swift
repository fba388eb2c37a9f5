import Dispatch
import Foundation
public import JSON
import MDSModel
import Synchronization

/// A device service found on a port.
public struct FoundService: Sendable {
    public let port: Int
    public let discovery: JSON
}

/// Finds device services the way MOSIP's registration client does: every port in the range (4501–4600 by default)
/// that accepts a TCP connection is asked MOSIPDISC; a few ports are probed at once.
public enum ServiceScanner {
    public static func scan(ports: ClosedRange<Int> = 4501...4600, type: String = "Biometric Device",
                            timeout: Double = 10) -> [FoundService] {
        let found = Mutex<[FoundService]>([])
        let portList = Array(ports)
        DispatchQueue.concurrentPerform(iterations: portList.count) { i in
            let client = HTTPClient(port: portList[i], timeout: timeout)
            guard client.isListening() else { return }
            let body = JSON.object(["type": .string(type)]).serialized()
            guard let response = try? client.send(method: "MOSIPDISC", path: "/device", body: body), response.status == 200,
                  let json = try? JSON(parsing: response.body), json.arrayValue != nil
            else { return }
            found.withLock { $0.append(FoundService(port: portList[i], discovery: json)) }
        }
        return found.withLock { $0 }.sorted { $0.port < $1.port }
    }
}
