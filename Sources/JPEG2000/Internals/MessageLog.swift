internal import COpenJPEG

/// Collects OpenJPEG's messages for one codec instead of letting them reach stdout/stderr.
///
/// OpenJPEG reports through per-codec callbacks (`opj_set_error_handler` & co.). We install handlers that keep
/// only the last error and warning text, which ends up in the thrown ``JPEG2000Error``'s reason. OpenJPEG's
/// messages describe markers, sizes and offsets, never sample values.
final class MessageLog {
    private(set) var lastError: String?
    private(set) var lastWarning: String?

    /// Installs the handlers on `codec`. The log must outlive the codec (callers keep it alive with
    /// `withExtendedLifetime`), because OpenJPEG stores the unretained pointer.
    func install(on codec: CodecHandle) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        opj_set_info_handler(codec, { _, _ in }, nil)
        opj_set_warning_handler(codec, { message, context in
            guard let context else { return }
            Unmanaged<MessageLog>.fromOpaque(context).takeUnretainedValue().lastWarning = MessageLog.text(message)
        }, context)
        opj_set_error_handler(codec, { message, context in
            guard let context else { return }
            Unmanaged<MessageLog>.fromOpaque(context).takeUnretainedValue().lastError = MessageLog.text(message)
        }, context)
    }

    /// `reason` followed by OpenJPEG's last error (or warning) message, if any.
    func reason(_ reason: String) -> String {
        if let detail = lastError ?? lastWarning { return "\(reason): \(detail)" }
        return reason
    }

    private static func text(_ message: UnsafePointer<CChar>?) -> String? {
        guard let message else { return nil }
        var text = String(cString: message)
        while text.last?.isNewline == true { text.removeLast() }
        return String(text.prefix(200))
    }
}
