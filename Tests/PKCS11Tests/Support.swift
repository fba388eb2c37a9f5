import Foundation
import PKCS11
import TestSupport

/// A freshly initialised SoftHSM2 token of this test process.
struct Token {
    let label: String
    let userPIN: String
    let soPIN: String
    let slot: Slot
}

extension SoftHSMFixture {
    /// SoftHSM2, loaded once per process (the fixture exists, so `SOFTHSM2_CONF` is set).
    func module() throws -> PKCS11Module {
        try PKCS11Module.shared(path: modulePath)
    }

    /// Initialises a new token with a unique label in SoftHSM2's free slot, with random PINs.
    func freshToken(prefix: String) throws -> Token {
        let module = try module()
        let (label, userPIN, soPIN) = freshCredentials(prefix: prefix)
        let slot = try module.initializeTokenInFreeSlot(label: label, soPIN: soPIN, userPIN: userPIN)
        return Token(label: label, userPIN: userPIN, soPIN: soPIN, slot: slot)
    }

    /// A read-write session with a fresh token, logged in as the user.
    func loggedInSession(prefix: String) throws -> (token: Token, session: Session) {
        let token = try freshToken(prefix: prefix)
        let session = try module().openSession(tokenLabel: token.label, readWrite: true)
        try session.login(userPIN: token.userPIN)
        return (token, session)
    }
}
