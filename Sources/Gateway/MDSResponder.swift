import Foundation
public import HTTPCore
import JSON
import MDSModel
public import ServiceKit

/// The MDS HTTP API: policy first, then the MOSIP method on its path.
public struct MDSResponder: HTTPResponder {
    public let policy: RequestPolicy
    public let documents: DeviceDocuments
    public let captures: CaptureCoordinator?
    public let logger: Logger

    public init(policy: RequestPolicy, documents: DeviceDocuments, captures: CaptureCoordinator?, logger: Logger) {
        self.policy = policy
        self.documents = documents
        self.captures = captures
        self.logger = logger
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        switch policy.evaluate(request) {
        case let .answer(status, headers):
            if status == 403 {
                logger.notice("request refused", [("http.method", request.method), ("http.host", request.headers["Host"] ?? "-"),
                                                  ("http.origin", request.headers["Origin"] ?? "-")])
            }
            return HTTPResponse(status: status, headers: HTTPHeaders(headers.map { (name: $0.0, value: $0.1) }))
        case let .proceed(corsOrigin):
            var response = route(request)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            response.headers.replaceOrAdd(name: "Location", value: documents.callbackId)
            if response.headers["Connection"] == nil { response.headers.replaceOrAdd(name: "Connection", value: "close") }
            if let corsOrigin {
                response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: corsOrigin)
                response.headers.replaceOrAdd(name: "Vary", value: "Origin")
            }
            return response
        }
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        switch (request.method, path) {
        case ("MOSIPDISC", "/device"): return discover(request)
        case ("MOSIPDINFO", "/info"): return info()
        case ("CAPTURE", "/capture") where captures != nil: return capture(request, method: .capture)
        case ("RCAPTURE", "/capture") where captures != nil: return capture(request, method: .registrationCapture)
        // STREAM, and GET for a browser's <img> (which cannot send a body: the request comes in the query).
        case ("STREAM", "/stream") where captures != nil: return stream(StreamRequestValidator.fields(json: request.body))
        case ("GET", "/stream") where captures != nil: return stream(StreamRequestValidator.fields(query: request.query))
        default:
            // The mock's answer for anything it does not serve (mosip-clients.md §a.1).
            return .json(JSON.array([.object(["error": MDSError.invalidURL.json])]).serialized(), status: 405)
        }
    }

    private func discover(_ request: HTTPRequest) -> HTTPResponse {
        let limits = JSONLimits(maxBytes: 64 * 1024, maxDepth: 8)
        guard !request.bodyExceededLimit, let body = try? JSON(parsing: request.body, limits: limits),
              let type = body["type"]?.stringValue
        else {
            return .json(JSON.array([.object(["error": MDSError.invalidDiscoveryType.json])]).serialized())
        }
        return .json(documents.discovery(type: type).serialized())
    }

    /// CAPTURE (Auth) and RCAPTURE (Registration): validate, then run the capture; every outcome is HTTP 200 with
    /// `{"biometrics":[…]}` (mosip-clients.md §a.4, §a.5, §d).
    private func capture(_ request: HTTPRequest, method: CaptureMethod) -> HTTPResponse {
        guard let captures else { return HTTPResponse(status: 503) }
        let validator = CaptureRequestValidator(devices: documents.registry.devices)
        let outcome = validator.validate(request.body, bodyTooLarge: request.bodyExceededLimit, method: method,
                                         status: documents.registry.status(of:))
        switch outcome {
        case let .success(plan):
            let outcome = captures.run(plan)
            var response = HTTPResponse.json(outcome.body.serialized())
            if !outcome.timings.isEmpty {
                response.headers.add(name: "Server-Timing", value: outcome.timings.map { String(format: "%@;dur=%.1f", $0.0, $0.1) }
                    .joined(separator: ", "))
            }
            return response
        case let .failure(error):
            logger.info("capture request rejected", [("http.method", method.rawValue), ("error.code", error.code)])
            // Echo the request's specVersion when it has one (the reg-client compares it), else "".
            let specVersion = (try? JSON(parsing: request.body))?["specVersion"]?.stringValue ?? ""
            return .json(CaptureCoordinator.errorBody(error, method: method, specVersion: specVersion).serialized())
        }
    }

    /// STREAM: errors are a JSON object (not an array) in a 200, as the mock answers them (mosip-clients.md §a.6).
    private func stream(_ fields: [String: String]?) -> HTTPResponse {
        guard let captures, let hub = captures.previews else { return HTTPResponse(status: 503) }
        switch StreamRequestValidator.validate(fields, devices: documents.registry.devices, status: documents.registry.status(of:)) {
        case let .failure(error):
            return .json(error.json.serialized())
        case let .success(plan):
            logger.info("stream opened", [("device.id", plan.device.deviceId), ("device.sub_id", "\(plan.subId)")])
            return .preview(PreviewStream(plan: plan, hub: hub, pipeline: captures.pipeline))
        }
    }

    private func info() -> HTTPResponse {
        do {
            return .json(try documents.deviceInfo().serialized())
        } catch {
            logger.error("device info signing failed", [("error", "\(error)")])
            let failure = MDSError(code: "510", info: "Device service signing unavailable")
            return .json(JSON.array([.object(["deviceInfo": "", "error": failure.json])]).serialized())
        }
    }
}
