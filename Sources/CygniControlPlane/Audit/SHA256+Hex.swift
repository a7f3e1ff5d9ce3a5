import Crypto
import Foundation

extension SHA256 {
    /// The digest of `text`'s UTF-8 as 64 lowercase hex digits: how hashes are stored and compared.
    static func hex(_ text: String) -> String {
        hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
