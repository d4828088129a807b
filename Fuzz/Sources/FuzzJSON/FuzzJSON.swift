// The JSON reader: any bytes either parse or throw `JSONSyntaxError`; what parses writes back
// to JSON that parses to the same value, and the located tree holds the same value.
import FuzzSupport
import RecipeData

private let limits: JSONLimits = {
    var limits = JSONLimits.default
    limits.maxDepth = 64
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let value = try? JSONParser.parseValue(bytes, limits: limits)
    let node = try? JSONParser.parseNode(SourceFile(path: "fuzz.json", bytes: bytes), limits: limits)
    require((value == nil) == (node == nil), "parseValue and parseNode disagree on validity")
    guard let value, let node else { return 0 }
    require(node.value == value, "the located tree and the fast value differ")
    let written = value.jsonBytes()
    let reread = try? JSONParser.parseValue(written)
    require(reread == value, "writing and re-reading changed the value: \(String(decoding: written, as: UTF8.self))")
    return 0
}
