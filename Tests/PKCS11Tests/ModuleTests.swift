import Foundation
import Synchronization
import PKCS11
import Testing
import TestSupport

@Suite struct ModuleTests {
    let fixture = SoftHSMFixture.shared

    @Test func fixtureConfiguresSoftHSMOncePerProcess() throws {
        #expect(fixture.isModuleInstalled)
        #expect(ProcessInfo.processInfo.environment["SOFTHSM2_CONF"] == fixture.configurationPath)
        let configuration = try String(contentsOfFile: fixture.configurationPath, encoding: .utf8)
        if let directory = fixture.directory {
            #expect(configuration.contains("directories.tokendir = \(directory)/tokens"))
            #expect(configuration.contains("objectstore.backend = file"))
        }
        #expect(SoftHSMFixture.shared === fixture)
        #expect(try PKCS11Module.shared(path: fixture.modulePath) === fixture.module())
    }

    @Test func sharedIsOneInstancePerLibraryEvenThroughASymlink() throws {
        let shared = try fixture.module()
        // Debian's /usr/lib/softhsm/libsofthsm2.so is a symbolic link to the multiarch library.
        let target = "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"
        try #require(FileManager.default.fileExists(atPath: target))
        #expect(try PKCS11Module.shared(path: target) === shared)
        #expect(try PKCS11Module.shared(path: "/usr/lib/softhsm/../softhsm/libsofthsm2.so") === shared)
    }

    @Test func secondInstanceFindsTheModuleInitializedAndLeavesItSo() throws {
        let shared = try fixture.module()
        let token = try fixture.freshToken(prefix: "second")
        do {
            // C_Initialize answers CKR_CRYPTOKI_ALREADY_INITIALIZED, which counts as success …
            let second = try PKCS11Module(path: fixture.modulePath)
            #expect(second !== shared)
            #expect(try second.slot(tokenLabel: token.label) != nil)
        }
        // … and releasing that instance did not C_Finalize the module under everyone else.
        #expect(try shared.slot(tokenLabel: token.label) != nil)
        let session = try shared.openSession(tokenLabel: token.label)
        try session.login(userPIN: token.userPIN)
    }

    @Test func nonexistentModuleThrowsTheLoaderError() {
        let path = "/nonexistent/libnothing-pkcs11.so"
        #expect {
            try PKCS11Module(path: path)
        } throws: { error in
            guard case let .moduleNotLoadable(failedPath, reason) = error as? PKCS11Error else { return false }
            return failedPath == path && reason.contains("libnothing-pkcs11.so") && reason.contains("No such file")
        }
        #expect(throws: PKCS11Error.self) { try PKCS11Module.shared(path: path) }
    }

    @Test func libraryWithoutCryptokiIsNotAModule() {
        // libc loads fine but exports no C_GetFunctionList.
        #expect {
            try PKCS11Module(path: "libc.so.6")
        } throws: { error in
            guard case let .moduleNotLoadable(_, reason) = error as? PKCS11Error else { return false }
            return reason.contains("C_GetFunctionList")
        }
    }

    @Test func initializedTokenIsFoundByLabelInANewSlot() throws {
        let module = try fixture.module()
        let token = try fixture.freshToken(prefix: "init")
        #expect(token.slot.tokenLabel == token.label)
        #expect(token.slot.isTokenPresent)
        #expect(token.slot.isTokenInitialized)
        #expect(token.slot.isUserPINInitialized)
        #expect(!token.slot.serialNumber.isEmpty)
        #expect(!token.slot.serialNumber.hasSuffix(" "))

        let found = try #require(try module.slot(tokenLabel: token.label))
        #expect(found == token.slot)
        #expect(try module.slots(tokenPresent: true).filter { $0.tokenLabel == token.label }.count == 1)
        // SoftHSM2 always offers one more, uninitialised token (other tests initialise tokens meanwhile: the free slot
        // may be in use for a moment, and the slot count only grows, so count the present ones first).
        var free = false
        for _ in 0..<200 where !free {
            free = try module.slots(tokenPresent: true).contains { !$0.isTokenInitialized }
            if !free { usleep(5_000) }
        }
        #expect(free)
        let present = try module.slots(tokenPresent: true).count
        #expect(try module.slots(tokenPresent: false).count >= present)
        #expect(try module.slot(tokenLabel: token.label + "x") == nil)
        #expect(try module.slot(tokenLabel: String(token.label.dropLast())) == nil)

        // The new token works with both PINs as set.
        let session = try module.openSession(slotID: found.id)
        try session.login(userPIN: token.userPIN)
        try session.logout()
    }

    @Test func tokensInitialisedAtOnceFromManyThreadsAreAllDistinct() throws {
        let module = try fixture.module()
        let credentials = (0..<6).map { _ in fixture.freshCredentials(prefix: "parallel") }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: credentials.count) { i in
            let (label, userPIN, soPIN) = credentials[i]
            do {
                try module.initializeTokenInFreeSlot(label: label, soPIN: soPIN, userPIN: userPIN)
            } catch {
                failures.withLock { $0.append("\(label): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        // Each token exists once, in a slot of its own, and opens with its own PIN.
        let slots = try credentials.map { try #require(try module.slot(tokenLabel: $0.label)) }
        #expect(Set(slots.map(\.id)).count == credentials.count)
        for (slot, (_, userPIN, _)) in zip(slots, credentials) {
            let session = try module.openSession(slotID: slot.id)
            try session.login(userPIN: userPIN)
        }
    }

    @Test func tokenLabelLongerThan32BytesIsRejectedBeforeTheCall() throws {
        let module = try fixture.module()
        #expect {
            try module.initializeToken(slotID: 0, label: String(repeating: "x", count: 33), soPIN: "1234", userPIN: "1234")
        } throws: { error in
            guard case .invalidArgument = error as? PKCS11Error else { return false }
            return true
        }
    }

    @Test func unknownTokenLabelThrowsTokenNotFound() throws {
        let module = try fixture.module()
        #expect(throws: PKCS11Error.tokenNotFound(label: "no such token here")) {
            try module.openSession(tokenLabel: "no such token here")
        }
    }

    @Test func invalidSlotIsReportedWithFunctionAndName() throws {
        let module = try fixture.module()
        let error = #expect(throws: PKCS11Error.self) { try module.openSession(slotID: 0xDEAD_BEEF) }
        #expect(error == .call(function: "C_OpenSession", returnValue: .slotIDInvalid))
        #expect(error?.description == "C_OpenSession failed: CKR_SLOT_ID_INVALID (0x00000003)")
    }

    @Test func returnValueNames() {
        #expect(ReturnValue.pinIncorrect.name == "CKR_PIN_INCORRECT")
        #expect(ReturnValue.pinIncorrect.description == "CKR_PIN_INCORRECT (0x000000A0)")
        #expect(ReturnValue.attributeSensitive.rawValue == 0x11)
        #expect(ReturnValue(rawValue: 0x8000_0001).name == "CKR_VENDOR_DEFINED+0x1")
        #expect(ReturnValue(rawValue: 0x7777).name == nil)
        #expect(ReturnValue(rawValue: 0x7777).description == "CK_RV 0x00007777")
    }
}
