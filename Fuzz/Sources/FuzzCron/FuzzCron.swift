// The cron parser and the next-fire-time search: any text parses or gives a positioned
// error; a schedule's normalized form parses to the same schedule, and the next fire time
// (from a date between 1970 and 2100, in one of a few zones with and without DST) is later.
import Foundation
import FuzzSupport
import RecipeData

private let zones = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia"]
    .compactMap { TimeZone(identifier: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    // Bytes 0–4: the start date and the zone; the rest is the expression.
    guard bytes.count >= 5 else { return 0 }
    let seconds = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    let start = Date(timeIntervalSince1970: Double(seconds) + Double(bytes[4] % 3) * Double(UInt32.max))
    let zone = zones[Int(bytes[4] / 3) % zones.count]
    let text = String(decoding: bytes[5...], as: UTF8.self)
    guard let schedule = try? CronSchedule(parsing: text) else { return 0 }
    let normalized = schedule.description
    require((try? CronSchedule(parsing: normalized)) == schedule, "'\(text)' normalizes to '\(normalized)', which differs")
    if let next = schedule.nextDate(after: start, in: zone) {
        require(next > start, "'\(text)' next fire \(next) is not after \(start)")
    }
    return 0
}
